"""Thin views: parse the request, call one domain function or query, render.

The fact base changes only through load_facts and the admin, which bump its stamp: what these
pages show of it is read once per stamp per process (learning.study.kept_with_pool) and their
fact base parts rendered once per language ({% factbase_part %}), so a page costs the stamp's
one query and the parts that depend on the visitor.
"""

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from learning import study
from learning.models import Fact, Source, Topic
from learning.views.study import _learner, class_context


def _topics_by_slug() -> dict[str, Topic]:
    return study.kept_with_pool("topics by slug", lambda: {t.slug: t for t in Topic.objects.all()})


def _facts_by_slug() -> dict[str, Fact]:
    return study.kept_with_pool(
        "facts by slug", lambda: {f.slug: f for f in Fact.objects.with_source()}
    )


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    sources = study.kept_with_pool(
        "sources", lambda: list(Source.objects.annotate(fact_count=Count("facts")))
    )
    context = {
        # Read once per fact base version per process, as the study page's topics are.
        "topics": study.kept_with_pool("topics", lambda: list(Topic.objects.with_fact_counts())),
        "sources": sources,
        "fact_count": len(study.fact_pool()),
    }
    context.update(class_context(_learner(request), now=timezone.now()))
    return render(request, "learning/home.html", context)


@require_safe
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = _topics_by_slug().get(slug)
    if topic is None:
        raise Http404
    # Read only when the topic's part is rendered, once per language and fact base version.
    facts = SimpleLazyObject(lambda: list(Fact.objects.with_source().filter(topic=topic)))
    return render(request, "learning/topic.html", {"topic": topic, "facts": facts})


@require_safe
def fact_detail(request: HttpRequest, slug: str) -> HttpResponse:
    fact = _facts_by_slug().get(slug)
    if fact is None:
        raise Http404
    return render(request, "learning/fact.html", {"fact": fact})
