"""The assessor's calibration round: score, then the result against the reference."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from quality.models import CalibrationScore

from .test_calibration import case  # noqa: F401 (fixture)


@pytest.fixture
def assessor_client(client, assessor):
    client.force_login(assessor)
    return client


def test_round_then_result_with_the_reference(assessor_client, assessor, case):  # noqa: F811
    url = reverse("quality:calibration_case", args=[case.pk])
    page = assessor_client.get(url)
    assert page.status_code == 200
    assert page.context["complete"] is False
    assert "Referentie." not in page.content.decode()  # not before the round is done
    options = {o.code: o for o in case.portfolio.framework_version.score_options.all()}
    first, second = case.references.order_by("criterion__number")
    data = {
        f"score-{first.criterion_id}": options["aangetoond"].pk,
        f"score-{second.criterion_id}": options["toelichten"].pk,
        f"motivation-{first.criterion_id}": "Duidelijk voorbeeld.",
    }
    assert assessor_client.post(url, data)["Location"] == url
    assert CalibrationScore.objects.filter(case=case, assessor=assessor).count() == 2
    assert AuditEntry.objects.filter(action="quality.calibration").count() == 1
    result = assessor_client.get(url)
    assert result.context["complete"] is True
    assert [(r.criterion_id, s.option.code) for r, s in result.context["rows"]] == [
        (first.criterion_id, "aangetoond"),
        (second.criterion_id, "toelichten"),
    ]
    html = result.content.decode()
    assert "Referentie." in html
    assert "<strong>nee</strong>" in html


def test_an_incomplete_round_is_refused(assessor_client, case):  # noqa: F811
    url = reverse("quality:calibration_case", args=[case.pk])
    response = assessor_client.post(url, {})
    assert response.status_code == 200
    assert "Kies een score." in response.content.decode()
    assert not CalibrationScore.objects.exists()


def test_a_case_without_references_stores_nothing(assessor_client, case):  # noqa: F811
    case.references.all().delete()
    url = reverse("quality:calibration_case", args=[case.pk])
    response = assessor_client.post(url, {})
    assert response.status_code == 200
    assert "Deze casus heeft nog geen referentiescores." in response.content.decode()
    assert not AuditEntry.objects.filter(action="quality.calibration").exists()


def test_office_and_candidates_get_404(client, office, candidate, case):  # noqa: F811
    for user in (office, candidate):
        client.force_login(user)
        assert client.get(reverse("quality:calibration_case", args=[case.pk])).status_code == 404
        assert client.get(reverse("quality:calibration_list")).status_code == 404
