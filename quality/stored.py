"""The quality dashboard's figures, computed by a Celery task and kept in the cache.

The page never computes them (that grows with the number of reviews: 8–10 s at 5,000).
It reads what the task stored for its *request* — figures version, framework version,
period, the office's thresholds and the language — and compares the stored *stamp* with
the current one:

- the same stamp: the figures are current and shown;
- another stamp: the last figures are shown with the time they were computed, and one
  recomputation is queued (one in flight per request, however many visits);
- nothing stored yet: a waiting page that polls until the task has stored them.

The stamp (quality.stamp) is one row that every change to the data behind the figures
replaces in the transaction of the change (quality.signals): scores of submitted
assessments, submissions, assignments, joint verdicts and final scores, calibration, the
assessors' names, and — through the content stamp read with it — the framework. Reading
it is one query of two primary-key lookups, whatever the number of reviews. A kept
entry is therefore never shown as current once its data changed.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation

from quality import stamp
from quality.figures import figures
from quality.models import QualitySettings
from quality.selectors import Period

# Raise when the shape of the stored figures changes: older entries are then not read.
FIGURES_VERSION = 3
FRAGMENT = "quality/_figures.html"
# Every pair of assessors, on a page of its own: some 1,200 rows at 50 assessors, two
# thirds of what the dashboard printed when it listed them all.
PAIRS_FRAGMENT = "quality/_pairs.html"
# Kept this long after they were computed (then a visit waits for a new computation).
KEEP_SECONDS = 14 * 24 * 3600
# A recomputation still marked in flight after this is taken as lost (the worker died,
# the broker lost it); a visit then queues a new one. Above the task's time limit.
IN_FLIGHT_SECONDS = 10 * 60


@dataclass(frozen=True)
class Stored:
    """What the page reads: the figures' part of it, rendered by the task (one string to
    read, not some thousand objects to unpickle and print: at 50 assessors the figures
    are 1,200 pairs and 400 KiB pickled, and rendering them took a second per view)."""

    stamp: str
    computed_at: datetime
    html: str


def request_key(version_id: int, period: Period, office: QualitySettings, language: str) -> str:
    """The cache key of one request's figures: everything they are computed from except
    the data itself (that is the stamp, kept inside the entry)."""
    parts = (
        FIGURES_VERSION,
        version_id,
        period.start.isoformat(),
        period.end.isoformat(),
        office.coefficient,
        office.threshold,
        office.min_pairs,
        language,
    )
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:32]
    return f"quality-figures:{digest}"


def data_stamp() -> str:
    """The current stamp of the data behind every figure (one query)."""
    return stamp.current()


def pairs_key(key: str) -> str:
    """Where the rendering of every pair is kept, beside the dashboard's."""
    return f"{key}:pairs"


def read(key: str) -> Stored | None:
    """The kept rendering at `key` (the dashboard's, or at pairs_key(key) every pair's)."""
    entry = cache.get(key)
    return entry if isinstance(entry, Stored) else None


def figures_key(key: str) -> str:
    return f"{key}:figures"


def read_figures(key: str) -> dict | None:
    """The figures the kept rendering was made from (kept beside it for inspection: the
    page never reads them)."""
    return cache.get(figures_key(key))


def _in_flight_key(key: str) -> str:
    return f"{key}:in-flight"


def queue(version_id: int, period: Period, key: str) -> bool:
    """Queue one recomputation for this request unless one is in flight (an atomic
    `add` in the shared cache). Returns whether it queued one. With eager Celery (dev,
    tests) the figures are stored when this returns."""
    from quality.tasks import compute_figures  # noqa: PLC0415 - the task imports this module

    if not cache.add(_in_flight_key(key), timezone.now().isoformat(), IN_FLIGHT_SECONDS):
        return False
    try:
        compute_figures.delay(
            version_id=version_id,
            start=period.start.isoformat(),
            end=period.end.isoformat(),
            language=translation.get_language(),
        )
    except Exception:
        cache.delete(_in_flight_key(key))  # not queued (broker down): the next visit tries
        raise
    return True


def compute(version, period: Period, language: str) -> str:
    """Compute and store the figures of one request (the Celery task's body). The stamp
    is read before the figures, so data that changes meanwhile makes them stale, never
    falsely current. Returns the cache key."""
    office = QualitySettings.current()
    key = request_key(version.pk, period, office, language)
    try:
        current = data_stamp()
        with translation.override(language):
            shown = figures(version, period, office)
            html = render_to_string(FRAGMENT, shown)
            pairs_html = render_to_string(PAIRS_FRAGMENT, shown)
        now = timezone.now()
        cache.set_many(
            {
                key: Stored(current, now, html),
                pairs_key(key): Stored(current, now, pairs_html),
                figures_key(key): shown,
            },
            KEEP_SECONDS,
        )
    finally:
        cache.delete(_in_flight_key(key))
    return key


def parse_period(start: str, end: str) -> Period:
    return Period(date.fromisoformat(start), date.fromisoformat(end))
