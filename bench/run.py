"""`make bench`: speed measurements, each printed as a small table."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import analysis, classprogress, progress, questions, results, study

if __name__ == "__main__":
    questions.main()
    analysis.main()
    study.main()
    results.main()
    progress.main()
    classprogress.main()
