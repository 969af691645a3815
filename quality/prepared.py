"""The quarterly quality report as a PDF, made in the background (downloads).

The subject of a request is one framework version and one quarter, packed in one id
(version · 100,000 + year · 10 + quarter). The report covers that quarter and the three
before it, so the drift lines have a past. Content-addressed by its HTML, like the
portfolio's PDF: the same figures make no new file."""

import hashlib
import io
from datetime import date, timedelta

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from downloads.registry import Built, Kind, register
from portal import reports
from profiles.models import FrameworkVersion
from quality import selectors
from quality.figures import figures
from quality.rules import can_view_quality

QUALITY_REPORT = "quality_report"
QUARTERS_SHOWN = 4


def subject_of(version_id: int, day: date) -> int:
    return version_id * 100_000 + day.year * 10 + (day.month - 1) // 3 + 1


def period_of(subject_id: int) -> tuple[int, selectors.Period]:
    version_id, rest = divmod(subject_id, 100_000)
    year, quarter = divmod(rest, 10)
    end_month = quarter * 3
    end = date(year + end_month // 12, end_month % 12 + 1, 1) - timedelta(days=1)
    index = year * 4 + quarter - 1 - (QUARTERS_SHOWN - 1)
    return version_id, selectors.Period(date(index // 4, index % 4 * 3 + 1, 1), end)


def _html(owner, subject_id: int) -> str | None:
    """The report's HTML (in Dutch, the register's language of record), or None when the
    owner is no longer office or the version is gone."""
    version_id, period = period_of(subject_id)
    version = FrameworkVersion.objects.filter(pk=version_id).select_related("framework").first()
    if version is None or not can_view_quality(owner):
        return None
    with translation.override("nl"):
        return render_to_string(
            "quality/report_pdf.html",
            {
                "version": version,
                "period": period,
                "static_prefix": reports.STATIC_PREFIX,
                **figures(version, period),
            },
        )


def _key(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def report_key(owner, subject_id: int) -> str:
    return _key(_html(owner, subject_id) or "")


def build_report(owner, subject_id: int) -> Built | None:
    html = _html(owner, subject_id)
    if html is None:
        return None
    _version_id, period = period_of(subject_id)
    return Built(
        key=_key(html),
        filename=f"kwaliteitsrapport-{period.end:%Y-%m}.pdf",
        content_type="application/pdf",
        data=io.BytesIO(reports.render_html_pdf(html)),
    )


def register_kinds() -> None:
    register(
        QUALITY_REPORT,
        Kind(
            label=lambda: _("Kwartaalrapport kwaliteit van het beoordelen"),
            key=report_key,
            build=build_report,
            back_url=lambda owner, subject_id: reverse("quality:dashboard"),
        ),
    )
