"""Portfolios in any candidate-side state, made through the real services (the only
place in the tests, the demo and the bench that fills one).

    make_portfolio(state="submitted")                  # a new candidate, the published version
    make_portfolio(candidate=kim, version=v, state="partial")
    make_portfolio(state="submitted", a2_number=1)     # the exempt route A2.1

States, in order: "started" (nothing filled), "partial" (routes, documents and
declarations, about a third of the text boxes), "complete" (everything, not submitted),
"submitted".
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from portfolio import services as portfolio_services
from portfolio.eligibility import compute_requirements
from portfolio.models import Portfolio
from profiles.enums import AnswerKind, EducationLevel
from profiles.selectors import current_published_version
from tests.factories.files import pdf_document

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

PORTFOLIO_STATES = ("started", "partial", "complete", "submitted")
PARTIAL_SHARE = 0.35


def new_person(**fields):
    """A new user (UserFactory) for a builder's missing candidate, assessor or office."""
    # factory_boy is a development dependency: seed_demo, which passes its own people,
    # must import these builders without it (a demo server installs no dev extras).
    from tests.factories.users import UserFactory  # noqa: PLC0415

    return UserFactory(**fields)


def _text_for(title: str) -> str:
    return REFLECTION.format(topic=f"het ging om {title.lower().rstrip('.')}")


def fitting_diploma(route, today) -> dict:
    """A diploma date and provider inside the route's window."""
    diploma_date = None
    if route.diploma_earliest or route.diploma_latest:
        diploma_date = route.diploma_latest or max(route.diploma_earliest, today - timedelta(400))
    providers = route.accepted_providers
    return {"diploma_date": diploma_date, "diploma_provider": providers[0] if providers else ""}


def _choose_routes(portfolio: Portfolio, *, a2_number: int, today):
    """Routes A1.1 and A2.`a2_number`, each with its evidence uploaded."""
    section_a = portfolio.framework_version.sections.get(code="A")
    basic = section_a.education_requirements.get(level=EducationLevel.BASIC, number=1)
    supplementary = section_a.education_requirements.get(
        level=EducationLevel.SUPPLEMENTARY, number=a2_number
    )
    requirements = portfolio_services.choose_routes(
        portfolio=portfolio,
        basic_route=basic,
        supplementary_route=supplementary,
        **fitting_diploma(supplementary, today),
    )
    for route in (basic, supplementary):
        portfolio_services.upload_document(
            portfolio=portfolio,
            target=route,
            uploaded=pdf_document(f"bewijs-{route.code}"),
            document_date=today - timedelta(days=400),
            study_hours=route.min_study_hours,
            actor=portfolio.candidate,
        )
    return requirements


def _sign_declarations(portfolio: Portfolio, sections, *, today) -> None:
    candidate = portfolio.candidate
    for section in sections:
        for declaration in section.declarations.all():
            portfolio_services.sign_declaration(
                portfolio=portfolio,
                declaration=declaration,
                full_name=candidate.get_full_name(),
                signed_on=today,
                confirmed=True,
                years=(declaration.min_years or 0) + 3 if declaration.min_years else None,
                hours=(declaration.min_hours or 0) + 800 if declaration.min_hours else None,
                actor=candidate,
            )


def _answer_boxes(sections) -> list[tuple[str, object]]:
    boxes = []
    for section in sections:
        boxes.extend(("question", question) for question in section.questions.all())
        for criterion in section.criteria.prefetch_related("product_questions"):
            if criterion.answer_kind == AnswerKind.PRODUCT:
                boxes.extend(("product", q) for q in criterion.product_questions.all())
            else:
                boxes.append(("criterion", criterion))
    return boxes


