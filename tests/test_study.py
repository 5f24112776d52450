"""The study flow (learning/study.py): what is asked when, and what an answer records."""

import datetime as dt
import random
from collections import Counter

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from learning import study
from learning.core import questions
from learning.core.questions import QuestionKind
from learning.core.scheduling import Rating, State
from learning.models import AskedQuestion, Card, Fact, Review, StudySession

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def answer_right(asked, now):
    question = study.stored_question(asked)
    if question.kind == QuestionKind.FLASHCARD:
        study.reveal(asked, now=now)
        response = int(Rating.GOOD)
    elif question.kind == QuestionKind.ORDERING:
        response = list(question.answer)
    else:
        response = question.answer
    return study.answer(asked, response=response, now=now)


def answer_wrong(asked, now):
    question = study.stored_question(asked)
    if question.kind == QuestionKind.FLASHCARD:
        study.reveal(asked, now=now)
        return study.answer(asked, response=int(Rating.AGAIN), now=now)
    if question.kind == QuestionKind.ORDERING:
        return study.answer(asked, response=list(reversed(question.answer)), now=now)
    wrong = next(i for i in range(question.choice_count) if i != question.answer)
    return study.answer(asked, response=wrong, now=now)


def review_card(learner, fact, *, due, last_review, state=State.REVIEW, step=None):
    return Card.objects.create(
        learner=learner,
        fact=fact,
        due=due,
        created_at=last_review,
        state=state,
        step=step,
        stability=2.0,
        difficulty=5.0,
        last_review=last_review,
    )


@pytest.mark.django_db
def test_due_cards_come_first_most_overdue_first_then_new_facts(learner, study_facts):
    older = review_card(
        learner,
        study_facts["accounts"],
        due=NOW - dt.timedelta(days=3),
        last_review=NOW - dt.timedelta(days=5),
    )
    newer = review_card(
        learner,
        study_facts["fighters"],
        due=NOW - dt.timedelta(days=1),
        last_review=NOW - dt.timedelta(days=5),
    )
    session = study.start_session(learner=learner, now=NOW)
    first = study.current_question(session, now=NOW)
    assert first.fact == older.fact and first.card == older
    answer_right(first, NOW)
    second = study.current_question(session, now=NOW)
    assert second.card == newer
    answer_right(second, NOW)
    third = study.current_question(session, now=NOW)
    assert third.card.created_at == NOW, "then a fact the learner has never met"


@pytest.mark.django_db
def test_new_facts_stop_at_the_daily_limit(learner, study_facts):
    learner.new_per_day = 2
    learner.save()
    session = study.start_session(learner=learner, now=NOW)
    met = []
    while (asked := study.current_question(session, now=NOW)) is not None:
        met.append(asked.fact_id)
        answer_right(asked, NOW)
    assert len(set(met)) == 2
    assert study.workload(learner, now=NOW).new_available == 0
    tomorrow = NOW + dt.timedelta(days=1)
    assert study.workload(learner, now=tomorrow).new_available == 2


@pytest.mark.django_db
def test_a_missed_fact_comes_back_in_the_same_session_after_others(learner, study_facts):
    # Enough new facts that something else can always be asked while the missed one waits
    # (a fact on screen in the last few questions, as an ordering's event too, is held back).
    learner.new_per_day = len(study_facts)
    learner.save()
    session = study.start_session(learner=learner, now=NOW)
    first = study.current_question(session, now=NOW)
    answer_wrong(first, NOW)
    seen = [first.fact_id]
    later = NOW
    while (asked := study.current_question(session, now=later)) is not None:
        seen.append(asked.fact_id)
        answer_right(asked, later)
        later += dt.timedelta(minutes=2)
        if seen.count(first.fact_id) == 2:
            break
    again = seen.index(first.fact_id, 1)
    assert again > study.RECENT_GAP, "not before other facts have come between"


