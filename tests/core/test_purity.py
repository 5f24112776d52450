"""learning/core/ is pure: importing any of its modules pulls in neither Django nor the models."""

import subprocess
import sys

from tests.conftest import REPO

CORE = REPO / "learning" / "core"


def core_modules() -> list[str]:
    """Every module of learning/core/, packages and their modules included."""
    names = []
    for path in sorted(CORE.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_core_has_the_modules_callers_import():
    """Guards the guard: the walk finds the core's modules, so the check below checks them."""
    modules = core_modules()
    for name in (
        "values",
        "factbase",
        "questions",
        "grading",
        "scheduling",
        "analysis",
        "csvexport",
        "progress",
    ):
        assert f"learning.core.{name}" in modules


def test_importing_the_core_imports_neither_django_nor_the_models():
    modules = core_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')"
        " or m.startswith('learning.models')))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"


def test_scheduling_is_the_only_importer_of_fsrs():
    importers = [
        path.relative_to(REPO).as_posix()
        for path in sorted((REPO / "learning").rglob("*.py"))
        if any(
            line.startswith(("import fsrs", "from fsrs"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert importers == ["learning/core/scheduling.py"]
