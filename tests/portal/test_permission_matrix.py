"""Permission matrix: EVERY URL pattern of the project, requested as six roles.

The test walks `django.urls.get_resolver()` (allauth's `/accounts/…`, the admin's
`/beheer/…`, i18n, health and our apps), builds each URL with real ids from the world of
`matrix_world.py`, requests it as each role and compares the answer with the table below.
A pattern without a row FAILS the test with its name, so a new URL cannot slip in without
someone deciding who may open it. All mismatches are collected and listed at once.

Roles, always in this order (a row's tuples follow it):

    anonymous, candidate, other_candidate, assessor, unassigned_assessor, office

`candidate` owns the decided portfolio (Kim), `other_candidate` owns the draft (Sanne),
`assessor` is assigned to both reviews, `unassigned_assessor` to none.

Row format — one line per case, several cases per pattern allowed:

    Row("portfolio:download", {"pk": "portfolio", "document_id": "document"},
        (LOGIN, 200, 404, 404, 404, 404))

- the key: the pattern's name with its namespace ("portfolio:download", "account_login");
  an unnamed pattern is keyed by its full route ("beheer/(?P<url>.*)$").
- kwargs: URL keyword → a key of `World.ids` (a string) or a literal value (`Lit("Z")`).
- get: the expected answer per role to a GET; `POST_ONLY` for a view that only takes POST.
- post (optional): the expected answer per role to a POST that must change NOTHING (the
  test compares a fingerprint of the database, the stored files and the outbox before and
  after); `SKIP` where the role may legitimately post. `data` names the payload in
  `PAYLOADS` (a realistic form that WOULD change something without the access check).
- query (optional): a query string for the GET.
- shadowed_by (optional): a pattern an earlier one answers instead (`admin:login`, replaced
  by `admin_login_redirect`): the test checks its URL resolves there and requests nothing.

Expected answers: a status code (200, 404, 405, …); `LOGIN` (302 to the login page with
`?next=` this URL); `ADMIN_LOGIN` (302 to the admin's login with `?next=`); `To("name",
kw="world key")` or `To("/literal/")` (302 to exactly that URL).

"Not yours" is always 404 — the same answer as "does not exist" — never 403 and never 200.
The admin (`/beheer/`) follows rules per pattern (`admin_rows`): anyone not staff is sent
to the admin's login; the office may manage the apps in `OFFICE_ADMIN_APPS` (published
framework content read-only: 403 on delete) and gets 403 elsewhere, Django's answer to
staff without the model permission. A model newly registered in the admin needs one
instance in `World.admin_objects` (matrix_world.py); the test names it until it has one.

Adding a URL: one `Row(...)` line here; a new object it needs: one entry in `World.ids`.
The run prints the figure (patterns × roles = requests) and lists every mismatch.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from audit.models import AuditEntry
from tests.factories.files import pdf_bytes
from tests.portal.matrix_world import ROLES, build_world

# --- expectations ------------------------------------------------------------------------------


class _Sentinel:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


LOGIN = _Sentinel("LOGIN")
ADMIN_LOGIN = _Sentinel("ADMIN_LOGIN")
SKIP = _Sentinel("SKIP")


@dataclass(frozen=True)
class Lit:
    """A literal URL kwarg (not looked up in the world)."""

    value: object


class To:
    """A 302 to exactly this URL: a path, or a URL name with kwargs from the world."""

    def __init__(self, target, fragment="", query="", **kwargs):
        self.target = target
        self.fragment = fragment
        self.query = query
        self.kwargs = kwargs

    def url(self, ids) -> str:
        if self.target.startswith("/"):
            return self.target
        url = reverse(self.target, kwargs=_kwargs(self.kwargs, ids))
        url = f"{url}?{self.query}" if self.query else url
        return f"{url}#{self.fragment}" if self.fragment else url

    def __repr__(self):
        return f"302→{self.target}"


@dataclass(frozen=True)
class Row:
    key: str
    kwargs: dict
    get: tuple
    post: tuple | None = None
    data: str = "empty"
    query: str = ""
    label: str = ""
    # The name of an earlier pattern that answers this pattern's URL instead: the test
    # checks that it does, and requests nothing (the earlier pattern has its own rows).
    shadowed_by: str = ""


POST_ONLY = (405,) * 6
ALL_LOGGED_IN = (LOGIN, 200, 200, 200, 200, 200)
OWNER_ONLY = (LOGIN, 200, 404, 404, 404, 404)
OFFICE_ONLY = (LOGIN, 404, 404, 404, 404, 200)
ASSESSOR_ONLY = (LOGIN, 404, 404, 200, 404, 404)
# A POST on Sanne's draft: everyone but Sanne (who may) gets 404, anonymous the login.
NOT_ON_THE_DRAFT = (LOGIN, 404, SKIP, 404, 404, 404)
NOT_FOR_OTHERS_THAN_OFFICE = (LOGIN, 404, 404, 404, 404, SKIP)
NOT_FOR_OTHERS_THAN_ASSESSOR = (LOGIN, 404, 404, SKIP, 404, 404)
TO_START = To("/start/")
REAUTH_PASSWORD = To("account_reauthenticate")
NO_RECOVERY_CODES = (LOGIN, 404, 404, 404, 404, 404)


def _allauth_next(name: str, target: str) -> To:
    """allauth's own redirects (login, re-authentication) quote the whole `?next=`."""
    return To(f"{reverse(target)}?next={quote(reverse(name), safe='')}")


def _mfa_change(name: str, *, candidates=None) -> tuple:
    """A page that changes an authenticator: re-authentication first (the test clients
    have not re-authenticated); `candidates` overrides Kim's and Sanne's answers."""
    reauth = _allauth_next(name, "account_reauthenticate")
    kim, sanne = candidates or (reauth, reauth)
    return (_allauth_next(name, "account_login"), kim, sanne, reauth, reauth, reauth)


MFA_CHANGE = {
    # Kim has an unverified address: allauth sends her back until she verified it.
    "mfa_activate_totp": _mfa_change(
        "mfa_activate_totp",
        candidates=(To("mfa_index"), _allauth_next("mfa_activate_totp", "account_reauthenticate")),
    ),
    # The candidates have no app to switch off; Django's login_required for anonymous.
    "mfa_deactivate_totp": (
        LOGIN,
        *_mfa_change("mfa_deactivate_totp", candidates=(404, 404))[1:],
    ),
    "mfa_generate_recovery_codes": _mfa_change("mfa_generate_recovery_codes"),
}

