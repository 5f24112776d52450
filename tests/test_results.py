"""learning.results: the queries behind an assignment's results, on classes built in the DB."""

import datetime as dt

import pytest

from learning import results
from learning.core import analysis
from learning.core.questions import Question, QuestionKind
from learning.core.questions.question import FALSE, TRUE
from learning.models import Card
from tests.classbuild import submit_class

NOW = dt.datetime(2026, 1, 20, 9, tzinfo=dt.UTC)
ALL_RIGHT = {"fighters": 0, "accounts": 0, "palmyra": 0, "origin": 0}


@pytest.fixture
def assignment(make_assignment):
    return make_assignment(question_count=4, due_at=dt.datetime(2026, 1, 10, tzinfo=dt.UTC))


@pytest.mark.django_db
def test_the_fact_most_got_wrong_comes_first_with_the_option_they_chose(assignment):
    responses = [dict(ALL_RIGHT, accounts=2) for _ in range(4)] + [dict(ALL_RIGHT)] * 2
    submit_class(assignment, responses)
    found = results.results(assignment, lang="en", now=NOW)
    first = found.facts[0]
    assert first.fact.slug == "accounts"
    assert first.stats.facility == pytest.approx(2 / 6)
    [confusion] = first.stats.distractors
    assert (confusion.label, confusion.count) == ("40%", 4)
    assert found.analysis.n == 6 and found.analysis.reliable


@pytest.mark.django_db
def test_the_distractor_label_is_in_the_teachers_language(assignment):
    submit_class(assignment, [dict(ALL_RIGHT, palmyra=1)] * 2)
    [palmyra_ar] = [
        r for r in results.results(assignment, lang="ar", now=NOW).facts if r.fact.slug == "palmyra"
    ]
    [palmyra_en] = [
        r for r in results.results(assignment, lang="en", now=NOW).facts if r.fact.slug == "palmyra"
    ]
    assert palmyra_ar.stats.distractors[0].label == "الموصل"
    assert palmyra_en.stats.distractors[0].label == "Mosul"


@pytest.mark.django_db
def test_late_missing_and_unanswered_learners_are_told_apart(assignment):
    made = submit_class(
        assignment,
        [ALL_RIGHT, {"fighters": 0}, {}],
        submitted=[True, True, False],
    )
    rows = {
        r.learner_id: r.result for r in results.results(assignment, lang="en", now=NOW).learners
    }
    # The due date (10 January) is after the built submissions (5 January): on time.
    assert rows[made[0].pk].status is analysis.Status.SUBMITTED
    assert (rows[made[1].pk].answered, rows[made[1].pk].total) == (1, 4)
    assert rows[made[1].pk].score == pytest.approx(0.25)
    assert rows[made[2].pk].status is analysis.Status.MISSING


@pytest.mark.django_db
def test_a_member_who_never_started_is_missing_after_the_due_date(assignment, learner):
    from learning import teaching

    teaching.join(learner=learner, classroom=assignment.classroom, now=NOW)
    [row] = results.results(assignment, lang="en", now=NOW).learners
    assert row.result.status is analysis.Status.MISSING and not row.started


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sort", "first"),
    [("score", "learner-000"), ("-score", "learner-001"), ("-name", "learner-001")],
)
def test_the_learners_sort_by_the_column_asked_for(assignment, sort, first):
    submit_class(assignment, [{"fighters": 1}, ALL_RIGHT])
    rows = results.results(assignment, lang="en", now=NOW, sort=sort).learners
    assert rows[0].name == first


