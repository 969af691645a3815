"""Every page of the project is in the tour (portal/tour.py), which the browser test checks
with axe at 390 and 1280 px and for width at 360 px (tests/browser/test_layout.py).

The test walks `get_resolver()` (our apps, allauth's `/accounts/…`, the admin) and fails
for a named route that is neither visited by a tour on the demo data nor excluded below
with a reason: POST-only endpoints, file downloads, redirects and health. The admin: the
framework editor's pages (index, each model's list and change form) must be toured; the
admin's other pages are Django's own templates, the same as the toured ones.
"""

from urllib.parse import urlsplit

import pytest
from django.test.utils import override_settings
from django.urls import URLResolver, get_resolver, resolve

from assessment.enums import ReviewState
from dataprotection.enums import DATA_EXPORT
from downloads.services import request_file
from objections import services as objections
from objections.demo import DEMO_REASONS
from portal.demo import DEMO_DOMAIN, DEMO_PASSWORD, ensure_demo_accounts
from portal.enums import Role
from portal.management.commands.seed_demo import seed_apps
from portal.models import User
from portal.tour import FRAMEWORK_ADMIN, OBJECTING, tours
from profiles.selectors import current_published_version
from profiles.services import copy_version_to_draft
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import make_review
from tests.factories.users import UserFactory
from tests.profiles.test_version_diff import edit_draft

POST_ONLY = "POST only: a form's action, no page of its own"
FILE = "a file download (PDF, CSV, JSON, text or an upload), not an HTML page"
REDIRECT = "only redirects (the page it leads to is in the tour)"

EXCLUDED = {
    "health": "the load balancer's JSON health check, not a page",
    "favicon": "redirects to the static icon",
    "set_language": "the language switch: redirects",
    "account_set_password": "every account has a password: redirects to changing it",
    "account_confirm_login_code": "login by e-mailed code is off: redirects to the login",
    "mfa_authenticate": (
        "only during a login's second step (every assessor's and office tour logs in "
        "through it; axe-checked in tests/browser/test_mfa.py)"
    ),
    "mfa_download_recovery_codes": FILE,
    "profiles:framework_current": REDIRECT,
    "portfolio:home": REDIRECT,
    "portfolio:start": POST_ONLY,
    "portfolio:choose_routes": POST_ONLY,
    "portfolio:autosave": POST_ONLY,
    "portfolio:upload": POST_ONLY,
    "portfolio:delete_document": POST_ONLY,
    "portfolio:sign": POST_ONLY,
    "portfolio:withdraw": POST_ONLY,
    "portfolio:preview_pdf": POST_ONLY,
    "portfolio:download": FILE,
    "downloads:download": FILE,
    "assessment:plan": POST_ONLY,
    "assessment:decide": POST_ONLY,
    "assessment:additions": POST_ONLY,
    "assessment:resume": POST_ONLY,
    "assessment:add_third": POST_ONLY,
    "assessment:save_score": POST_ONLY,
    "assessment:submit": POST_ONLY,
    "assessment:office_document": FILE,
    "assessment:document": FILE,
    "assessment:report": FILE,
    "objections:attachment": FILE,
    "objections:decide": POST_ONLY,
    "objections:report": FILE,
    "dataprotection:download": POST_ONLY,
    "dataprotection:office_download": POST_ONLY,
    "register:certificate": FILE,
    "register:recertify": POST_ONLY,
    "complaints:start_handling": POST_ONLY,
    "complaints:close": POST_ONLY,
    "quality:pairs_csv": FILE,
    "quality:report": POST_ONLY,
    "quality:calibration_save": POST_ONLY,
    "quality:calibration_submit": POST_ONLY,
    "admin_login_redirect": "the admin's login: redirects to allauth's (toured)",
    "admin_password_change_redirect": "redirects to allauth's password page (toured)",
}
# Routes that exist only in some settings (bench/README.md).
CONDITIONAL = {"bench_baseline": "the benchmark's baseline, only with BENCH_BASELINE"}


def _named_routes(resolver=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_routes(pattern, inner)
        elif pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def _required_admin() -> set[str]:
    required = {"admin:index"}
    for _plural, _name, model, _status in FRAMEWORK_ADMIN:
        meta = model._meta
        required |= {
            f"admin:{meta.app_label}_{meta.model_name}_{view}" for view in ("changelist", "change")
        }
    return required


def seed_for_tour() -> None:
    """The demo data, plus what only a session leaves behind: a draft version with
    changes (the framework editor's editable pages, the publish confirmation's diff),
    the candidate's data export being made (its waiting page) and the objection states
    the demo's one objection has passed (lodging, the member's declaration)."""
    ensure_demo_accounts()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        seed_apps()
    office = User.objects.get(email="bureau@demo.registerjobcoach.nl")
    edit_draft(copy_version_to_draft(version=current_published_version(), actor=office))
    candidate = User.objects.get(email="kandidaat@demo.registerjobcoach.nl")
    request_file(owner=candidate, kind=DATA_EXPORT, subject_id=candidate.pk)
    _seed_objection_states(office)


def _decided_review(email: str, first_name: str, last_name: str, *, office):
    """A demo candidate (who can log in) whose review was decided today: not granted."""
    candidate = UserFactory(
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=Role.CANDIDATE,
        password=DEMO_PASSWORD,
    )
    return make_review(
        state=ReviewState.DECIDED,
        portfolio=make_portfolio(candidate=candidate, state="submitted"),
        office=office,
        overrides={"C3.2": "toelichten", "C2.1": "niet_aangetoond"},
    ).review


def _seed_objection_states(office) -> None:
    """What the demo's one objection (declared on) leaves out: a decided review without
    an objection (its candidate's page to lodge one) and an objection assigned to the
    committee member who has not declared yet (the declaration)."""
    _decided_review(OBJECTING, "Noor", "Hendriks", office=office)
    review = _decided_review(f"kandidaat11{DEMO_DOMAIN}", "Sem", "Visser", office=office)
    objection = objections.lodge_objection(
        review=review, reasons=DEMO_REASONS, actor=review.portfolio.candidate
    )
    member = User.objects.get(email=f"bezwaar{DEMO_DOMAIN}")
    objections.assign_member(objection=objection, member=member, actor=office)


@pytest.mark.django_db
def test_every_page_route_is_in_the_tour_or_excluded_with_a_reason(seeded_version, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    seed_for_tour()
    toured = {resolve(urlsplit(stop.url).path).view_name for tour in tours() for stop in tour.stops}
    routes = _named_routes()
    admin = {name for name in routes if name.startswith("admin:")}
    required = (routes - admin - EXCLUDED.keys() - CONDITIONAL.keys()) | _required_admin()
    assert sorted(required - toured) == [], "pages neither in the tour nor excluded"
    assert sorted(EXCLUDED.keys() & toured) == [], "excluded, yet in the tour"
    assert sorted(EXCLUDED.keys() - routes) == [], "excluded, but no such route"
    # Every tour stop is a page of the project (a typo would resolve to nothing).
    assert toured <= routes
