"""The office's dossier in a browser: the sealed portfolio, the rule and the assessments
on one page, axe-clean at 1280 and 390 px."""

import pytest

from assessment.enums import ReviewState
from tests.browser.conftest import axe_violations, log_in
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import make_review


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_the_dossier_reads_the_sealed_portfolio_and_is_axe_clean(
    page, width, seeded_version, candidate, assessor, second_assessor, office
):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    make_review(
        state=ReviewState.DECIDED,
        portfolio=portfolio,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
    )
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, office)
    page.goto(f"/beoordeling/wachtrij/{portfolio.pk}/dossier/")
    assert page.get_by_role("heading", name="Portfolio zoals ingediend").is_visible()
    assert page.get_by_role("heading", name="Beslisregel").is_visible()
    assert page.locator(".sealed-block").count() > 10
    assert axe_violations(page) == []