@pytest.mark.django_db
def test_the_class_recall_counts_only_cards_reviewed(assignment, study_facts):
    made = submit_class(assignment, [ALL_RIGHT, {"fighters": 1}, {}])
    # A card made but never reviewed is not counted: it says nothing of memory.
    Card.objects.create(learner=made[2], fact=study_facts["fighters"], due=NOW, created_at=NOW)
    recall = results.class_recall(assignment, list(study_facts.values()), now=NOW)
    assert recall["fighters"].n == 2
    assert recall["origin"].n == 1
    assert recall["event-0"] == analysis.Recall(None, 0)
    # The right answer left a stabler card than the wrong one: the mean lies between them.
    assert 0.0 < recall["fighters"].mean < 1.0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("before", "days"),
    [
        (dt.timedelta(days=3), 3.0),
        (dt.timedelta(days=3, seconds=-1), 3 - 1 / 86_400),  # not two whole days, as fsrs had it
        (dt.timedelta(hours=6), 0.25),  # a few hours after a review, recall has begun to fall
        (dt.timedelta(hours=-5), 0.0),  # a review after `now`: no time has passed
    ],
)
def test_the_class_recall_reads_the_time_elapsed_since_the_last_review(
    assignment, study_facts, before, days
):
    [member] = submit_class(assignment, [{}])
    Card.objects.create(
        learner=member,
        fact=study_facts["accounts"],
        due=NOW,
        created_at=NOW - dt.timedelta(days=30),
        stability=4.0,
        difficulty=5.0,
        last_review=NOW - before,
    )
    recall = results.class_recall(assignment, list(study_facts.values()), now=NOW)
    # FSRS-6's forgetting curve by hand: (1 + F * t / S) ** -w20, F = 0.9 ** (-1 / w20) - 1.
    w20 = 0.1542
    expected = (1 + (0.9 ** (-1 / w20) - 1) * days / 4.0) ** -w20
    # Read to the millisecond (DaysSinceNear): a millisecond moves this recall by under 1e-9.
    assert recall["accounts"] == analysis.Recall(pytest.approx(expected, abs=1e-9), 1)


def _truefalse(value):
    return Question(QuestionKind.TRUEFALSE, ("origin",), (value,), TRUE if value else FALSE, 0.5)


@pytest.mark.django_db
def test_a_false_statement_accepted_is_the_confusion_and_a_true_one_rejected_is_its_own(
    assignment, study_facts
):
    shown = {"origin": _truefalse(False)}
    submit_class(assignment, [{"origin": TRUE}, {"origin": TRUE}], questions=shown)
    rejected = {"origin": _truefalse(True)}
    submit_class(assignment, [{"origin": FALSE}], questions=rejected, prefix="other")
    [origin] = [
        r for r in results.results(assignment, lang="en", now=NOW).facts if r.fact.slug == "origin"
    ]
    labels = {d.label: d.count for d in origin.stats.distractors}
    assert labels == {
        "Daesh emerged from the Syrian branch of al-Qaeda.": 2,
        "“False” for a true statement": 1,
    }


@pytest.mark.django_db
def test_a_learner_removed_from_the_class_leaves_the_results_with_their_attempt(assignment):
    from learning import teaching

    made = submit_class(assignment, [ALL_RIGHT, dict(ALL_RIGHT, accounts=1)])
    teaching.remove_member(classroom=assignment.classroom, learner=made[1])
    found = results.results(assignment, lang="en", now=NOW)
    assert [row.learner_id for row in found.learners] == [made[0].pk]
    assert found.analysis.n == 1
    assert all(row.stats.facility == 1.0 for row in found.facts)


@pytest.mark.django_db
def test_a_wrong_option_shown_in_different_places_is_one_confusion(assignment):
    """Learners get their own option orders: the count follows the value, not its place."""
    from decimal import Decimal

    def accounts(order: tuple[str, ...]) -> Question:
        return Question(
            QuestionKind.MCQ,
            ("accounts",),
            tuple(Decimal(n) for n in order),
            order.index("58"),
            0.5,
        )

    first, second = accounts(("58", "29", "40", "70")), accounts(("40", "70", "58", "29"))
    submit_class(assignment, [dict(ALL_RIGHT, accounts=2)] * 2, questions={"accounts": first})
    submit_class(
        assignment,
        [dict(ALL_RIGHT, accounts=0), dict(ALL_RIGHT, accounts=2)],
        questions={"accounts": second},
        prefix="other",
    )
    [row] = [
        r
        for r in results.results(assignment, lang="en", now=NOW).facts
        if r.fact.slug == "accounts"
    ]
    assert [(d.label, d.count) for d in row.stats.distractors] == [("40%", 3)]
    assert (row.stats.chosen, row.stats.facility) == (4, 0.25)


@pytest.mark.django_db
def test_the_per_fact_table_alone_is_the_one_the_whole_results_show(assignment):
    submit_class(assignment, [dict(ALL_RIGHT, accounts=2, palmyra=1)] * 3 + [ALL_RIGHT] * 2)
    alone = results.facts(assignment, lang="ar", now=NOW)
    assert alone == results.results(assignment, lang="ar", now=NOW).facts
    assert [row.fact.slug for row in alone][:2] == ["accounts", "palmyra"]
    assert alone[0].sentence == alone[0].fact.sentence("ar")
