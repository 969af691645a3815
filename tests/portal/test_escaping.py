"""Text that candidates, assessors and the office write is escaped everywhere.

A script payload goes into every free-text field — the portfolio's answers of every kind,
the typed signature, score motivations and interview questions, the joint verdict's
reasons and questions, the interview's place, link and notes, the decision's and the
additions' reasons, a declared conflict, and the names on the accounts — and every page
where they appear, the e-mails and the PDFs are read back.
"""

import io
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


@pytest.mark.django_db(transaction=True)
def test_free_text_is_escaped_on_every_page_in_mail_and_in_pdfs(  # noqa: PLR0912 - one story, told in order
    seeded_version, people, django_capture_on_commit_callbacks
):
    candidate, assessor, second = people["candidate"], people["assessor"], people["second"]
    office, conflicted, other = people["office"], people["conflicted"], people["other"]
    pages: dict[str, str] = {}

    def page(name, client, url):
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        pages[name] = response.content.decode()

    # The candidate's portfolio: every answer a payload, signed with the typed name.
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="complete")
    answer_tags = _overwrite_answers(portfolio)
    assert {t.split("-")[0] for t in answer_tags} == {"criterium", "vraag", "product"}
    candidate_client = _client(candidate)
    for code in sorted(set(answer_tags.values())):
        page(
            f"section {code}",
            candidate_client,
            reverse("portfolio:section", args=[portfolio.pk, code]),
        )
    page("dashboard", candidate_client, reverse("portfolio:dashboard", args=[portfolio.pk]))
    page("preview", candidate_client, reverse("portfolio:preview", args=[portfolio.pk]))
    _id, preview_pdf = post_and_download(
        candidate_client,
        reverse("portfolio:preview_pdf", args=[portfolio.pk]),
        django_capture_on_commit_callbacks,
    )
    preview_text = _pdf_text(preview_pdf)
    submit_portfolio(portfolio=portfolio, actor=candidate)
    portfolio.refresh_from_db()

    # A declared conflict sends it back to the office, who assigns again.
    review = assignment_service.assign_assessors(
        portfolio=portfolio, first=conflicted, second=second, actor=office
    )
    assignment_service.declare_conflict(
        assignment=review.assignments.get(assessor=conflicted),
        conflict=payload("belangenconflict"),
        actor=conflicted,
    )
    review, first, second_assignment = assign_two(portfolio, assessor, second, office)

    # Scores: every motivation and interview question a payload; C3.2 differs.
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
    assessor_client = _client(assessor)
    page("score", assessor_client, reverse("assessment:score", args=[first.pk]))
    page("my reviews", assessor_client, reverse("assessment:my_reviews"))
    for assignment, who in ((first, assessor), (second_assignment, second)):
        scoring_service.submit_assessment(assignment=assignment, actor=who)
    page(
        "compare (before verdict)", assessor_client, reverse("assessment:compare", args=[first.pk])
    )
    review = Review.objects.get(pk=review.pk)
    verdicts = {
        c.pk: (
            options["toelichten" if c.code == "C3.2" else "aangetoond"],
            payload("reden-C3.2") if c.code == "C3.2" else payload(f"reden-{c.code}"),
        )
        for c in items.criteria
    }
    scoring_service.record_agreement(
        review=review, verdicts=verdicts, questions=payload("gespreksvragen"), actor=assessor
    )
    page("compare", assessor_client, reverse("assessment:compare", args=[first.pk]))

    # The interview: place, link and notes.
    office_client = _client(office)
    review.refresh_from_db()
    interview_service.plan_interview(
        review=review,
        scheduled_at=timezone.now() + timedelta(days=7),
        location=payload("locatie"),
        video_link=payload("videolink"),
        actor=office,
    )
    page("interview (planned)", assessor_client, reverse("assessment:interview", args=[first.pk]))
    review.refresh_from_db()
    c32 = review.agreed_scores.get(criterion__section__code="C3", criterion__number=2)
    let_interview_day_come(review)
    interview_service.record_interview(
        review=review,
        notes=payload("verslag"),
        final_scores={c32.criterion_id: options["aangetoond"]},
        actor=assessor,
    )
    page("interview (held)", assessor_client, reverse("assessment:interview", args=[first.pk]))
    page("queue", office_client, reverse("assessment:queue"))
    page(
        "assign (before decision)", office_client, reverse("assessment:assign", args=[portfolio.pk])
    )

    # The decision with a reason; the report is made by the (eager) Celery task.
    review.refresh_from_db()
    decision_service.decide(
        review=review, decision=Decision.GRANTED, reason=payload("besluitreden"), actor=office
    )
    review.refresh_from_db()
    assert review.state == ReviewState.DECIDED
    page("decision (assign page)", office_client, reverse("assessment:assign", args=[portfolio.pk]))
    page("my result", candidate_client, reverse("assessment:my_result"))
    page("score (decided)", assessor_client, reverse("assessment:score", args=[first.pk]))
    report = candidate_client.get(reverse("assessment:report", args=[review.pk]))
    report_text = _pdf_text(b"".join(report.streaming_content))

    # A second candidate is asked for additions, with a reason.
    other_portfolio = make_portfolio(
        candidate=other, version=seeded_version, state="submitted", a2_number=1
    )
    other_review, *assignments = assign_two(other_portfolio, assessor, second, office)
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
    other_client = _client(other)
    page(
        "additions (assign page)",
        office_client,
        reverse("assessment:assign", args=[other_portfolio.pk]),
    )
    page("additions (my result)", other_client, reverse("assessment:my_result"))
    page(
        "additions (dashboard)",
        other_client,
        reverse("portfolio:dashboard", args=[other_portfolio.pk]),
    )
    page("additions (queue)", office_client, reverse("assessment:queue"))

    # --- what was read back ---
    def names(*keys):
        return [f"{part}-{key}" for key in keys for part in ("voornaam", "achternaam")]

    def answers(*sections):
        return [tag for tag, section in answer_tags.items() if section in sections]

    criteria = [c.code for c in items.criteria]
    motivations = {
        who.pk: [f"motivering-{who.pk}-{code}" for code in criteria] for who in (assessor, second)
    }
    reasons = [f"reden-{code}" for code in criteria]
    criterion_answers = [t for t in answer_tags if t.startswith(("criterium-", "product-"))]
    expected = {
        **{
            f"section {code}": names("candidate") + answers(code)
            for code in set(answer_tags.values())
        },
        "dashboard": names("candidate"),
        "preview": names("candidate") + list(answer_tags),
        "score": names("candidate", "assessor")
        + criterion_answers
        + motivations[assessor.pk]
        + [f"formeel-{assessor.pk}", f"gespreksvraag-{assessor.pk}"],
        "my reviews": names("candidate", "assessor"),
        "compare (before verdict)": names("candidate", "assessor", "second")
        + motivations[assessor.pk]
        + motivations[second.pk]
        + [f"gespreksvraag-{assessor.pk}", f"gespreksvraag-{second.pk}"],
        "compare": names("candidate", "assessor", "second")
        + motivations[assessor.pk]
        + motivations[second.pk]
        + reasons
        + ["gespreksvragen"],
        "interview (planned)": [
            *names("candidate", "assessor"),
            "gespreksvragen",
            "locatie",
            "videolink",
        ],
        "interview (held)": [
            *names("candidate", "assessor"),
            "gespreksvragen",
            "locatie",
            "videolink",
            "verslag",
        ],
        "queue": names("candidate", "assessor", "second", "office"),
        "assign (before decision)": [
            *names("candidate", "assessor", "second", "conflicted"),
            "belangenconflict",
        ],
        "decision (assign page)": [
            *names("candidate", "assessor", "second", "conflicted"),
            "belangenconflict",
            "besluitreden",
        ],
        "my result": names("candidate"),
        "score (decided)": names("candidate", "assessor")
        + criterion_answers
        + motivations[assessor.pk],
        "additions (assign page)": [*names("other", "assessor", "second"), "aanvulling"],
        "additions (my result)": names("other"),
        "additions (dashboard)": names("other"),
        "additions (queue)": names("other", "candidate"),
    }
    assert set(expected) == set(pages)
    assert len(answer_tags) == 49
    for name, html in pages.items():
        for marker in RAW_MARKERS:
            assert marker not in html, (name, marker)
        for tag in expected[name]:
            assert escape(payload(tag)) in html, (name, tag)
    # Each assessor sees only their own scores until both are in.
    assert f"motivering-{second.pk}-" not in pages["score"]
    figures = {
        "pages": len(pages),
        "escaped on pages": sum(len(tags) for tags in expected.values()),
        "e-mails": len(mail.outbox),
    }
    assert figures == FIGURES

    # E-mails are plain text: the payload arrives as the literal text, never as markup
    # or as HTML entities (a subject reading "&lt;script&gt;" would be a bug too).
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

    # The PDFs show the payloads as literal text.
    for tag in names("candidate") + list(answer_tags):
        assert _squash(payload(tag)) in preview_text, tag
    for tag in names("candidate", "assessor", "second") + reasons + ["besluitreden", "verslag"]:
        assert _squash(payload(tag)) in report_text, tag


# e-mails: 22 since the register (the grant also mails the registration).
FIGURES = {"pages": 24, "escaped on pages": 442, "e-mails": 22}


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
