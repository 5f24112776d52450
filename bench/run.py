"""`make bench`: speed measurements, each printed as a small table.

`bench/run.py results progress` runs only the benches named (all of them without a name).
Each bench records its figures in bench.record; the run ends with them as one table and
writes them to bench/results.json."""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import analysis, classprogress, progress, questions, record, results, scale, serve, study

RESULTS = Path(__file__).resolve().parent / "results.json"

BENCHES = {
    "questions": questions.main,
    "analysis": analysis.main,
    "study": study.main,
    "results": results.main,
    "progress": progress.main,
    "classprogress": classprogress.main,
    "serve": serve.main,
    "scale": scale.main,
}

if __name__ == "__main__":
    names = sys.argv[1:] or list(BENCHES)
    if unknown := [name for name in names if name not in BENCHES]:
        sys.exit(f"unknown bench {', '.join(unknown)}: one of {', '.join(BENCHES)}")
    took = {}
    for name in names:
        start = time.perf_counter()
        BENCHES[name]()
        took[name] = time.perf_counter() - start
    print("\nEvery figure of this run (also in bench/results.json):")
    print(record.table())
    record.write(RESULTS)
    print("\nWall time of each bench: " + ", ".join(f"{n} {s:.0f} s" for n, s in took.items()))
