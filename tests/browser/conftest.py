"""Browser tests: Playwright for Python driving Debian's Chromium (never a downloaded one).

They are skipped when /usr/bin/chromium is missing, unless REQUIRE_BROWSER=1 (CI), in
which case a missing browser is an error.
"""

import os
import re
import shutil

import pytest

from tests.factories.users import TEST_PASSWORD, TEST_TOTP_SECRET, totp_code

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but no Chromium at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - optional at import

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests
    # make themselves (creating users) are still synchronous and safe. Only while the
    # browser is up, so no other test (or subprocess) inherits the switch.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(chromium_browser, live_server):
    context = chromium_browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def axe_violations(page) -> list[str]:
    """axe-core's violations on the current page, of every impact (minor and moderate
    too: the portal is to be axe-clean), as readable lines. axe is put into a page once
    (a page checked at two widths runs it twice)."""
    from axe_playwright_python.base import AXE_SCRIPT  # noqa: PLC0415 - optional at import

    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    response = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
        for v in response["violations"]
    ]


def log_in(
    page,
    user,
    *,
    password: str = TEST_PASSWORD,
    totp_secret: str | None = None,
    landing: str = r"/start/$",
) -> None:
    """Log in through the real pages: e-mail and password, then — for accounts with an
    authenticator app (every assessor and office user) — the code the app would show,
    computed from the factory's known secret."""
    from playwright.sync_api import expect  # noqa: PLC0415 - optional at import

    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    if re.search(r"/accounts/2fa/authenticate/$", page.url):
        expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie")
        page.get_by_label("Code").fill(totp_code(totp_secret or TEST_TOTP_SECRET))
        page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(landing))
