"""The main pages of every role on the demo data (`manage.py seed_demo`): the pages the
browser test visits at 390, 1280 and 1920 px (tests/browser/test_layout.py) and the ones
`manage.py screenshots` photographs into docs/screens/. One list, so what is shown in
the README is what is tested.

A page whose demo object is missing is left out (the demo data is made by seed_demo; a
tour on an empty database is short, never wrong).
"""

from dataclasses import dataclass

from django.urls import reverse

from assessment.enums import ReviewState
from assessment.models import Assignment, Review
from objections.models import Objection
from portal.demo import DEMO_DOMAIN
from portal.models import User
from portfolio.models import Portfolio
from profiles.models import Criterion, FrameworkVersion, Profile, ProfileItem, Section
from register.models import Registration

ADMIN_EMAIL = f"beheer{DEMO_DOMAIN}"


@dataclass(frozen=True)
class Stop:
    name: str  # short, unique within a tour: the screenshot's file name
    url: str
    screenshot: bool = False  # one of the README's pictures


@dataclass(frozen=True)
class Tour:
    role: str  # file-name prefix: kandidaat, assessor, bureau, bezwaar, beheer
    email: str
    stops: tuple[Stop, ...]


def _first_pk(queryset) -> int | None:
    return queryset.order_by("pk").values_list("pk", flat=True).first()


def _candidate_stops() -> list[Stop]:

    stops = [
        Stop("start", reverse("start")),
        Stop("gegevens", reverse("dataprotection:my_data")),
        Stop("kader", reverse("profiles:framework_current")),
        Stop("profielen", reverse("profiles:profile_list")),
        Stop("profiel", reverse("profiles:profile_detail", args=["coach-werktrajectbegeleider"])),
        Stop("register", reverse("register:search")),
    ]
    pk = _first_pk(Portfolio.objects.filter(candidate__email=f"kandidaat{DEMO_DOMAIN}"))
    if pk is not None:
        stops += [
            Stop("portfolio", reverse("portfolio:dashboard", args=[pk]), screenshot=True),
            Stop("onderdeel-a", reverse("portfolio:section", args=[pk, "A"])),
            Stop("onderdeel-b1", reverse("portfolio:section", args=[pk, "B1"]), screenshot=True),
            Stop("onderdeel-c1", reverse("portfolio:section", args=[pk, "C1"])),
            Stop("onderdeel-e", reverse("portfolio:section", args=[pk, "E"])),
            Stop("indienen", reverse("portfolio:submit", args=[pk])),
            Stop("voorbeeld", reverse("portfolio:preview", args=[pk])),
        ]
    return stops


def _decided_candidate_stops() -> list[Stop]:

    stops = [
        Stop("uitslag", reverse("assessment:my_result"), screenshot=True),
        Stop("bezwaren", reverse("objections:mine")),
    ]
    pk = _first_pk(Objection.objects.filter(review__portfolio__candidate__email=_decided()))
    if pk is not None:
        stops.append(Stop("bezwaar", reverse("objections:follow", args=[pk])))
    return stops


def _decided() -> str:
    return f"kandidaat9{DEMO_DOMAIN}"


def _assessor_stops() -> list[Stop]:

    mine = Assignment.objects.filter(assessor__email=f"assessor{DEMO_DOMAIN}")
    stops = [
        Stop("beoordelingen", reverse("assessment:my_reviews"), screenshot=True),
        Stop("kalibratie", reverse("quality:calibration_list")),
    ]
    for name, state, view, shot in (
        ("verklaring", ReviewState.ASSIGNED, "assessment:declare", False),
        ("scoren", ReviewState.IN_ASSESSMENT, "assessment:score", True),
        ("vergelijking", ReviewState.ASSESSED, "assessment:compare", True),
        ("toetsgesprek", ReviewState.INTERVIEW_PLANNED, "assessment:interview", False),
    ):
        pk = _first_pk(mine.filter(review__state=state))
        if pk is not None:
            stops.append(Stop(name, reverse(view, args=[pk]), screenshot=shot))
    return stops


