"""prune_guests: guests who never answered and were not seen for --days go; progress stays."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from learning import learners
from learning.models import AskedQuestion, Card, Learner, Review, StudySession

User = get_user_model()


def days_ago(n):
    return timezone.now() - dt.timedelta(days=n)


def make_guest(*, joined_days_ago):
    when = days_ago(joined_days_ago)
    guest = learners.create_guest(now=when)
    User.objects.filter(pk=guest.user_id).update(date_joined=when, last_login=when)
    return guest


def prune(*args):
    out = StringIO()
    call_command("prune_guests", *args, stdout=out)
    return out.getvalue()


def remaining(*guests):
    return {g.pk for g in guests} & set(Learner.objects.values_list("pk", flat=True))


@pytest.mark.django_db
def test_an_idle_guest_without_progress_is_removed_with_their_user(study_facts):
    idle = make_guest(joined_days_ago=40)
    StudySession.objects.create(learner=idle, size=20, seed=1, started_at=days_ago(39))
    assert "Removed 1 guest" in prune()
    assert not Learner.objects.filter(pk=idle.pk).exists()
    assert not User.objects.filter(pk=idle.user_id).exists()


@pytest.mark.django_db
def test_a_guest_who_answered_is_kept_however_old(study_facts):
    answered = make_guest(joined_days_ago=400)
    when = days_ago(399)
    session = StudySession.objects.create(
        learner=answered, mode="practice", size=20, seed=1, started_at=when
    )
    AskedQuestion.objects.create(
        session=session,
        learner=answered,
        position=0,
        kind="mcq",
        fact=study_facts["fighters"],
        payload={},
        created_at=when,
        answered_at=when,
        response={"choice": 0},
    )
    prune()
    assert remaining(answered) == {answered.pk}


@pytest.mark.django_db
def test_a_guest_with_a_reviewed_card_is_kept(study_facts):
    reviewed = guest_with_progress(study_facts, days_ago_seen=399)
    prune()
    assert remaining(reviewed) == {reviewed.pk}


@pytest.mark.django_db
def test_a_guest_seen_recently_is_kept_though_they_joined_long_ago(study_facts):
    recent = make_guest(joined_days_ago=90)
    StudySession.objects.create(learner=recent, size=20, seed=1, started_at=days_ago(3))
    prune()
    assert remaining(recent) == {recent.pk}


@pytest.mark.django_db
def test_accounts_are_never_pruned(learner):
    User.objects.filter(pk=learner.user_id).update(date_joined=days_ago(400), last_login=None)
    Learner.objects.filter(pk=learner.pk).update(created_at=days_ago(400))
    prune()
    assert remaining(learner) == {learner.pk}


@pytest.mark.django_db
def test_days_sets_how_long_idle_is(db):
    guest = make_guest(joined_days_ago=10)
    prune("--days", "30")
    assert remaining(guest) == {guest.pk}
    prune("--days", "7")
    assert remaining(guest) == set()


@pytest.mark.django_db
def test_dry_run_counts_and_removes_nothing(db):
    idle = [make_guest(joined_days_ago=40) for _ in range(2)]
    assert "Would remove 2 guest" in prune("--dry-run")
    assert remaining(*idle) == {g.pk for g in idle}


@pytest.mark.django_db
def test_days_must_be_positive(db):
    with pytest.raises(CommandError, match="at least 1"):
        prune("--days", "0")


# --- --abandoned: guests with progress that no browser can reach any more ---------------------


def guest_with_progress(study_facts, *, days_ago_seen):
    """A guest who joined long ago and last answered (a reviewed card) days_ago_seen ago."""
    guest = make_guest(joined_days_ago=400)
    when = days_ago(days_ago_seen)
    card = Card.objects.create(
        learner=guest,
        fact=study_facts["fighters"],
        due=when,
        created_at=when,
        stability=1.0,
        difficulty=5.0,
        last_review=when,
    )
    Review.objects.create(
        card=card,
        rating=3,
        reviewed_at=when,
        kind="mcq",
        correct=True,
        duration_ms=1000,
        state_before=1,
    )
    return guest


def signed_in_session(guest, *, expires_in_days):
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    store = SessionStore()
    store[SESSION_KEY] = str(guest.user_id)
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() + dt.timedelta(days=expires_in_days)
    )


@pytest.mark.django_db
def test_an_abandoned_guest_goes_with_everything_they_own(study_facts):
    lost = guest_with_progress(study_facts, days_ago_seen=100)
    signed_in_session(lost, expires_in_days=-1)  # their browser's session has expired
    assert "Removed 1 guest" in prune("--abandoned", "--days", "90")
    assert not User.objects.filter(pk=lost.user_id).exists()
    assert not Card.objects.filter(learner_id=lost.pk).exists()
    assert not Review.objects.filter(card__learner_id=lost.pk).exists()


@pytest.mark.django_db
def test_without_abandoned_a_guest_with_progress_stays(study_facts):
    lost = guest_with_progress(study_facts, days_ago_seen=100)
    prune("--days", "90")
    assert remaining(lost) == {lost.pk}


@pytest.mark.django_db
def test_a_guest_whom_a_live_session_signs_in_is_kept_however_idle(study_facts):
    kept = guest_with_progress(study_facts, days_ago_seen=100)
    signed_in_session(kept, expires_in_days=5)
    assert "Removed 0 guest" in prune("--abandoned", "--days", "90")
    assert remaining(kept) == {kept.pk}


@pytest.mark.django_db
def test_a_guest_who_answered_recently_is_kept_though_they_joined_long_ago(study_facts):
    recent = guest_with_progress(study_facts, days_ago_seen=10)
    prune("--abandoned", "--days", "90")
    assert remaining(recent) == {recent.pk}


@pytest.mark.django_db
def test_a_guest_in_a_class_is_kept_for_their_teacher(study_facts, learner):
    from learning.models import Classroom, Membership

    pupil = guest_with_progress(study_facts, days_ago_seen=100)
    classroom = Classroom.objects.create(
        teacher=learner, name="6B", code="ABCDEFGH", created_at=days_ago(200)
    )
    Membership.objects.create(classroom=classroom, learner=pupil, joined_at=days_ago(200))
    prune("--abandoned", "--days", "90")
    assert remaining(pupil) == {pupil.pk}


@pytest.mark.django_db
def test_accounts_are_never_abandoned(learner):
    User.objects.filter(pk=learner.user_id).update(date_joined=days_ago(400), last_login=None)
    Learner.objects.filter(pk=learner.pk).update(created_at=days_ago(400))
    prune("--abandoned", "--days", "90")
    assert remaining(learner) == {learner.pk}


@pytest.mark.django_db
def test_abandoned_dry_run_counts_and_removes_nothing(study_facts):
    lost = guest_with_progress(study_facts, days_ago_seen=100)
    assert "Would remove 1 guest" in prune("--abandoned", "--days", "90", "--dry-run")
    assert remaining(lost) == {lost.pk}


@pytest.mark.django_db
def test_abandoned_is_refused_when_sessions_are_not_in_the_database(settings, db):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    with pytest.raises(CommandError, match="sessions are not kept in the database"):
        prune("--abandoned")
