"""Scored reviews in bulk, for the quality dashboard's demo data and its tests.

The statistics need hundreds of finished scorings; going through the workflow services
one score at a time would take minutes, so this writes the rows the services would
leave behind (portfolio submitted with its sealed snapshot, two declared assignments, two
submitted assessments, their scores and the agreed verdict) with bulk inserts. It is for
demo and test data only; nothing in the portal calls it.
"""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from assessment.enums import AssessorRole, ReviewState
from assessment.models import AgreedScore, Assessment, Assignment, Review, Score
from portal.enums import Role
from portal.models import User
from portfolio.enums import PortfolioState
from portfolio.models import Portfolio, Snapshot
from portfolio.selectors import portfolio_content
from portfolio.services.submission import build_snapshot_content, fingerprint
from profiles.models import Criterion
from profiles.selectors import current_published_version
from quality import stamp
from quality.models import CalibrationCase, CalibrationReference
from quality.report import leniency


@dataclass(frozen=True)
class Scoring:
    """One criterion of one review: both first scores, the agreed and the final option."""

    criterion: object
    first: object
    second: object
    agreed: object
    final: object = None


def candidates(prefix: str, count: int) -> list[User]:
    User.objects.bulk_create(
        [
            User(
                email=f"{prefix}{i}@demo.invalid",
                first_name="Kandidaat",
                last_name=f"{prefix} {i}",
                role=Role.CANDIDATE,
            )
            for i in range(count)
        ]
    )
    return list(User.objects.filter(email__startswith=prefix).order_by("pk"))


@dataclass(frozen=True)
class Spec:
    """One review to write: who is scored, by whom, when, and the scores."""

    candidate: User
    first: User
    second: User
    when: datetime
    scorings: list


def scored_reviews(version, specs: list[Spec]) -> list[Review]:
    """The reviews of `specs`, written in six bulk inserts whatever their number (bulk
    inserts send no signals: the figures' data stamp is replaced here)."""
    stamp.bump()
    portfolios = Portfolio.objects.bulk_create(
        [
            Portfolio(
                candidate=spec.candidate,
                framework_version=version,
                state=PortfolioState.SUBMITTED,
                submitted_at=spec.when,
                first_submitted_on=timezone.localdate(spec.when),
            )
            for spec in specs
        ]
    )
    _seal(portfolios)
    reviews = Review.objects.bulk_create(
        [Review(portfolio=p, state=ReviewState.AGREED) for p in portfolios]
    )
    roles = (AssessorRole.FIRST, AssessorRole.SECOND)
    assignments = Assignment.objects.bulk_create(
        [
            Assignment(review=review, assessor=user, role=role, declared_at=spec.when)
            for review, spec in zip(reviews, specs, strict=True)
            for user, role in zip((spec.first, spec.second), roles, strict=True)
        ]
    )
    assessments = Assessment.objects.bulk_create(
        [
            Assessment(assignment=a, submitted_at=spec.when)
            for a, spec in zip(assignments, [s for s in specs for _ in roles], strict=True)
        ]
    )
    Score.objects.bulk_create(
        [
            Score(assessment=assessment, criterion=s.criterion, option=option)
            for i, spec in enumerate(specs)
            for s in spec.scorings
            for assessment, option in (
                (assessments[2 * i], s.first),
                (assessments[2 * i + 1], s.second),
            )
        ],
        batch_size=2000,
    )
    AgreedScore.objects.bulk_create(
        [
            AgreedScore(review=review, criterion=s.criterion, option=s.agreed, final_option=s.final)
            for review, spec in zip(reviews, specs, strict=True)
            for s in spec.scorings
        ],
        batch_size=2000,
    )
    return reviews


def _seal(portfolios: list[Portfolio]) -> None:
    """Every submitted portfolio has its sealed record (as submit_portfolio leaves it):
    the same content and fingerprint, written in one insert."""
    sealed = [build_snapshot_content(portfolio_content(p)) for p in portfolios]
    Snapshot.objects.bulk_create(
        [
            Snapshot(portfolio=p, round=1, content=content, sha256=fingerprint(content))
            for p, content in zip(portfolios, sealed, strict=True)
        ]
    )


def scored_review(*, version, candidate, first, second, when: datetime, scorings) -> Review:
    """One review of `candidate` scored by `first` and `second`, submitted at `when`."""
    return scored_reviews(version, [Spec(candidate, first, second, when, scorings)])[0]


# --- the demo data set (seed_quality_demo, and seed_demo through seed_demo() below) ---

DEMO_PREFIX = "kwaliteit-"
DEMO_REVIEWS = 240
DEMO_QUARTERS = 8
# Criteria the demo assessors read differently (their accuracy is lower), by position.
HARD_CRITERIA = (3, 11)
DRIFTING = 0  # the index of the assessor who grows stricter in the last three quarters


def _assessors(count: int) -> list[User]:
    emails = [f"{DEMO_PREFIX}assessor{i}@demo.invalid" for i in range(count)]
    names = ["Anouk", "Bram", "Chantal", "Dirk", "Esra", "Floor"]
    for i, email in enumerate(emails):
        User.objects.get_or_create(
            email=email,
            defaults={"first_name": names[i], "last_name": "(demo)", "role": Role.ASSESSOR},
        )
    return list(User.objects.filter(email__in=emails).order_by("email"))