# --- the rows ----------------------------------------------------------------------------------

ROWS = [
    # portal
    Row("home", {}, (200, TO_START, TO_START, TO_START, TO_START, TO_START)),
    Row("start", {}, ALL_LOGGED_IN),
    Row("health", {}, (200,) * 6),
    Row("favicon", {}, (To("/static/favicon.ico"),) * 6),
    Row("mail_preferences", {}, ALL_LOGGED_IN, (LOGIN,) + (SKIP,) * 5),
    Row("set_language", {}, (To("/"),) * 6),
    # allauth
    Row("account_login", {}, (200, TO_START, TO_START, TO_START, TO_START, TO_START)),
    Row("account_logout", {}, (To("/"), 200, 200, 200, 200, 200)),
    Row("account_inactive", {}, (200,) * 6),
    Row("account_signup", {}, (200, TO_START, TO_START, TO_START, TO_START, TO_START)),
    Row("account_reauthenticate", {}, ALL_LOGGED_IN),
    Row("account_email", {}, ALL_LOGGED_IN),
    Row("account_email_verification_sent", {}, (200,) * 6),
    Row("account_change_password", {}, ALL_LOGGED_IN),
    Row("account_set_password", {}, (LOGIN, *(To("account_change_password"),) * 5)),
    Row("account_reset_password", {}, (200,) * 6),
    Row("account_confirm_login_code", {}, (To("account_login"), *(TO_START,) * 5)),
    Row("account_confirm_email", {"key": "confirm_key"}, (200,) * 6),
    Row("account_reset_password_from_key_done", {}, (200,) * 6),
    Row(
        "account_reset_password_from_key",
        {"uidb36": "reset_uidb36", "key": "reset_key"},
        # A valid key (a bearer token, whoever holds it) moves into the session first.
        (
            To(
                "account_reset_password_from_key",
                uidb36="reset_uidb36",
                key=Lit("set-password"),
            ),
        )
        * 6,
    ),
    Row("account_reset_password_done", {}, (200,) * 6),
    # allauth's two-factor pages. The assessors and the office have an authenticator app
    # (the factory gives them one), the candidates none; nobody has recovery codes. A
    # logged-in test client has not re-authenticated, so the pages that change an
    # authenticator first ask for it.
    Row("mfa_index", {}, ALL_LOGGED_IN),
    Row(
        "mfa_authenticate",
        {},
        # Only a login waiting for its second step gets here; everyone else is sent on.
        (To("account_login"), *(TO_START,) * 5),
        (To("account_login"), *(TO_START,) * 5),
    ),
    Row(
        "mfa_reauthenticate",
        {},
        (LOGIN, REAUTH_PASSWORD, REAUTH_PASSWORD, 200, 200, 200),
        (LOGIN, REAUTH_PASSWORD, REAUTH_PASSWORD, 200, 200, 200),
        label="without an app, re-authenticating is by password; an empty code is refused",
    ),
    Row(
        "mfa_activate_totp",
        {},
        MFA_CHANGE["mfa_activate_totp"],
        MFA_CHANGE["mfa_activate_totp"],
        label="Kim has an unverified address: she may not add an app until it is verified",
    ),
    Row(
        "mfa_deactivate_totp",
        {},
        MFA_CHANGE["mfa_deactivate_totp"],
        MFA_CHANGE["mfa_deactivate_totp"],
        label="no app to switch off: 404",
    ),
    Row("mfa_view_recovery_codes", {}, NO_RECOVERY_CODES),
    Row(
        "mfa_generate_recovery_codes",
        {},
        MFA_CHANGE["mfa_generate_recovery_codes"],
        MFA_CHANGE["mfa_generate_recovery_codes"],
    ),
    Row("mfa_download_recovery_codes", {}, NO_RECOVERY_CODES),
    # the framework and the profiles: every logged-in user reads them
    Row(
        "profiles:framework_current",
        {},
        (
            LOGIN,
            *(To("profiles:framework_detail", slug="framework_slug", number="version_number"),) * 5,
        ),
    ),
    Row(
        "profiles:framework_detail",
        {"slug": "framework_slug", "number": "version_number"},
        ALL_LOGGED_IN,
    ),
    Row(
        "profiles:framework_detail",
        {"slug": "framework_slug", "number": Lit(99)},
        (LOGIN, 404, 404, 404, 404, 404),
        label="a version that does not exist",
    ),
    Row(
        "profiles:framework_detail",
        {"slug": "framework_slug", "number": "draft_version_number"},
        (LOGIN, 404, 404, 404, 404, 404),
        label="a draft version is only seen in the admin",
    ),
    Row("profiles:profile_list", {}, ALL_LOGGED_IN),
    Row("profiles:profile_detail", {"slug": "profile_slug"}, ALL_LOGGED_IN),
    Row(
        "profiles:profile_detail",
        {"slug": Lit("bestaat-niet")},
        (LOGIN, 404, 404, 404, 404, 404),
        label="a profile that does not exist",
    ),
    # the candidate's portfolio
    Row(
        "portfolio:home",
        {},
        (
            LOGIN,
            To("portfolio:dashboard", pk="portfolio"),
            To("portfolio:dashboard", pk="draft"),
            404,
            404,
            404,
        ),
    ),
    Row(
        "portfolio:start",
        {},
        POST_ONLY,
        post=(
            LOGIN,
            SKIP,
            To("portfolio:section", pk="draft", code="section_code"),
            404,
            404,
            404,
        ),
        label="Sanne already has a draft: no second portfolio",
    ),
    Row("portfolio:dashboard", {"pk": "portfolio"}, OWNER_ONLY),
    Row("portfolio:dashboard", {"pk": Lit(999_999)}, (LOGIN, 404, 404, 404, 404, 404)),
    Row("portfolio:choose_routes", {"pk": "portfolio"}, POST_ONLY),
    Row("portfolio:choose_routes", {"pk": "draft"}, POST_ONLY, NOT_ON_THE_DRAFT, "routes"),
    Row("portfolio:section", {"pk": "portfolio", "code": "section_code"}, OWNER_ONLY),
    Row(
        "portfolio:section",
        {"pk": "portfolio", "code": Lit("Z")},
        (LOGIN, 404, 404, 404, 404, 404),
        label="a section that does not exist",
    ),
    Row("portfolio:autosave", {"pk": "portfolio"}, POST_ONLY),
    Row("portfolio:autosave", {"pk": "draft"}, POST_ONLY, NOT_ON_THE_DRAFT, "autosave"),
    Row(
        "portfolio:upload",
        {"pk": "draft", "kind": Lit("route"), "target_id": "draft_route"},
        POST_ONLY,
        NOT_ON_THE_DRAFT,
        "upload",
    ),
    Row("portfolio:download", {"pk": "portfolio", "document_id": "document"}, OWNER_ONLY),
    Row(
        "portfolio:download",
        {"pk": "portfolio", "document_id": "lost_document"},
        (LOGIN, 404, 404, 404, 404, 404),
        label="a document whose stored file is gone",
    ),
    Row(
        "portfolio:download",
        {"pk": "portfolio", "document_id": "draft_document"},
        (LOGIN, 404, 404, 404, 404, 404),
        label="Sanne's document through Kim's portfolio",
    ),
    Row(
        "portfolio:download",
        {"pk": "draft", "document_id": "document"},
        (LOGIN, 404, 404, 404, 404, 404),
        label="Kim's document through Sanne's portfolio",
    ),
    Row(
        "portfolio:delete_document",
        {"pk": "draft", "document_id": "draft_document"},
        POST_ONLY,
        NOT_ON_THE_DRAFT,
    ),
    Row(
        "portfolio:delete_document",
        {"pk": "draft", "document_id": "document"},
        POST_ONLY,
        (LOGIN, 404, 404, 404, 404, 404),
        label="Kim's document through Sanne's draft, posted by Sanne too",
    ),
    Row(
        "portfolio:sign",
        {"pk": "draft", "declaration_id": "unsigned_declaration"},
        POST_ONLY,
        NOT_ON_THE_DRAFT,
        "sign",
    ),
    Row(
        "portfolio:withdraw",
        {"pk": "draft", "signature_id": "draft_signature"},
        POST_ONLY,
        NOT_ON_THE_DRAFT,
    ),
    Row(
        "portfolio:withdraw",
        {"pk": "draft", "signature_id": "signature"},
        POST_ONLY,
        (LOGIN, 404, 404, 404, 404, 404),
        label="Kim's signature through Sanne's draft, posted by Sanne too",
    ),
    Row("portfolio:submit", {"pk": "portfolio"}, OWNER_ONLY),
    Row(
        "portfolio:submit",
        {"pk": "draft"},
        (LOGIN, 404, 200, 404, 404, 404),
        NOT_ON_THE_DRAFT,
        "submit",
        label="posting the submission of Sanne's draft",
    ),
    Row("portfolio:preview", {"pk": "portfolio"}, OWNER_ONLY),
    Row(
        "portfolio:preview_pdf",
        {"pk": "portfolio"},
        POST_ONLY,
        (LOGIN, SKIP, 404, 404, 404, 404),
        label="asking for the portfolio's PDF (made in the background)",
    ),
    # prepared files (downloads): only their owner, Kim, sees them
    Row("downloads:status", {"pk": "prepared"}, OWNER_ONLY),
    Row("downloads:download", {"pk": "prepared"}, OWNER_ONLY),
    # the review: the office's pages
    Row("assessment:queue", {}, OFFICE_ONLY),
    Row(
        "assessment:queue",
        {},
        OFFICE_ONLY,
        query="status=x&assessor=%C2%B2&dagen=99999999999&pagina=abc",
        label="tampered filters are ignored, never a 500",
    ),
    Row("assessment:assign", {"portfolio_id": "portfolio"}, OFFICE_ONLY),
    Row(
        "assessment:assign",
        {"portfolio_id": "draft"},
        (LOGIN, 404, 404, 404, 404, 404),
        label="a draft is not in the queue",
    ),
    Row(
        "assessment:assign",
        {"portfolio_id": "interview_portfolio"},
        OFFICE_ONLY,
        NOT_FOR_OTHERS_THAN_OFFICE,
        "assign",
    ),
    Row(
        "assessment:plan",
        {"portfolio_id": "interview_portfolio"},
        POST_ONLY,
        NOT_FOR_OTHERS_THAN_OFFICE,
        "plan",
    ),
    Row(
        "assessment:decide",
        {"portfolio_id": "interview_portfolio"},
        POST_ONLY,
        NOT_FOR_OTHERS_THAN_OFFICE,
        "decide",
    ),
    Row(
        "assessment:additions",
        {"portfolio_id": "interview_portfolio"},
        POST_ONLY,
        NOT_FOR_OTHERS_THAN_OFFICE,
        "additions",
    ),
    Row(
        "assessment:resume",
        {"portfolio_id": "interview_portfolio"},
        POST_ONLY,
        NOT_FOR_OTHERS_THAN_OFFICE,
    ),
    Row(
        "assessment:add_third",
        {"portfolio_id": "interview_portfolio"},
        POST_ONLY,
        NOT_FOR_OTHERS_THAN_OFFICE,
        "third",
    ),
    Row(
        "assessment:plan",
        {"portfolio_id": "draft"},
        POST_ONLY,
        (LOGIN, 404, 404, 404, 404, 404),
        "plan",
        label="a portfolio without a review, posted by the office too",
    ),
    Row("assessment:audit_trail", {"portfolio_id": "portfolio"}, OFFICE_ONLY),
    Row(
        "assessment:audit_trail",
        {"portfolio_id": Lit(999_999)},
        (LOGIN, 404, 404, 404, 404, 404),
        query="pagina=abc",
        label="a portfolio that does not exist",
    ),
    Row("assessment:dossier", {"portfolio_id": "portfolio"}, OFFICE_ONLY),
    Row(
        "assessment:dossier",
        {"portfolio_id": "draft"},
        (LOGIN, 404, 404, 404, 404, 404),
        label="a portfolio without a review",
    ),
    Row(
        "assessment:office_document",
        {"portfolio_id": "portfolio", "document_id": "document"},
        OFFICE_ONLY,
    ),
    Row(
        "assessment:office_document",
        {"portfolio_id": "portfolio", "document_id": "draft_document"},
        (LOGIN, 404, 404, 404, 404, 404),
        label="a document of another portfolio through this one",
    ),
    # the review: the candidate's and the assessors' pages
    Row("assessment:my_reviews", {}, (LOGIN, 404, 404, 200, 200, 404)),
    Row("assessment:my_result", {}, (LOGIN, 200, 200, 404, 404, 404)),
    Row("assessment:report", {"review_id": "review"}, (LOGIN, 200, 404, 404, 404, 200)),
    Row(
        "assessment:report",
        {"review_id": "interview_review"},
        (LOGIN, 404, 404, 404, 404, 404),
        label="Lotte's review has no report yet",
    ),
    Row(
        "assessment:interview",
        {"assignment_id": "interview_assignment"},
        ASSESSOR_ONLY,
        NOT_FOR_OTHERS_THAN_ASSESSOR,
        "interview",
    ),
    Row(
        "assessment:interview",
        {"assignment_id": "interview_assignment"},
        ASSESSOR_ONLY,
        (LOGIN, 404, 404, 200, 404, 404),
        "tampered_interview",
        label="a tampered final score is no score: the form again",
    ),
    Row(
        "assessment:interview",
        {"assignment_id": "assignment"},
        (LOGIN, 404, 404, 404, 404, 404),
        label="the interview of a decided review is closed",
    ),
    Row(
        "assessment:declare",
        {"assignment_id": "assignment"},
        (LOGIN, 404, 404, To("assessment:score", assignment_id="assignment"), 404, 404),
        NOT_FOR_OTHERS_THAN_ASSESSOR,
        "declare",
        label="already declared: on to scoring",
    ),
    Row("assessment:score", {"assignment_id": "assignment"}, ASSESSOR_ONLY),
    Row(
        "assessment:save_score",
        {"assignment_id": "interview_assignment"},
        POST_ONLY,
        NOT_FOR_OTHERS_THAN_ASSESSOR,
        "save_score",
    ),
    Row(
        "assessment:save_score",
        {"assignment_id": "interview_assignment"},
        POST_ONLY,
        (LOGIN, 404, 404, 400, 404, 404),
        "tampered_target",
        label="a tampered target is a 400, never a 500",
    ),
    Row(
        "assessment:save_score",
        {"assignment_id": "interview_assignment"},
        POST_ONLY,
        (LOGIN, 404, 404, To("assessment:score", assignment_id="interview_assignment"), 404, 404),
        "tampered_option",
        label="a tampered option is no option (and the assessment is submitted)",
    ),
    Row(
        "assessment:submit",
        {"assignment_id": "interview_assignment"},
        POST_ONLY,
        NOT_FOR_OTHERS_THAN_ASSESSOR,
    ),
    Row(
        "assessment:compare",
        {"assignment_id": "assignment"},
        ASSESSOR_ONLY,
        NOT_FOR_OTHERS_THAN_ASSESSOR,
        "compare",
    ),
    Row(
        "assessment:compare",
        {"assignment_id": "assignment"},
        ASSESSOR_ONLY,
        (LOGIN, 404, 404, 200, 404, 404),
        "tampered_compare",
        label="a tampered verdict is no verdict (and the review is decided)",
    ),
    Row(
        "assessment:document",
        {"assignment_id": "assignment", "document_id": "document"},
        ASSESSOR_ONLY,
    ),
    Row(
        "assessment:document",
        {"assignment_id": "assignment", "document_id": "lost_document"},
        (LOGIN, 404, 404, 404, 404, 404),
        label="a document whose stored file is gone",
    ),
    Row(
        "assessment:document",
        {"assignment_id": "assignment", "document_id": "draft_document"},
        (LOGIN, 404, 404, 404, 404, 404),
        label="a document of another portfolio through the assignment",
    ),
    Row(
        "assessment:document",
        {"assignment_id": "interview_assignment", "document_id": "document"},
        (LOGIN, 404, 404, 404, 404, 404),
        label="a document of Kim's portfolio through another assignment",
    ),
    # objections: Kim objected to her decision; no role here is a committee member, so
    # the committee's pages answer 404 to all (tests/objections test the member's side)
    Row("objections:mine", {}, (LOGIN, 200, 200, 404, 404, 404)),
    Row(
        "objections:lodge",
        {"review_id": "review"},
        OWNER_ONLY,
        (LOGIN, SKIP, 404, 404, 404, 404),
        "objection",
    ),
    Row("objections:follow", {"pk": "objection"}, OWNER_ONLY),
    Row(
        "objections:attachment",
        {"pk": "objection", "attachment_id": "objection_attachment"},
        (LOGIN, 200, 404, 404, 404, 200),
    ),
    Row("objections:office_list", {}, OFFICE_ONLY),
    Row(
        "objections:office_detail",
        {"pk": "objection"},
        OFFICE_ONLY,
        NOT_FOR_OTHERS_THAN_OFFICE,
        "assign_member",
    ),
    Row("objections:member_list", {}, (LOGIN, 404, 404, 404, 404, 404)),
    Row(
        "objections:declare",
        {"pk": "objection"},
        (LOGIN, 404, 404, 404, 404, 404),
        (LOGIN, 404, 404, 404, 404, 404),
        "declare_objection",
    ),
    Row("objections:case_file", {"pk": "objection"}, (LOGIN, 404, 404, 404, 404, 404)),
    Row(
        "objections:decide",
        {"pk": "objection"},
        POST_ONLY,
        (LOGIN, 404, 404, 404, 404, 404),
        "objection_outcome",
    ),
    Row(
        "objections:report",
        {"pk": "objection", "report_id": "report"},
        (LOGIN, 404, 404, 404, 404, 404),
    ),
    # data protection: the candidate's own data; the office's export and erasure
    Row("dataprotection:my_data", {}, (LOGIN, 200, 200, 404, 404, 404)),
    Row("dataprotection:download", {}, POST_ONLY, (LOGIN, SKIP, SKIP, 404, 404, 404)),
    Row("dataprotection:office", {}, OFFICE_ONLY),
    # the register: public pages (no login), and the job coach's own page (Kim is registered)
    Row("register:search", {}, (200,) * 6, POST_ONLY, query="q=Vries"),
    Row("register:detail", {"number": "registration_number"}, (200,) * 6, POST_ONLY),
    Row(
        "register:detail",
        {"number": Lit("RJC-1999-00000")},
        (404,) * 6,
        label="a number that does not exist",
    ),
    Row("register:verify", {"number": "registration_number"}, (200,) * 6, POST_ONLY),
    Row(
        "register:verify",
        {"number": Lit("RJC-1999-00000")},
        (404,) * 6,
        label="a number that does not exist",
    ),
    Row("register:mine", {}, OWNER_ONLY, (LOGIN, SKIP, 404, 404, 404, 404)),
    # Starting a recertification: refused for Kim (outside the window: a message on her
    # page), 404 for anyone without a registration.
    Row("register:recertify", {}, POST_ONLY, (LOGIN, To("register:mine"), 404, 404, 404, 404)),
    # the certificate: the job coach it names and the office
    Row(
        "register:certificate", {"number": "registration_number"}, (LOGIN, 200, 404, 404, 404, 200)
    ),
    Row(
        "register:certificate",
        {"number": Lit("RJC-1999-00000")},
        (LOGIN, 404, 404, 404, 404, 404),
        label="a number that does not exist",
    ),
    # the office's register pages: registrations, complaints and measures
    Row("complaints:registrations", {}, OFFICE_ONLY, query="status=geldig&q=vries"),
    Row("complaints:registration", {"pk": "registration_id"}, OFFICE_ONLY, POST_ONLY),
    Row("complaints:registration", {"pk": Lit(999999)}, (LOGIN, *(404,) * 5)),
    Row(
        "complaints:record",
        {"pk": "registration_id"},
        OFFICE_ONLY,
        NOT_FOR_OTHERS_THAN_OFFICE,
        "complaint",
    ),
    *(
        Row(
            f"complaints:{name}",
            {"pk": "registration_id"},
            OFFICE_ONLY,
            NOT_FOR_OTHERS_THAN_OFFICE,
            "measure",
        )
        for name in ("suspend", "lift", "strike_off")
    ),
    Row("complaints:complaint", {"pk": "complaint"}, OFFICE_ONLY, POST_ONLY),
    Row(
        "complaints:start_handling",
        {"pk": "complaint"},
        POST_ONLY,
        NOT_FOR_OTHERS_THAN_OFFICE,
    ),
    Row(
        "complaints:close",
        {"pk": "complaint"},
        POST_ONLY,
        NOT_FOR_OTHERS_THAN_OFFICE,
        "complaint_outcome",
    ),
    Row(
        "dataprotection:office_download",
        {"candidate_id": "candidate_id"},
        POST_ONLY,
        NOT_FOR_OTHERS_THAN_OFFICE,
    ),
    Row(
        "dataprotection:office_download",
        {"candidate_id": "assessor_id"},
        POST_ONLY,
        (LOGIN, 404, 404, 404, 404, 404),
        label="an assessor is no candidate, posted by the office too",
    ),
    Row(
        "dataprotection:office_download",
        {"candidate_id": Lit(999_999)},
        POST_ONLY,
        (LOGIN, 404, 404, 404, 404, 404),
        label="an account that does not exist",
    ),
    Row(
        "dataprotection:erase",
        {"candidate_id": "candidate_id"},
        OFFICE_ONLY,
        NOT_FOR_OTHERS_THAN_OFFICE,
        "erase",
    ),
    Row(
        "dataprotection:erase",
        {"candidate_id": "office_id"},
        (LOGIN, 404, 404, 404, 404, 404),
        (LOGIN, 404, 404, 404, 404, 404),
        "erase",
        label="the office's own account is no candidate",
    ),
    Row(
        "dataprotection:erase",
        {"candidate_id": "erased_candidate_id"},
        OFFICE_ONLY,
        (LOGIN, 404, 404, 404, 404, 400),
        "erase",
        label="already anonymised: nothing to erase again",
    ),
    # the admin: what the rules in admin_rows() do not cover
    # Its own login form would skip two-factor authentication: replaced (portal.views).
    Row(
        "admin_login_redirect",
        {},
        (To("/accounts/login/?next=/beheer/"), 403, 403, 403, 403, To("/beheer/")),
    ),
    Row(
        "admin_login_redirect",
        {},
        (
            To("/accounts/login/?next=/beheer/profiles/"),
            *(403, 403, 403, 403),
            To("/beheer/profiles/"),
        ),
        query="next=/beheer/profiles/",
        label="the admin's ?next= is kept",
    ),
    Row("admin:login", {}, (), shadowed_by="admin_login_redirect"),
    Row(
        "admin:logout",
        {},
        (To("/beheer/"), To("/beheer/"), To("/beheer/"), To("/beheer/"), To("/beheer/"), 405),
    ),
    Row("admin:index", {}, (ADMIN_LOGIN,) * 5 + (200,)),
    # Its password form would skip the e-mail and the logout of other sessions: replaced.
    Row(
        "admin_password_change_redirect",
        {},
        (LOGIN, *(To("account_change_password"),) * 5),
    ),
    Row("admin:password_change", {}, (), shadowed_by="admin_password_change_redirect"),
    Row("admin:password_change_done", {}, (ADMIN_LOGIN,) * 5 + (200,)),
    Row(
        "admin:autocomplete",
        {},
        (ADMIN_LOGIN,) * 5 + (200,),
        query="app_label=profiles&model_name=criterion&field_name=related_items&term=a",
    ),
    Row("admin:jsi18n", {}, (ADMIN_LOGIN,) * 5 + (200,)),
    Row(
        "admin:view_on_site",
        {"content_type_id": "profile_content_type", "object_id": "profile_id"},
        (ADMIN_LOGIN,) * 5 + (404,),
    ),
    *[
        Row("admin:app_list", {"app_label": Lit(label)}, (ADMIN_LOGIN,) * 5 + (200,))
        for label in ("profiles", "audit", "dataprotection")
    ],
    *[
        Row("admin:app_list", {"app_label": Lit(label)}, (ADMIN_LOGIN,) * 5 + (404,))
        for label in ("auth", "account", "portal", "mfa")
    ],
    Row(
        "admin:auth_user_password_change",
        {"id": "candidate_id"},
        (ADMIN_LOGIN,) * 5 + (403,),
        (ADMIN_LOGIN,) * 5 + (403,),
        "password",
    ),
    # the quality dashboard and its CSV: the office only
    Row("quality:dashboard", {}, OFFICE_ONLY),
    Row("quality:dashboard", {}, OFFICE_ONLY, query="versie=%D9%A3&van=x&tot=2026-13-01"),
    Row("quality:pairs_csv", {}, OFFICE_ONLY),
    Row("quality:pairs", {}, OFFICE_ONLY),
    Row(
        "quality:report",
        {},
        POST_ONLY,
        NOT_FOR_OTHERS_THAN_OFFICE,
        label="asking for the quarterly quality report (made in the background)",
    ),
    # calibration: every assessor (assigned or not) scores the calibration cases
    Row("quality:calibration_list", {}, (LOGIN, 404, 404, 200, 200, 404)),
    Row("quality:calibration_case", {"pk": "calibration_case"}, (LOGIN, 404, 404, 200, 200, 404)),
    Row(
        "quality:calibration_save",
        {"pk": "calibration_case"},
        POST_ONLY,
        # An empty autosave names no item: refused as invalid input, nothing stored.
        (LOGIN, 404, 404, 400, 400, 404),
        label="an autosave without an item",
    ),
    Row(
        "quality:calibration_submit",
        {"pk": "calibration_case"},
        POST_ONLY,
        # An incomplete round is refused with a message on the scoring page.
        (
            LOGIN,
            404,
            404,
            *(To("quality:calibration_case", query="opnieuw=1", pk="calibration_case"),) * 2,
            404,
        ),
        label="submitting an incomplete calibration round",
    ),
    Row("quality:calibration_case", {"pk": Lit(999999)}, (LOGIN, 404, 404, 404, 404, 404)),
    Row("beheer/(?P<url>.*)$", {"url": Lit("bestaat-niet/")}, (ADMIN_LOGIN,) * 5 + (404,)),
]

