"""Every page type of the app, in each state a learner or a teacher meets it, for the walks
that check the layout on phones (test_layout_browser) and accessibility in light and dark
(test_axe_browser).

The real fact base is loaded: the pages are measured with the lengths of the real labels,
stems and Arabic words, which the small test facts do not have. Questions are stored and
answered through the domain functions, so each one's page (/study/questions/<pk>/) shows the
state wanted: asking, turned over, or with its feedback.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from learning import learners, study, teaching
from learning.core import questions
from learning.core.questions import Question, QuestionKind
from learning.core.questions.question import TRUE
from learning.core.scheduling import Rating
from learning.models import AskedQuestion, Card, Fact, Learner, StudySession
from tests.classbuild import submit_class

PASSWORD = "a-long-enough-passphrase-42"
NOW = dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Stop:
    """One page of the walk: who sees it, where, and what is done there first (a form sent,
    say, to see the message the next page shows)."""

    name: str
    who: str  # "visitor", "learner", "guest" or "teacher"
    path: str  # "/{lang}/…"
    act: Callable[[Page, str], None] | None = None


@dataclass
class Site:
    stops: list[Stop]
    users: dict[str, Any] = field(default_factory=dict)


_usernames = count(1)


def _question(kind: str, slug: str, pool: questions.FactPool) -> Question:
    question = questions.make_question(kind, pool[slug], pool, random.Random(7))
    assert question.kind == kind, f"{slug} makes no {kind} question"
    return question


def _ask(session: StudySession, question: Question, position: int) -> AskedQuestion:
    """Store `question` in the learner's session, with its card, as the study flow does."""
    learner = session.learner
    fact = Fact.objects.get(slug=question.facts[0])
    card = Card.objects.filter(learner=learner, fact=fact).first()
    if card is None:
        card = Card.new(learner=learner, fact=fact, now=NOW)
        card.save()
    for slug in question.facts[1:]:  # an ordering question's other events, met before
        other = Fact.objects.get(slug=slug)
        if not Card.objects.filter(learner=learner, fact=other).exists():
            Card.new(learner=learner, fact=other, now=NOW).save()
    return AskedQuestion.objects.create(
        session=session,
        learner=learner,
        position=position,
        kind=question.kind,
        fact=fact,
        card=card,
        payload=question.to_json(),
        created_at=NOW - dt.timedelta(minutes=5),
    )


def _answered(asked: AskedQuestion, response: Any) -> AskedQuestion:
    if asked.kind == QuestionKind.FLASHCARD:
        study.reveal(asked, now=NOW)
    return study.answer(asked, response=response, now=NOW).asked


def _learner_pages(learner: Learner) -> list[Stop]:
    """A study session holding a question of every kind in every state, and its summary."""
    pool = study.fact_pool()
    session = StudySession.objects.create(
        learner=learner, mode="study", size=20, seed=1, started_at=NOW - dt.timedelta(hours=1)
    )
    position = count()
    mcq = _question("mcq", "uk-airstrikes", pool)
    ordering = _question("ordering", "mosul-retaken", pool)
    shown_true = Question(
        QuestionKind.TRUEFALSE, ("daesh-origin-al-qaeda-iraq",), (True,), TRUE, 0.5
    )
    flashcard = _question("flashcard", "uk-iraqi-forces-trained", pool)
    wrong_order = list(reversed(range(len(ordering.options))))
    answered = {
        "mcq-feedback": _answered(_ask(session, mcq, next(position)), (mcq.answer + 1) % 4),
        "truefalse-feedback": _answered(_ask(session, shown_true, next(position)), TRUE),
        "ordering-feedback": _answered(_ask(session, ordering, next(position)), wrong_order),
        "flashcard-feedback": _answered(
            _ask(session, _question("flashcard", "uk-airstrikes", pool), next(position)),
            int(Rating.GOOD),
        ),
    }
    waiting = {
        "mcq": _ask(session, _question("mcq", "mosul-retaken", pool), next(position)),
        "truefalse": _ask(session, shown_true, next(position)),
        "ordering": _ask(session, ordering, next(position)),
        "flashcard-front": _ask(session, flashcard, next(position)),
    }
    revealed = _ask(session, flashcard, next(position))
    study.reveal(revealed, now=NOW)
    waiting["flashcard-revealed"] = revealed
    stops = [
        Stop(name, "learner", f"/{{lang}}/study/questions/{asked.pk}/", _showing(asked, state))
        for state, group in (("asking", waiting), ("answered", answered))
        for name, asked in group.items()
    ]
    stops.append(Stop("summary", "learner", f"/{{lang}}/study/sessions/{session.pk}/summary/"))
    return stops


def _showing(asked: AskedQuestion, state: str) -> Callable[[Page, str], None]:
    """Check the page shows the question in the state the walk means to measure."""
    if asked.revealed_at is not None and state == "asking":
        state = "revealed"

    def check(page: Page, lang: str) -> None:
        body = page.locator(".study-body")
        expect(body).to_have_attribute("data-kind", asked.kind)
        expect(body).to_have_attribute("data-state", state)

    return check


def _sign_up(page: Page, lang: str) -> None:
    page.locator("#id_username").fill(f"walker-{next(_usernames)}")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()