def _answer(portfolio: Portfolio, index: int, kind: str, target, *, today) -> None:
    if kind == "question" and target.answer_kind == AnswerKind.UPLOAD:
        portfolio_services.upload_document(
            portfolio=portfolio,
            target=target,
            uploaded=pdf_document("curriculum-vitae"),
            document_date=today - timedelta(days=30),
            study_hours=None,
            actor=portfolio.candidate,
        )
    elif kind == "question" and target.answer_kind == AnswerKind.DATE:
        months = portfolio.framework_version.case_min_running_months + 4
        portfolio_services.save_answer(
            portfolio=portfolio,
            target=target,
            date_value=today - relativedelta(months=months),
            base_revision=0,
        )
    else:
        title = getattr(target, "title", None) or target.text
        text = CASE_TEXT if index % 5 == 0 else _text_for(title)
        portfolio_services.save_answer(
            portfolio=portfolio, target=target, text=text, base_revision=0
        )


def fill_portfolio(portfolio: Portfolio, *, a2_number: int = 4, share: float = 1.0) -> None:
    """Fill a draft portfolio: routes, documents, declarations and every text box.

    `share` < 1 fills only the first part of the text boxes (a partly filled draft).
    """
    today = timezone.localdate()
    version = portfolio.framework_version
    if version.sections.filter(education_requirements__isnull=False).exists():
        requirements = _choose_routes(portfolio, a2_number=a2_number, today=today)
    else:  # a framework without routes (e.g. a recertification): every section is asked
        requirements = compute_requirements(
            version=version, basic_route=None, supplementary_route=None
        )
    sections = portfolio.framework_version.sections.filter(code__in=requirements.required_sections)
    _sign_declarations(portfolio, sections, today=today)
    boxes = _answer_boxes(sections)
    for index, (kind, target) in enumerate(boxes):
        if index >= len(boxes) * share:
            break
        _answer(portfolio, index, kind, target, today=today)


def submit(portfolio: Portfolio, **options) -> Portfolio:
    """Submit through the service (`options`: the privacy confirmation) and reload."""
    portfolio_services.submit_portfolio(portfolio=portfolio, actor=portfolio.candidate, **options)
    portfolio.refresh_from_db()
    return portfolio


def make_portfolio(
    *,
    candidate=None,
    version=None,
    state: str = "complete",
    a2_number: int = 4,
    share: float | None = None,
) -> Portfolio:
    """A portfolio of `candidate` (a new one if None) on `version` (the published one if
    None) in `state` (see PORTFOLIO_STATES); `share` overrides how much text is filled."""
    if state not in PORTFOLIO_STATES:
        raise ValueError(f"unknown portfolio state {state!r}; one of {PORTFOLIO_STATES}")
    version = version or current_published_version()
    candidate = candidate or new_person()
    portfolio = portfolio_services.start_portfolio(candidate=candidate, version=version)
    if state == "started":
        return portfolio
    if share is None:
        share = PARTIAL_SHARE if state == "partial" else 1.0
    fill_portfolio(portfolio, a2_number=a2_number, share=share)
    if state == "submitted":
        return submit(portfolio)
    portfolio.refresh_from_db()
    return portfolio


def add_to_c2(portfolio: Portfolio) -> Portfolio:
    """After additions were asked for C2: the candidate extends C2's first answer and
    resubmits."""
    portfolio.refresh_from_db()
    c2 = portfolio.framework_version.sections.get(code="C2").criteria.first()
    answer = portfolio.answers.filter(criterion=c2).first()
    portfolio_services.save_answer(
        portfolio=portfolio,
        target=c2,
        text=(answer.text if answer else "") + "\n\nAanvulling: een tweede voorbeeld.",
        base_revision=answer.revision if answer else 0,
    )
    return submit(portfolio)


def refused_signature() -> dict:
    """A B1 signing form its thresholds refuse (1 year; the name as
    typed, with a typo, to see it kept)."""
    return {
        "years": "1",
        "hours": "5000",
        "full_name": "Kim de Vrie",
        "signed_on": timezone.localdate().isoformat(),
        "confirmed": "on",
    }
