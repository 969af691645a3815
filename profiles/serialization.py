"""Framework versions and competency profiles to and from plain JSON-able dicts.

The format is documented in `fixtures/README.md`. Export followed by import followed by
export gives the identical document (tested), which is also how a version is copied into
a new draft.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Prefetch

from profiles.enums import DocumentAgeSeverity, IndicatorKind, VersionStatus
from profiles.models import (
    Condition,
    Criterion,
    CriterionIndicator,
    Declaration,
    EducationRequirement,
    Framework,
    FrameworkVersion,
    GlossaryTerm,
    KnowledgeItem,
    ProductQuestion,
    Profile,
    ProfileGroup,
    ProfileIndicator,
    ProfileItem,
    Question,
    ScoreOption,
    Section,
    TextBlock,
    Threshold,
)
from profiles.provenance import InvalidProvenance, export_provenance, import_provenance

FRAMEWORK_FORMAT = "register-jobcoach-framework/1"
PROFILE_FORMAT = "register-jobcoach-profile/1"


class InvalidDocument(ValueError):
    """The document does not match the format; the message says where."""


def _require(data: dict, key: str, where: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise InvalidDocument(f"{where}: '{key}' ontbreekt.")
    return data[key]


# --- framework: export ----------------------------------------------------------------------


def framework_version_queryset():
    """Everything an export or a framework page needs, in a fixed number of queries."""
    return FrameworkVersion.objects.select_related("framework").prefetch_related(
        "score_options",
        "value_sources",
        Prefetch(
            "sections",
            queryset=Section.objects.prefetch_related(
                Prefetch(
                    "education_requirements",
                    queryset=EducationRequirement.objects.prefetch_related(
                        "conditions", "exempt_sections"
                    ),
                ),
                Prefetch(
                    "declarations", queryset=Declaration.objects.prefetch_related("conditions")
                ),
                "questions",
                Prefetch(
                    "criteria",
                    queryset=Criterion.objects.prefetch_related(
                        "indicators",
                        "product_questions",
                        Prefetch(
                            "related_items",
                            queryset=ProfileItem.objects.select_related("profile").order_by(
                                "profile__order", "profile__slug", "order", "pk"
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )


def export_framework_version(version: FrameworkVersion) -> dict:
    version = framework_version_queryset().get(pk=version.pk)
    framework = version.framework
    return {
        "format": FRAMEWORK_FORMAT,
        "framework": {
            "slug": framework.slug,
            "name": framework.name,
            "description": framework.description,
        },
        "version": {
            "number": version.number,
            "title": version.title,
            "intro": version.intro,
            "case_start_within_months": version.case_start_within_months,
            "case_min_running_months": version.case_min_running_months,
            "upload_max_mb": version.upload_max_mb,
            "assessment_days": version.assessment_days,
            "additions_days": version.additions_days,
            "reminder_days": version.reminder_days,
            "score_options": [
                {
                    "code": o.code,
                    "label": o.label,
                    "counts_as_met": o.counts_as_met,
                    "refers_to_interview": o.refers_to_interview,
                }
                for o in version.score_options.all()
            ],
            "sections": [_export_section(s) for s in version.sections.all()],
        },
        "provenance": export_provenance(version),
    }


def _export_section(section: Section) -> dict:
    return {
        "code": section.code,
        "title": section.title,
        "summary": section.summary,
        "intro": section.intro,
        "counts_for_assessment": section.counts_for_assessment,
        "education_requirements": [
            {
                "level": r.level,
                "number": r.number,
                "criterion": r.criterion,
                "deliverables": r.deliverables,
                "conditions": [c.text for c in r.conditions.all()],
                "exemption_note": r.exemption_note,
                "exempt_sections": [
                    s.code for s in sorted(r.exempt_sections.all(), key=lambda s: s.order)
                ],
                "waives_interview": r.waives_interview,
                "max_document_age_months": r.max_document_age_months,
                "min_study_hours": r.min_study_hours,
                **_export_eligibility(r),
            }
            for r in section.education_requirements.all()
        ],
        "declarations": [
            {
                "code": d.code,
                "criterion": d.criterion,
                "statement": d.statement,
                "min_years": d.min_years,
                "min_hours": d.min_hours,
                "conditions": [c.text for c in d.conditions.all()],
            }
            for d in section.declarations.all()
        ],
        "questions": [
            {
                "code": q.code,
                "text": q.text,
                "guidance": q.guidance,
                "answer_kind": q.answer_kind,
                "word_guide": q.word_guide,
            }
            for q in section.questions.all()
        ],
        "criteria": [
            {
                "number": c.number,
                "title": c.title,
                "description": c.description,
                "guidance": c.guidance,
                "answer_kind": c.answer_kind,
                "word_guide": c.word_guide,
                "product_name": c.product_name,
                "indicators": [i.text for i in c.main_indicators],
                "examples": [i.text for i in c.examples],
                "product_questions": [q.text for q in c.product_questions.all()],
                "related_items": [
                    {"profile": item.profile.slug, "code": item.code}
                    for item in c.related_items.all()
                ],
            }
            for c in section.criteria.all()
        ],
    }


def _export_eligibility(requirement: EducationRequirement) -> dict:
    """A route's document-age severity and diploma window (dates as ISO strings)."""
    return {
        "document_age_severity": requirement.document_age_severity,
        "accepted_providers": list(requirement.accepted_providers),
        "diploma_earliest": _iso_or_none(requirement.diploma_earliest),
        "diploma_latest": _iso_or_none(requirement.diploma_latest),
    }


