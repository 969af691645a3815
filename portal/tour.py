"""Every page of every role on the demo data (`manage.py seed_demo`): the pages the
browser test visits at 360, 390, 1280 and 1920 px (tests/browser/test_layout.py) and the
ones `manage.py screenshots` photographs into docs/screens/. One list, so what is shown
in the README is what is tested; tests/portal/test_tour_coverage.py fails for a page
route that is neither here nor in its reasoned list of exclusions.

A page whose demo object is missing is left out (the demo data is made by seed_demo; a
tour on an empty database is short, never wrong).
"""

from dataclasses import dataclass

from django.urls import reverse

from assessment.enums import ReviewState
from assessment.models import Assignment, Review
from complaints.models import Complaint
from dataprotection.enums import DATA_EXPORT
from downloads.models import PreparedFile
from objections.enums import ObjectionState
from objections.models import Objection
from portal.demo import DEMO_DOMAIN
from portal.models import User
from portfolio.models import Portfolio
from profiles.enums import VersionStatus
from profiles.models import (
    Criterion,
    Framework,
    FrameworkVersion,
    Profile,
    ProfileItem,
    Question,
    Section,
)
from quality.models import CalibrationCase
from register.enums import RegistrationStatus
from register.models import Registration

ADMIN_EMAIL = f"beheer{DEMO_DOMAIN}"


@dataclass(frozen=True)
class Stop:
    name: str  # short, unique within a tour: the screenshot's file name
    url: str
    screenshot: bool = False  # one of the README's pictures
    # A page reached by a button, not a URL (the admin's publish and copy confirmations,
    # which are admin actions posted from the version's page): the button's name.
    click: str = ""


@dataclass(frozen=True)
class Tour:
    role: str  # file-name prefix: kandidaat, assessor, bureau, bezwaar, beheer
    email: str | None  # None: not logged in (the public pages)
    stops: tuple[Stop, ...]


def _first_pk(queryset) -> int | None:
    return queryset.order_by("pk").values_list("pk", flat=True).first()


def _public_stops() -> list[Stop]:
    """Not logged in: the landing page, allauth's account pages (invalid keys: the pages
    a stale link shows) and the public register."""
    stops = [
        Stop("home", reverse("home")),
        Stop("inloggen", reverse("account_login")),
        Stop("aanmelden", reverse("account_signup")),
        Stop("wachtwoord-vergeten", reverse("account_reset_password")),
        Stop("wachtwoord-mail-verstuurd", reverse("account_reset_password_done")),
        Stop(
            "wachtwoord-link-ongeldig",
            reverse("account_reset_password_from_key", kwargs={"uidb36": "0", "key": "x-x"}),
        ),
        Stop("wachtwoord-gewijzigd", reverse("account_reset_password_from_key_done")),
        Stop("bevestigingsmail-verstuurd", reverse("account_email_verification_sent")),
        Stop("bevestiging-ongeldig", reverse("account_confirm_email", args=["ongeldig"])),
        Stop("account-inactief", reverse("account_inactive")),
        Stop("register", reverse("register:search")),
    ]
    number = Registration.objects.order_by("pk").values_list("number", flat=True).first()
    if number is not None:
        stops += [
            Stop("registratie", reverse("register:detail", args=[number])),
            Stop("verificatie", reverse("register:verify", args=[number])),
        ]
    return stops


def _account_stops(*, app: bool) -> list[Stop]:
    """allauth's pages of a logged-in account; `app`: the account has an authenticator
    app and recovery codes (assessors and the office), else it may add one."""
    stops = [
        Stop("e-mailadressen", reverse("account_email")),
        Stop("wachtwoord", reverse("account_change_password")),
        Stop("opnieuw-inloggen", reverse("account_reauthenticate")),
        Stop("tweestaps", reverse("mfa_index")),
    ]
    if app:
        return [
            *stops,
            Stop("opnieuw-met-code", reverse("mfa_reauthenticate")),
            Stop("herstelcodes", reverse("mfa_view_recovery_codes")),
            Stop("nieuwe-herstelcodes", reverse("mfa_generate_recovery_codes")),
            Stop("app-uitzetten", reverse("mfa_deactivate_totp")),
        ]
    return [*stops, Stop("app-instellen", reverse("mfa_activate_totp"))]


def _framework_stop() -> list[Stop]:
    version = (
        FrameworkVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("framework")
        .order_by("pk")
        .first()
    )
    if version is None:
        return []
    url = reverse("profiles:framework_detail", args=[version.framework.slug, version.number])
    return [Stop("kader", url)]


