"""Text that candidates, assessors and the office write is escaped everywhere.

A script payload goes into every free-text field — the portfolio's answers of every kind,
the typed signature, score motivations and interview questions, the joint verdict's
reasons and questions, the interview's place, link and notes, the decision's and the
additions' reasons, a declared conflict, and the names on the accounts — and every page
where they appear, the e-mails and the PDFs are read back.
"""

import io
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfReader

from assessment.enums import Decision, ReviewState
from assessment.models import Review
from assessment.selectors import review_items
from assessment.services import assignment as assignment_service
from assessment.services import decision as decision_service
from assessment.services import interview as interview_service
from assessment.services import scoring as scoring_service
from portal.enums import Role
from portfolio.models import Answer
from portfolio.services import save_answer, start_portfolio, submit_portfolio
from profiles.enums import AnswerKind
from tests.downloads.helpers import post_and_download
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import assign_two, let_interview_day_come, score_all, score_and_submit
from tests.factories.users import UserFactory


def payload(tag: str) -> str:
    return f'<script>alert("{tag}")</script><b onmouseover="alert(\'{tag}\')">{tag}</b>'


RAW_MARKERS = ("<script>alert(", "<b onmouseover")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pdf_text(data: bytes) -> str:
    return "".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _squash(text: str) -> str:
    return "".join(text.split())


def _overwrite_answers(portfolio) -> dict[str, str]:
    """Every text answer of the portfolio becomes a payload; returns {tag: section code}."""
    tags = {}
    for answer in Answer.objects.filter(portfolio=portfolio).select_related(
        "criterion__section", "question__section", "product_question__criterion__section"
    ):
        if answer.date_value is not None:
            continue
        if answer.criterion_id:
            target, tag = answer.criterion, f"criterium-{answer.criterion.code}"
            section = answer.criterion.section.code
        elif answer.question_id:
            if answer.question.answer_kind != AnswerKind.TEXT:
                continue
            target, tag = answer.question, f"vraag-{answer.question.code}"
            section = answer.question.section.code
        else:
            pq = answer.product_question
            target, tag = pq, f"product-{pq.criterion.code}-{pq.number}"
            section = pq.criterion.section.code
        save_answer(
            portfolio=portfolio, target=target, text=payload(tag), base_revision=answer.revision
        )
        tags[tag] = section
    return tags


@pytest.fixture
def people(db):
    names = {
        "candidate": (Role.CANDIDATE, "kandidaat@example.nl"),
        "assessor": (Role.ASSESSOR, "assessor@example.nl"),
        "second": (Role.ASSESSOR, "assessor2@example.nl"),
        "conflicted": (Role.ASSESSOR, "assessor3@example.nl"),
        "office": (Role.OFFICE, "bureau@example.nl"),
        "other": (Role.CANDIDATE, "kandidaat2@example.nl"),
    }
    return {
        key: UserFactory(
            email=email,
            role=role,
            first_name=payload(f"voornaam-{key}"),
            last_name=payload(f"achternaam-{key}"),
        )
        for key, (role, email) in names.items()
    }


@dataclass
class _Story:
    """What the story carries from one part to the next: its people and their clients,
    the payload tags of the answers ({tag: section code}) and every page it read."""

    people: dict
    clients: dict = field(default_factory=dict)
    answer_tags: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)

    def log_in(self, key: str) -> Client:
        """The person `key` logs in; their client reads their pages from now on."""
        self.clients[key] = _client(self.people[key])
        return self.clients[key]

    def page(self, name: str, key: str, url: str) -> None:
        """Read a page as the person `key` (it must answer 200) and keep it as `name`."""
        response = self.clients[key].get(url)
        assert response.status_code == 200, (name, response.status_code)
        self.pages[name] = response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_free_text_is_escaped_on_every_page_in_mail_and_in_pdfs(
    seeded_version, people, django_capture_on_commit_callbacks
):
    story = _Story(people)
    portfolio, preview_text = _candidate_submits(
        story, seeded_version, django_capture_on_commit_callbacks
    )
    review, first, second = _assigned_after_a_conflict(portfolio, people)
    items, options = _scored(story, portfolio, review, first, second)
    review = _agreed(story, review, first, items, options)
    _interview_planned_and_held(story, review, portfolio, first, options)
    report_text = _decided(story, review, portfolio, first)
    _other_candidate_asked_for_additions(story, seeded_version)

    expected = _expected(story, items)
    _assert_escaped_on_every_page(story, expected)
    _assert_mails_are_plain_text()
    # The PDFs show the payloads as literal text.
    for tag in _names("candidate") + list(story.answer_tags):
        assert _squash(payload(tag)) in preview_text, tag
    reasons = [f"reden-{c.code}" for c in items.criteria]
    for tag in _names("candidate", "assessor", "second") + reasons + ["besluitreden", "verslag"]:
        assert _squash(payload(tag)) in report_text, tag


