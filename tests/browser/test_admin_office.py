"""The office's admin in a real browser: within a 1280 px window, every input named
(inline tables, the autocomplete's search box) and axe-clean where it was not."""

import pytest

from profiles.models import Criterion, Profile, ProfileItem
from profiles.services import copy_version_to_draft
from tests.browser.conftest import axe_violations, log_in

WIDTH = 1280


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.django_db(transaction=True)
def test_the_framework_editor_fits_1280_px_and_names_every_input(page, seeded_version, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    page.set_viewport_size({"width": WIDTH, "height": 900})
    log_in(page, office)
    criterion = Criterion.objects.filter(section__version=draft).first()
    pages = [
        f"/beheer/profiles/section/{draft.sections.get(code='C1').pk}/change/",
        f"/beheer/profiles/criterion/{criterion.pk}/change/",
        f"/beheer/profiles/profile/{Profile.objects.filter(groups__isnull=False).first().pk}/change/",
        f"/beheer/profiles/profileitem/{ProfileItem.objects.first().pk}/change/",
        f"/beheer/profiles/frameworkversion/{draft.pk}/change/",
    ]
    for url in pages:
        page.goto(url)
        assert _page_width(page) <= WIDTH, url
        assert axe_violations(page) == [], url
    # The autocomplete's search box is named after its field.
    page.goto(pages[1])
    box = page.locator(".select2-search__field").first
    assert box.get_attribute("aria-label").endswith(", zoeken")


@pytest.mark.django_db(transaction=True)
def test_the_publish_confirmation_shows_the_diff_within_1280_px(page, seeded_version, office):
    from tests.profiles.test_version_diff import edit_draft  # noqa: PLC0415 - test helper

    draft = edit_draft(copy_version_to_draft(version=seeded_version, actor=office))
    page.set_viewport_size({"width": WIDTH, "height": 900})
    log_in(page, office)
    page.goto(f"/beheer/profiles/frameworkversion/{draft.pk}/change/")
    page.get_by_role("button", name="Publiceren…").click()
    page.wait_for_selector(".version-diff")
    table = page.get_by_role("table", name="Onderdeel B1. Werkervaring")
    row = table.get_by_role("row", name="Verklaring B1.1: minimaal aantal uren")
    assert row.locator("del").inner_text() == "1.200"
    assert row.locator("ins").inner_text() == "1.000"
    assert _page_width(page) <= WIDTH
    assert axe_violations(page) == []