def _candidate_stops() -> list[Stop]:
    email = f"kandidaat{DEMO_DOMAIN}"
    stops = [
        Stop("start", reverse("start")),
        Stop("gegevens", reverse("dataprotection:my_data")),
        *_framework_stop(),
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
    prepared = _first_pk(PreparedFile.objects.filter(owner__email=email, kind=DATA_EXPORT))
    if prepared is not None:
        stops.append(Stop("bestand", reverse("downloads:status", args=[prepared])))
    # Last: the logout page only asks (a GET logs nobody out).
    return [*stops, *_account_stops(app=False), Stop("uitloggen", reverse("account_logout"))]


# A job coach in the register whose registration runs out: her page offers
# recertification (register.demo).
REGISTERED = f"geregistreerd2{DEMO_DOMAIN}"


def _registered_stops() -> list[Stop]:
    return [Stop("mijn-registratie", reverse("register:mine"))]


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


# A candidate whose decided review has no objection yet, within the objection period:
# her page to lodge one (not in seed_demo; tests/portal/test_tour_coverage.py adds her).
OBJECTING = f"kandidaat10{DEMO_DOMAIN}"


def _objecting_candidate_stops() -> list[Stop]:
    reviews = Review.objects.filter(
        portfolio__candidate__email=OBJECTING, state=ReviewState.DECIDED, objection__isnull=True
    )
    if (pk := _first_pk(reviews)) is None:
        return []
    return [Stop("bezwaar-maken", reverse("objections:lodge", args=[pk]))]


def _assessor_stops() -> list[Stop]:

    mine = Assignment.objects.filter(assessor__email=f"assessor{DEMO_DOMAIN}")
    stops = [
        Stop("beoordelingen", reverse("assessment:my_reviews"), screenshot=True),
        Stop("kalibratie", reverse("quality:calibration_list")),
    ]
    if (pk := _first_pk(CalibrationCase.objects.all())) is not None:
        stops.append(Stop("kalibratiecasus", reverse("quality:calibration_case", args=[pk])))
    for name, state, view, shot in (
        ("verklaring", ReviewState.ASSIGNED, "assessment:declare", False),
        ("scoren", ReviewState.IN_ASSESSMENT, "assessment:score", True),
        ("vergelijking", ReviewState.ASSESSED, "assessment:compare", True),
        ("toetsgesprek", ReviewState.INTERVIEW_PLANNED, "assessment:interview", False),
    ):
        pk = _first_pk(mine.filter(review__state=state))
        if pk is not None:
            stops.append(Stop(name, reverse(view, args=[pk]), screenshot=shot))
    return [*stops, *_account_stops(app=True)]


def _office_stops() -> list[Stop]:

    stops = [
        Stop("start", reverse("start")),
        Stop("wachtrij", reverse("assessment:queue"), screenshot=True),
        Stop("bewaartermijnen", reverse("dataprotection:office")),
        Stop("bezwaren", reverse("objections:office_list")),
        Stop("kwaliteit", reverse("quality:dashboard"), screenshot=True),
        Stop("koppels", reverse("quality:pairs")),
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
    candidate = _first_pk(User.objects.filter(email=f"kandidaat7{DEMO_DOMAIN}"))
    if candidate is not None:
        stops.append(Stop("anonimiseren", reverse("dataprotection:erase", args=[candidate])))
    return [*stops, *_register_office_stops()]


def _register_office_stops() -> list[Stop]:
    """The office's register pages: a registration with a complaint in handling (the
    forms to record a complaint, suspend, strike off) and a suspended one (lift)."""
    stops = [Stop("registraties", reverse("complaints:registrations"))]
    registrations = Registration.objects.filter(candidate__email__endswith=DEMO_DOMAIN)
    valid = _first_pk(registrations.filter(complaints__closed_on__isnull=True).distinct())
    if valid is not None:
        stops += [
            Stop("registratie-bureau", reverse("complaints:registration", args=[valid])),
            Stop("klacht-registreren", reverse("complaints:record", args=[valid])),
            Stop("schorsen", reverse("complaints:suspend", args=[valid])),
            Stop("doorhalen", reverse("complaints:strike_off", args=[valid])),
        ]
    suspended = _first_pk(registrations.filter(status=RegistrationStatus.SUSPENDED))
    if suspended is not None:
        stops.append(Stop("schorsing-opheffen", reverse("complaints:lift", args=[suspended])))
    if (pk := _first_pk(Complaint.objects.all())) is not None:
        stops.append(Stop("klacht", reverse("complaints:complaint", args=[pk])))
    return stops


def _member_stops() -> list[Stop]:

    stops = [Stop("bezwaren", reverse("objections:member_list"), screenshot=True)]
    pk = _first_pk(Objection.objects.filter(member__email=f"bezwaar{DEMO_DOMAIN}"))
    if pk is not None:
        stops.append(Stop("dossier", reverse("objections:case_file", args=[pk]), screenshot=True))
    # An objection assigned to the member, not declared on yet: the declaration (not in
    # seed_demo; tests/portal/test_tour_coverage.py adds it).
    undeclared = Objection.objects.filter(
        member__email=f"bezwaar{DEMO_DOMAIN}", state=ObjectionState.ASSIGNED
    )
    if (pk := _first_pk(undeclared)) is not None:
        stops.append(Stop("verklaring", reverse("objections:declare", args=[pk])))
    return stops


def _admin_url(model, view: str, *args) -> str:
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


# The framework editor (the office's daily tool): each model's list and change form, the
# content of a draft version where there is one (editable inlines; a published version's
# pages are read-only).
FRAMEWORK_ADMIN = (
    ("kaders", "kader", Framework, ""),
    ("versies", "versie", FrameworkVersion, ""),
    ("onderdelen", "onderdeel", Section, "version__status"),
    ("vragen", "vraag", Question, "section__version__status"),
    ("criteria", "criterium", Criterion, "section__version__status"),
    ("profielen", "profiel", Profile, ""),
    ("profielonderdelen", "profielonderdeel", ProfileItem, ""),
)
ADMIN_SCREENSHOTS = {"index", "versie", "profiel"}


def _draft_first(model, status_path: str) -> int | None:
    if status_path:
        draft = _first_pk(model.objects.filter(**{status_path: VersionStatus.DRAFT}))
        if draft is not None:
            return draft
    return _first_pk(model.objects.all())


def _admin_stops() -> list[Stop]:
    stops = [
        # The portal's header with the longest demo name: cut off, never wrapped.
        Stop("start", reverse("start")),
        Stop("index", reverse("admin:index"), screenshot=True),
        Stop("gebruikers", _admin_url(User, "changelist")),
    ]
    for plural, name, model, status_path in FRAMEWORK_ADMIN:
        stops.append(Stop(plural, _admin_url(model, "changelist")))
        if (pk := _draft_first(model, status_path)) is not None:
            url = _admin_url(model, "change", pk)
            stops.append(Stop(name, url, screenshot=name in ADMIN_SCREENSHOTS))
    versions = FrameworkVersion.objects.all()
    published = _first_pk(versions.filter(status=VersionStatus.PUBLISHED))
    if published is not None:
        url = _admin_url(FrameworkVersion, "change", published)
        stops.append(Stop("kopieren", url, click="Kopiëren naar een nieuw concept…"))
    # The confirmation with the diff against the published version.
    if (draft := _first_pk(versions.filter(status=VersionStatus.DRAFT))) is not None:
        url = _admin_url(FrameworkVersion, "change", draft)
        stops.append(Stop("publiceren", url, click="Publiceren…"))
    if (pk := _first_pk(User.objects.filter(email=f"kandidaat{DEMO_DOMAIN}"))) is not None:
        stops.append(Stop("gebruiker", _admin_url(User, "change", pk)))
    return stops


def tours() -> list[Tour]:
    """Every role's tour, in the order of the README's screenshots."""
    return [
        Tour("publiek", None, tuple(_public_stops())),
        Tour("kandidaat", f"kandidaat{DEMO_DOMAIN}", tuple(_candidate_stops())),
        Tour("kandidaat-besluit", _decided(), tuple(_decided_candidate_stops())),
        Tour("kandidaat-bezwaar", OBJECTING, tuple(_objecting_candidate_stops())),
        Tour("geregistreerd", REGISTERED, tuple(_registered_stops())),
        Tour("assessor", f"assessor{DEMO_DOMAIN}", tuple(_assessor_stops())),
        Tour("bureau", f"bureau{DEMO_DOMAIN}", tuple(_office_stops())),
        Tour("bezwaarcommissie", f"bezwaar{DEMO_DOMAIN}", tuple(_member_stops())),
        Tour("beheer", ADMIN_EMAIL, tuple(_admin_stops())),
    ]
