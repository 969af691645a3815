"""The portfolio's PDF, made in the background (downloads): content-addressed by the
HTML it is rendered from, so the same portfolio text makes no new PDF."""

import hashlib
import io

from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from downloads.registry import Built, Kind, register
from portal import reports
from portfolio import selectors

PREVIEW_PDF = "portfolio_pdf"


def _preview_html(owner, portfolio_id: int) -> str | None:
    """The HTML of the portfolio's PDF (always in Dutch: the register's language of
    record), or None when the portfolio is no longer the owner's."""
    try:
        portfolio = selectors.portfolio_for_candidate(owner, portfolio_id)
    except Http404:
        return None
    with translation.override("nl"):
        context = selectors.preview_context(selectors.portfolio_content(portfolio))
        return render_to_string(
            "portfolio/preview_pdf.html", {**context, "static_prefix": reports.STATIC_PREFIX}
        )


def _key(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def preview_key(owner, portfolio_id: int) -> str:
    return _key(_preview_html(owner, portfolio_id) or "")


def build_preview(owner, portfolio_id: int) -> Built | None:
    html = _preview_html(owner, portfolio_id)
    if html is None:
        return None
    return Built(
        key=_key(html),
        filename=f"portfolio-{portfolio_id}.pdf",
        content_type="application/pdf",
        data=io.BytesIO(reports.render_html_pdf(html)),
    )


def register_kinds() -> None:
    register(
        PREVIEW_PDF,
        Kind(
            label=lambda: _("PDF van je portfolio"),
            key=preview_key,
            build=build_preview,
            back_url=lambda _owner, portfolio_id: reverse("portfolio:preview", args=[portfolio_id]),
        ),
    )