@pytest.mark.django_db
def test_the_session_mixes_question_kinds(learner, study_facts):
    session = study.start_session(learner=learner, now=NOW)
    kinds = set()
    for _ in range(8):
        asked = study.current_question(session, now=NOW)
        kinds.add(asked.kind)
        answer_right(asked, NOW)
    assert kinds == {k.value for k in QuestionKind}


@pytest.mark.django_db
def test_an_answer_moves_the_schedule_and_keeps_a_review(learner, study_facts, ask):
    pool = study.fact_pool()
    question = questions.make_mcq(pool["fighters"], pool, random.Random(3))
    asked = ask(question, now=NOW)
    outcome = study.answer(asked, response=question.answer, now=NOW + dt.timedelta(seconds=9))
    assert outcome.recorded and outcome.grade.correct
    review = Review.objects.get()
    assert (review.rating, review.kind, review.correct) == (Rating.GOOD, "mcq", True)
    assert review.duration_ms == 9000
    card = Card.objects.get()
    assert card.reps == 1 and card.last_review == NOW + dt.timedelta(seconds=9)
    assert card.due > NOW


@pytest.mark.django_db
def test_answering_twice_records_once_and_keeps_the_first_answer(learner, study_facts, ask):
    pool = study.fact_pool()
    question = questions.make_mcq(pool["fighters"], pool, random.Random(3))
    asked = ask(question, now=NOW)
    wrong = (question.answer + 1) % 4
    first = study.answer(asked, response=wrong, now=NOW)
    replay = study.answer(asked, response=question.answer, now=NOW + dt.timedelta(seconds=5))
    assert first.recorded and not replay.recorded
    assert replay.grade.correct is False, "the replay shows the first result"
    assert Review.objects.count() == 1
    asked.refresh_from_db()
    assert asked.response == wrong


@pytest.mark.django_db
def test_ordering_rates_each_event_by_its_own_placement(learner, study_facts, ask):
    pool = study.fact_pool()
    question = questions.make_ordering(pool, random.Random(5), size=5)
    for slug in question.facts:
        Card.objects.create(
            learner=learner, fact=Fact.objects.get(slug=slug), due=NOW, created_at=NOW
        )
    asked = ask(question, now=NOW)
    order = list(question.answer)
    order[0], order[1] = order[1], order[0]  # two neighbours swapped
    outcome = study.answer(asked, response=order, now=NOW)
    assert outcome.grade.score == pytest.approx(3 / 5)
    reviews = {r.card.fact.slug: r for r in Review.objects.select_related("card__fact")}
    assert len(reviews) == 5, "every event the learner studies is rated"
    # The two swapped events are each on the wrong side of the other; the other three are right.
    swapped = {question.facts[question.answer[0]], question.facts[question.answer[1]]}
    assert {s for s, r in reviews.items() if r.rating == Rating.AGAIN} == swapped
    assert sum(1 for r in reviews.values() if r.rating == Rating.GOOD) == 3


@pytest.mark.django_db
def test_a_flashcard_uses_the_learners_own_rating(learner, study_facts, ask):
    pool = study.fact_pool()
    asked = ask(questions.make_flashcard(pool["origin"]), now=NOW)
    study.reveal(asked, now=NOW)
    study.answer(asked, response=int(Rating.HARD), now=NOW)
    review = Review.objects.get()
    assert review.rating == Rating.HARD and review.correct is None


@pytest.mark.django_db
def test_practice_asks_without_moving_the_schedule(learner, study_facts, topic):
    card = Card.objects.create(
        learner=learner, fact=study_facts["fighters"], due=NOW, created_at=NOW
    )
    session = study.start_session(learner=learner, now=NOW, topic=topic, practice=True)
    asked_facts = []
    while (asked := study.current_question(session, now=NOW)) is not None:
        asked_facts.append(asked.fact_id)
        answer_wrong(asked, NOW)
    assert len(asked_facts) == len(set(asked_facts)) == study.PRACTICE_SIZE
    assert Review.objects.count() == 0
    assert Card.objects.count() == 1
    card.refresh_from_db()
    assert (card.due, card.reps) == (NOW, 0)
    assert AskedQuestion.objects.filter(correct=False).count() >= 1


