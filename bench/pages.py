"""The pages the load run measures, with the user who opens each (from generate.json).

Imported after django.setup(). `pages()` returns (name, path, user) tuples; `session_for`
makes a logged-in session cookie for a user without going through the login form.
"""

import json
import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from assessment.models import Assignment
from bench import register_pages
from portal.enums import Role
from portal.mfa import MFA_STATE, mfa_required
from portal.models import User
from portfolio.models import Portfolio
from profiles.selectors import current_published_version

BASELINE = "baseline"


def summary() -> dict:
    path = Path(os.environ.get("BENCH_OUT", "var/bench"), "generate.json")
    return json.loads(path.read_text())


def pages() -> list[tuple[str, str, User]]:
    data = summary()
    clones = data.get("clones") or {}
    templates = data["templates"]
    # The candidate with a complete portfolio of full texts (a clone, not a template).
    portfolio = Portfolio.objects.select_related("candidate").get(
        pk=clones.get("draft_complete", templates["draft_complete"])
    )
    candidate = portfolio.candidate
    scoring = (
        Assignment.objects.filter(
            review__portfolio_id=clones.get("in_assessment", templates["in_assessment"])
        )
        .select_related("assessor")
        .order_by("pk")
        .last()  # the second assessor, still scoring
    )
    comparing = (
        Assignment.objects.filter(
            review__portfolio_id=clones.get("assessed", templates["assessed"])
        )
        .select_related("assessor")
        .order_by("pk")
        .first()
    )
    office = User.objects.filter(role=Role.OFFICE, email__startswith="bureau@bench").first()
    version = current_published_version()
    result = [
        ("candidate dashboard", reverse("portfolio:dashboard", args=[portfolio.pk]), candidate),
        ("task page (C1)", reverse("portfolio:section", args=[portfolio.pk, "C1"]), candidate),
        ("full preview", reverse("portfolio:preview", args=[portfolio.pk]), candidate),
        ("assessor scoring", reverse("assessment:score", args=[scoring.pk]), scoring.assessor),
        (
            "comparison",
            reverse("assessment:compare", args=[comparing.pk]),
            comparing.assessor,
        ),
        (
            "office queue (filtered, page 2)",
            reverse("assessment:queue") + "?status=decided&pagina=2",
            office,
        ),
        (
            "framework page",
            reverse(
                "profiles:framework_detail",
                kwargs={"slug": version.framework.slug, "number": version.number},
            ),
            candidate,
        ),
        # The quality dashboard over the default eight quarters: the page only reads the
        # figures a Celery task keeps (quality.stored) and checks their data stamp, so
        # every request is the same few queries; before the first computation it is the
        # waiting page (eager Celery computes them in that first request).
        ("quality dashboard", reverse("quality:dashboard"), office),
        ("health", reverse("health"), None),
        # The public register at 10,000 registrations (bench/registrations.py), no login.
        *register_pages.pages(),
    ]
    if settings.BENCH_BASELINE:
        result.append((BASELINE, reverse("bench_baseline"), candidate))
    return result


def session_for(user) -> str:
    """A database session logged in as `user` (what the login form would create; for
    assessors and the office, after the second step with their authenticator app)."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if mfa_required(user):
        store[MFA_STATE] = "ok"
    store.create()
    return store.session_key
