import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment.enums import ReviewState
from assessment.services.scoring import submit_assessment
from portal.enums import Role
from tests.assessment.helpers import score_everything
from tests.factories.portfolios import make_portfolio
from tests.factories.users import UserFactory


def _assessment_urls(assignment, document):
    a = assignment.pk
    return [
        ("get", reverse("assessment:declare", args=[a])),
        ("post", reverse("assessment:declare", args=[a])),
        ("get", reverse("assessment:score", args=[a])),
        ("post", reverse("assessment:save_score", args=[a])),
        ("post", reverse("assessment:submit", args=[a])),
        ("get", reverse("assessment:compare", args=[a])),
        ("post", reverse("assessment:compare", args=[a])),
        ("get", reverse("assessment:document", args=[a, document.pk])),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who", ["outsider", "candidate", "other_candidate", "unassigned", "office"]
)
def test_only_the_assigned_assessor_reaches_the_assessment_urls(request, declared, who):
    first, _second = declared
    document = first.review.portfolio.documents.first()
    user = UserFactory(role=Role.ASSESSOR) if who == "unassigned" else request.getfixturevalue(who)
    client = Client()
    client.force_login(user)
    for method, url in _assessment_urls(first, document):
        assert getattr(client, method)(url).status_code == 404, (who, url)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["candidate", "assessor", "outsider"])
def test_only_the_office_reaches_the_queue(request, review, who):
    client = Client()
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("assessment:queue")).status_code == 404
    assign = reverse("assessment:assign", args=[review.portfolio.pk])
    assert client.get(assign).status_code == 404
    assert client.post(assign).status_code == 404


@pytest.mark.django_db
def test_the_assessor_must_declare_before_opening_the_portfolio(review, assessor):
    assignment = review.assignments.get(assessor=assessor)
    client = Client()
    client.force_login(assessor)
    response = client.get(reverse("assessment:score", args=[assignment.pk]))
    assert response["Location"] == reverse("assessment:declare", args=[assignment.pk])
    document = review.portfolio.documents.first()
    assert (
        client.get(reverse("assessment:document", args=[assignment.pk, document.pk])).status_code
        == 404
    )
    declared = client.post(
        reverse("assessment:declare", args=[assignment.pk]), {"has_conflict": "no"}
    )
    assert declared["Location"] == reverse("assessment:score", args=[assignment.pk])
    page = client.get(reverse("assessment:score", args=[assignment.pk])).content.decode()
    assert "Antwoord van de kandidaat" in page
    assert "Verwant in de competentieprofielen" in page
    opened = client.get(reverse("assessment:document", args=[assignment.pk, document.pk]))
    assert opened.status_code == 200
    assert opened["Content-Type"] == "application/pdf"
    assert b"".join(opened.streaming_content).startswith(b"%PDF-")
    opened.close()


@pytest.mark.django_db
def test_the_second_assessor_cannot_see_the_first_scores_too_early(
    declared, assessor, second_assessor
):
    first, second = declared
    score_everything(first, assessor)
    submit_assessment(assignment=first, actor=assessor)
    client = Client()
    client.force_login(second_assessor)
    page = client.get(reverse("assessment:score", args=[second.pk])).content.decode()
    assert "Motivering bij C1.0:" not in page
    early = client.get(reverse("assessment:compare", args=[second.pk]))
    assert early["Location"] == reverse("assessment:score", args=[second.pk])
    score_everything(second, second_assessor, overrides={"C2.1": "niet_aangetoond"})
    submit_assessment(assignment=second, actor=second_assessor)
    compare = client.get(reverse("assessment:compare", args=[second.pk])).content.decode()
    assert "Motivering bij C1.0:" in compare
    assert compare.count("table-warning") == 1  # exactly the one criterion that differs