def _score(rng, truth: int, accuracy: float, strict_shift: float) -> int:
    """An assessor's reading of the true level (0 not met, 1 interview, 2 met)."""
    level = truth if rng.random() < accuracy else rng.choice([x for x in (0, 1, 2) if x != truth])
    if level > 0 and rng.random() < strict_shift:
        level -= 1
    return level


def _scorings(rng, criteria, by_level, *, drifting_first, drifting_second):
    result = []
    for position, criterion in enumerate(criteria):
        truth = rng.choices((2, 1, 0), weights=(78, 14, 8))[0]
        accuracy = 0.62 if position in HARD_CRITERIA else 0.9
        a = _score(rng, truth, accuracy, 0.3 if drifting_first else 0.0)
        b = _score(rng, truth, accuracy, 0.3 if drifting_second else 0.0)
        agreed = a if a == b else truth
        final = (2 if rng.random() < 0.7 else 0) if agreed == 1 else None
        result.append(
            Scoring(
                criterion,
                by_level[a],
                by_level[b],
                by_level[agreed],
                by_level[final] if final is not None else None,
            )
        )
    return result


def _calibration_cases(version, criteria, by_level, office) -> None:
    """Two sealed demo portfolios as calibration cases, with a reference per criterion."""
    people = candidates(f"{DEMO_PREFIX}kalibratie", 2)
    for n, candidate in enumerate(people, start=1):
        portfolio = Portfolio.objects.create(
            candidate=candidate,
            framework_version=version,
            state=PortfolioState.SUBMITTED,
            submitted_at=timezone.now(),
            first_submitted_on=timezone.localdate(),
        )
        _seal([portfolio])
        case = CalibrationCase.objects.create(
            portfolio=portfolio,
            title=f"Kalibratiecasus {n} (demo)",
            consent_note="Demodata: geen echte kandidaat.",
            created_by=office,
        )
        CalibrationReference.objects.bulk_create(
            [
                CalibrationReference(
                    case=case,
                    criterion=criterion,
                    option=by_level[1 if (i + n) % 5 == 0 else 2],
                    motivation=f"Referentie bij {criterion.code}: het voorbeeld uit de casus "
                    "laat de indicatoren zien"
                    + (", maar niet zelfstandig." if (i + n) % 5 == 0 else "."),
                )
                for i, criterion in enumerate(criteria)
            ]
        )


def seed_quality_demo(*, reviews: int = DEMO_REVIEWS, seed: int = 16) -> list[str]:
    """Scored reviews over the last eight quarters by six demo assessors, one of whom
    grows stricter in the last three, and two calibration cases (idempotent)."""

    version = current_published_version()
    office = User.objects.filter(role=Role.OFFICE).order_by("pk").first()
    if version is None or office is None:
        return ["kwaliteit: kader of bureau-account ontbreekt, overgeslagen"]
    if User.objects.filter(email__startswith=f"{DEMO_PREFIX}kandidaat").exists():
        return ["kwaliteit: demodata bestaan al"]
    rng = random.Random(seed)  # noqa: S311 (demo data, not security)
    by_level = {}
    for option in version.score_options.order_by("order", "pk"):
        by_level.setdefault(leniency(option), option)
    criteria = list(
        Criterion.objects.filter(section__version=version).order_by("section__order", "order", "pk")
    )
    assessors = _assessors(6)
    people = candidates(f"{DEMO_PREFIX}kandidaat", reviews)
    today = timezone.localdate()
    start = today - timedelta(days=DEMO_QUARTERS * 91 - 7)
    specs = []
    for i, candidate in enumerate(people):
        day = start + timedelta(days=(i * (DEMO_QUARTERS * 91 - 14)) // reviews)
        late = day >= today - timedelta(days=3 * 91)
        first, second = rng.sample(assessors, 2)
        scorings = _scorings(
            rng,
            criteria,
            by_level,
            drifting_first=late and first == assessors[DRIFTING],
            drifting_second=late and second == assessors[DRIFTING],
        )
        when = timezone.make_aware(datetime.combine(day, time(10)))
        specs.append(Spec(candidate, first, second, when, scorings))
    with transaction.atomic():
        scored_reviews(version, specs)
        _calibration_cases(version, criteria, by_level, office)
    _analyze()
    return [
        (
            f"kwaliteit: {reviews} gescoorde beoordelingen door {len(assessors)} assessoren "
            f"({assessors[DRIFTING].first_name} wordt strenger), 2 kalibratiecasussen"
        )
    ]


def _analyze() -> None:
    """After the bulk load, PostgreSQL's planner statistics (ANALYZE), as autovacuum would
    make them later: without them the figures' self-joins over the fresh rows are planned
    as nested loops (20 s instead of 0.7 s on the demo's 10,777 scores)."""
    if connection.vendor != "postgresql":
        return
    models = (Score, AgreedScore, Assessment, Assignment, Review, Portfolio)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(m._meta.db_table for m in models))


def seed_demo() -> list[str]:
    return seed_quality_demo()
