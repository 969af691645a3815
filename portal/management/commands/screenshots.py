"""`manage.py screenshots`: pictures of the main pages at 390 and 1280 px, for the README.

It serves the portal on the current database (the demo data of `manage.py seed_demo`) in
a thread, logs in as each demo role in Debian's Chromium (Playwright, as the browser
tests) and photographs the pages that portal/tour.py marks, the visible window only, as
compressed JPEG into docs/screens/. Run it again after a change of layout to refresh them.
"""

import shutil
import time
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management.base import BaseCommand, CommandError
from django.test.testcases import LiveServerThread

from portal.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, current_totp_code
from portal.models import User
from portal.tour import Tour, tours

CHROMIUM = "/usr/bin/chromium"  # Debian's (apt-get install chromium); --chromium for another
WINDOWS = {390: 844, 1280: 800}  # width: height (a phone, a laptop)
QUALITY = 60  # JPEG quality: readable text, ~100 kB a picture


class Command(BaseCommand):
    help = "Schermafbeeldingen van de belangrijkste pagina's (390 en 1280 px) in docs/screens/."

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "docs" / "screens"))
        parser.add_argument("--chromium", default=CHROMIUM)

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("screenshots draait niet in productie (PORTAL_MODE=production).")
        chromium = options["chromium"]
        if not shutil.which(chromium):
            raise CommandError(f"Geen Chromium op {chromium} (apt-get install chromium).")
        wanted = [tour for tour in tours() if any(stop.screenshot for stop in tour.stops)]
        missing = [t.email for t in wanted if not User.objects.filter(email=t.email).exists()]
        if missing:
            raise CommandError(f"Demo-accounts ontbreken ({', '.join(missing)}): eerst seed_demo.")
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise CommandError(f"De server start niet: {server.error}")
        try:
            written = _photograph(chromium, f"http://127.0.0.1:{server.port}", wanted, out)
        finally:
            server.terminate()
        self.stdout.write(f"{len(written)} schermafbeeldingen in {out}")


def _photograph(chromium: str, base_url: str, wanted: list[Tour], out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - dev tool, optional

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        for tour in wanted:
            context = browser.new_context(base_url=base_url, locale="nl-NL")
            page = context.new_page()
            page.set_default_timeout(30_000)
            _log_in(page, tour.email)
            for stop in tour.stops:
                if stop.screenshot:
                    written += _shoot(page, tour, stop, out)
            context.close()
        browser.close()
    return written


def _log_in(page, email: str) -> None:
    """The real login pages; the demo staff's authenticator code computed from the demo key
    (a code used a moment ago is refused: then the next one)."""
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    for attempt in range(2):
        if "/accounts/2fa/authenticate/" not in page.url:
            break
        code, left = current_totp_code(DEMO_TOTP_SECRET)
        if attempt:
            time.sleep(left + 1)
            code, _left = current_totp_code(DEMO_TOTP_SECRET)
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
    if "/accounts/" in page.url:
        raise CommandError(f"Inloggen als {email} lukt niet ({page.url}).")


def _shoot(page, tour: Tour, stop, out: Path) -> list[Path]:
    page.set_viewport_size({"width": 1280, "height": WINDOWS[1280]})
    page.goto(stop.url)
    written = []
    widths = [1280] if stop.url.startswith("/beheer/") else list(WINDOWS)
    for width in widths:
        page.set_viewport_size({"width": width, "height": WINDOWS[width]})
        page.evaluate("window.scrollTo(0, 0)")
        path = out / f"{tour.role}-{stop.name}-{width}.jpg"
        page.screenshot(path=str(path), type="jpeg", quality=QUALITY)
        written.append(path)
    return written
