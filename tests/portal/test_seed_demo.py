import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from assessment.demo import DEMO_REVIEWS
from assessment.enums import ReviewState
from assessment.models import Report, Review
from objections.enums import ObjectionState
from objections.models import Objection
from portal.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from portal.enums import Role
from portal.models import User
from portfolio.enums import PortfolioState
from portfolio.models import Portfolio
from profiles.enums import FrameworkKind
from profiles.models import FrameworkVersion
from quality.demo import DEMO_PREFIX as QUALITY_PREFIX
from register.demo import DEMO_REGISTRATIONS
from register.enums import RegistrationStatus
from register.models import Registration

# The quality dashboard's demo data (quality/demo.py: 240 scored reviews and two calibration
# cases, their own people) is counted by its own test (tests/quality); here the rest.
NOT_QUALITY = {"candidate__email__startswith": QUALITY_PREFIX}


@pytest.mark.django_db(transaction=True)
def test_seed_demo_creates_a_verified_account_per_role_and_prints_logins(capsys, seeded_version):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert f"wachtwoord voor allemaal: {DEMO_PASSWORD}" in out
    for account in DEMO_ACCOUNTS:
        assert account.email in out
        user = User.objects.get(email=account.email)
        assert user.role == account.role
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
    assert set(User.objects.values_list("role", flat=True)) == {
        Role.CANDIDATE,
        Role.ASSESSOR,
        Role.OFFICE,
        Role.OBJECTION_MEMBER,
    }
    assert User.objects.get(email="bureau@demo.registerjobcoach.nl").is_staff
    admin = User.objects.get(email="beheer@demo.registerjobcoach.nl")
    assert admin.is_staff
    assert admin.is_superuser
    assert User.objects.filter(is_superuser=True).count() == 1
    # One recertification framework, built through the admin's forms and published.
    recertification = FrameworkVersion.objects.get(framework__kind=FrameworkKind.RECERTIFICATION)
    assert recertification.is_published
    assert (recertification.assessor_count, recertification.has_interview) == (1, False)
    assert "hercertificering: " in out
    # Demo portfolios in every candidate-side state and reviews in every review state.
    portfolios = Portfolio.objects.exclude(**NOT_QUALITY)
    assert sorted(portfolios.values_list("state", flat=True)) == sorted(
        [PortfolioState.DRAFT] * 2 + [PortfolioState.SUBMITTED] * 7
    )
    reviews = Review.objects.exclude(**{f"portfolio__{k}": v for k, v in NOT_QUALITY.items()})
    assert sorted(reviews.values_list("state", flat=True)) == sorted(
        [
            ReviewState.ASSIGNED,
            ReviewState.IN_ASSESSMENT,
            ReviewState.ASSESSED,
            ReviewState.INTERVIEW_PLANNED,
            ReviewState.DECIDED,
        ]
    )
    assert Report.objects.count() == 1
    # One objection in progress: assigned to the committee member, who declared.
    objection = Objection.objects.get()
    assert (objection.state, objection.member.email) == (
        ObjectionState.IN_REVIEW,
        "bezwaar@demo.registerjobcoach.nl",
    )
    # The register: the granted demo review's candidate, and one job coach per status.
    assert sorted(Registration.objects.values_list("status", flat=True)) == sorted(
        [RegistrationStatus.VALID] * 2
        + [s for s in RegistrationStatus if s != RegistrationStatus.VALID]
    )


@pytest.mark.django_db
def test_seed_demo_is_idempotent(seeded_version):
    call_command("seed_demo")
    counts = (User.objects.count(), Portfolio.objects.count(), Review.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Portfolio.objects.count(), Review.objects.count()) == counts
    expected = len(DEMO_ACCOUNTS) + len(DEMO_REVIEWS) + len(DEMO_REGISTRATIONS)
    assert User.objects.exclude(email__startswith=QUALITY_PREFIX).count() == expected
    assert EmailAddress.objects.exclude(email__startswith=QUALITY_PREFIX).count() == expected


@pytest.mark.django_db
def test_load_seed_data_is_idempotent_and_keeps_the_office_edits(seeded_version, capsys):
    section = seeded_version.sections.get(code="D")
    # (a published version is frozen for the services; this simulates data changed by
    # an earlier release, which load_seed_data must not overwrite)
    type(section).objects.filter(pk=section.pk).update(title="Aangepast")
    call_command("load_seed_data")
    out = capsys.readouterr().out
    assert "toetsingskader register-jobcoach v1: al aanwezig" in out
    assert "profiel leercoach-1: al aanwezig" in out
    section.refresh_from_db()
    assert section.title == "Aangepast"


def test_seed_demo_refuses_production(settings):
    from django.core.management.base import CommandError  # noqa: PLC0415

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="niet in productie"):
        call_command("seed_demo")
