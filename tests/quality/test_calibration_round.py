"""The assessor's calibration round: scored on the review's scoring page (same template,
score forms and scale) for an anonymised portfolio, autosaved, submitted, then the result
per criterion against the reference with its motivation."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from portfolio.models import Snapshot
from quality.calibration import completed_on
from quality.models import CalibrationRound, CalibrationScore

from .test_calibration import case  # noqa: F401 (fixture)

QUERIES_SCORING = 8
QUERIES_RESULT = 6

# A BSN that passes the elfproef, a phone number, the candidate's names and e-mail.
PERSONAL = (
    "Ik ben Karin de Vries (kalibratie@example.nl, 06-12345678); mijn cliënt heeft BSN "
    "111222333 en woont op Dorpsstraat 12, 1234 AB Utrecht. Karin werkt sinds 2019 als "
    "jobcoach."
)


@pytest.fixture
def assessor_client(client, assessor):
    client.force_login(assessor)
    return client


@pytest.fixture
def sealed(case):  # noqa: F811
    """The case's portfolio sealed with personal data in its first referenced answer."""
    candidate = case.portfolio.candidate
    candidate.first_name, candidate.last_name = "Karin", "de Vries"
    candidate.save()
    first = case.references.order_by("criterion__order", "criterion__pk").first().criterion
    Snapshot.objects.create(
        portfolio=case.portfolio,
        round=1,
        sha256="0" * 64,
        content={
            "sections": [
                {
                    "code": first.section.code,
                    "entries": [{"code": first.code, "kind": "answer", "text": PERSONAL}],
                }
            ]
        },
    )
    return case


def _url(case, name="calibration_case"):  # noqa: F811
    return reverse(f"quality:{name}", args=[case.pk])


def _save(client, case, criterion_id, option, motivation="Duidelijk voorbeeld."):  # noqa: F811
    return client.post(
        _url(case, "calibration_save"),
        {"target": f"criterion-{criterion_id}", "option": option.pk, "motivation": motivation},
        HTTP_HX_REQUEST="true",
    )


def test_the_round_is_scored_on_the_reviews_scoring_page_anonymised(assessor_client, sealed):
    page = assessor_client.get(_url(sealed))
    assert page.status_code == 200
    assert "assessment/score.html" in [t.name for t in page.templates]
    html = page.content.decode()
    assert "Kalibratieronde: Casus" in html
    # The review's score forms, posting to the calibration's autosave, on the full scale.
    save_url = _url(sealed, "calibration_save")
    assert html.count(f'hx-post="{save_url}"') == 2
    assert html.count('class="score-form') == 2
    for option in sealed.portfolio.framework_version.score_options.all():
        assert f">{option.label}</label>" in html
    assert 'name="interview_question"' not in html  # no interview in a calibration round
    assert "Kalibratieronde indienen" in html
    assert "Referentie." not in html  # not before the round is submitted
    # Anonymised: names, e-mail and every finding of the privacy guard replaced.
    for personal in ("Karin", "Vries", "kalibratie@example.nl", "06-12345678", "111222333"):
        assert personal not in html
    assert "Dorpsstraat 12, 1234 AB" not in html
    assert "Ik ben [naam] ([e-mailadres], [telefoonnummer])" in html
    assert "BSN [BSN-nummer]" in html
    assert "[naam] werkt sinds 2019 als" in html


