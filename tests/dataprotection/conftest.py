"""A full world for the data rights tests: a candidate with a decided review (scores,
joint verdict, interview, report, events, documents, signatures, snapshot), each personal
text carrying a unique marker, and another candidate with a submitted portfolio."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from assessment.enums import Decision
from assessment.models import Review
from assessment.services import decision as decision_service
from assessment.services import interview as interview_service
from assessment.services import scoring as scoring_service
from portal.models import User
from portfolio import services as portfolio_services
from portfolio.models import Answer, Portfolio
from portfolio.selectors import portfolio_content, privacy_digest
from profiles.enums import EducationLevel
from tests.factories.files import pdf_document
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import assign_two, let_interview_day_come, score_all
from tests.factories.users import UserFactory

# Unique strings: found nowhere in the framework, the fixtures or the demo texts.
MARKER = "ZQX-MARKER-7f3a9c"
OTHER_MARKER = "ZQX-ANDERE-51be02"


@dataclass
class World:
    candidate: User
    other: User
    portfolio: Portfolio
    other_portfolio: Portfolio
    review: Review
    name_needles: list[str]  # what must not survive the candidate's erasure


def _mark_answer(portfolio: Portfolio, text: str) -> Answer:
    """Rewrite the first text answer through the service with a marked text."""
    answer = portfolio.answers.exclude(text="").order_by("pk").first()
    target = answer.question or answer.criterion or answer.product_question
    return portfolio_services.save_answer(
        portfolio=portfolio, target=target, text=text, base_revision=answer.revision
    )


def submitted_portfolio(version, candidate, marker: str) -> Portfolio:
    portfolio = make_portfolio(candidate=candidate, version=version, state="complete")
    _mark_answer(
        portfolio,
        f"Ik ben {candidate.get_full_name()} ({candidate.email}) en werk als jobcoach. {marker}",
    )
    basic = version.sections.get(code="A").education_requirements.get(
        level=EducationLevel.BASIC, number=1
    )
    portfolio_services.upload_document(
        portfolio=portfolio,
        target=basic,
        uploaded=pdf_document(f"diploma {candidate.get_full_name()}"),
        document_date=timezone.localdate() - timedelta(days=100),
        study_hours=basic.min_study_hours,
        actor=candidate,
    )
    # The marked answer holds an e-mail address: the privacy guard warns, the candidate
    # confirms (the override is recorded on the snapshot and in the audit trail).
    portfolio_services.submit_portfolio(
        portfolio=portfolio,
        actor=candidate,
        privacy_confirmed=True,
        privacy_digest=privacy_digest(portfolio_content(portfolio)),
    )
    portfolio.refresh_from_db()
    return portfolio


def decide_with_markers(portfolio, assessor, second_assessor, office, capture) -> Review:
    """The whole review, every free text marked: scores, verdict, interview, decision."""
    review, first, second = assign_two(portfolio, assessor, second_assessor, office)
    options = {o.code: o for o in portfolio.framework_version.score_options.all()}
    items = score_all(first, assessor, overrides={"C3.2": "toelichten"})
    c32 = next(c for c in items.criteria if c.code == "C3.2")
    scoring_service.save_score(
        assignment=first,
        target=c32,
        option=options["toelichten"],
        motivation=f"Motivering {MARKER}",
        interview_question=f"Vraag {MARKER}",
        actor=assessor,
    )
    scoring_service.submit_assessment(assignment=first, actor=assessor)
    score_all(second, second_assessor)
    scoring_service.submit_assessment(assignment=second, actor=second_assessor)
    review.refresh_from_db()
    verdicts = {c.pk: (options["aangetoond"], "") for c in items.criteria}
    verdicts[c32.pk] = (options["toelichten"], f"Toelichting {MARKER}")
    scoring_service.record_agreement(
        review=review, verdicts=verdicts, questions=f"Vragen {MARKER}", actor=assessor
    )
    review.refresh_from_db()
    interview_service.plan_interview(
        review=review,
        scheduled_at=timezone.now() + timedelta(days=7),
        location=f"Utrecht {MARKER}",
        video_link="",
        actor=office,
    )
    review.refresh_from_db()
    let_interview_day_come(review)
    interview_service.record_interview(
        review=review,
        notes=f"Verslag over {portfolio.candidate.get_full_name()} {MARKER}",
        final_scores={c32.pk: options["aangetoond"]},
        actor=assessor,
    )
    review.refresh_from_db()
    with capture(execute=True):  # the report is made by the (eager) task after commit
        decision_service.decide(
            review=review,
            decision=Decision.NOT_GRANTED,
            reason=f"Afwijkend besluit {MARKER}",
            actor=office,
        )
    review.refresh_from_db()
    return review


@pytest.fixture
def erasable_candidate(db):
    return UserFactory(
        email="xandrijn.quellenberg@example.nl", first_name="Xandrijn", last_name="Quellenberg"
    )


@pytest.fixture
def second_candidate(db):
    return UserFactory(
        email="otmar.pijlgracht@example.nl", first_name="Otmar", last_name="Pijlgracht"
    )


@pytest.fixture
def world(
    seeded_version,
    erasable_candidate,
    second_candidate,
    assessor,
    second_assessor,
    office,
    django_capture_on_commit_callbacks,
) -> World:
    candidate, other = erasable_candidate, second_candidate
    portfolio = submitted_portfolio(seeded_version, candidate, MARKER)
    other_portfolio = submitted_portfolio(seeded_version, other, OTHER_MARKER)
    review = decide_with_markers(
        portfolio, assessor, second_assessor, office, django_capture_on_commit_callbacks
    )
    assert review.reports.count() == 1
    # The office once edited the candidate in the admin: the admin's log names them.
    LogEntry.objects.create(
        user=office,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(candidate.pk),
        object_repr=str(candidate),
        action_flag=CHANGE,
        change_message=f"Naam gewijzigd in {candidate.get_full_name()}",
    )
    # A logged-in session of the candidate.
    Client().force_login(candidate)
    return World(
        candidate=candidate,
        other=other,
        portfolio=portfolio,
        other_portfolio=other_portfolio,
        review=review,
        name_needles=[candidate.first_name, candidate.last_name, candidate.email, MARKER],
    )