# e-mails: 22 since the register (the grant also mails the registration).
FIGURES = {"pages": 24, "escaped on pages": 442, "e-mails": 22}


def _candidate_submits(story, version, capture) -> tuple:
    """The candidate's portfolio: every answer a payload, signed with the typed name; its
    pages and its preview PDF are read, then it is submitted. Returns the portfolio and
    the preview's text."""
    candidate = story.people["candidate"]
    portfolio = make_portfolio(candidate=candidate, version=version, state="complete")
    story.answer_tags = _overwrite_answers(portfolio)
    assert {t.split("-")[0] for t in story.answer_tags} == {"criterium", "vraag", "product"}
    candidate_client = story.log_in("candidate")
    for code in sorted(set(story.answer_tags.values())):
        story.page(
            f"section {code}",
            "candidate",
            reverse("portfolio:section", args=[portfolio.pk, code]),
        )
    story.page("dashboard", "candidate", reverse("portfolio:dashboard", args=[portfolio.pk]))
    story.page("preview", "candidate", reverse("portfolio:preview", args=[portfolio.pk]))
    _id, preview_pdf = post_and_download(
        candidate_client, reverse("portfolio:preview_pdf", args=[portfolio.pk]), capture
    )
    preview_text = _pdf_text(preview_pdf)
    submit_portfolio(portfolio=portfolio, actor=candidate)
    portfolio.refresh_from_db()
    return portfolio, preview_text


def _assigned_after_a_conflict(portfolio, people) -> tuple:
    """A declared conflict sends it back to the office, who assigns again. Returns the
    review and the two assignments."""
    conflicted, second, office = people["conflicted"], people["second"], people["office"]
    review = assignment_service.assign_assessors(
        portfolio=portfolio, first=conflicted, second=second, actor=office
    )
    assignment_service.declare_conflict(
        assignment=review.assignments.get(assessor=conflicted),
        conflict=payload("belangenconflict"),
        actor=conflicted,
    )
    return assign_two(portfolio, people["assessor"], second, office)


def _scored(story, portfolio, review, first, second_assignment) -> tuple:
    """Scores: every motivation and interview question a payload; C3.2 differs. The first
    assessor's pages are read before both submit. Returns the review's items and the
    options by code."""
    assessor, second = story.people["assessor"], story.people["second"]
    version = portfolio.framework_version
    options = {o.code: o for o in version.score_options.all()}
    items = review_items(review, version)
    for assignment, who, c32 in (
        (first, assessor, "toelichten"),
        (second_assignment, second, "aangetoond"),
    ):
        score_all(assignment, who, overrides={"C3.2": c32})
        for criterion in items.criteria:
            scoring_service.save_score(
                assignment=assignment,
                target=criterion,
                option=options[c32 if criterion.code == "C3.2" else "aangetoond"],
                motivation=payload(f"motivering-{who.pk}-{criterion.code}"),
                interview_question=payload(f"gespreksvraag-{who.pk}")
                if criterion.code == "C3.2"
                else "",
                actor=who,
            )
        for _route, condition in items.formal_conditions:
            scoring_service.save_score(
                assignment=assignment,
                target=condition,
                met=True,
                motivation=payload(f"formeel-{who.pk}"),
                actor=who,
            )
    story.log_in("assessor")
    story.page("score", "assessor", reverse("assessment:score", args=[first.pk]))
    story.page("my reviews", "assessor", reverse("assessment:my_reviews"))
    for assignment, who in ((first, assessor), (second_assignment, second)):
        scoring_service.submit_assessment(assignment=assignment, actor=who)
    return items, options


def _agreed(story, review, first, items, options):
    """The comparison before and after the joint verdict, whose reasons and questions are
    payloads. Returns the review, read again."""
    compare = reverse("assessment:compare", args=[first.pk])
    story.page("compare (before verdict)", "assessor", compare)
    review = Review.objects.get(pk=review.pk)
    verdicts = {
        c.pk: (
            options["toelichten" if c.code == "C3.2" else "aangetoond"],
            payload("reden-C3.2") if c.code == "C3.2" else payload(f"reden-{c.code}"),
        )
        for c in items.criteria
    }
    scoring_service.record_agreement(
        review=review,
        verdicts=verdicts,
        questions=payload("gespreksvragen"),
        actor=story.people["assessor"],
    )
    story.page("compare", "assessor", compare)
    return review


