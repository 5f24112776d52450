"""The reference pages in a real browser: accessible in both languages, mirrored in Arabic."""

import pytest
from playwright.sync_api import Page, expect


@pytest.fixture
def pages(make_fact) -> list[str]:
    make_fact(slug="trained")
    return ["/{lang}/", "/{lang}/topics/military/", "/{lang}/facts/trained/", "/{lang}/nope/"]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_page_passes_axe(live_server, page: Page, pages, assert_accessible, lang):
    for path in pages:
        page.goto(live_server.url + path.format(lang=lang))
        assert_accessible(page)


def test_arabic_pages_are_laid_out_right_to_left(live_server, page: Page, pages):
    page.goto(live_server.url + "/ar/facts/trained/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    brand = page.locator(".brand").bounding_box()
    switch = page.locator(".language-switch").bounding_box()
    assert brand["x"] > switch["x"], "the brand sits on the right in Arabic"
    page.goto(live_server.url + "/en/facts/trained/")
    brand = page.locator(".brand").bounding_box()
    switch = page.locator(".language-switch").bounding_box()
    assert brand["x"] < switch["x"], "the brand sits on the left in English"


def test_the_language_switch_keeps_the_learner_on_the_same_fact(live_server, page: Page, pages):
    page.goto(live_server.url + "/en/facts/trained/")
    expect(page.locator("h1")).to_contain_text("more than 25,000")
    page.get_by_role("link", name="العربيّة").click()
    expect(page).to_have_url(live_server.url + "/ar/facts/trained/")
    expect(page.locator("h1")).to_contain_text("أكثر من 25,000")


def test_the_skip_link_is_the_first_stop_for_the_keyboard(live_server, page: Page, pages):
    page.goto(live_server.url + "/en/")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to main content")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/en/#main")


def test_the_accessibility_check_reports_a_real_violation(page: Page, assert_accessible):
    """Guards the guard: a page with an unlabelled image and no language must fail."""
    page.set_content("<html><body><main><img src='x.png'></main></body></html>")
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_account_pages_pass_axe(
    live_server, page: Page, assert_accessible, lang, django_user_model
):
    for path in ("accounts/login/", "accounts/signup/", "study/"):
        page.goto(f"{live_server.url}/{lang}/{path}")
        assert_accessible(page)
    page.goto(f"{live_server.url}/{lang}/accounts/signup/")
    page.locator("#id_username").fill("amina")
    page.locator("#id_password1").fill("a-long-enough-passphrase-42")
    page.locator("#id_password2").fill("mismatch-passphrase-42")
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator(".errorlist")).to_be_visible()
    assert_accessible(page)  # with errors shown
    django_user_model.objects.create_user("amina", password="a-long-enough-passphrase-42")
    page.goto(f"{live_server.url}/{lang}/accounts/login/")
    page.locator("#id_username").fill("amina")
    page.locator("#id_password").fill("a-long-enough-passphrase-42")
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator(f"form[action='/{lang}/accounts/logout/'] button")).to_be_visible()
    for path in ("settings/", "accounts/password/"):
        page.goto(f"{live_server.url}/{lang}/{path}")
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)