@pytest.mark.django_db
def test_the_summary_counts_and_names_the_facts_to_look_at_again(learner, study_facts):
    learner.new_per_day = 3
    learner.save()
    session = study.start_session(learner=learner, now=NOW)
    first = study.current_question(session, now=NOW)
    answer_wrong(first, NOW)
    later = NOW + dt.timedelta(hours=1)
    while (asked := study.current_question(session, now=later)) is not None:
        answer_right(asked, later)
    summary = study.summary(session, now=later, lang="en")
    assert summary.answered >= 3
    assert summary.right == summary.answered - 1
    assert first.fact in summary.to_review
    assert summary.next_due is not None and summary.next_due > later


@pytest.mark.django_db
def test_reloading_the_session_shows_the_same_waiting_question(learner, study_facts):
    session = study.start_session(learner=learner, now=NOW)
    first = study.current_question(session, now=NOW)
    again = study.current_question(session, now=NOW + dt.timedelta(minutes=1))
    assert first.pk == again.pk
    assert AskedQuestion.objects.count() == 1


@pytest.mark.django_db
def test_ordering_does_not_introduce_the_events_the_learner_has_not_met(learner, study_facts, ask):
    pool = study.fact_pool()
    question = questions.make_ordering(pool, random.Random(5), size=5)
    asked = ask(question, now=NOW)  # a card for the first event only
    study.answer(asked, response=list(question.answer), now=NOW)
    assert Card.objects.count() == 1
    assert Review.objects.get().card.fact.slug == question.facts[0]


@pytest.mark.django_db
def test_an_answer_after_a_long_absence_keeps_a_duration_the_column_can_hold(
    learner, study_facts, ask
):
    """Thirty days between showing and answering made 2.6e9 ms: out of range for PostgreSQL's
    integer column (a 500 there)."""
    pool = study.fact_pool()
    question = questions.make_mcq(pool["fighters"], pool, random.Random(3))
    asked = ask(question, now=NOW)
    study.answer(asked, response=question.answer, now=NOW + dt.timedelta(days=30))
    assert Review.objects.get().duration_ms == 3_600_000


@pytest.mark.django_db
def test_the_kind_is_one_the_fact_can_be_asked_as_and_the_session_has_asked_least(study_facts):
    """The rotation fell back to the next kind in line: a dated event whose turn came as true or
    false never became an ordering question, and statements were all true/false or flashcards
    however many of each the session had already asked."""
    pool = study.fact_pool()
    event = pool["event-0"]
    used = Counter({"mcq": 1, "truefalse": 1, "flashcard": 1})
    # Seed 0: position 1 is true/false's turn in the rotation.
    assert study.kind_for(1, 0, event, pool, used) == QuestionKind.ORDERING
    statement = pool["origin"]
    # Position 0 is multiple choice's turn, which a statement cannot be.
    chosen = study.kind_for(0, 0, statement, pool, Counter({"truefalse": 2}))
    assert chosen == QuestionKind.FLASHCARD
    assert study.kind_for(0, 0, statement, pool, Counter()) == QuestionKind.TRUEFALSE