def _office_stops() -> list[Stop]:

    stops = [
        Stop("start", reverse("start")),
        Stop("wachtrij", reverse("assessment:queue"), screenshot=True),
        Stop("bewaartermijnen", reverse("dataprotection:office")),
        Stop("bezwaren", reverse("objections:office_list")),
        Stop("kwaliteit", reverse("quality:dashboard"), screenshot=True),
        Stop("instellingen", reverse("mail_preferences")),
    ]
    assessed = Review.objects.filter(
        state=ReviewState.ASSESSED, portfolio__candidate__email__endswith=DEMO_DOMAIN
    )
    portfolio = assessed.order_by("pk").values_list("portfolio_id", flat=True).first()
    if portfolio is not None:
        stops += [
            Stop("dossier", reverse("assessment:dossier", args=[portfolio]), screenshot=True),
            Stop("audittrail", reverse("assessment:audit_trail", args=[portfolio])),
        ]
    # A submitted portfolio has no review until the office assigns assessors.
    submitted = Portfolio.objects.filter(candidate__email=f"kandidaat3{DEMO_DOMAIN}")
    if (portfolio := _first_pk(submitted)) is not None:
        stops.append(Stop("toewijzen", reverse("assessment:assign", args=[portfolio])))
    if (pk := _first_pk(Objection.objects.all())) is not None:
        stops.append(Stop("bezwaar", reverse("objections:office_detail", args=[pk])))
    number = Registration.objects.order_by("pk").values_list("number", flat=True).first()
    if number is not None:
        stops.append(Stop("registratie", reverse("register:detail", args=[number])))
    return stops


def _member_stops() -> list[Stop]:

    stops = [Stop("bezwaren", reverse("objections:member_list"), screenshot=True)]
    pk = _first_pk(Objection.objects.filter(member__email=f"bezwaar{DEMO_DOMAIN}"))
    if pk is not None:
        stops.append(Stop("dossier", reverse("objections:case_file", args=[pk]), screenshot=True))
    return stops


def _admin_stops() -> list[Stop]:

    def change(model, pk) -> str:
        meta = model._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[pk])

    def changelist(model) -> str:
        meta = model._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")

    stops = [
        # The portal's header with the longest demo name: cut off, never wrapped.
        Stop("start", reverse("start")),
        Stop("index", reverse("admin:index"), screenshot=True),
        Stop("versies", changelist(FrameworkVersion)),
        Stop("profielen", changelist(Profile)),
        Stop("gebruikers", changelist(User)),
    ]
    for name, model, shot in (
        ("versie", FrameworkVersion, True),
        ("onderdeel", Section, False),
        ("criterium", Criterion, False),
        ("profiel", Profile, True),
        ("profielonderdeel", ProfileItem, False),
    ):
        if (pk := _first_pk(model.objects.all())) is not None:
            stops.append(Stop(name, change(model, pk), screenshot=shot))
    if (pk := _first_pk(User.objects.filter(email=f"kandidaat{DEMO_DOMAIN}"))) is not None:
        stops.append(Stop("gebruiker", change(User, pk)))
    return stops


def tours() -> list[Tour]:
    """Every role's tour, in the order of the README's screenshots."""
    return [
        Tour("kandidaat", f"kandidaat{DEMO_DOMAIN}", tuple(_candidate_stops())),
        Tour("kandidaat-besluit", _decided(), tuple(_decided_candidate_stops())),
        Tour("assessor", f"assessor{DEMO_DOMAIN}", tuple(_assessor_stops())),
        Tour("bureau", f"bureau{DEMO_DOMAIN}", tuple(_office_stops())),
        Tour("bezwaarcommissie", f"bezwaar{DEMO_DOMAIN}", tuple(_member_stops())),
        Tour("beheer", ADMIN_EMAIL, tuple(_admin_stops())),
    ]
