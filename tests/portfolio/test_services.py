import pytest

from portfolio.eligibility import compute_requirements
from portfolio.enums import PortfolioState
from portfolio.models import Portfolio
from portfolio.services import PortfolioError, choose_routes, start_portfolio
from profiles.enums import EducationLevel
from profiles.services import copy_version_to_draft

ALL = ("A", "B1", "B2", "C", "C1", "C2", "C3", "C4", "D", "E")


def _route(version, level, number):
    return version.sections.get(code="A").education_requirements.get(level=level, number=number)


@pytest.mark.django_db
def test_without_routes_the_full_portfolio_and_the_interview_are_required(seeded_version):
    requirements = compute_requirements(
        version=seeded_version, basic_route=None, supplementary_route=None
    )
    assert requirements.required_sections == ALL
    assert requirements.exempt_sections == ()
    assert requirements.interview_required


@pytest.mark.django_db
@pytest.mark.parametrize("a2", [1, 2, 3])
def test_a2_routes_1_to_3_exempt_b2_the_case_d_and_the_interview(seeded_version, a2):
    requirements = compute_requirements(
        version=seeded_version,
        basic_route=_route(seeded_version, EducationLevel.BASIC, 1),
        supplementary_route=_route(seeded_version, EducationLevel.SUPPLEMENTARY, a2),
    )
    assert requirements.required_sections == ("A", "B1", "E")
    assert requirements.exempt_sections == ("B2", "C", "C1", "C2", "C3", "C4", "D")
    assert not requirements.interview_required


@pytest.mark.django_db
@pytest.mark.parametrize(("a1", "a2"), [(1, 4), (2, 5), (3, 4)])
def test_a2_routes_4_and_5_require_everything(seeded_version, a1, a2):
    requirements = compute_requirements(
        version=seeded_version,
        basic_route=_route(seeded_version, EducationLevel.BASIC, a1),
        supplementary_route=_route(seeded_version, EducationLevel.SUPPLEMENTARY, a2),
    )
    assert requirements.required_sections == ALL
    assert requirements.interview_required


@pytest.mark.django_db
def test_one_active_portfolio_per_candidate(seeded_version, candidate):
    portfolio = start_portfolio(candidate=candidate, version=seeded_version)
    assert (portfolio.state, portfolio.framework_version) == (PortfolioState.DRAFT, seeded_version)
    with pytest.raises(PortfolioError, match="al een portfolio in behandeling"):
        start_portfolio(candidate=candidate, version=seeded_version)
    assert Portfolio.objects.filter(candidate=candidate).count() == 1


@pytest.mark.django_db
def test_a_portfolio_cannot_start_on_a_draft_version(seeded_version, candidate, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    with pytest.raises(PortfolioError, match="gepubliceerde versie"):
        start_portfolio(candidate=candidate, version=draft)
    assert not Portfolio.objects.exists()


@pytest.mark.django_db
def test_choosing_routes_records_them_and_refuses_routes_of_another_version(
    seeded_version, candidate, office
):
    portfolio = start_portfolio(candidate=candidate, version=seeded_version)
    basic = _route(seeded_version, EducationLevel.BASIC, 2)
    exempt = _route(seeded_version, EducationLevel.SUPPLEMENTARY, 1)
    requirements = choose_routes(portfolio=portfolio, basic_route=basic, supplementary_route=exempt)
    assert requirements.required_sections == ("A", "B1", "E")
    portfolio.refresh_from_db()
    assert (portfolio.basic_route, portfolio.supplementary_route) == (basic, exempt)

    other = copy_version_to_draft(version=seeded_version, actor=office)
    foreign = _route(other, EducationLevel.SUPPLEMENTARY, 4)
    with pytest.raises(PortfolioError, match="hoort niet bij"):
        choose_routes(portfolio=portfolio, basic_route=basic, supplementary_route=foreign)
    with pytest.raises(PortfolioError, match="hoort niet bij"):
        choose_routes(portfolio=portfolio, basic_route=exempt, supplementary_route=basic)
    portfolio.refresh_from_db()
    assert portfolio.supplementary_route == exempt


@pytest.mark.django_db
def test_a_submitted_portfolio_keeps_its_routes(seeded_version, candidate):
    portfolio = start_portfolio(candidate=candidate, version=seeded_version)
    Portfolio.objects.filter(pk=portfolio.pk).update(state=PortfolioState.SUBMITTED)
    with pytest.raises(PortfolioError, match="ingediend"):
        choose_routes(
            portfolio=portfolio,
            basic_route=_route(seeded_version, EducationLevel.BASIC, 1),
            supplementary_route=_route(seeded_version, EducationLevel.SUPPLEMENTARY, 4),
        )