# The office manages these apps in the admin; everything else is 403 for it. "profiles",
# "audit", "quality", "objections" and "register" through portal.backends.OFFICE_ADMIN_APPS;
# "dataprotection" through ErasureAdmin's own permission methods (view only: see
# READ_ONLY_ADMIN_MODELS).
OFFICE_ADMIN_APPS = {"profiles", "audit", "dataprotection", "quality", "objections", "register"}
# Published framework content is read-only in the admin (FrozenVersionMixin).
FROZEN_ADMIN_MODELS = {
    "profiles.frameworkversion",
    "profiles.section",
    "profiles.educationrequirement",
    "profiles.declaration",
    "profiles.question",
    "profiles.criterion",
    "profiles.scoreoption",
}
# Admin pages nobody may use to write, not even a superuser (the office reads them).
READ_ONLY_ADMIN_MODELS = {
    "audit.auditentry",
    "dataprotection.erasure",
    "register.registration",
    "register.recertification",
}


def admin_rows(pattern, world) -> list[Row]:
    """Rows for one ModelAdmin URL (changelist, add, history, delete, change, redirect)."""
    model_admin = getattr(pattern.callback, "model_admin", None)
    if model_admin is None:
        return []
    label = model_admin.model._meta.label_lower
    app_label = model_admin.model._meta.app_label
    tail = pattern.route.rsplit(f"{model_admin.model._meta.model_name}/", 1)[1]
    kwargs = {}
    if "<path:object_id>" in tail:
        obj = world.admin_objects.get(label)
        if obj is None:
            return [Row(pattern.key, {}, (), label=f"no admin object for {label}")]
        kwargs = {"object_id": Lit(obj.pk)}
        world.ids[f"admin:{label}"] = obj.pk
    managed = app_label in OFFICE_ADMIN_APPS
    action = tail.replace("<path:object_id>/", "").strip("/") or (
        "changelist" if not kwargs else "redirect"
    )
    if action == "redirect":
        change = To(f"admin:{app_label}_{model_admin.model._meta.model_name}_change")
        change.kwargs["object_id"] = f"admin:{label}"
        return [Row(pattern.key, kwargs, (ADMIN_LOGIN,) * 5 + (change,))]
    office_get = 200 if managed else 403
    if action in {"add", "delete"} and label in READ_ONLY_ADMIN_MODELS:
        office_get = 403
    if action == "delete" and label in FROZEN_ADMIN_MODELS:
        office_get = 403
    # Adding is allowed (to a draft version); a published object is read-only.
    writable = managed and label not in READ_ONLY_ADMIN_MODELS
    if action != "add" and label in FROZEN_ADMIN_MODELS:
        writable = False
    if action in {"add", "change", "delete"}:
        office_post = SKIP if writable else 403
        return [
            Row(
                pattern.key,
                kwargs,
                (ADMIN_LOGIN,) * 5 + (office_get,),
                (ADMIN_LOGIN,) * 5 + (office_post,),
                "admin_delete" if action == "delete" else "admin_form",
            )
        ]
    return [Row(pattern.key, kwargs, (ADMIN_LOGIN,) * 5 + (office_get,))]


