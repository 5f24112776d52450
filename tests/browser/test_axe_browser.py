"""axe-core on every page of the walk, in Arabic and English, in the light and the dark colour
scheme: every page type, each question kind in each state, and the pages that show a message
(settings saved, account created, a guest sent to sign up)."""

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.walk import build_site, walk

MESSAGES = {"account-created", "settings-saved", "guest-redirected"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_page_passes_axe(
    live_server, browser: Browser, transactional_db, assert_accessible, lang, scheme
):
    site = build_site()
    failures = []
    for stop, page in walk(browser, site, live_server.url, lang, color_scheme=scheme):
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (
            scheme == "dark"
        )
        if stop.name in MESSAGES:
            expect(page.locator("[role=status] .messages .message")).to_be_visible()
        try:
            assert_accessible(page)
        except AssertionError as violations:
            failures.append(f"{stop.name}: {violations}")
    assert not failures, "\n".join(failures)