def _interview_planned_and_held(story, review, portfolio, first, options) -> None:
    """The interview: place, link and notes."""
    office, assessor = story.people["office"], story.people["assessor"]
    story.log_in("office")
    review.refresh_from_db()
    interview_service.plan_interview(
        review=review,
        scheduled_at=timezone.now() + timedelta(days=7),
        location=payload("locatie"),
        video_link=payload("videolink"),
        actor=office,
    )
    interview = reverse("assessment:interview", args=[first.pk])
    story.page("interview (planned)", "assessor", interview)
    review.refresh_from_db()
    c32 = review.agreed_scores.get(criterion__section__code="C3", criterion__number=2)
    let_interview_day_come(review)
    interview_service.record_interview(
        review=review,
        notes=payload("verslag"),
        final_scores={c32.criterion_id: options["aangetoond"]},
        actor=assessor,
    )
    story.page("interview (held)", "assessor", interview)
    story.page("queue", "office", reverse("assessment:queue"))
    story.page(
        "assign (before decision)", "office", reverse("assessment:assign", args=[portfolio.pk])
    )


def _decided(story, review, portfolio, first) -> str:
    """The decision with a reason; the report is made by the (eager) Celery task. Returns
    the report's text."""
    review.refresh_from_db()
    decision_service.decide(
        review=review,
        decision=Decision.GRANTED,
        reason=payload("besluitreden"),
        actor=story.people["office"],
    )
    review.refresh_from_db()
    assert review.state == ReviewState.DECIDED
    story.page(
        "decision (assign page)", "office", reverse("assessment:assign", args=[portfolio.pk])
    )
    story.page("my result", "candidate", reverse("assessment:my_result"))
    story.page("score (decided)", "assessor", reverse("assessment:score", args=[first.pk]))
    report = story.clients["candidate"].get(reverse("assessment:report", args=[review.pk]))
    return _pdf_text(b"".join(report.streaming_content))


def _other_candidate_asked_for_additions(story, version) -> None:
    """A second candidate is asked for additions, with a reason."""
    assessor, office = story.people["assessor"], story.people["office"]
    other_portfolio = make_portfolio(
        candidate=story.people["other"], version=version, state="submitted", a2_number=1
    )
    other_review, *assignments = assign_two(
        other_portfolio, assessor, story.people["second"], office
    )
    for assignment in assignments:
        score_and_submit(assignment)
    other_review.refresh_from_db()
    scoring_service.record_agreement(review=other_review, verdicts={}, actor=assessor)
    other_review.refresh_from_db()
    decision_service.request_additions(
        review=other_review,
        sections=["B2"],
        deadline=timezone.localdate() + timedelta(days=30),
        reason=payload("aanvulling"),
        actor=office,
    )
    story.log_in("other")
    story.page(
        "additions (assign page)",
        "office",
        reverse("assessment:assign", args=[other_portfolio.pk]),
    )
    story.page("additions (my result)", "other", reverse("assessment:my_result"))
    story.page(
        "additions (dashboard)",
        "other",
        reverse("portfolio:dashboard", args=[other_portfolio.pk]),
    )
    story.page("additions (queue)", "office", reverse("assessment:queue"))


# --- what was read back ---


def _names(*keys) -> list[str]:
    """The payload tags of these people's first and last names."""
    return [f"{part}-{key}" for key in keys for part in ("voornaam", "achternaam")]


def _expected(story, items) -> dict[str, list[str]]:
    """Page name → the payload tags it must show escaped."""
    answer_tags = story.answer_tags
    criterion_answers = [t for t in answer_tags if t.startswith(("criterium-", "product-"))]
    return {
        **{
            f"section {code}": _names("candidate")
            + [tag for tag, section in answer_tags.items() if section == code]
            for code in set(answer_tags.values())
        },
        "dashboard": _names("candidate"),
        "preview": _names("candidate") + list(answer_tags),
        **_expected_on_assessor_pages(story.people, items, criterion_answers),
        **_expected_on_office_pages(),
        "my result": _names("candidate"),
        "additions (my result)": _names("other"),
        "additions (dashboard)": _names("other"),
    }


