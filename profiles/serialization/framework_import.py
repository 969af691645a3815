"""A framework version from a document (`fixtures/README.md`), checked as it is read."""

from datetime import date

from django.db import transaction

from profiles.enums import DocumentAgeSeverity, FrameworkKind, IndicatorKind, VersionStatus
from profiles.models import (
    Condition,
    Criterion,
    CriterionIndicator,
    Declaration,
    EducationRequirement,
    Framework,
    FrameworkVersion,
    ProductQuestion,
    ProfileItem,
    Question,
    ScoreOption,
    Section,
)
from profiles.provenance import InvalidProvenance, import_provenance
from profiles.serialization.document import FRAMEWORK_FORMAT, InvalidDocument, require
from profiles.serialization.office_settings import import_settings


@transaction.atomic
def import_framework_version(
    data: dict,
    *,
    number: int | None = None,
    status: str = VersionStatus.DRAFT,
    copied_from: FrameworkVersion | None = None,
) -> FrameworkVersion:
    """Create a framework version (and the framework, if new) from a document.

    `number` overrides the document's version number (used when copying). Raises
    `InvalidDocument` for a malformed document and when the version number exists.
    """
    if require(data, "format", "document") != FRAMEWORK_FORMAT:
        raise InvalidDocument(f"document: format moet '{FRAMEWORK_FORMAT}' zijn.")
    fw_data = require(data, "framework", "document")
    v_data = require(data, "version", "document")
    framework, _created = Framework.objects.get_or_create(
        slug=require(fw_data, "slug", "framework"),
        defaults={
            "name": require(fw_data, "name", "framework"),
            "description": fw_data.get("description", ""),
            "kind": _kind(fw_data),
        },
    )
    number = number if number is not None else int(require(v_data, "number", "version"))
    if FrameworkVersion.objects.filter(framework=framework, number=number).exists():
        raise InvalidDocument(f"versie {number} van '{framework.slug}' bestaat al.")
    version = _create_version(framework, number, status, v_data, copied_from)
    _import_sections(version, require(v_data, "sections", "version"))
    import_settings(version, v_data)  # the objection periods, the register policy, …
    try:
        import_provenance(version, data.get("provenance", []))
    except InvalidProvenance as exc:
        raise InvalidDocument(str(exc)) from exc
    return version


def _kind(fw_data: dict) -> str:
    kind = fw_data.get("kind", FrameworkKind.INITIAL)
    if kind not in FrameworkKind.values:
        raise InvalidDocument(f"framework: soort '{kind}' bestaat niet.")
    return kind


def _assessor_count(v_data: dict) -> int:
    count = v_data.get("assessor_count", 2)
    if count not in (1, 2):
        raise InvalidDocument("version: assessor_count moet 1 of 2 zijn.")
    return count


def _create_version(
    framework: Framework,
    number: int,
    status: str,
    v_data: dict,
    copied_from: FrameworkVersion | None,
) -> FrameworkVersion:
    """The version row and its score options."""
    version = FrameworkVersion.objects.create(
        framework=framework,
        number=number,
        status=status,
        title=require(v_data, "title", "version"),
        intro=v_data.get("intro", ""),
        case_start_within_months=v_data.get("case_start_within_months", 24),
        case_min_running_months=v_data.get("case_min_running_months", 6),
        upload_max_mb=v_data.get("upload_max_mb", 10),
        assessment_days=v_data.get("assessment_days", 28),
        additions_days=v_data.get("additions_days", 42),
        reminder_days=v_data.get("reminder_days", 5),
        assessor_count=_assessor_count(v_data),
        has_interview=bool(v_data.get("has_interview", True)),
        recertification_window_months=v_data.get("recertification_window_months"),
        copied_from=copied_from,
    )
    ScoreOption.objects.bulk_create(
        ScoreOption(
            version=version,
            code=require(o, "code", "score_options"),
            label=require(o, "label", "score_options"),
            counts_as_met=bool(o.get("counts_as_met", False)),
            refers_to_interview=bool(o.get("refers_to_interview", False)),
            order=i,
        )
        for i, o in enumerate(v_data.get("score_options", []))
    )
    return version


def _import_sections(version: FrameworkVersion, sections_data: list) -> None:
    """Every section first (a route's exemptions name later sections), then their content."""
    sections = {}
    for order, s_data in enumerate(sections_data):
        code = require(s_data, "code", "section")
        sections[code] = Section.objects.create(
            version=version,
            code=code,
            title=require(s_data, "title", f"section {code}"),
            summary=s_data.get("summary", ""),
            intro=s_data.get("intro", ""),
            counts_for_assessment=bool(s_data.get("counts_for_assessment", True)),
            order=order,
        )
    for s_data in sections_data:
        section = sections[s_data["code"]]
        where = f"section {section.code}"
        _import_requirements(section, s_data, sections, where)
        _import_declarations(section, s_data, where)
        _import_questions(section, s_data, where)
        _import_criteria(section, s_data, where)