@pytest.mark.django_db
def test_assessor_scores_through_the_page(declared, assessor):
    first, _second = declared
    criterion = first.review.portfolio.framework_version.sections.get(code="C3").criteria.first()
    option = first.review.portfolio.framework_version.score_options.get(code="aangetoond")
    client = Client()
    client.force_login(assessor)
    response = client.post(
        reverse("assessment:save_score", args=[first.pk]),
        {"target": f"criterion-{criterion.pk}", "option": option.pk, "motivation": "Sterk"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Opgeslagen" in response.content.decode()
    first.review.refresh_from_db()
    assert first.review.state == ReviewState.IN_ASSESSMENT


def _queries(client, url) -> int:
    client.get(url)  # warm: the published framework's content is cached from then on
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code in (200, 302), url
    return len(captured)


@pytest.mark.django_db
def test_queue_scoring_and_comparison_queries_do_not_grow(
    declared, office_client, assessor, second_assessor, seeded_version, office
):
    first, second = declared
    queue = reverse("assessment:queue")
    one = _queries(office_client, queue)
    for n in range(2):
        other = UserFactory(email=f"k{n}@example.nl")
        make_portfolio(candidate=other, version=seeded_version, state="submitted", a2_number=1)
    three = _queries(office_client, queue)
    assert one == three

    client = Client()
    client.force_login(assessor)
    score_url = reverse("assessment:score", args=[first.pk])
    criterion = first.review.portfolio.framework_version.sections.get(code="C1").criteria.first()
    from assessment.services.scoring import save_score  # noqa: PLC0415

    save_score(assignment=first, target=criterion, motivation="één", actor=assessor)
    one_score = _queries(client, score_url)
    score_everything(first, assessor)
    submit_assessment(assignment=first, actor=assessor)
    assert _queries(client, score_url) == one_score
    # session, user, assignment (+review, portfolio, version, and the content stamp that
    # finds the version's kept tree: assessment.selectors.assignment_version), the
    # review's assignments (for the step predicates: may the assessor compare, open the
    # interview), the assessment joined to its scores (own_scores), documents,
    # signatures, the round's snapshot without its texts (its fingerprint addresses the
    # kept rendering of the sealed answers, assessment.sealed_render; with its privacy
    # override). No answers: 11 before the sealed answers were kept; 10 before the
    # version's status came with the assignment and the assessment with its scores.
    assert one_score == 8
    score_everything(second, second_assessor)
    submit_assessment(assignment=second, actor=second_assessor)
    compare = _queries(client, reverse("assessment:compare", args=[first.pk]))
    # session, user, assignment (+review, portfolio, version, the content stamp: the
    # version's content comes from the cache), the review's assignments (for the step
    # predicates: may the assessor compare, agree), the assessments of the round with their
    # assessors and scores (one query of values, assessment.selectors.compared_assessments;
    # 9 queries before, when they were models), the agreed scores, the sealed snapshot's
    # privacy override: the same for 1 or all 22 criteria (8 before the version's status
    # came with the assignment).
    assert compare == 7


@pytest.mark.django_db
def test_the_comparison_preselects_the_common_score_and_nothing_where_they_differ(
    declared, assessor, second_assessor
):
    first, second = declared
    score_everything(first, assessor, overrides={"C1.1": "niet_aangetoond"})
    submit_assessment(assignment=first, actor=assessor)
    score_everything(second, second_assessor)
    submit_assessment(assignment=second, actor=second_assessor)
    client = Client()
    client.force_login(assessor)
    html = client.get(reverse("assessment:compare", args=[first.pk])).content.decode()
    criteria = first.review.portfolio.framework_version.sections.get(code="C1").criteria
    differing = criteria.get(number=1)
    common = criteria.get(number=2)

    def selected(criterion):
        select = html[html.index(f'id="option-{criterion.pk}"') :]
        select = select[: select.index("</select>")]
        return re.findall(r'<option value="(\d*)" selected>', select)

    assert selected(differing) == []
    aangetoond = first.review.portfolio.framework_version.score_options.get(code="aangetoond")
    assert selected(common) == [str(aangetoond.pk)]


@pytest.mark.django_db
def test_the_criterion_texts_on_the_scoring_page_are_rendered_once_per_publication(
    declared, assessor
):
    from datetime import timedelta  # noqa: PLC0415

    from profiles.models import Criterion, FrameworkVersion  # noqa: PLC0415

    first, _second = declared
    client = Client()
    client.force_login(assessor)
    url = reverse("assessment:score", args=[first.pk])
    version = first.review.portfolio.framework_version
    criterion = Criterion.objects.filter(section__version=version).exclude(guidance="").first()
    assert criterion.guidance in client.get(url).content.decode()
    # Frozen once published: what was rendered is shown again, not re-read.
    Criterion.objects.filter(pk=criterion.pk).update(guidance="Nieuwe handreiking")
    from profiles.selectors import forget_local_trees  # noqa: PLC0415

    forget_local_trees()
    from django.core.cache import cache  # noqa: PLC0415

    cache.clear()
    html = client.get(url).content.decode()
    assert "Nieuwe handreiking" not in html
    assert criterion.guidance in html
    # A new publication renders them afresh.
    FrameworkVersion.objects.filter(pk=version.pk).update(
        published_at=version.published_at + timedelta(seconds=1)
    )
    assert "Nieuwe handreiking" in client.get(url).content.decode()