def _expected_on_assessor_pages(people, items, criterion_answers) -> dict[str, list[str]]:
    """The scoring, comparison and interview pages of the first assessor."""
    assessor, second = people["assessor"], people["second"]
    criteria = [c.code for c in items.criteria]
    motivations = {
        who.pk: [f"motivering-{who.pk}-{code}" for code in criteria] for who in (assessor, second)
    }
    reasons = [f"reden-{code}" for code in criteria]
    interview = [*_names("candidate", "assessor"), "gespreksvragen", "locatie", "videolink"]
    return {
        "score": _names("candidate", "assessor")
        + criterion_answers
        + motivations[assessor.pk]
        + [f"formeel-{assessor.pk}", f"gespreksvraag-{assessor.pk}"],
        "my reviews": _names("candidate", "assessor"),
        "compare (before verdict)": _names("candidate", "assessor", "second")
        + motivations[assessor.pk]
        + motivations[second.pk]
        + [f"gespreksvraag-{assessor.pk}", f"gespreksvraag-{second.pk}"],
        "compare": _names("candidate", "assessor", "second")
        + motivations[assessor.pk]
        + motivations[second.pk]
        + reasons
        + ["gespreksvragen"],
        "interview (planned)": interview,
        "interview (held)": [*interview, "verslag"],
        "score (decided)": _names("candidate", "assessor")
        + criterion_answers
        + motivations[assessor.pk],
    }


def _expected_on_office_pages() -> dict[str, list[str]]:
    """The queue and the assign page (with the conflict, the decision, the additions)."""
    return {
        "queue": _names("candidate", "assessor", "second", "office"),
        "assign (before decision)": [
            *_names("candidate", "assessor", "second", "conflicted"),
            "belangenconflict",
        ],
        "decision (assign page)": [
            *_names("candidate", "assessor", "second", "conflicted"),
            "belangenconflict",
            "besluitreden",
        ],
        "additions (assign page)": [*_names("other", "assessor", "second"), "aanvulling"],
        "additions (queue)": _names("other", "candidate"),
    }


def _assert_escaped_on_every_page(story, expected) -> None:
    """No raw markup on any page; every expected payload shown escaped; the figures."""
    pages = story.pages
    assert set(expected) == set(pages)
    assert len(story.answer_tags) == 49
    for name, html in pages.items():
        for marker in RAW_MARKERS:
            assert marker not in html, (name, marker)
        for tag in expected[name]:
            assert escape(payload(tag)) in html, (name, tag)
    # Each assessor sees only their own scores until both are in.
    assert f"motivering-{story.people['second'].pk}-" not in pages["score"]
    figures = {
        "pages": len(pages),
        "escaped on pages": sum(len(tags) for tags in expected.values()),
        "e-mails": len(mail.outbox),
    }
    assert figures == FIGURES


def _assert_mails_are_plain_text() -> None:
    """E-mails are plain text: the payload arrives as the literal text, never as markup
    or as HTML entities (a subject reading "&lt;script&gt;" would be a bug too)."""
    for message in mail.outbox:
        assert message.content_subtype == "plain"
        assert getattr(message, "alternatives", []) == []
        for entity in ("&lt;", "&gt;", "&quot;", "&#x27;", "&amp;"):
            assert entity not in message.subject + message.body, (message.subject, entity)
    office_mail = next(m for m in mail.outbox if m.subject.startswith("Portfolio ingediend door"))
    assert office_mail.subject == (
        "Portfolio ingediend door "
        + " ".join(f"{payload('voornaam-candidate')} {payload('achternaam-candidate')}".split())
    )
    planned = next(m for m in mail.outbox if m.subject == "Je toetsgesprek is gepland")
    assert payload("locatie") in planned.body
    assert payload("videolink") in planned.body


@pytest.mark.django_db
def test_the_htmx_autosave_answers_never_echo_markup(seeded_version, people):
    candidate = people["candidate"]
    portfolio = start_portfolio(candidate=candidate, version=seeded_version)
    criterion = portfolio.framework_version.sections.get(code="C1").criteria.get(number=0)
    response = _client(candidate).post(
        reverse("portfolio:autosave", args=[portfolio.pk]),
        {"target": f"criterion-{criterion.pk}", "revision": 0, "text": payload("autosave")},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    for marker in RAW_MARKERS:
        assert marker not in html
    assert Answer.objects.get(portfolio=portfolio).text == payload("autosave")
