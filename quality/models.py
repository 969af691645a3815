"""What the office sets for the quality dashboard, and calibration cases."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from quality.enums import Coefficient


class QualitySettings(models.Model):
    """The office's thresholds (one row; `current()` makes it with the defaults)."""

    coefficient = models.CharField(
        _("coëfficiënt voor de drempel"),
        max_length=10,
        choices=Coefficient.choices,
        default=Coefficient.KAPPA,
    )
    threshold = models.DecimalField(
        _("drempel"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.40"),
        validators=[MinValueValidator(Decimal("-1")), MaxValueValidator(Decimal("1"))],
        help_text=_("Een criterium met een lagere overeenstemming wordt gemarkeerd."),
    )
    min_pairs = models.PositiveSmallIntegerField(
        _("minimum aantal paren"),
        default=20,
        validators=[MinValueValidator(2)],
        help_text=_("Met minder paren is een coëfficiënt te onzeker om te markeren."),
    )
    calibration_required = models.BooleanField(
        _("kalibratie vereist voor toewijzing"), default=False
    )
    calibration_valid_days = models.PositiveSmallIntegerField(
        _("kalibratie geldig (dagen)"), default=365, validators=[MinValueValidator(1)]
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("instellingen kwaliteit")
        verbose_name_plural = _("instellingen kwaliteit")

    def __str__(self):
        return f"{self.get_coefficient_display()} < {self.threshold}"

    @classmethod
    def current(cls) -> "QualitySettings":
        """The office's row, or (unsaved) the defaults: reading never writes."""
        settings_row = cls.objects.order_by("pk").first()
        return settings_row if settings_row is not None else cls()


class CalibrationCase(models.Model):
    """A sealed portfolio the assessors score to calibrate, with reference scores."""

    portfolio = models.OneToOneField(
        "portfolio.Portfolio",
        on_delete=models.PROTECT,
        related_name="calibration_case",
        verbose_name=_("portfolio"),
    )
    title = models.CharField(_("titel"), max_length=200)
    active = models.BooleanField(_("in gebruik"), default=True)
    consent_note = models.CharField(
        _("toestemming / anonimisering"),
        max_length=500,
        help_text=_("Demodata, of de toestemming van de kandidaat en hoe is geanonimiseerd."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("kalibratiecasus")
        verbose_name_plural = _("kalibratiecasussen")

    def __str__(self):
        return self.title


class CalibrationReference(models.Model):
    """The reference score of a calibration case on one criterion, with its motivation."""

    case = models.ForeignKey(
        CalibrationCase,
        on_delete=models.CASCADE,
        related_name="references",
        verbose_name=_("kalibratiecasus"),
    )
    criterion = models.ForeignKey(
        "profiles.Criterion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("criterium"),
    )
    option = models.ForeignKey(
        "profiles.ScoreOption", on_delete=models.PROTECT, related_name="+", verbose_name=_("score")
    )
    motivation = models.TextField(_("motivering van de referentiescore"), max_length=4000)

    class Meta:
        verbose_name = _("referentiescore")
        verbose_name_plural = _("referentiescores")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "criterion"], name="one_reference_per_criterion"
            ),
        ]

    def __str__(self):
        return f"{self.case_id} {self.criterion_id}: {self.option_id}"


class CalibrationScore(models.Model):
    """An assessor's score of one criterion of a calibration case (a calibration round);
    the round is complete when every referenced criterion has one."""

    case = models.ForeignKey(
        CalibrationCase,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("kalibratiecasus"),
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="calibration_scores",
        verbose_name=_("assessor"),
    )
    criterion = models.ForeignKey(
        "profiles.Criterion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("criterium"),
    )
    option = models.ForeignKey(
        "profiles.ScoreOption", on_delete=models.PROTECT, related_name="+", verbose_name=_("score")
    )
    motivation = models.TextField(_("motivering"), max_length=4000, blank=True)
    scored_at = models.DateTimeField(_("gescoord op"), auto_now=True)

    class Meta:
        verbose_name = _("kalibratiescore")
        verbose_name_plural = _("kalibratiescores")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "assessor", "criterion"], name="one_calibration_score_per_criterion"
            ),
        ]

    def __str__(self):
        return f"{self.case_id} {self.assessor_id} {self.criterion_id}: {self.option_id}"


class FiguresStamp(models.Model):
    """A single row (pk 1) that every committed change to the data behind the quality
    figures replaces, in the transaction of the change (quality.stamp, quality.signals)."""

    token = models.CharField(_("stempel"), max_length=32)
    changes = models.BigIntegerField(_("aantal wijzigingen"), default=0)
    changed_at = models.DateTimeField(_("gewijzigd op"), null=True)

    class Meta:
        verbose_name = _("stempel van de kwaliteitscijfers")
        verbose_name_plural = _("stempel van de kwaliteitscijfers")

    def __str__(self):
        return f"{self.changes}: {self.token}"


class CalibrationRound(models.Model):
    """An assessor submitted their scores of a calibration case: a completed calibration
    round (what eligibility counts). A case can be scored again later: each submission
    is a round of its own, the scores (CalibrationScore) are the latest."""

    case = models.ForeignKey(CalibrationCase, on_delete=models.CASCADE, related_name="rounds")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="calibration_rounds"
    )
    submitted_at = models.DateTimeField(_("ingediend op"))

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("kalibratieronde")
        verbose_name_plural = _("kalibratierondes")
        indexes = [models.Index(fields=["assessor", "submitted_at"], name="calibration_round_idx")]

    def __str__(self):
        return f"{self.case_id} {self.assessor_id}: {self.submitted_at:%Y-%m-%d}"
