"""The lock-out and rate-limit pages in a real browser: accessible in both languages."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

PASSWORD = "a-long-enough-passphrase-42"
TEXTS = {
    "ar": {"user": "اسم المستخدم", "password": "كلمة المرور", "log_in": "تسجيل الدخول"},
    "en": {"user": "Username", "password": "Password", "log_in": "Log in"},
}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_lockout_page_passes_axe(live_server, page: Page, settings, assert_accessible, lang):
    get_user_model().objects.create_user("layla", password=PASSWORD)
    texts = TEXTS[lang]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto(f"{live_server.url}/{lang}/accounts/login/")
        page.get_by_label(texts["user"]).fill("layla")
        page.get_by_label(texts["password"]).fill("wrong")
        page.locator("main").get_by_role("button", name=texts["log_in"]).click()
    expect(page.get_by_role("alert")).to_contain_text("15")
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_limit_pages_pass_axe(live_server, page: Page, settings, assert_accessible, lang):
    settings.GUEST_RATE = "0/h"
    settings.SIGNUP_RATE = "0/h"
    page.goto(f"{live_server.url}/{lang}/study/")
    page.locator("main form button").first.click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/{lang}/accounts/signup/")
    page.locator("input[name=username]").fill("amina")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("input[name=username]")).to_have_value("amina")
    assert_accessible(page)
