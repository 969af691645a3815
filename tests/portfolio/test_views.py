import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portfolio.enums import PortfolioState
from portfolio.models import Answer, Document
from portfolio.services import start_portfolio
from tests.downloads.helpers import post_and_download
from tests.factories.files import pdf_upload
from tests.factories.portfolios import fill_portfolio, submit


def _urls(portfolio, document, signature):
    """Every portfolio URL with real ids: (method, url)."""
    pk = portfolio.pk
    version = portfolio.framework_version
    route = version.sections.get(code="A").education_requirements.first()
    declaration = version.sections.get(code="B1").declarations.first()
    return [
        ("get", reverse("portfolio:dashboard", args=[pk])),
        ("get", reverse("portfolio:section", args=[pk, "C1"])),
        ("post", reverse("portfolio:choose_routes", args=[pk])),
        ("post", reverse("portfolio:autosave", args=[pk])),
        ("post", reverse("portfolio:upload", args=[pk, "route", route.pk])),
        ("get", reverse("portfolio:download", args=[pk, document.pk])),
        ("post", reverse("portfolio:delete_document", args=[pk, document.pk])),
        ("post", reverse("portfolio:sign", args=[pk, declaration.pk])),
        ("post", reverse("portfolio:withdraw", args=[pk, signature.pk])),
        ("get", reverse("portfolio:submit", args=[pk])),
        ("post", reverse("portfolio:submit", args=[pk])),
        ("get", reverse("portfolio:preview", args=[pk])),
        ("post", reverse("portfolio:preview_pdf", args=[pk])),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_candidate", "assessor", "office", "anonymous"])
def test_nobody_but_the_owner_reaches_any_portfolio_url(request, complete_portfolio, who):
    document = complete_portfolio.documents.first()
    signature = complete_portfolio.signatures.first()
    client = Client()
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for method, url in _urls(complete_portfolio, document, signature):
        response = getattr(client, method)(url)
        if who == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/"), url
        else:
            assert response.status_code == 404, (who, url)
    assert Document.objects.filter(pk=document.pk).exists()
    assert complete_portfolio.signatures.filter(pk=signature.pk).exists()


@pytest.mark.django_db
def test_the_owner_downloads_a_file_inline_with_private_caching(
    candidate_client, complete_portfolio
):
    document = complete_portfolio.documents.first()
    response = candidate_client.get(
        reverse("portfolio:download", args=[complete_portfolio.pk, document.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_autosave_returns_the_new_revision_and_409_for_a_stale_tab(candidate_client, portfolio):
    task0 = portfolio.framework_version.sections.get(code="C1").criteria.get(number=0)
    url = reverse("portfolio:autosave", args=[portfolio.pk])
    data = {"target": f"criterion-{task0.pk}", "revision": 0, "text": "Eerste versie"}
    ok = candidate_client.post(url, data, HTTP_HX_REQUEST="true")
    assert ok.status_code == 200
    html = ok.content.decode()
    assert "Opgeslagen om" in html
    assert (
        f'name="revision" value="1" id="revision-criterion-{task0.pk}" hx-swap-oob="true"' in html
    )
    stale = candidate_client.post(url, {**data, "text": "Andere tab"})
    assert stale.status_code == 409
    assert "elders opgeslagen" in stale.content.decode()
    assert Answer.objects.get(criterion=task0).text == "Eerste versie"


@pytest.mark.django_db
def test_autosave_refuses_a_question_of_another_version(candidate_client, portfolio, office):
    from profiles.services import copy_version_to_draft  # noqa: PLC0415

    other = copy_version_to_draft(version=portfolio.framework_version, actor=office)
    foreign = other.sections.get(code="C1").criteria.get(number=0)
    response = candidate_client.post(
        reverse("portfolio:autosave", args=[portfolio.pk]),
        {"target": f"criterion-{foreign.pk}", "revision": 0, "text": "x"},
    )
    assert response.status_code == 404
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_upload_through_the_page_and_a_renamed_html_is_refused(candidate_client, portfolio):
    section_a = portfolio.framework_version.sections.get(code="A")
    basic = section_a.education_requirements.get(level="basic", number=1)
    supplementary = section_a.education_requirements.get(level="supplementary", number=4)
    candidate_client.post(
        reverse("portfolio:choose_routes", args=[portfolio.pk]),
        {"basic_route": basic.pk, "supplementary_route": supplementary.pk},
    )
    url = reverse("portfolio:upload", args=[portfolio.pk, "route", basic.pk])
    bad = candidate_client.post(
        url,
        {"file": _html(), "document_date": "2020-06-30"},
        follow=True,
    )
    assert "Alleen PDF-, JPEG- en PNG-bestanden zijn toegestaan" in bad.content.decode()
    assert not Document.objects.exists()
    good = candidate_client.post(
        url, {"file": pdf_upload("hbo-diploma.pdf"), "document_date": "2020-06-30"}, follow=True
    )
    assert "hbo-diploma.pdf is geüpload." in good.content.decode()
    assert Document.objects.get().requirement == basic


@pytest.mark.django_db
def test_one_upload_check_at_a_time_per_candidate(candidate_client, candidate, portfolio):
    """Four hostile uploads at once held four web workers; now a second one while the
    first is being checked is answered at once with a message and stores nothing."""
    section_a = portfolio.framework_version.sections.get(code="A")
    basic = section_a.education_requirements.get(level="basic", number=1)
    supplementary = section_a.education_requirements.get(level="supplementary", number=4)
    candidate_client.post(
        reverse("portfolio:choose_routes", args=[portfolio.pk]),
        {"basic_route": basic.pk, "supplementary_route": supplementary.pk},
    )
    url = reverse("portfolio:upload", args=[portfolio.pk, "route", basic.pk])
    cache.add(f"one-at-a-time:upload:{candidate.pk}", 1, 30)  # a check under way
    busy = candidate_client.post(
        url, {"file": pdf_upload("hbo-diploma.pdf"), "document_date": "2020-06-30"}, follow=True
    )
    assert "Er wordt nog een ander bestand van je gecontroleerd." in busy.content.decode()
    assert not Document.objects.exists()
    cache.delete(f"one-at-a-time:upload:{candidate.pk}")  # that check is done
    done = candidate_client.post(
        url, {"file": pdf_upload("hbo-diploma.pdf"), "document_date": "2020-06-30"}, follow=True
    )
    assert "hbo-diploma.pdf is geüpload." in done.content.decode()
    assert not cache.get(f"one-at-a-time:upload:{candidate.pk}")  # released after it


def _html():
    from tests.factories.files import upload  # noqa: PLC0415

    return upload("diploma.pdf", b"<!doctype html><script>alert(1)</script>", "application/pdf")


@pytest.mark.django_db(transaction=True)
def test_submit_page_lists_what_is_missing_then_submits_once(
    candidate_client, candidate, seeded_version
):
    portfolio = start_portfolio(candidate=candidate, version=seeded_version)
    page = candidate_client.get(reverse("portfolio:submit", args=[portfolio.pk]))
    assert 'id="missing-list"' in page.content.decode()
    refused = candidate_client.post(
        reverse("portfolio:submit", args=[portfolio.pk]), {"confirm": "yes"}, follow=True
    )
    assert "nog niet compleet" in refused.content.decode()
    fill_portfolio(portfolio)
    url = reverse("portfolio:submit", args=[portfolio.pk])
    first = candidate_client.post(url, {"confirm": "yes"}, follow=True)
    second = candidate_client.post(url, {"confirm": "yes"}, follow=True)
    assert "Je portfolio is ingediend." in first.content.decode()
    assert "Je portfolio was al ingediend." in second.content.decode()
    portfolio.refresh_from_db()
    assert portfolio.state == PortfolioState.SUBMITTED
    assert portfolio.snapshots.count() == 1
    sha = portfolio.snapshots.get().sha256
    assert (
        sha
        in candidate_client.get(
            reverse("portfolio:dashboard", args=[portfolio.pk])
        ).content.decode()
    )
    # Locked: the section page shows no forms, saving is refused.
    section = candidate_client.get(reverse("portfolio:section", args=[portfolio.pk, "C1"]))
    assert "vergrendeld" in section.content.decode()
    assert "<textarea" in section.content.decode()
    assert "readonly" in section.content.decode()


def _query_count(client, url) -> int:
    client.get(url)  # warm: the published framework's content is cached from then on
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_dashboard_and_section_queries_do_not_grow_with_answers_and_files(
    candidate_client, portfolio
):
    dashboard = reverse("portfolio:dashboard", args=[portfolio.pk])
    section = reverse("portfolio:section", args=[portfolio.pk, "C1"])
    section_a = reverse("portfolio:section", args=[portfolio.pk, "A"])
    empty = (
        _query_count(candidate_client, dashboard),
        _query_count(candidate_client, section),
        _query_count(candidate_client, section_a),
    )
    fill_portfolio(portfolio)
    full = (
        _query_count(candidate_client, dashboard),
        _query_count(candidate_client, section),
        _query_count(candidate_client, section_a),
    )
    assert empty == full
    # session, user, portfolio (with its version's status and the content stamp: the
    # version's content comes from the kept tree, profiles.selectors.version_read),
    # answers, documents, signatures. (8, 7, 7) before the version's status came with
    # the portfolio; (7, 6, 6) while the dashboard asked a draft for its last snapshot.
    assert full == (6, 6, 6)
    # Once submitted, the dashboard also reads the last snapshot (and shows it).
    submit(portfolio)
    assert _query_count(candidate_client, dashboard) == 7
    sha = portfolio.snapshots.get().sha256
    assert sha in candidate_client.get(dashboard).content.decode()


@pytest.mark.django_db
def test_preview_pdf_contains_the_candidates_texts(
    candidate_client, complete_portfolio, django_capture_on_commit_callbacks
):
    import io  # noqa: PLC0415

    from pypdf import PdfReader  # noqa: PLC0415

    url = reverse("portfolio:preview_pdf", args=[complete_portfolio.pk])
    _id, pdf = post_and_download(candidate_client, url, django_capture_on_commit_callbacks)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Portfolio van Kim de Vries" in text
    assert "Wie is de cliënt?" in text
    assert "licht verstandelijke beperking" in text


def test_the_dashboard_shows_each_sections_progress_and_links_what_is_missing(
    candidate_client, portfolio
):
    dashboard = reverse("portfolio:dashboard", args=[portfolio.pk])
    c1 = reverse("portfolio:section", args=[portfolio.pk, "C1"])
    criterion = portfolio.framework_version.sections.get(code="C1").criteria.order_by("number")[0]
    html = candidate_client.get(dashboard).content.decode()
    assert f'<th scope="row"><a href="{c1}">C1. ' in html
    # Nothing written yet: each of C1's criteria is to do, linking to its place.
    assert f'<a href="{c1}#criterion-{criterion.pk}">' in html
    assert '<li class="text-success">Compleet</li>' not in html
    fill_portfolio(portfolio)
    html = candidate_client.get(dashboard).content.decode()
    assert f'<a href="{c1}#criterion-{criterion.pk}">' not in html
    assert '<li class="text-success">Compleet</li>' in html
    assert 'class="progress-bar progress-w-100 bg-success"' in html
