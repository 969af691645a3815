import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment.enums import Decision, ReviewState
from assessment.models import Review
from objections import services
from objections.enums import ObjectionState
from objections.models import Objection, ObjectionAttachment
from portal.models import User
from portfolio.enums import PortfolioState
from portfolio.models import Portfolio
from tests.factories.files import pdf_bytes


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _queries(client, url) -> tuple[int, str]:
    client.get(url)  # warm
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


def _objections(count, version, member, *, start=0):
    """`count` objections on decided reviews, made with the ORM (read-only pages)."""
    for n in range(start, start + count):
        candidate = User.objects.create(email=f"bezwaar{n}@example.nl", last_name=f"Bezwaar{n}")
        portfolio = Portfolio.objects.create(
            candidate=candidate, framework_version=version, state=PortfolioState.SUBMITTED
        )
        review = Review.objects.create(
            portfolio=portfolio,
            state=ReviewState.DECIDED,
            decision=Decision.NOT_GRANTED,
            decided_at=timezone.now(),
        )
        Objection.objects.create(
            review=review,
            decision=Decision.NOT_GRANTED,
            reasons=f"Gronden {n}",
            member=member,
            assigned_at=timezone.now(),
            state=ObjectionState.ASSIGNED,
        )


@pytest.mark.django_db
def test_the_office_and_member_lists_do_not_grow(seeded_version, office, member):
    office_client, member_client = _client(office), _client(member)
    _objections(1, seeded_version, member)
    office_one, _html = _queries(office_client, reverse("objections:office_list"))
    member_one, _html = _queries(member_client, reverse("objections:member_list"))
    _objections(2, seeded_version, member, start=1)
    office_three, html = _queries(office_client, reverse("objections:office_list"))
    member_three, member_html = _queries(member_client, reverse("objections:member_list"))
    # session, user; the objections with candidate, version, terms and member joined.
    assert (office_one, office_three) == (3, 3)
    assert (member_one, member_three) == (3, 3)
    assert len(re.findall(r'href="/bezwaar/bureau/\d+/"', html)) == 3
    assert member_html.count("/verklaring/") == 3


def _attach(objection, count):
    for n in range(count):
        ObjectionAttachment.objects.create(
            objection=objection,
            file=SimpleUploadedFile(f"b{n}.pdf", pdf_bytes()),
            name=f"bijlage-{n}.pdf",
            content_type="application/pdf",
            size=10,
            sha256="0" * 64,
        )


@pytest.mark.django_db
def test_the_objection_pages_do_not_grow_with_attachments(in_review, candidate, office, member):
    urls = [
        (_client(candidate), reverse("objections:follow", args=[in_review.pk])),
        (_client(office), reverse("objections:office_detail", args=[in_review.pk])),
        (_client(member), reverse("objections:case_file", args=[in_review.pk])),
        (_client(candidate), reverse("objections:mine")),
    ]
    _attach(in_review, 1)
    one = [_queries(client, url)[0] for client, url in urls]
    _attach(in_review, 2)
    three = [_queries(client, url) for client, url in urls]
    assert [count for count, _html in three] == one
    # follow: session, user, objection (+candidate, version, terms, member), attachments.
    # office: the same (no form: the objection is assigned already).
    # file: the same and the snapshot, the reports, the scores of both assessments.
    # mine: session, user, the decided reviews with version, terms and objection.
    assert one == [4, 4, 7, 3]
    assert three[2][1].count("bijlage-") == 3


@pytest.mark.django_db
def test_not_yours_is_404(in_review, other_candidate, assessor, outsider, other_member, office):
    pk = in_review.pk
    attachment_url = reverse("objections:attachment", args=[pk, 1])
    for user, url in [
        (other_candidate, reverse("objections:follow", args=[pk])),
        (outsider, reverse("objections:follow", args=[pk])),
        (assessor, reverse("objections:follow", args=[pk])),
        (other_candidate, reverse("objections:lodge", args=[in_review.review_id])),
        (office, reverse("objections:lodge", args=[in_review.review_id])),
        (other_member, reverse("objections:case_file", args=[pk])),
        (other_member, reverse("objections:declare", args=[pk])),
        (office, reverse("objections:case_file", args=[pk])),
        (assessor, reverse("objections:case_file", args=[pk])),
        (other_member, reverse("objections:office_detail", args=[pk])),
        (assessor, reverse("objections:office_list")),
        (other_member, attachment_url),
        (outsider, attachment_url),
    ]:
        assert _client(user).get(url).status_code == 404, (user, url)


@pytest.mark.django_db
def test_the_member_declares_before_seeing_the_file(lodged, member, office):
    services.assign_member(objection=lodged, member=member, actor=office)
    client = _client(member)
    file_url = reverse("objections:case_file", args=[lodged.pk])
    declare_url = reverse("objections:declare", args=[lodged.pk])
    response = client.get(file_url)
    assert (response.status_code, response["Location"]) == (302, declare_url)
    response = client.post(declare_url, {"has_conflict": "no"})
    assert (response.status_code, response["Location"]) == (302, file_url)
    html = client.get(file_url).content.decode()
    assert "Beoordelingen (alleen lezen)" in html
    assert html.count("Pieter Bakker") >= 1
    assert "Fatima El Amrani" in html
    assert 'action="/bezwaar/commissie/' in html  # the outcome form


@pytest.mark.django_db
def test_the_office_form_says_why_an_assessor_cannot_be_chosen(lodged, assessor, office):
    from portal.enums import Role  # noqa: PLC0415 - only here

    assessor.role = Role.OBJECTION_MEMBER
    assessor.save(update_fields=["role"])
    response = _client(office).post(
        reverse("objections:office_detail", args=[lodged.pk]), {"member": assessor.pk}, follow=True
    )
    assert "was assessor van deze beoordeling" in response.content.decode()
    lodged.refresh_from_db()
    assert lodged.state == ObjectionState.LODGED


@pytest.mark.django_db
def test_the_candidate_lodges_through_the_page(not_granted, candidate):
    client = _client(candidate)
    url = reverse("objections:lodge", args=[not_granted.pk])
    html = client.get(url).content.decode()
    assert "De bezwaartermijn is 42 dagen na het besluit" in html
    response = client.post(
        url,
        {
            "reasons": "C2.1 is aangetoond.",
            "files": [SimpleUploadedFile("bewijs.pdf", pdf_bytes(), "application/pdf")],
        },
    )
    objection = Objection.objects.get(review=not_granted)
    assert response["Location"] == reverse("objections:follow", args=[objection.pk])
    assert list(objection.attachments.values_list("name", flat=True)) == ["bewijs.pdf"]