def _save_settings(page: Page, lang: str) -> None:
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()


def build_site() -> Site:
    """The fact base, a learner with a class and history, a teacher with results, a guest."""
    call_command("load_facts", verbosity=0)
    learner = _user("layla")
    teacher = _user("ms-huda", is_teacher=True)
    guest = learners.create_guest(now=NOW, time_zone="UTC")
    classroom = teaching.create_class(teacher=teacher, name="الصف العاشر ب", now=NOW)
    teaching.join(learner=learner, classroom=classroom, now=NOW)
    slugs = ["uk-airstrikes", "mosul-retaken", "uk-pro-daesh-accounts-fall", "kobani-retaken"]
    facts = list(Fact.objects.filter(slug__in=slugs))
    pool = study.fact_pool()
    asked = {f.slug: _question("mcq", f.slug, pool) for f in facts}
    assignment = teaching.create_assignment(
        classroom=classroom,
        title="Week 1 · الأسبوع الأول",
        facts=facts,
        kinds=["mcq"],
        question_count=len(facts),
        opens_at=NOW - dt.timedelta(days=1),
        due_at=NOW + dt.timedelta(days=7),
        feedback="immediate",
        now=NOW,
    )
    answers = [{slug: (n + i) % 4 for i, slug in enumerate(asked)} for n in range(6)]
    someone = submit_class(assignment, answers, questions=asked)[0]
    stops = [
        Stop("home", "visitor", "/{lang}/"),
        Stop("topic", "visitor", "/{lang}/topics/military/"),
        Stop("fact", "visitor", "/{lang}/facts/uk-iraqi-forces-trained/"),
        Stop("study-home-visitor", "visitor", "/{lang}/study/"),
        Stop("log-in", "visitor", "/{lang}/accounts/login/"),
        Stop("sign-up", "visitor", "/{lang}/accounts/signup/"),
        Stop("join", "visitor", "/{lang}/classes/join/"),
        Stop("join-link", "visitor", f"/{{lang}}/join/{classroom.code}/"),
        # Last of the visitor's: signed up, the visitor is a visitor no more.
        Stop("account-created", "visitor", "/{lang}/accounts/signup/", _sign_up),
        Stop("study-home", "learner", "/{lang}/study/"),
        *_learner_pages(learner),
        Stop("progress", "learner", "/{lang}/progress/"),
        Stop("settings", "learner", "/{lang}/settings/"),
        Stop("settings-saved", "learner", "/{lang}/settings/", _save_settings),
        Stop("password", "learner", "/{lang}/accounts/password/"),
        Stop("assignment", "learner", f"/{{lang}}/assignments/{assignment.pk}/"),
        Stop("join-link-member", "learner", f"/{{lang}}/join/{classroom.code}/"),
        Stop("guest-study-home", "guest", "/{lang}/study/"),
        Stop("guest-redirected", "guest", "/{lang}/accounts/password/"),
        Stop("guest-end", "guest", "/{lang}/accounts/guest/end/"),
        Stop("teach", "teacher", "/{lang}/teach/"),
        Stop("class", "teacher", f"/{{lang}}/teach/classes/{classroom.pk}/"),
        Stop(
            "assignment-form",
            "teacher",
            f"/{{lang}}/teach/classes/{classroom.pk}/assignments/new/?topics=military",
        ),
        Stop("teach-assignment", "teacher", f"/{{lang}}/teach/assignments/{assignment.pk}/"),
        Stop("results", "teacher", f"/{{lang}}/teach/assignments/{assignment.pk}/results/"),
        Stop("class-progress", "teacher", f"/{{lang}}/teach/classes/{classroom.pk}/progress/"),
        Stop(
            "learner-topic",
            "teacher",
            f"/{{lang}}/teach/classes/{classroom.pk}/learners/{learner.pk}/topics/military/",
        ),
        Stop(
            "learner-answers",
            "teacher",
            f"/{{lang}}/teach/assignments/{assignment.pk}/results/learners/{someone.pk}/",
        ),
    ]
    return Site(stops, {"learner": learner, "teacher": teacher, "guest": guest})


def _user(username: str, *, is_teacher: bool = False) -> Learner:
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    return learners.register(user=user, now=NOW, time_zone="Asia/Riyadh", is_teacher=is_teacher)


def walk(
    browser: Browser, site: Site, base: str, lang: str, **options: Any
) -> Iterator[tuple[Stop, Page]]:
    """Open every stop of the walk in `lang` in turn, acting where the stop says; yields each
    stop with its page. `options` go to each browser context: the viewport, the colour
    scheme."""
    for who in ("visitor", "learner", "guest", "teacher"):
        context = browser.new_context(**options)
        if who != "visitor":
            # Signed in by a session Django's test client makes, its cookie handed over.
            client = Client()
            client.force_login(site.users[who].user)
            cookie = client.cookies["sessionid"].value
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": base}])
        page = context.new_page()
        try:
            for stop in (s for s in site.stops if s.who == who):
                page.goto(base + stop.path.format(lang=lang))
                if stop.act is not None:
                    stop.act(page, lang)
                page.wait_for_load_state()
                yield stop, page
        finally:
            context.close()
