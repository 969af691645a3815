"""A competency profile to and from a document (`fixtures/README.md`)."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch

from profiles.models import (
    GlossaryTerm,
    KnowledgeItem,
    Profile,
    ProfileGroup,
    ProfileIndicator,
    ProfileItem,
    TextBlock,
    Threshold,
)
from profiles.serialization.document import PROFILE_FORMAT, InvalidDocument, require


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
    if require(data, "format", "document") != PROFILE_FORMAT:
        raise InvalidDocument(f"document: format moet '{PROFILE_FORMAT}' zijn.")
    p = require(data, "profile", "document")
    slug = require(p, "slug", "profile")
    if Profile.objects.filter(slug=slug).exists():
        raise InvalidDocument(f"profiel '{slug}' bestaat al.")
    profile = Profile.objects.create(
        slug=slug,
        title=require(p, "title", "profile"),
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
            code=require(g, "code", "group"),
            kind=require(g, "kind", "group"),
            title=require(g, "title", "group"),
            description=g.get("description", "") or "",
            order=i,
        )
    _import_items(profile, require(p, "items", "profile"), groups)
    _import_texts(profile, p)
    return profile


def _import_items(profile: Profile, items: list, groups: dict[str, ProfileGroup]) -> None:
    for i, it in enumerate(items):
        group_code = it.get("group")
        if group_code and group_code not in groups:
            raise InvalidDocument(f"item {it.get('code')}: groep '{group_code}' bestaat niet.")
        item = ProfileItem.objects.create(
            profile=profile,
            group=groups.get(group_code) if group_code else None,
            code=require(it, "code", "item"),
            kind=require(it, "kind", "item"),
            title=require(it, "title", "item"),
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


def _import_texts(profile: Profile, p: dict) -> None:
    """The text blocks, thresholds and glossary of a profile."""
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