def _iso_or_none(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- framework: import ----------------------------------------------------------------------


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
    if _require(data, "format", "document") != FRAMEWORK_FORMAT:
        raise InvalidDocument(f"document: format moet '{FRAMEWORK_FORMAT}' zijn.")
    fw_data = _require(data, "framework", "document")
    v_data = _require(data, "version", "document")
    framework, _created = Framework.objects.get_or_create(
        slug=_require(fw_data, "slug", "framework"),
        defaults={
            "name": _require(fw_data, "name", "framework"),
            "description": fw_data.get("description", ""),
        },
    )
    number = number if number is not None else int(_require(v_data, "number", "version"))
    if FrameworkVersion.objects.filter(framework=framework, number=number).exists():
        raise InvalidDocument(f"versie {number} van '{framework.slug}' bestaat al.")
    version = FrameworkVersion.objects.create(
        framework=framework,
        number=number,
        status=status,
        title=_require(v_data, "title", "version"),
        intro=v_data.get("intro", ""),
        case_start_within_months=v_data.get("case_start_within_months", 24),
        case_min_running_months=v_data.get("case_min_running_months", 6),
        upload_max_mb=v_data.get("upload_max_mb", 10),
        assessment_days=v_data.get("assessment_days", 28),
        additions_days=v_data.get("additions_days", 42),
        reminder_days=v_data.get("reminder_days", 5),
        copied_from=copied_from,
    )
    ScoreOption.objects.bulk_create(
        ScoreOption(
            version=version,
            code=_require(o, "code", "score_options"),
            label=_require(o, "label", "score_options"),
            counts_as_met=bool(o.get("counts_as_met", False)),
            refers_to_interview=bool(o.get("refers_to_interview", False)),
            order=i,
        )
        for i, o in enumerate(v_data.get("score_options", []))
    )
    sections_data = _require(v_data, "sections", "version")
    sections = {}
    for order, s_data in enumerate(sections_data):
        code = _require(s_data, "code", "section")
        sections[code] = Section.objects.create(
            version=version,
            code=code,
            title=_require(s_data, "title", f"section {code}"),
            summary=s_data.get("summary", ""),
            intro=s_data.get("intro", ""),
            counts_for_assessment=bool(s_data.get("counts_for_assessment", True)),
            order=order,
        )
    for s_data in sections_data:
        _import_section_content(sections[s_data["code"]], s_data, sections)
    try:
        import_provenance(version, data.get("provenance", []))
    except InvalidProvenance as exc:
        raise InvalidDocument(str(exc)) from exc
    return version


def _import_section_content(section: Section, data: dict, sections: dict[str, Section]) -> None:
    where = f"section {section.code}"
    for order, r in enumerate(data.get("education_requirements", [])):
        requirement = EducationRequirement.objects.create(
            section=section,
            level=_require(r, "level", where),
            number=_require(r, "number", where),
            criterion=_require(r, "criterion", where),
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
    for order, d in enumerate(data.get("declarations", [])):
        declaration = Declaration.objects.create(
            section=section,
            code=_require(d, "code", where),
            criterion=d.get("criterion", ""),
            statement=_require(d, "statement", where),
            min_years=d.get("min_years"),
            min_hours=d.get("min_hours"),
            order=order,
        )
        Condition.objects.bulk_create(
            Condition(declaration=declaration, text=text, order=i)
            for i, text in enumerate(d.get("conditions", []))
        )
    Question.objects.bulk_create(
        Question(
            section=section,
            code=_require(q, "code", where),
            text=_require(q, "text", where),
            guidance=q.get("guidance", ""),
            answer_kind=q.get("answer_kind", "text"),
            word_guide=q.get("word_guide"),
            order=order,
        )
        for order, q in enumerate(data.get("questions", []))
    )
    for order, c in enumerate(data.get("criteria", [])):
        criterion = Criterion.objects.create(
            section=section,
            number=_require(c, "number", where),
            title=_require(c, "title", where),
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
        related = []
        for ref in c.get("related_items", []):
            item = ProfileItem.objects.filter(
                profile__slug=_require(ref, "profile", where), code=_require(ref, "code", where)
            ).first()
            if item is None:
                raise InvalidDocument(
                    f"{where}: profielonderdeel {ref['profile']}/{ref['code']} bestaat niet "
                    "(laad eerst de profielen)."
                )
            related.append(item)
        criterion.related_items.set(related)


# --- profiles ------------------------------------------------------------------------------


def profile_queryset():
    return Profile.objects.prefetch_related(
        "groups",
        "text_blocks",
        "thresholds",
        "glossary",
        Prefetch(
            "items",
            queryset=ProfileItem.objects.select_related("group").prefetch_related(
                "indicators", "knowledge"
            ),
        ),
    )


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def export_profile(profile: Profile) -> dict:
    profile = profile_queryset().get(pk=profile.pk)
    return {
        "format": PROFILE_FORMAT,
        "profile": {
            "slug": profile.slug,
            "title": profile.title,
            "source": profile.source,
            "year": profile.year,
            "description": profile.description,
            "levels": profile.levels,
            "groups": [
                {"code": g.code, "kind": g.kind, "title": g.title, "description": g.description}
                for g in profile.groups.all()
            ],
            "items": [
                {
                    "code": item.code,
                    "kind": item.kind,
                    "group": item.group.code if item.group else None,
                    "title": item.title,
                    "definition": item.definition,
                    "required_level": item.required_level,
                    "indicators": [
                        {"level": i.level, "text": i.text} for i in item.indicators.all()
                    ],
                    "knowledge": [{"depth": k.depth, "text": k.text} for k in item.knowledge.all()],
                }
                for item in profile.items.all()
            ],
            "text_blocks": [
                {"key": b.key, "title": b.title, "body": b.body} for b in profile.text_blocks.all()
            ],
            "thresholds": [
                {
                    "name": t.name,
                    "minimum": _number(t.minimum),
                    "maximum": _number(t.maximum),
                    "unit": t.unit,
                    "note": t.note,
                }
                for t in profile.thresholds.all()
            ],
            "glossary": [
                {"term": g.term, "definition": g.definition} for g in profile.glossary.all()
            ],
        },
    }


@transaction.atomic
def import_profile(data: dict, *, order: int = 0) -> Profile:
    """Create a competency profile from a document. Raises `InvalidDocument`."""
    if _require(data, "format", "document") != PROFILE_FORMAT:
        raise InvalidDocument(f"document: format moet '{PROFILE_FORMAT}' zijn.")
    p = _require(data, "profile", "document")
    slug = _require(p, "slug", "profile")
    if Profile.objects.filter(slug=slug).exists():
        raise InvalidDocument(f"profiel '{slug}' bestaat al.")
    profile = Profile.objects.create(
        slug=slug,
        title=_require(p, "title", "profile"),
        source=p.get("source", "") or "",
        year=p.get("year"),
        description=p.get("description", "") or "",
        levels=p.get("levels"),
        order=order,
    )
    groups = {}
    for i, g in enumerate(p.get("groups", [])):
        groups[g["code"]] = ProfileGroup.objects.create(
            profile=profile,
            code=_require(g, "code", "group"),
            kind=_require(g, "kind", "group"),
            title=_require(g, "title", "group"),
            description=g.get("description", "") or "",
            order=i,
        )
    for i, it in enumerate(_require(p, "items", "profile")):
        group_code = it.get("group")
        if group_code and group_code not in groups:
            raise InvalidDocument(f"item {it.get('code')}: groep '{group_code}' bestaat niet.")
        item = ProfileItem.objects.create(
            profile=profile,
            group=groups.get(group_code) if group_code else None,
            code=_require(it, "code", "item"),
            kind=_require(it, "kind", "item"),
            title=_require(it, "title", "item"),
            definition=it.get("definition", "") or "",
            required_level=it.get("required_level"),
            order=i,
        )
        ProfileIndicator.objects.bulk_create(
            ProfileIndicator(item=item, level=ind.get("level"), text=ind["text"], order=j)
            for j, ind in enumerate(it.get("indicators", []))
        )
        KnowledgeItem.objects.bulk_create(
            KnowledgeItem(item=item, depth=k["depth"], text=k["text"], order=j)
            for j, k in enumerate(it.get("knowledge", []))
        )
    TextBlock.objects.bulk_create(
        TextBlock(profile=profile, key=b["key"], title=b["title"], body=b["body"], order=i)
        for i, b in enumerate(p.get("text_blocks", []))
    )
    Threshold.objects.bulk_create(
        Threshold(
            profile=profile,
            name=t["name"],
            minimum=t.get("minimum"),
            maximum=t.get("maximum"),
            unit=t.get("unit", "") or "",
            note=t.get("note", "") or "",
            order=i,
        )
        for i, t in enumerate(p.get("thresholds", []))
    )
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(profile=profile, term=g["term"], definition=g["definition"], order=i)
        for i, g in enumerate(p.get("glossary", []))
    )
    return profile
