"""Writes to the framework: publishing, copying into a new draft, guarding frozen versions."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import services as audit
from audit.enums import AuditAction
from profiles import provenance, stated_numbers
from profiles.enums import ProvenanceKind, VersionStatus
from profiles.models import (
    Declaration,
    EducationRequirement,
    Framework,
    FrameworkVersion,
    Question,
    ValueSource,
)
from profiles.serialization import (
    export_framework_version,
    framework_version_queryset,
    import_framework_version,
)


class FrameworkVersionFrozen(Exception):
    """A published framework version cannot be changed."""


def ensure_editable(obj) -> None:
    """Raise `FrameworkVersionFrozen` when `obj` belongs to a published version.

    `obj` is a `FrameworkVersion` or any framework content model (they all expose
    `framework_version`).
    """
    version = obj.framework_version
    if version is not None and version.is_published:
        raise FrameworkVersionFrozen(
            _("Versie %(number)s is gepubliceerd en kan niet meer worden gewijzigd.")
            % {"number": version.number}
        )


def ensure_provenance(version: FrameworkVersion) -> None:
    """Raise `ValueError` naming every value of `version` without a source: a published
    framework says of each value where it comes from (profiles.provenance)."""
    missing = provenance.check(framework_version_queryset().get(pk=version.pk))["missing"]
    if missing:
        raise ValueError(
            _(
                "Van deze waarden staat nog niet vast waar ze vandaan komen (bron of "
                "bureau): %(keys)s. Vul de herkomst aan en publiceer dan."
            )
            % {"keys": ", ".join(missing)}
        )


def ensure_stated_numbers(version: FrameworkVersion) -> None:
    """Refuse (`ValueError`) a version whose texts state another number than its data (a
    number changed, its text not): the declarations' years and hours, the routes'
    document age and study hours, the case's window in the sections and questions."""
    declarations = Declaration.objects.filter(section__version=version).order_by("pk")
    drift = stated_numbers.version_drift(declarations)
    requirements = EducationRequirement.objects.filter(section__version=version).order_by("pk")
    for requirement in requirements.prefetch_related("conditions"):
        drift += stated_numbers.requirement_drift(requirement)
    texts = [
        (section.code, text)
        for section in version.sections.all()
        for text in (section.summary, section.intro)
    ] + [
        (question.code, text)
        for question in Question.objects.filter(section__version=version).order_by("pk")
        for text in (question.text, question.guidance)
    ]
    drift += stated_numbers.case_drift(version, texts)
    if drift:
        raise ValueError(
            _("Tekst en getal verschillen; pas ze aan en publiceer dan. %(drift)s")
            % {"drift": " ".join(drift)}
        )


@transaction.atomic
def publish_version(*, version: FrameworkVersion, actor) -> FrameworkVersion:
    """Publish a draft version. Side effects: freezes the version for good. Refused
    (`ValueError`) for a version without sections or with a value without provenance.

    Portfolios bind to the newest published version when they start; portfolios already
    under way keep the version they were started on.
    """
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    ensure_editable(version)
    if not version.sections.exists():
        raise ValueError(_("Een versie zonder onderdelen kan niet worden gepubliceerd."))
    ensure_provenance(version)
    ensure_stated_numbers(version)
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = actor
    version.save(update_fields=["status", "published_at", "published_by"])
    audit.record(
        actor=actor,
        action=AuditAction.FRAMEWORK_CHANGED,
        target=version,
        summary=f"gepubliceerd: {version}",
        changes={"status": audit.change(VersionStatus.DRAFT, VersionStatus.PUBLISHED)},
    )
    return version


@transaction.atomic
def copy_version_to_draft(*, version: FrameworkVersion, actor) -> FrameworkVersion:
    """Copy a version with all of its content into a new draft with the next number."""
    # Lock the framework row so two office users copying at once get distinct numbers.
    Framework.objects.select_for_update().get(pk=version.framework_id)
    next_number = (
        FrameworkVersion.objects.filter(framework_id=version.framework_id).aggregate(
            n=Max("number")
        )["n"]
        + 1
    )
    draft = import_framework_version(
        export_framework_version(version),
        number=next_number,
        status=VersionStatus.DRAFT,
        copied_from=version,
    )
    audit.record(
        actor=actor,
        action=AuditAction.FRAMEWORK_CHANGED,
        target=draft,
        summary=f"concept gekopieerd van {version}: {draft}",
    )
    return draft


@transaction.atomic
def record_office_provenance(*, version: FrameworkVersion, actor) -> list[str]:
    """Record every value of a draft that has no source yet as "set by the office" (a
    framework the office writes itself, such as a recertification, has no source
    document). Returns the keys recorded; audited. Refused for a published version."""
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    ensure_editable(version)
    missing = provenance.check(framework_version_queryset().get(pk=version.pk))["missing"]
    start = version.value_sources.count()
    ValueSource.objects.bulk_create(
        ValueSource(version=version, key=key, kind=ProvenanceKind.OFFICE, order=start + i)
        for i, key in enumerate(missing)
    )
    if missing:
        audit.record(
            actor=actor,
            action=AuditAction.FRAMEWORK_CHANGED,
            target=version,
            summary=f"herkomst vastgesteld door het bureau: {len(missing)} waarden",
            changes={"herkomst": audit.change(None, missing)},
        )
    return missing