# --- POST payloads: realistic forms that would change something without the access check ------


def _today():
    return timezone.localdate()


PAYLOADS = {
    "empty": lambda ids: {},
    "complaint": lambda ids: {
        "complainant": "Gemeente Ede",
        "received_on": _today().isoformat(),
        "summary": "Geen rapportages.",
    },
    "measure": lambda ids: {"reason": "Na een klacht.", "confirm": "on"},
    "complaint_outcome": lambda ids: {"outcome": "gegrond", "reason": "Gehoord en gewogen."},
    "routes": lambda ids: {
        "basic_route": ids["other_basic_route"],
        "supplementary_route": ids["other_supplementary_route"],
    },
    "autosave": lambda ids: {
        "target": f"criterion-{ids['draft_criterion']}",
        "revision": ids["draft_revision"],
        "text": "Overschreven door iemand anders.",
    },
    "upload": lambda ids: {
        "file": SimpleUploadedFile("vals.pdf", pdf_bytes(), content_type="application/pdf"),
        "document_date": (_today() - timedelta(days=10)).isoformat(),
        "study_hours": 400,
    },
    "sign": lambda ids: {
        "full_name": "Sanne Jansen",
        "signed_on": _today().isoformat(),
        "confirmed": "on",
        "years": 5,
        "hours": 2000,
    },
    "submit": lambda ids: {"confirm": "yes"},
    "assign": lambda ids: {
        "first": ids["assessor_id"],
        "second": ids["unassigned_assessor_id"],
    },
    "plan": lambda ids: {
        "scheduled_at": (timezone.localtime() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
        "location": "Amsterdam",
        "video_link": "",
    },
    "decide": lambda ids: {"decision": "not_granted", "reason": "Zo besloten."},
    "additions": lambda ids: {
        "sections": ["C1"],
        "deadline": (_today() + timedelta(days=30)).isoformat(),
        "reason": "Vul C1 aan.",
    },
    "third": lambda ids: {
        "assessor": ids["unassigned_assessor_id"],
        "criteria": [ids["criterion"]],
    },
    "interview": lambda ids: {
        "notes": "Een verzonnen verslag.",
        f"final-{ids['criterion']}": ids["score_option"],
    },
    "declare": lambda ids: {"has_conflict": "yes", "conflict": "Ik ken de kandidaat."},
    "save_score": lambda ids: {
        "target": f"criterion-{ids['criterion']}",
        "option": ids["score_option"],
        "motivation": "Een verzonnen motivering.",
    },
    "compare": lambda ids: {
        f"option-{ids['criterion']}": ids["score_option"],
        "questions": "Verzonnen vragen.",
    },
    # Tampered forms: values no browser sends ("²" passes str.isdigit() but not int()).
    "tampered_target": lambda ids: {"target": "criterion-²", "option": "abc"},
    "tampered_option": lambda ids: {"target": f"criterion-{ids['criterion']}", "option": "²"},
    "tampered_interview": lambda ids: {"notes": "Verslag.", f"final-{ids['criterion']}": "abc"},
    "tampered_compare": lambda ids: {f"option-{ids['criterion']}": "abc", "questions": "?"},
    "password": lambda ids: {"password1": "Een-nieuw-wachtwoord-1", "password2": "x"},
    "admin_delete": lambda ids: {"post": "yes"},
    "objection": lambda ids: {"reasons": "Ik ben het er niet mee eens."},
    "assign_member": lambda ids: {"member": ids["assessor_id"]},
    "declare_objection": lambda ids: {"has_conflict": "no"},
    "objection_outcome": lambda ids: {"outcome": "upheld", "reason": "Gegrond."},
    "erase": lambda ids: {"reason": "request", "confirm": "on"},
    "admin_form": lambda ids: {"is_superuser": "on", "is_staff": "on", "role": "office"},
}

# --- enumerating the URL patterns -------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    key: str  # "namespace:name", or the full route of an unnamed pattern
    route: str  # the full route, e.g. "portfolio/<int:pk>/"
    callback: object = field(compare=False)


def url_patterns(resolver=None) -> list[Pattern]:
    """Every URL pattern of the project, depth-first, in resolving order."""

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(n for n in (namespace, p.namespace) if n)
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            else:
                route = prefix + str(p.pattern)
                qualified = f"{namespace}:{p.name}" if namespace else p.name
                key = qualified if p.name else route
                yield Pattern(key, route, p.callback)

    return list(walk((resolver or get_resolver()).url_patterns, "", ""))


def build_path(route: str, kwargs: dict) -> str:
    """The concrete path of a route (path converters and regex groups both)."""

    def value(match):
        return str(kwargs[match.group(1)])

    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", value, route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", value, path)
    return "/" + path.replace("^", "").replace("$", "")


