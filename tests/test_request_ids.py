"""Every request has an id (learning.middleware.RequestIdMiddleware, learning.requestids)."""

import logging
import re

import pytest

from learning.requestids import RequestIdFilter, current_request_id

pytestmark = pytest.mark.django_db

NEW_ID = re.compile(r"[0-9a-f]{32}")


def test_a_request_gets_a_new_id_in_its_response(client):
    response = client.get("/en/")
    assert NEW_ID.fullmatch(response["X-Request-ID"])


def test_an_incoming_id_is_ignored_unless_a_proxy_is_trusted_to_send_it(client):
    response = client.get("/en/", headers={"X-Request-ID": "chosen-by-the-client"})
    assert NEW_ID.fullmatch(response["X-Request-ID"])


def test_the_trusted_proxys_id_is_kept(client, settings):
    settings.REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
    response = client.get("/en/", headers={"X-Request-ID": "edge-7f3a:42"})
    assert response["X-Request-ID"] == "edge-7f3a:42"


@pytest.mark.parametrize("sent", ["", "two words", 'quote"d', "x" * 129, "line\nbreak"])
def test_a_trusted_id_that_could_break_a_log_line_is_replaced(client, settings, sent):
    settings.REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
    response = client.get("/en/", headers={"X-Request-ID": sent})
    assert NEW_ID.fullmatch(response["X-Request-ID"])


def test_a_404_has_an_id_too(client):
    response = client.get("/en/facts/no-such-fact/")
    assert response.status_code == 404
    assert NEW_ID.fullmatch(response["X-Request-ID"])


def test_log_lines_carry_the_id_of_their_request_until_its_response_is_closed(client):
    """Django logs a 404 after the middleware has returned: the id must still be there."""
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.request_id)

    handler = Keep()
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/en/facts/no-such-fact/")
    finally:
        logger.removeHandler(handler)
    assert seen == [response["X-Request-ID"]]
    assert current_request_id() == "-"
