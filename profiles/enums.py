from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    PUBLISHED = "published", _("Gepubliceerd")


class FrameworkKind(models.TextChoices):
    """What a framework certifies: the first certification or its renewal."""

    INITIAL = "initial", _("initiële certificering")
    RECERTIFICATION = "recertification", _("hercertificering")


class EducationLevel(models.TextChoices):
    BASIC = "basic", _("A1 · Basisopleidingseis")
    SUPPLEMENTARY = "supplementary", _("A2 · Aanvullende opleidingseis")


class AnswerKind(models.TextChoices):
    TEXT = "text", _("Vrije tekst")
    PRODUCT = "product", _("Beroepsproduct (genummerde vragen)")
    DATE = "date", _("Datum")
    UPLOAD = "upload", _("Document uploaden")


class IndicatorKind(models.TextChoices):
    INDICATOR = "indicator", _("Indicator")
    EXAMPLE = "example", _("Voorbeeld als handreiking")


class GroupKind(models.TextChoices):
    CLUSTER = "cluster", _("Cluster")
    PHASE = "phase", _("Fase")
    RESULT_AREA = "result_area", _("Resultaatgebied")
    CATEGORY = "category", _("Categorie")


class ItemKind(models.TextChoices):
    COMPETENCY = "competency", _("Competentie")
    END_TERM = "end_term", _("Eindterm")
    RESULT_AREA = "result_area", _("Resultaatgebied")
    CRITICAL_SITUATION = "critical_situation", _("Kritieke situatie")
    TEAM_ROLE = "team_role", _("Teamrol")


class KnowledgeDepth(models.TextChoices):
    KNOWLEDGE = "kennis", _("Kennis")
    THOROUGH = "grondige_kennis", _("Grondige kennis")


class ProvenanceKind(models.TextChoices):
    """Where a framework value comes from (profiles.provenance)."""

    SOURCE = "source", _("Bron")
    OFFICE = "office", _("Vastgesteld door het bureau")


class DocumentAgeSeverity(models.TextChoices):
    """What an education document older than the route's maximum age does."""

    BLOCKING = "blocking", _("Blokkerend: een ouder document wordt geweigerd")
    WARNING = "warning", _("Waarschuwing: een ouder document telt, met een waarschuwing")
