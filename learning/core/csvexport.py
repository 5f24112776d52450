"""PURE: rows in, the bytes of a CSV file out, safe to open in Excel and LibreOffice.

- UTF-8 with a byte-order mark, exactly one, so both spreadsheets read Arabic as UTF-8
  (without it Excel guesses the local code page). A U+FEFF inside a cell is dropped: it is an
  invisible zero-width no-break space there, and it would hide a formula from the check below.
- Lines end in CRLF, quoting is minimal: the `csv` module's `excel` dialect (RFC 4180).
- Formula injection neutralised (OWASP, "CSV Injection"): a TEXT cell starting with `=`, `+`,
  `-`, `@`, a tab or a carriage return gets a leading `'`, so a spreadsheet shows it as text
  instead of evaluating it. Numbers are written from their own type (int, float, Decimal) and
  never prefixed: a discrimination of -0.12 stays a number a teacher can sort and chart, while a
  title "-0.12" or "=HYPERLINK(…)" given as text is neutralised. None is an empty cell.
- The header row is the caller's, in the teacher's language (resolved at the edge).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal

type Cell = str | int | float | Decimal | None

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_BOM = "\ufeff"


def neutralized(text: str) -> str:
    """The text as a spreadsheet will show it, never run it: a `'` before a formula start."""
    text = text.replace(_BOM, "")
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """The CSV file: the header row, then `rows`, each as long as the header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel")
    writer.writerow([neutralized(name) for name in header])
    for number, row in enumerate(rows, start=1):
        if len(row) != len(header):
            raise ValueError(f"row {number} has {len(row)} cells, the header {len(header)}")
        writer.writerow([_cell(value) for value in row])
    return (_BOM + buffer.getvalue()).encode("utf-8")


def _cell(value: Cell) -> str:
    # bool is an int to Python but not a number a teacher means: refuse it rather than guess.
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError(f"no CSV cell for a bool ({value!r}): pass the text to show")
    if isinstance(value, str):
        return neutralized(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"no CSV cell for {value!r}")
        return repr(value)  # the shortest text that reads back as the same float
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"no CSV cell for {value!r}")
        return format(value, "f")  # plain digits, never an exponent
    raise TypeError(f"no CSV cell for {type(value).__name__} {value!r}")
