"""The candidate's result page: the decision's date, and what comes next."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment.enums import Decision, ReviewState
from assessment.models import Review

DECIDED_AT = datetime(2026, 3, 4, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def _result(client, review, decision) -> tuple[str, int]:
    Review.objects.filter(pk=review.pk).update(
        state=ReviewState.DECIDED, decision=decision, decided_at=DECIDED_AT
    )
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("assessment:my_result")).content.decode()
    return html, len(queries)


@pytest.mark.django_db
def test_a_grant_is_dated_and_congratulated(candidate_client, review):
    html, _queries = _result(candidate_client, review, Decision.GRANTED)
    assert "genomen op 4 maart 2026" in html
    assert "Gefeliciteerd!" in html
    assert "Wat je nu kunt doen" not in html


@pytest.mark.django_db
def test_a_refusal_is_dated_and_says_what_the_candidate_can_do(candidate_client, review, settings):
    settings.OFFICE_EMAIL = "bureau@example.nl"
    html, _queries = _result(candidate_client, review, Decision.NOT_GRANTED)
    assert "<strong>Niet toegekend</strong>, genomen op 4 maart 2026." in html
    assert "Gefeliciteerd" not in html
    assert "Wat je nu kunt doen" in html
    assert 'href="mailto:bureau@example.nl"' in html


@pytest.mark.django_db
def test_the_result_page_asks_the_same_queries_for_either_outcome(candidate_client, review):
    candidate_client.get(reverse("assessment:my_result"))  # the session's first reads
    _html, granted = _result(candidate_client, review, Decision.GRANTED)
    _html, refused = _result(candidate_client, review, Decision.NOT_GRANTED)
    # session, user, the review with its portfolio, its reports
    assert (granted, refused) == (4, 4)