def rows_for(pattern, world, rows_by_key) -> list[Row]:
    rows = rows_by_key.get(pattern.key, [])
    if not rows and pattern.route.startswith("beheer/"):
        rows = admin_rows(pattern, world)
    return rows


def _kwargs(spec: dict, ids: dict) -> dict:
    return {k: v.value if isinstance(v, Lit) else ids[v] for k, v in spec.items()}


# --- comparing an answer with the expectation ---------------------------------------------------


def _describe(response) -> str:
    if response.status_code in {301, 302}:
        return f"{response.status_code}→{response['Location']}"
    return str(response.status_code)


def _expected(expected, path, ids) -> str:
    if expected is LOGIN:
        return f"302→{redirect_to_login(path)['Location']}"
    if expected is ADMIN_LOGIN:
        return f"302→{redirect_to_login(path, reverse('admin:login'))['Location']}"
    if isinstance(expected, To):
        return f"302→{expected.url(ids)}"
    return str(expected)


WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


class WriteRecorder:
    """Records every INSERT/UPDATE/DELETE a request sends to the database (any vendor).

    Two tables are expected to change on a refused request and are left out: the session
    (saved on every request for the inactivity timeout) and the audit trail (a refused
    request may be logged, ASVS 7.2; it is append-only and has its own tests)."""

    IGNORED = frozenset({"django_session", AuditEntry._meta.db_table})

    def __init__(self):
        self.writes = []

    def __call__(self, execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match and match.group(1) not in self.IGNORED:
            self.writes.append(sql[:120])
        return execute(sql, params, many, context)


def _stored_files() -> list[str]:
    location = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return sorted(str(p) for p in location.rglob("*")) if location.exists() else []


class Clients:
    """One logged-in client per role, replaced when a response logged it out or in."""

    def __init__(self, world):
        self.world = world
        self.clients = {}

    def get(self, role) -> Client:
        client = self.clients.get(role)
        if client is None:
            # A 500 is an answer to compare like any other, not an exception in the test.
            client = Client(raise_request_exception=False)
            if role != "anonymous":
                client.force_login(self.world.users[role])
            self.clients[role] = (client, client.cookies.get("sessionid"))
            return client
        return client[0]

    def check(self, role) -> None:
        client, cookie = self.clients[role]
        now = client.cookies.get("sessionid")
        if (now and now.value) != (cookie and cookie.value):
            del self.clients[role]


def _request(clients, role, method, path, data=None):
    response = getattr(clients.get(role), method)(path, data or {})
    if getattr(response, "streaming", False):
        # Reading to the end closes the file; the test client's wrapper does it without
        # the request_finished signal, which would close the database connection of the
        # test's transaction (PostgreSQL) — so no response.close() here.
        b"".join(response.streaming_content)
    clients.check(role)
    return response


# --- the run ------------------------------------------------------------------------------------


class Matrix:
    """Requests every case of every pattern; collects every mismatch and the counts."""

    def __init__(self, world, rows=ROWS):
        self.world = world
        self.ids = world.ids if world else {}
        self.rows_by_key: dict[str, list[Row]] = {}
        for row in rows:
            self.rows_by_key.setdefault(row.key, []).append(row)
        self.clients = Clients(world)
        self.mismatches: list[str] = []
        self.patterns = self.cases = self.gets = self.posts = 0

    def run(self, patterns: list[Pattern]) -> "Matrix":
        self.patterns = len(patterns)
        keys = [p.key for p in patterns]
        self.mismatches += [
            f"{k}: two URL patterns share this key" for k in sorted(set(keys)) if keys.count(k) > 1
        ]
        self.mismatches += [
            f"{k}: a row for a URL pattern that does not exist"
            for k in self.rows_by_key
            if k not in set(keys)
        ]
        for pattern in patterns:
            rows = rows_for(pattern, self.world, self.rows_by_key)
            if not rows:
                self.mismatches.append(
                    f"{pattern.key} (/{pattern.route}): no row in the permission matrix — "
                    "add one to ROWS in tests/portal/test_permission_matrix.py"
                )
            for row in rows:
                self.check(pattern, row)
        return self

    def check(self, pattern, row) -> None:
        where = f"{pattern.key}" + (f" [{row.label}]" if row.label else "")
        if row.shadowed_by:
            self.check_shadowed(pattern, row, where)
            return
        if len(row.get) != len(ROLES):
            self.mismatches.append(f"{where}: {row.label or 'the row needs six expectations'}")
            return
        try:
            path = build_path(pattern.route, _kwargs(row.kwargs, self.ids))
            match = resolve(path)
        except KeyError as exc:
            self.mismatches.append(f"{where}: no value for URL kwarg {exc}")
            return
        except Resolver404:
            self.mismatches.append(f"{where}: {path} does not resolve")
            return
        if match.func is not pattern.callback:
            self.mismatches.append(f"{where}: {path} resolves to {match.view_name}, not here")
            return
        self.cases += 1
        url = f"{path}?{row.query}" if row.query else path
        for role, expected in zip(ROLES, row.get, strict=True):
            self.gets += 1
            got = _describe(_request(self.clients, role, "get", url))
            want = _expected(expected, url, self.ids)
            if got != want:
                self.mismatches.append(f"GET {url} as {role}: expected {want}, got {got} ({where})")
        for role, expected in zip(ROLES, row.post or (SKIP,) * len(ROLES), strict=True):
            if expected is not SKIP:
                self.check_post(role, expected, path, row, where)

    def check_shadowed(self, pattern, row, where) -> None:
        path = build_path(pattern.route, _kwargs(row.kwargs, self.ids))
        try:
            match = resolve(path)
        except Resolver404:
            match = None
        if match is None or match.view_name != row.shadowed_by:
            got = match.view_name if match else "nothing"
            self.mismatches.append(
                f"{where}: {path} should resolve to {row.shadowed_by}, resolves to {got}"
            )

    def check_post(self, role, expected, path, row, where) -> None:
        """A refused POST: the expected answer, and nothing written, stored or sent."""
        self.posts += 1
        self.clients.get(role)  # logged in before the recording starts
        files, outbox, recorder = _stored_files(), len(mail.outbox), WriteRecorder()
        with connection.execute_wrapper(recorder):
            response = _request(self.clients, role, "post", path, PAYLOADS[row.data](self.ids))
        got, want = _describe(response), _expected(expected, path, self.ids)
        if got != want:
            self.mismatches.append(f"POST {path} as {role}: expected {want}, got {got} ({where})")
        if recorder.writes or _stored_files() != files or len(mail.outbox) != outbox:
            self.mismatches.append(
                f"POST {path} as {role}: CHANGED the data {recorder.writes} ({where})"
            )

    def summary(self) -> str:
        return (
            f"permission matrix: {self.patterns} URL patterns ({self.cases} cases) × "
            f"{len(ROLES)} roles = {self.gets} GET requests, plus {self.posts} refused POSTs"
        )


# --- the tests ----------------------------------------------------------------------------------


def test_a_url_pattern_without_a_row_fails_with_its_name():
    keys = {p.key for p in url_patterns()}
    # The walk reaches into every include: ours, allauth's, the admin's, i18n.
    assert {
        "health",
        "set_language",
        "account_login",
        "portfolio:dashboard",
        "admin:profiles_section_change",
        "beheer/(?P<url>.*)$",
    } <= keys
    fake = Pattern("portfolio:nieuw", "portfolio/nieuw/", None)
    matrix = Matrix(None, rows=[]).run([fake])
    message = (
        "portfolio:nieuw (/portfolio/nieuw/): no row in the permission matrix — "
        "add one to ROWS in tests/portal/test_permission_matrix.py"
    )
    assert matrix.mismatches == [message]


@pytest.mark.django_db
def test_permission_matrix(seeded_version, capsys):
    world = build_world(seeded_version)
    matrix = Matrix(world).run(url_patterns())

    # The control: the owner's own POST does write, and the recorder sees it.
    recorder = WriteRecorder()
    with connection.execute_wrapper(recorder):
        response = _request(
            matrix.clients,
            "other_candidate",
            "post",
            reverse("portfolio:autosave", args=[world.ids["draft"]]),
            PAYLOADS["autosave"](world.ids),
        )
    assert response.status_code == 200
    assert any("portfolio_answer" in sql for sql in recorder.writes), recorder.writes

    with capsys.disabled():
        print(f"\n{matrix.summary()}")  # noqa: T201 - the figure is part of the report
    assert not matrix.mismatches, f"{len(matrix.mismatches)} mismatches:\n" + "\n".join(
        matrix.mismatches
    )
