"""Every page of every role (portal/tour.py; tests/portal/test_tour_coverage.py keeps it
complete) on the demo data, in one browser: at 360, 390 and 1280 px no page is wider than
the window; at 390 and 1280 px axe finds nothing, of any impact; the header keeps the name
on one line and the role's pages on one row at 1280 and 1920 px. The admin's pages (the
office's daily tool, with the publish and copy confirmations) likewise, Django's header
aside.

One test, one seeding, one logged-in context per role and one load per page (the window
is resized on the loaded page), so it stays inside CI's time; the failures of every
page are collected and reported together.
"""

import pytest

from portal.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from portal.models import User
from portal.tour import tours
from tests.browser.conftest import axe_violations, log_in
from tests.portal.test_tour_coverage import seed_for_tour

SMALL, PHONE, LAPTOP, WIDE = 360, 390, 1280, 1920
# Two rows from 992 px up (brand and account; the role's pages), one below.
HEADER_MAX = {SMALL: 64, PHONE: 64, LAPTOP: 100, WIDE: 100}

MEASURE = """() => {
  const header = document.querySelector('header.site-header');
  const user = document.querySelector('.site-user');
  const name = document.querySelector('.site-user-name');
  const links = [...document.querySelectorAll('.site-nav .nav-link')];
  const visible = links.filter(a => a.offsetParent !== null);
  return {
    width: document.documentElement.scrollWidth,
    header: header ? header.offsetHeight : 0,
    navRows: new Set(visible.map(a => Math.round(a.getBoundingClientRect().top))).size,
    navVisible: visible.length,
    userLines: name && user.offsetParent !== null
      ? Math.round(name.offsetHeight / parseFloat(getComputedStyle(name).lineHeight)) : 0,
    userTitle: user ? user.title : '',
  };
}"""


def _header_problems(m: dict, width: int, name: str | None) -> list[str]:
    problems = []
    if m["header"] > HEADER_MAX[width]:
        problems.append(f"header {m['header']} px tall")
    if name is None:  # not logged in: no name, no role's pages
        return problems
    if width >= LAPTOP:
        if m["navRows"] != 1:
            problems.append(f"the role's pages on {m['navRows']} rows")
        if m["userLines"] != 1:
            problems.append(f"the name on {m['userLines']} lines")
        if not m["userTitle"].startswith(name):
            problems.append(f"no full name in the title: {m['userTitle']!r}")
    elif m["navVisible"]:
        problems.append("the menu is open on a phone")
    return problems


def _check(page, width: int, name: str | None, *, admin: bool = False) -> list[str]:
    page.set_viewport_size({"width": width, "height": 900})
    m = page.evaluate(MEASURE)
    problems = []
    if m["width"] > width:
        problems.append(f"{m['width']} px wide")
    if not admin:  # the admin has Django's own header
        problems += _header_problems(m, width, name)
    if width in (PHONE, LAPTOP):  # axe at the two widths of the issue (360: the width only)
        problems += axe_violations(page)
    return problems


@pytest.mark.django_db(transaction=True)
def test_every_main_page_of_every_role_fits_the_screen_and_is_axe_clean(
    chromium_browser, live_server, seeded_version, settings
):
    # Ten demo accounts hashed and logged in: the fast hasher (the server thread shares
    # these settings).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    seed_for_tour()
    failures, visited = [], 0
    for tour in tours():
        context = chromium_browser.new_context(base_url=live_server.url, locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.set_viewport_size({"width": LAPTOP, "height": 900})
        name = None
        if tour.email is not None:
            user = User.objects.get(email=tour.email)
            name = user.get_full_name()
            # The committee member lands on their objections.
            log_in(
                page,
                user,
                password=DEMO_PASSWORD,
                totp_secret=DEMO_TOTP_SECRET,
                landing=r"/(start|bezwaar/commissie)/$",
            )
        for number, stop in enumerate(tour.stops):
            page.set_viewport_size({"width": LAPTOP, "height": 900})
            response = page.goto(stop.url)
            assert response is not None, stop.url
            assert response.status == 200, (tour.role, stop.url)
            if stop.click:  # a confirmation page, posted from this one
                with page.expect_navigation():
                    page.get_by_role("button", name=stop.click).click()
            visited += 1
            admin = stop.url.startswith("/beheer/")
            widths = [LAPTOP, PHONE, SMALL]
            if number == 0 and not admin:
                widths.append(WIDE)
            for width in widths:
                for problem in _check(page, width, name, admin=admin):
                    failures.append(f"{tour.role} {stop.url} at {width} px: {problem}")
        context.close()
    assert visited >= 90
    assert failures == [], "\n".join(failures)
