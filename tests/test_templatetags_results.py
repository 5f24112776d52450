"""learning.templatetags.results: the learners table's rows written in Python."""

from learning.templatetags.results import learner_rows


def test_each_learner_row_escapes_every_text_it_shows():
    rows = [
        {
            "name": "<b>amal</b>",
            "url": '/en/x/1/?a=1&b="2"',
            "score": "50%",
            "submitted": "<i>–</i>",
            "status": "late & sorry",
            "answered": "1 / 2",
        }
    ]
    html = learner_rows(rows)
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;b&gt;amal&lt;/b&gt;" in html
    assert 'href="/en/x/1/?a=1&amp;b=&quot;2&quot;"' in html
    assert '<span class="badge">late &amp; sorry</span>' in html
    assert html.count("<tr>") == 1 and html.endswith("<td>1 / 2</td></tr>")


def test_no_learners_make_no_rows():
    assert learner_rows([]) == ""


def test_a_negative_figure_keeps_its_sign_before_it_in_arabic():
    from learning.templatetags.results import figure

    assert figure(-1.0) == "\u2066\u22121.00\u2069"  # isolated left to right, minus sign U+2212
    assert figure(0.456) == "0.46"
    assert figure(-0.001) == "0.00"
    assert figure(None) == "–"
