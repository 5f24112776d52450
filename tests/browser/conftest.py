"""Real-browser flows: Playwright driving the system Chromium against the live server."""

import shutil
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
# Without these, Chromium reaches for Google's services at start-up; this machine's network
# refuses those connections and the browser stalls on them.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    if SYSTEM_CHROMIUM.exists():
        args["executable_path"] = str(SYSTEM_CHROMIUM)
    elif not shutil.which("chromium"):
        # Elsewhere `make test` has run `playwright install chromium`; Playwright finds it.
        pass
    return args


@pytest.fixture(autouse=True)
def fresh_rate_limits(request: pytest.FixtureRequest, django_db_blocker: Any) -> None:
    """Rate-limit counts live in the cache table, which the flush between transactional tests
    leaves alone: a learner id or the one test address reused by test after test would reach
    JOIN_LEARNER_RATE or SIGNUP_RATE within the suite's hour. Each browser test starts from none."""
    from django.core.cache import cache

    request.getfixturevalue("django_db_setup")  # the test database, never the real one
    with django_db_blocker.unblock():
        cache.clear()


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def assert_accessible(axe: Axe) -> Any:
    """Run axe-core (WCAG 2.2 AA and best practice) on the page; fail listing each violation."""

    def check(page: Any) -> None:
        # A click that navigates returns once the new document is committed, maybe still
        # being parsed: axe would judge half a page.
        page.wait_for_load_state()
        results = axe.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_TAGS},
                "resultTypes": ["violations"],
            },
        )
        violations = results.response["violations"]
        report = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:5])
            for v in violations
        )
        assert not violations, f"axe violations on {page.url}:\n{report}"

    return check