def _import_requirements(
    section: Section, data: dict, sections: dict[str, Section], where: str
) -> None:
    for order, r in enumerate(data.get("education_requirements", [])):
        requirement = EducationRequirement.objects.create(
            section=section,
            level=require(r, "level", where),
            number=require(r, "number", where),
            criterion=require(r, "criterion", where),
            deliverables=r.get("deliverables", ""),
            exemption_note=r.get("exemption_note", ""),
            waives_interview=bool(r.get("waives_interview", False)),
            max_document_age_months=r.get("max_document_age_months"),
            min_study_hours=r.get("min_study_hours"),
            order=order,
            **_import_eligibility(r, f"{where} {r.get('level')} {r.get('number')}"),
        )
        Condition.objects.bulk_create(
            Condition(requirement=requirement, text=text, order=i)
            for i, text in enumerate(r.get("conditions", []))
        )
        exempt = []
        for code in r.get("exempt_sections", []):
            if code not in sections:
                raise InvalidDocument(f"{where}: vrijgesteld onderdeel '{code}' bestaat niet.")
            exempt.append(sections[code])
        requirement.exempt_sections.set(exempt)


def _import_eligibility(data: dict, where: str) -> dict:
    """The model fields of a route's severity and diploma window, checked."""
    severity = data.get("document_age_severity", DocumentAgeSeverity.BLOCKING)
    if severity not in DocumentAgeSeverity.values:
        raise InvalidDocument(f"{where}: document_age_severity '{severity}' is onbekend.")
    providers = data.get("accepted_providers", [])
    if not isinstance(providers, list) or not all(
        isinstance(p, str) and p.strip() for p in providers
    ):
        raise InvalidDocument(f"{where}: accepted_providers moet een lijst van namen zijn.")
    fields = {"document_age_severity": severity, "accepted_providers": providers}
    for key in ("diploma_earliest", "diploma_latest"):
        raw = data.get(key)
        try:
            fields[key] = date.fromisoformat(raw) if raw is not None else None
        except (TypeError, ValueError) as exc:
            raise InvalidDocument(f"{where}: {key} moet een datum JJJJ-MM-DD zijn.") from exc
    earliest, latest = fields["diploma_earliest"], fields["diploma_latest"]
    if earliest and latest and earliest > latest:
        raise InvalidDocument(f"{where}: diploma_earliest ligt na diploma_latest.")
    return fields


def _label(data: dict, key: str, where: str) -> str:
    """A declaration's field name: text of at most the field's length ("" when absent)."""
    value = data.get(key) or ""
    limit = Declaration._meta.get_field(key).max_length
    if not isinstance(value, str) or len(value) > limit:
        raise InvalidDocument(f"{where}: {key} moet tekst van ten hoogste {limit} tekens zijn.")
    return value.strip()


def _import_declarations(section: Section, data: dict, where: str) -> None:
    for order, d in enumerate(data.get("declarations", [])):
        declaration = Declaration.objects.create(
            section=section,
            code=require(d, "code", where),
            criterion=d.get("criterion", ""),
            statement=require(d, "statement", where),
            min_years=d.get("min_years"),
            min_hours=d.get("min_hours"),
            years_label=_label(d, "years_label", where),
            hours_label=_label(d, "hours_label", where),
            order=order,
        )
        Condition.objects.bulk_create(
            Condition(declaration=declaration, text=text, order=i)
            for i, text in enumerate(d.get("conditions", []))
        )


def _import_questions(section: Section, data: dict, where: str) -> None:
    Question.objects.bulk_create(
        Question(
            section=section,
            code=require(q, "code", where),
            text=require(q, "text", where),
            guidance=q.get("guidance", ""),
            answer_kind=q.get("answer_kind", "text"),
            word_guide=q.get("word_guide"),
            shows_previous=str(q.get("shows_previous", ""))[:20],
            order=order,
        )
        for order, q in enumerate(data.get("questions", []))
    )


def _import_criteria(section: Section, data: dict, where: str) -> None:
    for order, c in enumerate(data.get("criteria", [])):
        criterion = Criterion.objects.create(
            section=section,
            number=require(c, "number", where),
            title=require(c, "title", where),
            description=c.get("description", ""),
            guidance=c.get("guidance", ""),
            answer_kind=c.get("answer_kind", "text"),
            word_guide=c.get("word_guide"),
            product_name=c.get("product_name", ""),
            order=order,
        )
        texts = [(IndicatorKind.INDICATOR, t) for t in c.get("indicators", [])]
        texts += [(IndicatorKind.EXAMPLE, t) for t in c.get("examples", [])]
        CriterionIndicator.objects.bulk_create(
            CriterionIndicator(criterion=criterion, kind=kind, text=text, order=i)
            for i, (kind, text) in enumerate(texts)
        )
        ProductQuestion.objects.bulk_create(
            ProductQuestion(criterion=criterion, number=i, text=text)
            for i, text in enumerate(c.get("product_questions", []), start=1)
        )
        criterion.related_items.set(_related_items(c.get("related_items", []), where))


def _related_items(refs: list, where: str) -> list[ProfileItem]:
    related = []
    for ref in refs:
        item = ProfileItem.objects.filter(
            profile__slug=require(ref, "profile", where), code=require(ref, "code", where)
        ).first()
        if item is None:
            raise InvalidDocument(
                f"{where}: profielonderdeel {ref['profile']}/{ref['code']} bestaat niet "
                "(laad eerst de profielen)."
            )
        related.append(item)
    return related
