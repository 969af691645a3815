"""E-mail people want: nobody mailed about their own action; notices as each person
chose (each one, a daily digest, none); what they must know always; links from SITE_URL."""

import pytest
from django.core import mail
from django.urls import reverse

from assessment.enums import ReviewState
from assessment.services.transition import transition
from assessment.workflow import TRANSITIONS
from portal import mail as portal_mail
from portal.enums import MailPreference
from portal.models import PendingNotice
from tests.factories.users import UserFactory

NOTICE = "assessment/email/transition"


def _queue(review, to, **kwargs):
    portal_mail.queue_mail(template=NOTICE, context={"review": review, "note": ""}, to=to, **kwargs)


@pytest.mark.django_db
def test_a_notice_follows_each_persons_choice_and_skips_the_actor(
    review, assessor, second_assessor, office, django_capture_on_commit_callbacks
):
    digest = UserFactory(email="digest@example.nl", mail_preference=MailPreference.DIGEST)
    quiet = UserFactory(email="stil@example.nl", mail_preference=MailPreference.OFF)
    mail.outbox.clear()
    to = [assessor.email, second_assessor.email, digest.email, quiet.email, "bureau@x.nl"]
    with django_capture_on_commit_callbacks(execute=True):
        _queue(review, to, actor=second_assessor, notice=True)
    (sent,) = mail.outbox
    assert sorted(sent.to) == sorted([assessor.email, "bureau@x.nl"])
    kept = PendingNotice.objects.get()
    assert kept.user == digest
    assert kept.subject == sent.subject


@pytest.mark.django_db
def test_what_people_must_know_ignores_the_preference(
    review, assessor, django_capture_on_commit_callbacks
):
    assessor.mail_preference = MailPreference.OFF
    assessor.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _queue(review, [assessor.email])
    assert [m.to for m in mail.outbox] == [[assessor.email]]
    assert not PendingNotice.objects.exists()


@pytest.mark.django_db
def test_the_digest_lists_the_days_notices_once(
    review, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://register.example.nl"
    person = UserFactory(email="digest@example.nl", mail_preference=MailPreference.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        _queue(review, [person.email], notice=True)
        _queue(review, [person.email], notice=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert portal_mail.send_digests() == 1
    (digest,) = mail.outbox
    assert digest.to == [person.email]
    assert digest.subject == "Register Jobcoach: 2 meldingen van vandaag"
    assert digest.body.count("https://register.example.nl/start/") == 2
    assert "https://register.example.nl/instellingen/e-mail/" in digest.body
    assert not PendingNotice.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert portal_mail.send_digests() == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_assessor_is_not_mailed_about_their_own_step(
    review, declared, assessor, second_assessor, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(review, ReviewState.IN_ASSESSMENT, actor=second_assessor)
    (notice,) = mail.outbox
    assert notice.subject.startswith("Portfolio Kim de Vries: ")
    assert second_assessor.email not in notice.to
    assert assessor.email in notice.to


@pytest.mark.django_db
def test_a_person_chooses_the_digest_on_their_preferences_page(
    candidate_client, candidate, django_assert_num_queries
):
    url = reverse("mail_preferences")
    # session, user (the form's instance: nothing else is read), and the session's
    # activity stamp saved in a savepoint (3 statements)
    with django_assert_num_queries(5):
        page = candidate_client.get(url)
    html = page.content.decode()
    assert 'value="digest"' in html
    assert "Eén overzicht per dag" in html
    saved = candidate_client.post(url, {"mail_preference": "digest"})
    assert saved["Location"] == url
    candidate.refresh_from_db()
    assert candidate.mail_preference == MailPreference.DIGEST
    refused = candidate_client.post(url, {"mail_preference": "weekly"})
    assert refused.status_code == 200
    candidate.refresh_from_db()
    assert candidate.mail_preference == MailPreference.DIGEST


@pytest.mark.django_db
def test_the_start_page_links_to_the_preferences(candidate_client):
    html = candidate_client.get(reverse("start")).content.decode()
    assert f'href="{reverse("mail_preferences")}"' in html


@pytest.mark.django_db
def test_the_offices_mailbox_hears_nothing_of_the_offices_own_step(
    review, office, settings, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _queue(review, [settings.OFFICE_EMAIL, "assessor@example.nl"], actor=office, notice=True)
    assert [m.to for m in mail.outbox] == [["assessor@example.nl"]]


def test_every_step_that_gives_someone_work_mails_at_once():
    # An assignment (also of a third assessor), the joint verdict to record, a planned
    # interview and a resumed review ask people to act: never held for a digest or off.
    asking = {step.name for step in TRANSITIONS if step.asks_to_act}
    assert asking == {
        "assign",
        "add_third_assessor",
        "complete_assessments",
        "plan_interview",
        "resume",
    }
