"""The site's URLs plus two bare views, the floor a page is measured against: one answers a
constant string, one inserts one row (autocommit, through Django's connection) and answers a
constant. Only bench/settings.py names this URLconf; quizsite.urls never includes it."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.views.decorators.http import require_GET, require_POST

from quizsite.urls import urlpatterns as site_urlpatterns

INSERT_TABLE = "bench_insert"
# The table the insert view writes to, made by the bench before the server starts.
CREATE_TABLE = {
    "sqlite": f"CREATE TABLE IF NOT EXISTS {INSERT_TABLE} "
    "(id INTEGER PRIMARY KEY AUTOINCREMENT, note VARCHAR(20) NOT NULL)",
    "postgresql": f"CREATE TABLE IF NOT EXISTS {INSERT_TABLE} "
    "(id BIGSERIAL PRIMARY KEY, note VARCHAR(20) NOT NULL)",
}


@require_GET
def constant(request: HttpRequest) -> HttpResponse:
    return HttpResponse("constant", content_type="text/plain")


@require_POST
def insert(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {INSERT_TABLE} (note) VALUES (%s)", ["bench"])
    return HttpResponse("inserted", content_type="text/plain")


def create_insert_table() -> None:
    """The insert view's table, in the default database (the bench calls it once)."""
    with connection.cursor() as cursor:
        cursor.execute(CREATE_TABLE[connection.vendor])


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/constant/", constant, name="bench_constant"),
    path("bench/insert/", insert, name="bench_insert"),
    *site_urlpatterns,
]
