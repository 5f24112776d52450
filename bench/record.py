"""The figures of one `make bench` run: every bench records each figure it measures here;
bench/run.py prints them as one table and writes them to bench/results.json (one key a
figure, so two runs can be compared key by key)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    key: str  # stable, dotted: "<bench>.<what>.<unit>", e.g. "results.page_300x50.median_ms"
    value: float
    unit: str  # "ms", "queries", "req/s", "ratio", "MB", …
    label: str  # what a reader of the table sees, e.g. "results page, 300 learners × 50"
    bench: str


FIGURES: dict[str, Figure] = {}


def record(bench: str, key: str, value: float, *, unit: str, label: str) -> None:
    """Keep one figure of `bench` under `bench.key`; a key recorded twice is a bench's bug."""
    full = f"{bench}.{key}"
    if full in FIGURES:
        raise ValueError(f"bench figure {full} recorded twice")
    FIGURES[full] = Figure(full, float(value), unit, label, bench)


def table() -> str:
    """Every figure of the run, grouped by bench, in the order they were recorded."""
    width = max((len(f.label) for f in FIGURES.values()), default=10)
    lines, bench = [], None
    for figure in FIGURES.values():
        if figure.bench != bench:
            bench = figure.bench
            lines.append(f"\n[{bench}]")
        value = f"{figure.value:,.0f}" if abs(figure.value) >= 100 else f"{figure.value:.3g}"
        lines.append(f"  {figure.label:<{width}}  {value:>12} {figure.unit}")
    return "\n".join(lines)


def write(path: Path) -> None:
    """bench/results.json: {key: value}, plus each key's unit and label under "_meta"."""
    figures = {key: f.value for key, f in FIGURES.items()}
    meta = {key: {"unit": f.unit, "label": f.label} for key, f in FIGURES.items()}
    path.write_text(json.dumps({**figures, "_meta": meta}, ensure_ascii=False, indent=1) + "\n")