@pytest.mark.django_db
def test_the_events_of_an_ordering_question_are_not_asked_right_after_it(learner, study_facts):
    """The ordering feedback shows every event's date; the next question asked the date of one
    of those events (its card was due), giving the answer away."""
    pool = study.fact_pool()
    question = questions.make_ordering(pool, random.Random(5), size=5)
    for slug in question.facts:
        Card.objects.create(
            learner=learner, fact=Fact.objects.get(slug=slug), due=NOW, created_at=NOW
        )
    session = study.start_session(learner=learner, now=NOW)
    asked = AskedQuestion.objects.create(
        session=session,
        learner=learner,
        position=0,
        kind=question.kind,
        fact=Fact.objects.get(slug=question.facts[0]),
        card=Card.objects.get(fact__slug=question.facts[0]),
        payload=question.to_json(),
        created_at=NOW,
    )
    study.answer(asked, response=list(reversed(question.answer)), now=NOW)
    later = NOW + dt.timedelta(hours=1)  # every event is due again by now
    following = study.current_question(session, now=later)
    assert following.fact.slug not in question.facts


@pytest.mark.django_db
def test_starting_a_session_ends_the_open_one_whose_question_can_no_longer_be_answered(
    learner, study_facts
):
    """Two open sessions (two tabs, a session walked away from) asked the same due card twice
    and recorded two reviews of it a moment apart."""
    first = study.start_session(learner=learner, now=NOW)
    waiting = study.current_question(first, now=NOW)
    second = study.start_session(learner=learner, now=NOW)
    first.refresh_from_db()
    assert first.finished_at == NOW
    assert study.current_question(first, now=NOW) is None, "an ended session asks nothing"
    waiting = AskedQuestion.objects.select_related("session").get(pk=waiting.pk)
    with translation.override("en"), pytest.raises(study.StudyError, match="session has ended"):
        answer_right(waiting, NOW)
    assert Review.objects.count() == 0
    waiting.refresh_from_db()
    assert waiting.answered_at is None
    assert study.current_question(second, now=NOW) is not None


@pytest.mark.django_db
def test_learning_steps_coming_due_in_minutes_leave_something_to_study(learner, study_facts):
    """After the day's new facts, the cards in their 1- and 10-minute steps are what a session
    asks next; the study page said 'Nothing is due' and offered no way to go on."""
    learner.new_per_day = 1
    learner.save()
    session = study.start_session(learner=learner, now=NOW)
    answer_right(study.current_question(session, now=NOW), NOW)
    card = Card.objects.get()
    assert NOW < card.due <= NOW + study.LEARN_AHEAD and card.state != State.REVIEW
    work = study.workload(learner, now=NOW)
    assert (work.due, work.new_available, work.ahead) == (0, 0, 1)
    assert work.can_study
    later = study.start_session(learner=learner, now=NOW)
    assert study.current_question(later, now=NOW).card == card


@pytest.mark.django_db
def test_a_true_false_that_could_only_read_true_is_not_the_kind_chosen(study_facts, make_fact):
    """The generator turns such a question into a flashcard; chosen as true/false it took the
    turn of a kind the fact could really be asked as."""
    make_fact(
        slug="statement-only",
        kind="statement",
        number=None,
        unit="",
        qualifier="",
        statement_ar="جملة صحيحة.",
        statement_en="A true sentence.",
    )
    pool = study.fact_pool()
    fact = pool["statement-only"]
    assert pool.truefalse_blocker(fact)
    # Seed 0: position 1 is true/false's turn in the rotation.
    assert study.kind_for(1, 0, fact, pool, Counter()) == QuestionKind.FLASHCARD


@pytest.mark.django_db
def test_a_learning_step_comes_before_a_backlog_of_older_reviews(learner, study_facts):
    """A fact failed minutes ago used to queue behind every older overdue review."""
    backlog = review_card(
        learner,
        study_facts["accounts"],
        due=NOW - dt.timedelta(days=30),
        last_review=NOW - dt.timedelta(days=40),
    )
    failed = review_card(
        learner,
        study_facts["fighters"],
        due=NOW - dt.timedelta(minutes=1),
        last_review=NOW - dt.timedelta(minutes=11),
        state=State.RELEARNING,
        step=0,
    )
    assert list(Card.objects.due(learner, now=NOW)) == [failed, backlog]


