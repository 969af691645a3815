"""Portal accessibility that a template or the stylesheet decides (issue 14, item 12):
contrast of the colours the portal sets, keyboard-reachable scrolling tables, unique
names for repeated landmarks."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from assessment.services.scoring import submit_assessment
from tests.assessment.helpers import score_everything

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "portal.css").read_text()


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    light, dark = sorted([_luminance(foreground), _luminance(background)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rule(selector: str) -> str:
    match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", CSS)
    assert match, f"no rule for {selector} in portal.css"
    return match.group(1)


def test_outline_primary_buttons_reach_4_5_to_1_on_the_light_card_background():
    colour = re.search(r"--bs-btn-color:\s*(#[0-9a-fA-F]{6})", _rule(".btn-outline-primary"))
    assert contrast(colour.group(1), "#f8f9fa") >= 4.5  # bg-body-tertiary
    assert contrast(colour.group(1), "#ffffff") >= 4.5
    assert contrast("#0d6efd", "#f8f9fa") < 4.5  # Bootstrap's own colour did not


def test_links_in_alerts_and_the_fingerprint_take_the_alerts_dark_text():
    assert "color: var(--bs-alert-link-color)" in _rule(".alert a:not(.btn)")
    # Bootstrap 5.3's danger and success text on their alert backgrounds.
    assert contrast("#58151c", "#f8d7da") >= 4.5
    assert "color: inherit" in _rule("code.fingerprint")
    assert contrast("#0a3622", "#d1e7dd") >= 4.5
    assert contrast("#d63384", "#d1e7dd") < 4.5  # the pink <code> colour did not


def test_small_links_and_buttons_are_at_least_24_px_tall():
    rule = CSS[CSS.index("li > a:only-child") :]
    assert "min-height: 24px" in rule[: rule.index("}")]


def _region_attrs(html: str, label: str) -> None:
    assert re.search(
        r'<div class="table-responsive" tabindex="0" role="region" aria-label="'
        + re.escape(label)
        + '">',
        html,
    )


@pytest.mark.django_db
def test_the_audit_trail_and_the_comparison_scroll_in_a_named_focusable_region(
    declared, assessor, second_assessor, office_client
):
    first, second = declared
    score_everything(first, assessor)
    submit_assessment(assignment=first, actor=assessor)
    score_everything(second, second_assessor)
    submit_assessment(assignment=second, actor=second_assessor)
    portfolio = first.review.portfolio
    trail = office_client.get(reverse("assessment:audit_trail", args=[portfolio.pk]))
    _region_attrs(trail.content.decode(), "Audittrail")
    client = Client()
    client.force_login(assessor)
    compare = client.get(reverse("assessment:compare", args=[first.pk])).content.decode()
    _region_attrs(compare, "Scores van beide assessoren")


@pytest.mark.django_db
def test_each_criterions_guidance_landmark_has_its_own_name(submitted_portfolio, candidate):
    client = Client()
    client.force_login(candidate)
    html = client.get(
        reverse("portfolio:section", args=[submitted_portfolio.pk, "C1"])
    ).content.decode()
    names = re.findall(r'<aside[^>]*aria-label="([^"]+)"', html)
    assert len(names) > 1
    assert len(set(names)) == len(names)
    assert names[0].startswith("Indicatoren en handreiking bij C1.")
