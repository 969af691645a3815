"""The certification framework and its versions: score options, sections, education
requirements, declarations and the conditions that tie them together."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from profiles import stated_numbers
from profiles.enums import DocumentAgeSeverity, EducationLevel, FrameworkKind, VersionStatus

# A declaration's field names when the framework gives none (the initial framework's B1).
DEFAULT_YEARS_LABEL = _("Jaren actief als uitvoerend jobcoach")
DEFAULT_HOURS_LABEL = _("Uren beroepsgerichte werkervaring")


class Framework(models.Model):
    slug = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    kind = models.CharField(
        _("soort"),
        max_length=20,
        choices=FrameworkKind.choices,
        default=FrameworkKind.INITIAL,
        help_text=_(
            "Een hercertificering start een jobcoach met een registratie die binnenkort "
            "verloopt; een toekenning verlengt die registratie."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("toetsingskader")
        verbose_name_plural = _("toetsingskaders")

    def __str__(self):
        return self.name

    @property
    def is_recertification(self) -> bool:
        return self.kind == FrameworkKind.RECERTIFICATION


ASSESSOR_COUNTS = ((1, _("één assessor")), (2, _("twee assessoren")))


class FrameworkVersion(models.Model):
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("toetsingskader"),
    )
    number = models.PositiveIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    title = models.CharField(_("titel"), max_length=300)
    intro = models.TextField(_("introductie"), blank=True)
    case_start_within_months = models.PositiveSmallIntegerField(
        _("casus gestart binnen (maanden)"), default=24
    )
    case_min_running_months = models.PositiveSmallIntegerField(
        _("casus minimaal onderweg (maanden)"), default=6
    )
    upload_max_mb = models.PositiveSmallIntegerField(_("maximale bestandsgrootte (MB)"), default=10)
    assessment_days = models.PositiveSmallIntegerField(
        _("termijn beoordeling (dagen)"),
        default=28,
        help_text=_("Dagen na de toewijzing waarbinnen elke assessor zijn beoordeling indient."),
    )
    additions_days = models.PositiveSmallIntegerField(
        _("termijn aanvullingen (dagen)"),
        default=42,
        help_text=_("Standaardtermijn voor de kandidaat als aanvullingen worden gevraagd."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("herinnering (dagen voor de termijn)"), default=5
    )
    # The shape of the review (the portal reads it from here, never assumes it).
    assessor_count = models.PositiveSmallIntegerField(
        _("aantal assessoren"),
        choices=ASSESSOR_COUNTS,
        default=2,
        help_text=_(
            "Twee: elk beoordeelt onafhankelijk, daarna een gezamenlijk oordeel. Eén: de "
            "beoordeling van die assessor is het oordeel."
        ),
    )
    has_interview = models.BooleanField(
        _("met toetsgesprek"),
        default=True,
        help_text=_(
            "Uit: na het oordeel van de assessor(en) besluit het bureau zonder toetsgesprek."
        ),
    )
    recertification_window_months = models.PositiveSmallIntegerField(
        _("hercertificering starten vanaf (maanden voor het einde)"),
        null=True,
        blank=True,
        help_text=_(
            "Alleen voor een hercertificering: zoveel maanden voor het einde van de "
            "registratie kan een jobcoach beginnen."
        ),
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        "portal.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gepubliceerd door"),
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gekopieerd van"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["framework", "-number"]
        verbose_name = _("versie van het toetsingskader")
        verbose_name_plural = _("versies van het toetsingskader")
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="unique_version_number"),
        ]

    def __str__(self):
        return f"{self.framework.name} v{self.number} ({self.get_status_display()})"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED

    def has_routes(self) -> bool:
        """Whether candidates choose routes (A1/A2): not in a recertification. No query
        on the tree of `version_with_content`."""
        return any(s.education_requirements.all() for s in self.sections.all())

    @property
    def has_single_assessor(self) -> bool:
        """One assessor: the single assessment is the agreed verdict (no comparison)."""
        return self.assessor_count == 1

    def clean(self):
        errors = {}
        if self.assessor_count not in (1, 2):
            errors["assessor_count"] = _("Kies één of twee assessoren.")
        recertification = self.framework_id and self.framework.is_recertification
        window = self.recertification_window_months
        if recertification and not window:
            errors["recertification_window_months"] = _(
                "Een hercertificering heeft een termijn (maanden voor het einde)."
            )
        if window is not None and not recertification:
            errors["recertification_window_months"] = _(
                "Alleen een hercertificering heeft deze termijn."
            )
        if window is not None and not 1 <= window <= 60:
            errors["recertification_window_months"] = _("Kies tussen 1 en 60 maanden.")
        if errors:
            raise ValidationError(errors)

    @property
    def framework_version(self):
        return self


class ScoreOption(models.Model):
    """One step of the assessment scale (e.g. *aangetoond*)."""

    version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.CASCADE,
        related_name="score_options",
        verbose_name=_("versie"),
    )
    code = models.SlugField(_("code"))
    label = models.CharField(_("label"), max_length=100)
    counts_as_met = models.BooleanField(_("telt als voldaan"), default=False)
    refers_to_interview = models.BooleanField(
        _("wordt besproken in het toetsgesprek"),
        default=False,
        help_text=_("Zoals *toelichten in toetsgesprek*: het criterium komt op de vragenlijst."),
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["version", "order", "pk"]
        verbose_name = _("beoordelingsoptie")
        verbose_name_plural = _("beoordelingsschaal")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_score_option_code"),
        ]

    def __str__(self):
        return self.label

    @property
    def framework_version(self):
        return self.version


class Section(models.Model):
    """An onderdeel of the portfolio: A, B1, B2, C, C1–C4, D, E."""

    version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("versie"),
    )
    code = models.CharField(_("code"), max_length=10)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"), blank=True)
    intro = models.TextField(_("uitwerking"), blank=True)
    counts_for_assessment = models.BooleanField(
        _("telt mee voor de kwalitatieve beoordeling"), default=True
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["version", "order", "pk"]
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_section_code"),
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"

    @property
    def framework_version(self):
        return self.version


class EducationRequirement(models.Model):
    """An A1 or A2 route: one option the candidate can choose."""

    section = models.ForeignKey(
        Section,
        on_delete=models.CASCADE,
        related_name="education_requirements",
        verbose_name=_("onderdeel"),
    )
    level = models.CharField(_("niveau"), max_length=20, choices=EducationLevel.choices)
    number = models.PositiveSmallIntegerField(_("nummer"))
    criterion = models.TextField(_("criterium"))
    deliverables = models.TextField(_("wat aanleveren"))
    exemption_note = models.TextField(_("vrijstellingen (tekst)"), blank=True)
    exempt_sections = models.ManyToManyField(
        Section, blank=True, related_name="exempted_by", verbose_name=_("vrijgestelde onderdelen")
    )
    waives_interview = models.BooleanField(_("vrijstelling toetsgesprek"), default=False)
    max_document_age_months = models.PositiveSmallIntegerField(
        _("document maximaal oud (maanden)"), null=True, blank=True
    )
    document_age_severity = models.CharField(
        _("een ouder document is"),
        max_length=20,
        choices=DocumentAgeSeverity.choices,
        default=DocumentAgeSeverity.BLOCKING,
        help_text=_(
            "Blokkerend volgt de bron (‘maximaal twee jaar oud’): een ouder document wordt bij "
            "het uploaden en bij het indienen geweigerd. Gemeten op de datum van de eerste "
            "indiening (daarvóór: vandaag)."
        ),
    )
    # The A2 diploma windows ("na augustus 2022 van Sara Werkt"): which providers and which
    # diploma dates the route accepts. Empty = no restriction of that kind.
    accepted_providers = models.JSONField(
        _("geaccepteerde opleiders"),
        default=list,
        blank=True,
        help_text=_("Het diploma moet van een van deze opleiders zijn; leeg = elke opleider."),
    )
    diploma_earliest = models.DateField(
        _("diploma behaald op of na"),
        null=True,
        blank=True,
        help_text=_(
            "De eerste toegestane diplomadatum (inbegrepen). ‘Na augustus 2022’ betekent: "
            "op of na 1 september 2022. Leeg = geen ondergrens."
        ),
    )
    diploma_latest = models.DateField(
        _("diploma behaald op of voor"),
        null=True,
        blank=True,
        help_text=_(
            "De laatste toegestane diplomadatum (inbegrepen). ‘Van voor 2013’ betekent: vóór "
            "1 januari 2013, dus op of voor 31 december 2012. Leeg = geen bovengrens."
        ),
    )
    min_study_hours = models.PositiveIntegerField(
        _("minimaal aantal studie-uren"), null=True, blank=True
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["section", "order", "pk"]
        verbose_name = _("opleidingseis")
        verbose_name_plural = _("opleidingseisen")
        constraints = [
            models.UniqueConstraint(
                fields=["section", "level", "number"], name="unique_education_requirement"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(diploma_earliest__isnull=True)
                    | models.Q(diploma_latest__isnull=True)
                    | models.Q(diploma_earliest__lte=models.F("diploma_latest"))
                ),
                name="diploma_window_in_order",
                violation_error_message=_(
                    "De vroegste diplomadatum moet op of voor de laatste diplomadatum liggen."
                ),
            ),
        ]

    def __str__(self):
        prefix = "A1" if self.level == EducationLevel.BASIC else "A2"
        return f"{prefix}.{self.number} {self.criterion[:70]}"

    @property
    def code(self) -> str:
        return f"{'A1' if self.level == EducationLevel.BASIC else 'A2'}.{self.number}"

    @property
    def has_diploma_window(self) -> bool:
        """The route accepts only some providers or some diploma dates."""
        return bool(self.accepted_providers) or bool(self.diploma_earliest or self.diploma_latest)

    @property
    def framework_version(self):
        return self.section.version


def _label_field(verbose_name, help_text) -> models.CharField:
    return models.CharField(verbose_name, max_length=120, blank=True, help_text=help_text)


class Declaration(models.Model):
    """A statement the candidate signs (B1 and E)."""

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="declarations", verbose_name=_("onderdeel")
    )
    code = models.CharField(_("code"), max_length=10)
    criterion = models.TextField(_("criterium"))
    statement = models.TextField(_("verklaring"))
    min_years = models.PositiveSmallIntegerField(_("minimaal aantal jaren"), null=True, blank=True)
    min_hours = models.PositiveIntegerField(_("minimaal aantal uren"), null=True, blank=True)
    # The names of the fields for the numbers: a recertification asks e.g. for other hours.
    years_label = _label_field(
        _("naam van het veld voor de jaren"), _("Leeg: ‘Jaren actief als uitvoerend jobcoach’.")
    )
    hours_label = _label_field(
        _("naam van het veld voor de uren"), _("Leeg: ‘Uren beroepsgerichte werkervaring’.")
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["section", "order", "pk"]
        verbose_name = _("verklaring")
        verbose_name_plural = _("verklaringen")
        constraints = [
            models.UniqueConstraint(fields=["section", "code"], name="unique_declaration_code"),
        ]

    def __str__(self):
        return f"{self.code} {self.statement[:70]}"

    def clean(self):
        # A text that states another number than the threshold is refused (the admin's
        # form shows it at the text): the candidate signs the text, the portal checks
        # the number.
        if problems := stated_numbers.declaration_drift(self):
            raise ValidationError(problems)

    @property
    def framework_version(self):
        return self.section.version

    @property
    def years_field_label(self) -> str:
        return self.years_label or str(DEFAULT_YEARS_LABEL)

    @property
    def hours_field_label(self) -> str:
        return self.hours_label or str(DEFAULT_HOURS_LABEL)