@pytest.mark.django_db
def test_an_answer_moves_the_card_as_it_stands_now_not_as_it_was_shown(learner, study_facts, ask):
    """Two tabs: the card answered in the other tab meanwhile used to be overwritten."""
    pool = study.fact_pool()
    question = questions.make_mcq(pool["fighters"], pool, random.Random(3))
    asked = AskedQuestion.objects.select_related("card").get(pk=ask(question, now=NOW).pk)
    elsewhere = Card.objects.get(pk=asked.card_id)
    elsewhere.record_review(
        rating=Rating.GOOD, now=NOW, kind="flashcard", correct=None, duration_ms=1000
    )
    later = NOW + dt.timedelta(minutes=15)
    study.answer(asked, response=question.answer, now=later)
    card = Card.objects.get()
    assert card.reps == 2 and card.last_review == later
    assert Review.objects.count() == 2
    assert asked.card.due == card.due, "the feedback shows the new due date"


@pytest.mark.django_db
def test_another_event_answered_minutes_ago_is_not_rated_twice(learner, study_facts, ask):
    pool = study.fact_pool()
    question = questions.make_ordering(pool, random.Random(5), size=3)
    asked_slug, just_seen, long_ago = question.facts
    review_card(
        learner,
        Fact.objects.get(slug=just_seen),
        due=NOW + dt.timedelta(minutes=5),
        last_review=NOW - dt.timedelta(minutes=2),
        state=State.LEARNING,
        step=1,
    )
    review_card(
        learner,
        Fact.objects.get(slug=long_ago),
        due=NOW - dt.timedelta(days=1),
        last_review=NOW - dt.timedelta(days=3),
    )
    asked = ask(question, now=NOW)
    study.answer(asked, response=list(question.answer), now=NOW)
    rated = set(Review.objects.values_list("card__fact__slug", flat=True))
    assert rated == {asked_slug, long_ago}


@pytest.mark.django_db
def test_a_review_keeps_the_retention_it_was_scheduled_for(learner, study_facts, ask):
    learner.desired_retention = 0.8
    learner.save()
    pool = study.fact_pool()
    question = questions.make_mcq(pool["fighters"], pool, random.Random(3))
    study.answer(ask(question, now=NOW), response=question.answer, now=NOW)
    assert Review.objects.get().retention == 0.8


@pytest.mark.django_db
def test_new_facts_take_the_topics_in_turn(make_learner, make_fact, topic):
    from learning.models import Topic

    other = Topic.objects.create(
        slug="other", name_ar="موضوع آخر", name_en="Another topic", position=2
    )
    for n in range(4):
        make_fact(slug=f"first-{n}")
    for n in range(2):
        make_fact(slug=f"second-{n}", topic=other)
    for pk in (7001, 7002, 7003, 7004):
        learner = make_learner(f"learner-{pk}", pk=pk)
        session = study.start_session(learner=learner, now=NOW)
        topics = []
        for _ in range(5):
            asked = study.current_question(session, now=NOW)
            topics.append(asked.fact.topic.slug)
            answer_right(asked, NOW)
        # Which topic opens is the learner's own; then they alternate until one runs out.
        assert topics[:4] in (
            [topic.slug, "other", topic.slug, "other"],
            ["other", topic.slug, "other", topic.slug],
        ), pk
        assert topics[4] == topic.slug


def _first_new_facts(learner, count, *, now=NOW):
    """The slugs of the next `count` new facts a study session introduces to the learner."""
    session = study.start_session(learner=learner, now=now)
    slugs = []
    for _ in range(count):
        asked = study.current_question(session, now=now)
        assert asked.card.created_at == now, "a new fact"
        slugs.append(asked.fact.slug)
        answer_right(asked, now)
    return slugs


