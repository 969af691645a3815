"""Where each value of a framework version comes from (see `profiles.provenance`).

Imported by `profiles.models`, so Django registers the model with the app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from profiles.enums import ProvenanceKind


class ValueSource(models.Model):
    """The source of one value (or one group of values) of a framework version: a
    document and the place in it, or "set by the office"; with an office note where the
    source contradicts itself. `key` names the value (`profiles.provenance` lists the
    keys a version needs, e.g. `section:A.intro`, `version.assessment_days`)."""

    version = models.ForeignKey(
        "profiles.FrameworkVersion",
        on_delete=models.CASCADE,
        related_name="value_sources",
        verbose_name=_("versie"),
    )
    key = models.CharField(_("waarde"), max_length=120)
    kind = models.CharField(
        _("herkomst"), max_length=20, choices=ProvenanceKind.choices, default=ProvenanceKind.SOURCE
    )
    document = models.CharField(_("document"), max_length=200, blank=True)
    location = models.CharField(_("plaats in het document"), max_length=200, blank=True)
    note = models.TextField(
        _("toelichting van het bureau"),
        blank=True,
        help_text=_("Bijvoorbeeld waar de bron zichzelf tegenspreekt; getoond bij de tekst."),
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["version", "order", "pk"]
        verbose_name = _("herkomst van een waarde")
        verbose_name_plural = _("herkomst van de waarden")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_value_source_key"),
        ]

    def __str__(self):
        return f"{self.key}: {self.citation}"

    @property
    def is_office(self) -> bool:
        return self.kind == ProvenanceKind.OFFICE

    @property
    def citation(self) -> str:
        """ "Toetsingskader initiële certificering, Deel III, Ad A" or the office."""
        if self.is_office:
            return str(ProvenanceKind.OFFICE.label)
        return ", ".join(part for part in (self.document, self.location) if part)

    @property
    def framework_version(self):
        return self.version
