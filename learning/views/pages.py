"""Thin views: parse the request, call one domain function or query, render."""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from learning import study
from learning.models import Fact, Source, Topic
from learning.views.study import _learner, class_context


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
    topic = get_object_or_404(Topic, slug=slug)
    facts = Fact.objects.with_source().filter(topic=topic)
    return render(request, "learning/topic.html", {"topic": topic, "facts": facts})


@require_safe
def fact_detail(request: HttpRequest, slug: str) -> HttpResponse:
    fact = get_object_or_404(Fact.objects.with_source(), slug=slug)
    return render(request, "learning/fact.html", {"fact": fact})
