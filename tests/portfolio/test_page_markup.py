"""What the candidate's pages show: unique ids and labelled fields on pages with several
forms, and the preview of an upload-only item."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from profiles.enums import AnswerKind
from profiles.models import Question
from tests.factories.files import pdf_upload
from tests.factories.portfolios import refused_signature
from tests.portal.html_checks import repeated_ids, unlabelled_controls


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["A", "B1", "B2", "E"])
def test_pages_with_several_forms_have_unique_ids_and_labelled_fields(
    candidate_client, complete_portfolio, code
):
    # A holds an upload block per chosen route, B1 two declarations and E three; before,
    # every one of them reused id_file / id_confirmed, so a label ticked another form's box.
    complete_portfolio.signatures.all().delete()  # the signing forms are shown again
    url = reverse("portfolio:section", args=[complete_portfolio.pk, code])
    html = candidate_client.get(url).content.decode()
    assert repeated_ids(html) == []
    assert unlabelled_controls(html) == []
    forms = html.count('name="confirmed"') + html.count('name="file"')
    assert forms >= {"A": 2, "B1": 2, "B2": 1, "E": 3}[code]


@pytest.mark.django_db
def test_each_declaration_label_names_its_own_checkbox(candidate_client, complete_portfolio):
    complete_portfolio.signatures.all().delete()
    declarations = complete_portfolio.framework_version.sections.get(code="B1").declarations
    html = candidate_client.get(
        reverse("portfolio:section", args=[complete_portfolio.pk, "B1"])
    ).content.decode()
    for declaration in declarations.all():
        box = f"id_declaration-{declaration.pk}_confirmed"
        assert f'id="{box}"' in html
        assert f'for="{box}"' in html


@pytest.mark.django_db
def test_the_preview_shows_an_uploaded_cv_without_not_filled_in(
    candidate_client, complete_portfolio
):
    html = candidate_client.get(
        reverse("portfolio:preview", args=[complete_portfolio.pk])
    ).content.decode()
    cv = html[html.index("B2.1") : html.index("</div>", html.index("B2.1"))]
    assert "curriculum-vitae" in cv
    assert "Nog niet ingevuld" not in cv


@pytest.mark.django_db
def test_a_refused_signature_keeps_what_was_typed_and_says_why_at_the_field(
    candidate_client, portfolio
):
    declaration = portfolio.framework_version.sections.get(code="B1").declarations.get(
        min_years__isnull=False
    )
    response = candidate_client.post(
        reverse("portfolio:sign", args=[portfolio.pk, declaration.pk]),
        refused_signature(),
    )
    assert response.status_code == 400
    html = response.content.decode()
    prefix = f"id_declaration-{declaration.pk}"
    assert f'id="{prefix}_years"' in html
    assert 'value="1"' in html
    assert 'value="5000"' in html
    assert 'value="Kim de Vrie"' in html
    years_error = html[html.index(f'id="error_1_{prefix}_years"') :][:300]
    assert f"minimaal {declaration.min_years} jaar" in years_error
    name_error = html[html.index(f'id="error_1_{prefix}_full_name"') :][:300]
    assert "Typ je volledige naam" in name_error
    assert not portfolio.signatures.exists()


def _autosave(client, portfolio, target, **data):
    return client.post(
        reverse("portfolio:autosave", args=[portfolio.pk]),
        {"target": target, "revision": 0, **data},
        HTTP_HX_REQUEST="true",
    )


@pytest.mark.django_db
def test_autosave_updates_the_sidebar_count_of_its_section(candidate_client, portfolio):
    task0 = portfolio.framework_version.sections.get(code="C1").criteria.get(number=0)
    page = candidate_client.get(
        reverse("portfolio:section", args=[portfolio.pk, "C1"])
    ).content.decode()
    before = page[page.index('id="progress-C1"') :][:120]
    assert ">0/" in before
    html = _autosave(
        candidate_client, portfolio, f"criterion-{task0.pk}", text="Eerste versie"
    ).content.decode()
    badge = html[html.index('<span id="progress-C1" hx-swap-oob="true">') :][:150]
    assert ">1/" in badge
    # The count costs the same few queries however many answers the portfolio holds.
    texts = portfolio.framework_version.sections.get(code="C1").criteria.filter(answer_kind="text")
    tasks = list(texts.order_by("number"))  # C1.0, C1.1, C1.6, C1.7
    with CaptureQueriesContext(connection) as one:
        _autosave(candidate_client, portfolio, f"criterion-{tasks[1].pk}", text="Twee")
    _autosave(candidate_client, portfolio, f"criterion-{tasks[2].pk}", text="Drie")
    with CaptureQueriesContext(connection) as many:
        html = _autosave(
            candidate_client, portfolio, f"criterion-{tasks[3].pk}", text="Vier"
        ).content.decode()
    assert ">4/" in html[html.index('id="progress-C1"') :][:150]
    assert len(many) == len(one)


@pytest.mark.django_db
def test_a_date_against_the_rules_shows_the_rule_not_saved(candidate_client, portfolio):
    version = portfolio.framework_version
    question = Question.objects.get(section__version=version, answer_kind=AnswerKind.DATE)
    start = timezone.localdate() + timedelta(days=3)  # in the future: against the rule
    html = _autosave(
        candidate_client, portfolio, f"question-{question.pk}", date_value=start.isoformat()
    ).content.decode()
    assert "De startdatum ligt in de toekomst." in html
    assert "Opgeslagen" not in html
    section = question.section.code
    page = candidate_client.get(
        reverse("portfolio:section", args=[portfolio.pk, section])
    ).content.decode()
    status = page[page.index(f'id="status-question-{question.pk}"') :][:300]
    assert "De startdatum ligt in de toekomst." in status
    assert "Opgeslagen" not in status


@pytest.mark.django_db
def test_the_upload_confirmation_is_a_status_shown_at_the_upload(candidate_client, portfolio):
    question = Question.objects.get(
        section__version=portfolio.framework_version, answer_kind=AnswerKind.UPLOAD
    )
    response = candidate_client.post(
        reverse("portfolio:upload", args=[portfolio.pk, "question", question.pk]),
        {"file": pdf_upload("cv.pdf"), "document_date": "2020-06-30"},
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith(f"#question-{question.pk}")
    html = response.content.decode()
    assert '<div class="messages" tabindex="-1" data-follow-anchor>' in html
    assert '<div class="alert alert-success" role="status">cv.pdf is geüpload.</div>' in html


@pytest.mark.django_db
def test_a_word_guide_says_it_is_a_target_not_a_maximum(candidate_client, portfolio):
    task0 = portfolio.framework_version.sections.get(code="C1").criteria.get(number=0)
    html = candidate_client.get(
        reverse("portfolio:section", args=[portfolio.pk, "C1"])
    ).content.decode()
    guide = f"richtlijn: ongeveer {task0.word_guide} woorden, geen maximum"
    assert f'<span class="word-guide" id="guide-criterion-{task0.pk}">{guide}</span>' in html