def test_autosave_submit_then_the_result_with_the_reference(assessor_client, assessor, sealed):
    options = {o.code: o for o in sealed.portfolio.framework_version.score_options.all()}
    first, second = sealed.references.order_by("criterion__order", "criterion__pk")
    assert (
        _save(assessor_client, sealed, first.criterion_id, options["aangetoond"]).status_code == 200
    )
    # Incomplete: refused with what is missing, no round, still the scoring page.
    refused = assessor_client.post(_url(sealed, "calibration_submit"), follow=True)
    assert "Nog niet compleet" in refused.content.decode()
    assert not CalibrationRound.objects.exists()
    assert (
        _save(assessor_client, sealed, second.criterion_id, options["toelichten"]).status_code
        == 200
    )
    done = assessor_client.post(_url(sealed, "calibration_submit"))
    assert done["Location"] == _url(sealed)
    assert CalibrationRound.objects.filter(case=sealed, assessor=assessor).count() == 1
    assert AuditEntry.objects.filter(action="quality.calibration").count() == 1
    assert assessor.pk in completed_on([assessor.pk])
    result = assessor_client.get(_url(sealed))
    assert next(t.name for t in result.templates) == "quality/calibration_case.html"
    assert [(r.criterion_id, s.option.code) for r, s in result.context["rows"]] == [
        (first.criterion_id, "aangetoond"),
        (second.criterion_id, "toelichten"),
    ]
    html = result.content.decode()
    assert "Referentie." in html
    assert "<strong>nee</strong>" in html
    # Again: the scoring page with the latest scores; a change opens the round anew.
    again = assessor_client.get(_url(sealed), {"opnieuw": "1"}).content.decode()
    assert f'id="criterion-{second.criterion_id}-o{options["toelichten"].pk}" checked' in again
    _save(assessor_client, sealed, second.criterion_id, options["aangetoond"])
    assert "assessment/score.html" in [t.name for t in assessor_client.get(_url(sealed)).templates]


def test_crafted_saves_are_refused(assessor_client, sealed, seeded_version):
    options = {o.code: o for o in seeded_version.score_options.all()}
    other = seeded_version.sections.get(code="C3").criteria.first()
    save = _url(sealed, "calibration_save")
    assert _save(assessor_client, sealed, other.pk, options["aangetoond"]).status_code == 409
    assert assessor_client.post(save, {"target": "condition-1"}).status_code == 400
    assert (
        assessor_client.post(save, {"target": "criterion-99999999999999999999"}).status_code == 400
    )
    reference = sealed.references.first()
    long = _save(assessor_client, sealed, reference.criterion_id, options["aangetoond"], "x" * 6000)
    assert long.status_code == 409
    assert not CalibrationScore.objects.exists()


def test_a_case_without_references_cannot_be_submitted(assessor_client, case):  # noqa: F811
    case.references.all().delete()
    response = assessor_client.post(_url(case, "calibration_submit"), follow=True)
    assert "Deze casus heeft nog geen referentiescores." in response.content.decode()
    assert not CalibrationRound.objects.exists()
    assert not AuditEntry.objects.filter(action="quality.calibration").exists()


def test_office_and_candidates_get_404(client, office, candidate, case):  # noqa: F811
    for user in (office, candidate):
        client.force_login(user)
        assert client.get(_url(case)).status_code == 404
        assert client.post(_url(case, "calibration_save")).status_code == 404
        assert client.post(_url(case, "calibration_submit")).status_code == 404
        assert client.get(reverse("quality:calibration_list")).status_code == 404


def test_the_calibration_pages_read_a_fixed_number_of_queries(
    assessor_client, assessor, sealed, django_assert_num_queries
):
    url = _url(sealed)
    assessor_client.get(url)  # the session's first request; the framework tree kept
    # session, user, case, scores, rounds, the version's status (its tree is kept),
    # references, snapshot — whatever the case's size; the result: no version, snapshot.
    with django_assert_num_queries(QUERIES_SCORING):
        assert assessor_client.get(url).status_code == 200
    options = {o.code: o for o in sealed.portfolio.framework_version.score_options.all()}
    for reference in sealed.references.all():
        _save(assessor_client, sealed, reference.criterion_id, options["aangetoond"])
    assessor_client.post(_url(sealed, "calibration_submit"))
    with django_assert_num_queries(QUERIES_RESULT):
        assert "Referentie." in assessor_client.get(url).content.decode()