@pytest.mark.django_db
def test_learners_meet_the_new_facts_in_orders_of_their_own(make_learner, study_facts):
    """Every new learner met the same facts in the same order: the facts' own."""
    openings = {
        tuple(_first_new_facts(make_learner(f"learner-{pk}", pk=pk), 3))
        for pk in (7001, 7002, 7003, 7004)
    }
    assert len(openings) > 1
    firsts = {opening[0] for opening in openings}
    assert len(firsts) > 1, "not only the later facts differ"


class _Rollback(Exception):
    pass


@pytest.mark.django_db
def test_a_learners_order_of_new_facts_holds_from_one_session_to_the_next(
    make_learner, make_fact, topic
):
    """The order is the learner's, not a session's: stopping halfway changes nothing."""
    from learning.models import Topic

    other = Topic.objects.create(slug="other", name_ar="آخر", name_en="Other", position=2)
    for n in range(4):
        make_fact(slug=f"first-{n}")
        make_fact(slug=f"second-{n}", topic=other)
    learner = make_learner("samir", pk=7101)
    with pytest.raises(_Rollback), transaction.atomic():
        in_one_go = _first_new_facts(learner, 6)
        raise _Rollback
    assert not Card.objects.filter(learner=learner).exists()
    # A few minutes later, before the first three come back for their next learning step.
    in_two = _first_new_facts(learner, 3) + _first_new_facts(
        learner, 3, now=NOW + dt.timedelta(minutes=5)
    )
    assert in_two == in_one_go


@pytest.mark.django_db
def test_choosing_the_next_new_fact_reads_only_the_learners_cards(
    learner, study_facts, django_assert_num_queries
):
    """The facts, their topics and ids come from the process's pool: one query of the learner's
    cards (and, outside a request, the fact base stamp) instead of reading every fact."""
    from learning.study import picking

    study.fact_pool()
    with django_assert_num_queries(2):  # the learner's cards, the stamp
        assert picking._next_new_fact(learner, topic_id=None, recent=set(), now=NOW) is not None


@pytest.mark.django_db
def test_the_daily_limit_of_new_facts_counts_the_learners_own_day(learner, study_facts):
    """An evening in New York used to be a new UTC day, with a second day's new facts."""
    learner.new_per_day = 2
    learner.time_zone = "America/New_York"
    learner.save()
    afternoon = dt.datetime(2026, 11, 23, 20, 0, tzinfo=dt.UTC)  # 3 p.m. in New York
    evening = dt.datetime(2026, 11, 24, 1, 0, tzinfo=dt.UTC)  # 8 p.m. the same day
    for when in (afternoon, evening):
        session = study.start_session(learner=learner, now=when)
        while (asked := study.current_question(session, now=when)) is not None:
            answer_right(asked, when)
    assert Card.objects.count() == 2
    assert study.workload(learner, now=evening).new_available == 0
    next_morning = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)  # 4:30 a.m.
    assert study.workload(learner, now=next_morning).new_available == 2


@pytest.mark.django_db
def test_the_database_refuses_a_second_review_of_one_answer_and_card(learner, study_facts, ask):
    """Under PostgreSQL two copies of one answer were both recorded: two reviews, the card
    moved twice. Whatever the code does, the database now keeps one."""
    pool = study.fact_pool()
    question = questions.make_mcq(pool["fighters"], pool, random.Random(3))
    asked = ask(question, now=NOW)
    study.answer(asked, response=question.answer, now=NOW)
    card = Card.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        card.record_review(
            rating=Rating.GOOD, now=NOW, kind="mcq", correct=True, duration_ms=1, question=asked
        )
    assert Review.objects.count() == 1


@pytest.mark.django_db
def test_reviews_not_tied_to_a_question_may_repeat(learner, study_facts):
    card = Card.new(learner=learner, fact=study_facts["fighters"], now=NOW)
    card.save()
    for minutes in (0, 10):
        card.record_review(
            rating=Rating.GOOD,
            now=NOW + dt.timedelta(minutes=minutes),
            kind="flashcard",
            correct=None,
            duration_ms=1,
        )
    assert Review.objects.filter(card=card).count() == 2


