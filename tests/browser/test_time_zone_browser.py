"""A new learner's study day follows the time zone their browser reports."""

from playwright.sync_api import Browser, expect

from learning.models import Learner


def test_a_guest_takes_the_browsers_time_zone(live_server, browser: Browser, study_facts):
    context = browser.new_context(timezone_id="Asia/Riyadh")
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("button", name="Start studying").click()
    expect(page.locator(".study-body")).to_be_visible()
    assert Learner.objects.get().time_zone == "Asia/Riyadh"
    page.goto(f"{live_server.url}/ar/settings/")
    expect(page.locator("#id_time_zone")).to_have_value("Asia/Riyadh")
    context.close()


def test_without_javascript_a_guest_studies_on_utc_days(live_server, browser: Browser, study_facts):
    context = browser.new_context(timezone_id="Asia/Riyadh", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("button", name="Start studying").click()
    expect(page.locator(".study-body")).to_be_visible()
    assert Learner.objects.get().time_zone == "UTC"
    context.close()
