"""Input bounds of the candidate's portfolio: the B1 years and hours bounded to a career
(65537 years once wrapped to 1 on PostgreSQL, below the 2-year minimum), answers and
names length-limited, dates not absurdly far off — in the form (a Dutch field error) and
in the service (a direct call is refused too)."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from portal import limits
from portfolio import services
from portfolio.forms import AnswerForm, RouteChoiceForm, SignatureForm
from portfolio.models import Answer, Document, Signature
from profiles.models import Declaration
from tests.factories.files import pdf_bytes


def _b1(portfolio) -> Declaration:
    return Declaration.objects.get(
        section__version=portfolio.framework_version, section__code="B1", min_years__isnull=False
    )


def _sign(portfolio, candidate, **numbers):
    return services.sign_declaration(
        portfolio=portfolio,
        declaration=_b1(portfolio),
        full_name=candidate.get_full_name(),
        signed_on=timezone.localdate(),
        confirmed=True,
        actor=candidate,
        **{"years": 5, "hours": 2000} | numbers,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("numbers", "message"),
    [
        ({"years": 65537}, "Het aantal jaren moet tussen 0 en 60 liggen."),
        ({"years": -1}, "Het aantal jaren moet tussen 0 en 60 liggen."),
        ({"hours": 4_294_968_496}, "Het aantal uren moet tussen 0 en 100.000 liggen."),
        ({"hours": 2**63}, "Het aantal uren moet tussen 0 en 100.000 liggen."),
    ],
)
def test_the_b1_service_refuses_numbers_beyond_a_career(portfolio, candidate, numbers, message):
    with pytest.raises(services.PortfolioError) as exc:
        _sign(portfolio, candidate, **numbers)
    assert str(exc.value) == message
    assert not Signature.objects.exists()


@pytest.mark.django_db
def test_the_b1_service_takes_the_outer_bounds(portfolio, candidate):
    signature = _sign(portfolio, candidate, years=60, hours=100_000)
    signature.refresh_from_db()
    assert (signature.years, signature.hours) == (60, 100_000)


@pytest.mark.django_db
def test_the_b1_form_refuses_65537_years_with_a_dutch_field_error(portfolio, candidate_client):
    declaration = _b1(portfolio)
    response = candidate_client.post(
        reverse("portfolio:sign", args=[portfolio.pk, declaration.pk]),
        {
            "years": "65537",
            "hours": "4294968496",
            "full_name": "Kim de Vries",
            "signed_on": timezone.localdate().isoformat(),
            "confirmed": "on",
        },
    )
    # The page again, as typed, each error at its field (crispy's error id names it).
    assert response.status_code == 400
    html = response.content.decode()
    years, hours = (f"id_declaration-{declaration.pk}_{name}" for name in ("years", "hours"))
    assert f'id="error_1_{years}"' in html
    assert f'id="error_1_{hours}"' in html
    assert "Zorg ervoor dat deze waarde hoogstens 60 is." in html
    assert "Zorg ervoor dat deze waarde hoogstens 100000 is." in html
    assert 'value="65537"' in html
    assert not Signature.objects.exists()


@pytest.mark.django_db
def test_the_form_bounds_are_the_limits(portfolio):
    form = SignatureForm(declaration=_b1(portfolio))
    assert (form.fields["years"].min_value, form.fields["years"].max_value) == (0, 60)
    assert (form.fields["hours"].min_value, form.fields["hours"].max_value) == (0, 100_000)
    assert form.fields["full_name"].max_length == limits.FULL_NAME.max_length == 301


@pytest.mark.django_db
def test_an_answer_too_long_is_refused_by_the_service(portfolio):
    criterion = portfolio.framework_version.sections.get(code="C1").criteria.get(number=0)
    with pytest.raises(services.PortfolioError) as exc:
        services.save_answer(
            portfolio=portfolio, target=criterion, text="x" * 50_001, base_revision=0
        )
    assert str(exc.value) == (
        "Je antwoord is te lang: maximaal 50.000 tekens, nu 50.001. Maak de tekst korter."
    )
    services.save_answer(portfolio=portfolio, target=criterion, text="x" * 50_000, base_revision=0)
    assert len(Answer.objects.get().text) == 50_000


@pytest.mark.django_db
def test_autosave_of_an_answer_too_long_says_so_in_place(candidate_client, portfolio):
    criterion = portfolio.framework_version.sections.get(code="C1").criteria.get(number=0)
    response = candidate_client.post(
        reverse("portfolio:autosave", args=[portfolio.pk]),
        {"target": f"criterion-{criterion.pk}", "revision": 0, "text": "x" * 60_000},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert response.content.decode() == (
        '<span class="text-danger fw-semibold" role="alert">Je antwoord is te lang: maximaal '
        "50.000 tekens, nu 60.000. Maak de tekst korter.</span>\n"
    )
    assert not Answer.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"target": f"criterion-{2**63}", "revision": 0}, 404),
        ({"target": "criterion-" + "9" * 40, "revision": 0}, 404),
        ({"target": "criterion-1", "revision": str(2**63)}, 400),
        ({"target": "criterion-1", "revision": "-1"}, 400),
        ({"target": "criterion-1", "revision": "1e9"}, 400),
    ],
)
def test_autosave_with_tampered_numbers_is_no_500(candidate_client, portfolio, data, status):
    response = candidate_client.post(
        reverse("portfolio:autosave", args=[portfolio.pk]), {**data, "text": "x"}
    )
    assert response.status_code == status
    assert not Answer.objects.exists()


def test_dates_far_off_are_a_field_error():
    form = AnswerForm(
        {"target": "question-1", "revision": "0", "text": "", "date_value": "0001-01-01"}
    )
    assert form.errors == {"date_value": ["Kies een datum na 01-01-1950."]}


@pytest.mark.django_db
def test_the_upload_service_bounds_study_hours_and_the_document_date(portfolio, candidate):
    section_a = portfolio.framework_version.sections.get(code="A")
    basic = section_a.education_requirements.get(level="basic", number=1)
    supplementary = section_a.education_requirements.get(level="supplementary", number=4)
    services.choose_routes(
        portfolio=portfolio, basic_route=basic, supplementary_route=supplementary
    )

    def upload(**kwargs):
        file = SimpleUploadedFile("bewijs.pdf", pdf_bytes(), content_type="application/pdf")
        return services.upload_document(
            portfolio=portfolio,
            target=basic,
            uploaded=file,
            actor=candidate,
            **{"document_date": date(2020, 6, 30), "study_hours": 400} | kwargs,
        )

    with pytest.raises(services.PortfolioError) as exc:
        upload(study_hours=4_294_968_496)
    assert str(exc.value) == "Het aantal studie-uren moet tussen 1 en 10.000 liggen."
    with pytest.raises(services.PortfolioError) as exc:
        upload(document_date=date(1, 1, 1))
    assert str(exc.value) == "Kies een datum na 01-01-1950."
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_a_deadline_years_ahead_is_refused(complete_portfolio, candidate):
    services.submit_portfolio(portfolio=complete_portfolio, actor=candidate)
    far = timezone.localdate() + timedelta(days=3650)
    with pytest.raises(services.PortfolioError) as exc:
        services.reopen_for_additions(portfolio=complete_portfolio, sections=["C1"], deadline=far)
    latest = (timezone.localdate() + timedelta(days=366)).strftime("%d-%m-%Y")
    assert str(exc.value) == f"Kies een datum binnen een jaar, uiterlijk {latest}."


@pytest.mark.django_db
def test_an_id_in_other_digits_picks_nothing(seeded_version):
    """Django reads "٣" (Arabic-Indic three) as 3: a tampered id could still pick a real
    route (the hostile-input walk found it on PostgreSQL). Only ASCII digits are ids."""
    section = seeded_version.sections.get(code="A")
    basic = section.education_requirements.get(level="basic", number=1)
    supplementary = section.education_requirements.get(level="supplementary", number=4)
    arabic_indic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    tampered = RouteChoiceForm(
        {
            "basic_route": str(basic.pk).translate(arabic_indic),
            "supplementary_route": supplementary.pk,
        },
        section=section,
    )
    assert not tampered.is_valid()
    assert list(tampered.errors) == ["basic_route"]
    plain = RouteChoiceForm(
        {"basic_route": str(basic.pk), "supplementary_route": supplementary.pk}, section=section
    )
    assert plain.is_valid(), plain.errors
    assert plain.cleaned_data["basic_route"] == basic