@pytest.mark.django_db
def test_the_database_refuses_a_second_open_session(learner):
    """Two "start" posts at once left a learner with two open sessions under PostgreSQL."""
    StudySession.objects.create(learner=learner, seed=1, started_at=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        StudySession.objects.create(learner=learner, seed=2, started_at=NOW)
    StudySession.objects.create(learner=learner, seed=3, started_at=NOW, finished_at=NOW)
    assert StudySession.objects.filter(learner=learner, finished_at__isnull=True).count() == 1


@pytest.mark.django_db
def test_starting_leaves_one_open_session_whatever_was_open(learner, study_facts):
    study.start_session(learner=learner, now=NOW)
    practice = study.start_session(
        learner=learner, now=NOW, topic=study_facts["fighters"].topic, practice=True
    )
    latest = study.start_session(learner=learner, now=NOW)
    assert list(StudySession.objects.filter(finished_at__isnull=True)) == [latest]
    practice.refresh_from_db()
    assert practice.finished_at == NOW


@pytest.mark.django_db
def test_an_answer_loaded_before_its_session_ended_is_refused(learner, study_facts):
    """The request read the question while its session was open; a new session ended it
    before the answer was written. The session is read again under lock, not trusted."""
    first = study.start_session(learner=learner, now=NOW)
    waiting = AskedQuestion.objects.select_related("session", "learner").get(
        pk=study.current_question(first, now=NOW).pk
    )
    study.start_session(learner=learner, now=NOW)
    question = study.stored_question(waiting)
    if question.kind == QuestionKind.FLASHCARD:
        AskedQuestion.objects.filter(pk=waiting.pk).update(revealed_at=NOW)
        waiting.revealed_at = NOW
    response = int(Rating.GOOD) if question.kind == QuestionKind.FLASHCARD else question.answer
    with translation.override("en"), pytest.raises(study.StudyError, match="session has ended"):
        study.answer(waiting, response=response, now=NOW)
    assert Review.objects.count() == 0
    waiting.refresh_from_db()
    assert waiting.answered_at is None


@pytest.mark.django_db(transaction=True)
def test_the_migration_repairs_what_the_race_left_before_adding_the_constraints(
    learner, study_facts
):
    """A live database may already hold two open sessions of one learner and an answer
    reviewed twice: the migration keeps the newest session open and the first review."""
    executor = MigrationExecutor(connection)
    before = [("learning", "0003_learner_time_zone_review_retention")]
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        Session = apps.get_model("learning", "StudySession")
        Asked = apps.get_model("learning", "AskedQuestion")
        OldCard = apps.get_model("learning", "Card")
        OldReview = apps.get_model("learning", "Review")
        older = Session.objects.create(learner_id=learner.pk, seed=1, started_at=NOW)
        newer = Session.objects.create(
            learner_id=learner.pk, seed=2, started_at=NOW + dt.timedelta(minutes=1)
        )
        card = OldCard.objects.create(
            learner_id=learner.pk, fact_id=study_facts["fighters"].pk, due=NOW, created_at=NOW
        )
        asked = Asked.objects.create(
            session=older,
            learner_id=learner.pk,
            position=0,
            kind="mcq",
            fact_id=card.fact_id,
            card=card,
            payload={},
            created_at=NOW,
            answered_at=NOW,
            response=0,
        )
        first, _copy = (
            OldReview.objects.create(
                card=card,
                question=asked,
                rating=rating,
                reviewed_at=NOW,
                kind="mcq",
                correct=True,
                duration_ms=1,
                state_before=State.LEARNING,
            )
            for rating in (Rating.GOOD, Rating.EASY)
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes("learning"))
    older.refresh_from_db()
    assert older.finished_at == newer.started_at
    assert StudySession.objects.get(finished_at__isnull=True).pk == newer.pk
    assert list(Review.objects.values_list("pk", flat=True)) == [first.pk]
