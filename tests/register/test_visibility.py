"""The public register shows the office's measures as its RegisterPolicy says: a
suspension shown ("geschorst tot en met …") or withheld (never "geldig": not in the
register), a striking-off for `struck_off_visible_months` after it, then no more."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints import services
from portal.dates import start_of_day
from register import rules
from register.models import RegisterPolicy


def _policy(**values):
    RegisterPolicy.objects.filter(version=None).update(**values)


def _pages(registration):
    client = Client()
    verify = client.get(reverse("register:verify", args=[registration.number]))
    detail = client.get(reverse("register:detail", args=[registration.number]))
    found = client.get(reverse("register:search"), {"q": "de vries"}).content.decode()
    return verify, detail, registration.number in found


def test_a_suspension_is_shown_with_its_end_when_the_policy_says_so(
    make_registration, candidate, office
):
    registration = make_registration(candidate)
    until = timezone.localdate() + timedelta(days=30)
    services.suspend(registration=registration, reason="Klacht.", until=until, actor=office)
    verify, detail, found = _pages(registration)
    assert (verify.status_code, detail.status_code, found) == (200, 200, True)
    html = verify.content.decode()
    assert "is <strong>geschorst</strong>." in html
    assert f"tot en met {until.day} " in html
    assert "Klacht." not in html  # the reason is the office's and the job coach's


def test_a_suspension_withheld_by_the_policy_is_not_in_the_register(
    make_registration, candidate, office
):
    _policy(show_suspension=False)
    registration = make_registration(candidate)
    services.suspend(registration=registration, reason="Klacht.", until=None, actor=office)
    verify, detail, found = _pages(registration)
    assert (verify.status_code, detail.status_code, found) == (404, 404, False)
    assert "geldig" not in verify.content.decode()


def test_a_withheld_suspension_reappears_the_day_after_its_end(
    make_registration, candidate, office
):
    _policy(show_suspension=False)
    registration = make_registration(candidate)
    last_day = timezone.localdate() + timedelta(days=3)
    services.suspend(registration=registration, reason="Klacht.", until=last_day, actor=office)
    with time_machine.travel(start_of_day(last_day + timedelta(days=1)), tick=False):
        verify, _detail, found = _pages(registration)  # before the daily task ran
    assert (verify.status_code, found) == (200, True)
    assert "is <strong>geldig</strong>." in verify.content.decode()


@pytest.mark.parametrize(
    ("months", "days_later", "shown"),
    [(24, 0, True), (24, 700, True), (24, 760, False), (0, 0, False)],
)
def test_a_striking_off_is_shown_as_long_as_the_policy_says(
    make_registration, candidate, office, months, days_later, shown
):
    _policy(struck_off_visible_months=months)
    registration = make_registration(candidate)
    services.strike_off(registration=registration, reason="Ernstig.", actor=office)
    moment = start_of_day(timezone.localdate() + timedelta(days=days_later))
    with time_machine.travel(moment, tick=False):
        verify, detail, found = _pages(registration)
    expected = 200 if shown else 404
    assert (verify.status_code, detail.status_code, found) == (expected, expected, shown)
    if shown:
        assert "is <strong>doorgehaald</strong>." in verify.content.decode()


def test_the_boundary_of_the_striking_off_window_is_a_local_day(
    make_registration, candidate, office
):
    registration = make_registration(candidate)
    services.strike_off(registration=registration, reason="Ernstig.", actor=office)
    struck = timezone.localdate()
    last_shown = rules.add_months(struck, 24)
    url = reverse("register:verify", args=[registration.number])
    with time_machine.travel(start_of_day(last_shown + timedelta(days=1)) - timedelta(seconds=1)):
        assert Client().get(url).status_code == 200
    with time_machine.travel(start_of_day(last_shown + timedelta(days=1)), tick=False):
        assert Client().get(url).status_code == 404


def test_the_search_with_measures_takes_the_same_two_queries(
    make_registration, candidate, other_candidate, office, django_assert_num_queries
):
    _policy(show_suspension=False)
    shared = {"place": "Utrecht", "show_place": True}
    services.suspend(
        registration=make_registration(candidate, **shared),
        reason="Klacht.",
        until=None,
        actor=office,
    )
    make_registration(other_candidate, **shared)
    # 1 the policies, 2 the registrations without the withheld ones
    with django_assert_num_queries(2):
        html = Client().get(reverse("register:search"), {"q": "utrecht"}).content.decode()
    assert "Sanne Jansen" in html
    assert "Kim de Vries" not in html


def test_the_policy_bounds_how_long_a_striking_off_is_shown(seeded_version):
    policy = RegisterPolicy.objects.get(version=None)
    policy.struck_off_visible_months = 121
    with pytest.raises(ValidationError) as refused:
        policy.full_clean()
    assert refused.value.message_dict["struck_off_visible_months"] == [
        "Een doorhaling is hoogstens 120 maanden zichtbaar."
    ]
    policy.struck_off_visible_months = 0
    policy.full_clean()
