"""A candidate's portfolio, bound to the framework version it was started on."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.enums import label_of
from portfolio.enums import ACTIVE_STATES, PortfolioState
from profiles.enums import EducationLevel


class Portfolio(models.Model):
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="portfolios",
        verbose_name=_("kandidaat"),
    )
    framework_version = models.ForeignKey(
        "profiles.FrameworkVersion",
        on_delete=models.PROTECT,
        related_name="portfolios",
        verbose_name=_("versie van het toetsingskader"),
    )
    state = models.CharField(
        _("status"),
        max_length=30,
        choices=PortfolioState.choices,
        default=PortfolioState.DRAFT,
        db_index=True,
    )
    basic_route = models.ForeignKey(
        "profiles.EducationRequirement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"level": EducationLevel.BASIC},
        verbose_name=_("basisopleidingseis (A1)"),
    )
    supplementary_route = models.ForeignKey(
        "profiles.EducationRequirement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"level": EducationLevel.SUPPLEMENTARY},
        verbose_name=_("aanvullende opleidingseis (A2)"),
    )
    # What the candidate states about the A2 diploma where the route names a window
    # ("na augustus 2022 van Sara Werkt"); checked against it (portfolio.eligibility).
    diploma_date = models.DateField(_("datum van het diploma (A2)"), null=True, blank=True)
    diploma_provider = models.CharField(
        _("opleider van het diploma (A2)"), max_length=200, blank=True
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    first_submitted_on = models.DateField(
        _("eerste indiening op"),
        null=True,
        blank=True,
        help_text=_(
            "De lokale datum van de eerste indiening: de termijnen (casus, leeftijd van "
            "documenten) worden op die datum gemeten, ook bij het opnieuw indienen."
        ),
    )
    reopened_sections = models.JSONField(
        _("heropende onderdelen"),
        default=list,
        blank=True,
        help_text=_("Codes van de onderdelen die de kandidaat mag aanvullen."),
    )
    additions_deadline = models.DateField(_("aanvullen uiterlijk op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("portfolio")
        verbose_name_plural = _("portfolio's")
        indexes = [
            # The office queue's order: a page is read from the index, not sorted from
            # every submitted portfolio (bench/README.md).
            models.Index(fields=["submitted_at", "id"], name="portfolio_queue_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate"],
                condition=models.Q(state__in=ACTIVE_STATES),
                name="one_active_portfolio_per_candidate",
            ),
        ]

    def __str__(self):
        return f"{self.candidate} · {self.framework_version}"

    def get_state_display(self):  # see label_of
        return label_of(PortfolioState, self.state)

    @property
    def is_editable(self) -> bool:
        """Something can be changed: a draft, or the parts reopened for additions."""
        return self.state in (PortfolioState.DRAFT, PortfolioState.REOPENED)

    def section_is_editable(self, code: str) -> bool:
        if self.state == PortfolioState.DRAFT:
            return True
        return self.state == PortfolioState.REOPENED and code in self.reopened_sections


class Answer(models.Model):
    """A text (or date) the candidate wrote for one question, criterion or product question.

    `revision` is the optimistic lock: a save names the revision it was based on, and a
    save based on an older revision is refused (two tabs never overwrite each other).
    """

    portfolio = models.ForeignKey(Portfolio, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        "profiles.Question", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    criterion = models.ForeignKey(
        "profiles.Criterion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    product_question = models.ForeignKey(
        "profiles.ProductQuestion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("tekst"), blank=True)
    date_value = models.DateField(_("datum"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revisie"), default=1)
    updated_at = models.DateTimeField(_("laatst opgeslagen"), auto_now=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["portfolio", "question"],
                condition=models.Q(question__isnull=False),
                name="one_answer_per_question",
            ),
            models.UniqueConstraint(
                fields=["portfolio", "criterion"],
                condition=models.Q(criterion__isnull=False),
                name="one_answer_per_criterion",
            ),
            models.UniqueConstraint(
                fields=["portfolio", "product_question"],
                condition=models.Q(product_question__isnull=False),
                name="one_answer_per_product_question",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        question__isnull=False,
                        criterion__isnull=True,
                        product_question__isnull=True,
                    )
                    | models.Q(
                        question__isnull=True,
                        criterion__isnull=False,
                        product_question__isnull=True,
                    )
                    | models.Q(
                        question__isnull=True,
                        criterion__isnull=True,
                        product_question__isnull=False,
                    )
                ),
                name="answer_has_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.portfolio_id}: {self.text[:40]}"

    @property
    def is_filled(self) -> bool:
        return bool(self.text.strip()) or self.date_value is not None


def document_upload_to(instance, filename: str) -> str:
    # Random keys: the stored name reveals nothing about the candidate or the file.
    return f"portfolios/{instance.portfolio_id}/{uuid.uuid4().hex}"


class Document(models.Model):
    """An uploaded file: a diploma/certificate/report for an A route, or the B2 CV."""

    portfolio = models.ForeignKey(Portfolio, on_delete=models.CASCADE, related_name="documents")
    requirement = models.ForeignKey(
        "profiles.EducationRequirement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    question = models.ForeignKey(
        "profiles.Question", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file = models.FileField(_("bestand"), upload_to=document_upload_to, max_length=300)
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    document_date = models.DateField(_("datum van het document"))
    study_hours = models.PositiveIntegerField(_("studie-uren"), null=True, blank=True)
    uploaded_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(requirement__isnull=False, question__isnull=True)
                    | models.Q(requirement__isnull=True, question__isnull=False)
                ),
                name="document_has_one_target",
            ),
        ]

    def __str__(self):
        return self.original_name


class Signature(models.Model):
    """A signed declaration (B1, E): who, when, and the exact text that was signed."""

    portfolio = models.ForeignKey(Portfolio, on_delete=models.CASCADE, related_name="signatures")
    declaration = models.ForeignKey(
        "profiles.Declaration", on_delete=models.PROTECT, related_name="+"
    )
    statement = models.TextField(_("ondertekende tekst"))
    # Room for the longest account name: first (150) + space + last name (150).
    full_name = models.CharField(_("volledige naam"), max_length=301)
    signed_on = models.DateField(_("datum"))
    years = models.PositiveSmallIntegerField(_("jaren"), null=True, blank=True)
    hours = models.PositiveIntegerField(_("uren"), null=True, blank=True)
    signed_at = models.DateTimeField(_("ondertekend op"), auto_now_add=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["signed_at"]
        verbose_name = _("ondertekende verklaring")
        verbose_name_plural = _("ondertekende verklaringen")
        constraints = [
            models.UniqueConstraint(
                fields=["portfolio", "declaration"], name="one_signature_per_declaration"
            ),
        ]

    def __str__(self):
        return f"{self.full_name} · {self.signed_on}"


class Snapshot(models.Model):
    """The sealed content of a submitted portfolio and its SHA-256 fingerprint."""

    portfolio = models.ForeignKey(Portfolio, on_delete=models.PROTECT, related_name="snapshots")
    round = models.PositiveSmallIntegerField(_("ronde"), default=1)
    content = models.JSONField(_("inhoud"))
    sha256 = models.CharField(_("SHA-256-vingerafdruk"), max_length=64)
    created_at = models.DateTimeField(_("verzegeld op"), auto_now_add=True)
    # The candidate submitted although the privacy guard warned (portfolio.privacy): when,
    # by whom, and which kinds of finding in which fields — never the values themselves.
    privacy_override_at = models.DateTimeField(
        _("privacywaarschuwingen bevestigd op"), null=True, blank=True
    )
    privacy_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("privacywaarschuwingen bevestigd door"),
    )
    privacy_findings = models.JSONField(
        _("genegeerde privacywaarschuwingen"),
        default=list,
        blank=True,
        help_text=_("Per veld het soort gegeven en het aantal, zonder de gegevens zelf."),
    )

    class Meta:
        ordering = ["portfolio", "round"]
        verbose_name = _("verzegelde inzending")
        verbose_name_plural = _("verzegelde inzendingen")
        constraints = [
            models.UniqueConstraint(fields=["portfolio", "round"], name="one_snapshot_per_round"),
        ]

    def __str__(self):
        return f"{self.portfolio_id} ronde {self.round}: {self.sha256[:12]}…"
