"""Demo portfolios with realistic Dutch sample text (seed_demo and tests).

Everything goes through the services, so demo data obeys the same rules as real data.
"""

import io
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from portfolio import services
from portfolio.models import Portfolio
from profiles.enums import AnswerKind, EducationLevel

CASE_TEXT = (
    "Mijn cliënt, een man van midden dertig met een licht verstandelijke beperking en "
    "autisme, kwam via de gemeente bij mij met de vraag om duurzaam betaald werk te vinden. "
    "Hij had eerder op een dagbesteding gewerkt en wilde graag 'een echte baan'. In de "
    "eerste gesprekken heb ik vooral geluisterd en samen met hem in kaart gebracht wat hem "
    "energie geeft: structuur, praktisch werk en een vaste collega als aanspreekpunt."
)

REFLECTION = (
    "In dit traject werd dat zichtbaar toen {topic}. Ik heb bewust gekozen voor een "
    "stapsgewijze aanpak: eerst samen met de cliënt de situatie verkennen, daarna met de "
    "werkgever afspraken maken en die afspraken na twee weken evalueren. Achteraf zie ik dat "
    "ik in het begin te snel wilde; door te vertragen kreeg de cliënt meer regie. Dat neem ik "
    "mee naar volgende trajecten: ik vraag vaker door voordat ik een oplossing aandraag."
)


def pdf_document(title: str) -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(f"{title}.pdf", buffer.getvalue(), content_type="application/pdf")


def _text_for(title: str) -> str:
    return REFLECTION.format(topic=f"het ging om {title.lower().rstrip('.')}")


def fitting_diploma(route, today) -> dict:
    """A diploma date and provider inside the route's window (the demo's and the tests')."""
    diploma_date = None
    if route.diploma_earliest or route.diploma_latest:
        diploma_date = route.diploma_latest or max(route.diploma_earliest, today - timedelta(400))
    providers = route.accepted_providers
    return {"diploma_date": diploma_date, "diploma_provider": providers[0] if providers else ""}


def fill_portfolio(portfolio: Portfolio, *, a2_number: int = 4, share: float = 1.0) -> None:
    """Fill a draft portfolio: routes, documents, declarations and every text box.

    `share` < 1 fills only the first part of the text boxes (a partly filled draft).
    """
    version = portfolio.framework_version
    candidate = portfolio.candidate
    section_a = version.sections.get(code="A")
    basic = section_a.education_requirements.get(level=EducationLevel.BASIC, number=1)
    supplementary = section_a.education_requirements.get(
        level=EducationLevel.SUPPLEMENTARY, number=a2_number
    )
    today = timezone.localdate()
    requirements = services.choose_routes(
        portfolio=portfolio,
        basic_route=basic,
        supplementary_route=supplementary,
        **fitting_diploma(supplementary, today),
    )
    for route in (basic, supplementary):
        services.upload_document(
            portfolio=portfolio,
            target=route,
            uploaded=pdf_document(f"bewijs-{route.code}"),
            document_date=today - timedelta(days=400),
            study_hours=route.min_study_hours,
            actor=candidate,
        )
    for section in version.sections.filter(code__in=requirements.required_sections):
        for declaration in section.declarations.all():
            services.sign_declaration(
                portfolio=portfolio,
                declaration=declaration,
                full_name=candidate.get_full_name(),
                signed_on=today,
                confirmed=True,
                years=(declaration.min_years or 0) + 3 if declaration.min_years else None,
                hours=(declaration.min_hours or 0) + 800 if declaration.min_hours else None,
                actor=candidate,
            )
    boxes = []
    for section in version.sections.filter(code__in=requirements.required_sections):
        for question in section.questions.all():
            boxes.append(("question", question))
        for criterion in section.criteria.prefetch_related("product_questions"):
            if criterion.answer_kind == AnswerKind.PRODUCT:
                boxes.extend(("product", q) for q in criterion.product_questions.all())
            else:
                boxes.append(("criterion", criterion))
    for index, (kind, target) in enumerate(boxes):
        if index >= len(boxes) * share:
            break
        if kind == "question" and target.answer_kind == AnswerKind.UPLOAD:
            services.upload_document(
                portfolio=portfolio,
                target=target,
                uploaded=pdf_document("curriculum-vitae"),
                document_date=today - timedelta(days=30),
                study_hours=None,
                actor=candidate,
            )
            continue
        if kind == "question" and target.answer_kind == AnswerKind.DATE:
            start = today - relativedelta(months=version.case_min_running_months + 4)
            services.save_answer(
                portfolio=portfolio, target=target, date_value=start, base_revision=0
            )
            continue
        title = getattr(target, "title", None) or target.text
        text = CASE_TEXT if index % 5 == 0 else _text_for(title)
        services.save_answer(portfolio=portfolio, target=target, text=text, base_revision=0)


# (candidate e-mail, what to make of their portfolio)
DEMO_PORTFOLIOS = [
    ("kandidaat@demo.registerjobcoach.nl", "draft"),
    ("kandidaat2@demo.registerjobcoach.nl", "complete"),
    ("kandidaat3@demo.registerjobcoach.nl", "submitted"),
    ("kandidaat4@demo.registerjobcoach.nl", "exempt"),
]
DESCRIPTIONS = {
    "draft": "concept, deels ingevuld",
    "complete": "compleet, nog niet ingediend",
    "submitted": "ingediend",
    "exempt": "vrijgestelde route (A2.1), ingediend",
}


def seed_demo() -> list[str]:
    """Demo portfolios in every candidate-side state (idempotent: skips existing ones)."""
    from portal.models import User  # noqa: PLC0415
    from profiles.selectors import current_published_version  # noqa: PLC0415

    version = current_published_version()
    if version is None:
        return ["portfolio's: geen gepubliceerd toetsingskader, overgeslagen"]
    lines = []
    for email, kind in DEMO_PORTFOLIOS:
        candidate = User.objects.filter(email=email).first()
        if candidate is None or Portfolio.objects.filter(candidate=candidate).exists():
            continue
        portfolio = services.start_portfolio(candidate=candidate, version=version)
        if kind == "draft":
            fill_portfolio(portfolio, share=0.35)
        elif kind == "exempt":
            fill_portfolio(portfolio, a2_number=1)
        else:
            fill_portfolio(portfolio)
        if kind in {"submitted", "exempt"}:
            services.submit_portfolio(portfolio=portfolio, actor=candidate)
        lines.append(f"portfolio van {email}: {DESCRIPTIONS[kind]}")
    return lines
