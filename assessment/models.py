"""The review of a submitted portfolio: assessors, independent scores, agreement, audit."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessment.enums import AssessorRole, Decision, ReminderKind, ReviewState, RuleVerdict
from portal.enums import label_of


class Review(models.Model):
    """The review workflow of one portfolio. Only `assessment.services` changes `state`."""

    portfolio = models.OneToOneField(
        "portfolio.Portfolio", on_delete=models.PROTECT, related_name="review"
    )
    state = models.CharField(
        _("status"),
        max_length=30,
        choices=ReviewState.choices,
        default=ReviewState.SUBMITTED,
        db_index=True,
    )
    round = models.PositiveSmallIntegerField(_("ronde"), default=1)
    interview_required = models.BooleanField(_("toetsgesprek nodig"), default=True)
    # How many assessors the framework version asks (1 or 2), fixed at the assignment.
    assessor_count = models.PositiveSmallIntegerField(_("aantal assessoren"), default=2)
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("motivering van het besluit"), blank=True)
    # What the decision rule (assessment.decision) said when the decision was taken.
    rule_verdict = models.CharField(
        _("uitkomst volgens de regel"), max_length=20, choices=RuleVerdict.choices, blank=True
    )
    interview_questions = models.TextField(_("vragen voor het toetsgesprek"), blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    state_changed_at = models.DateTimeField(_("status gewijzigd op"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")

    def __str__(self):
        return f"{self.portfolio} · {self.get_state_display()}"

    # Shown per row in the office queue and the assessors' lists (see label_of).
    def get_state_display(self):
        return label_of(ReviewState, self.state)

    def get_decision_display(self):
        return label_of(Decision, self.decision)

    def get_rule_verdict_display(self):
        return label_of(RuleVerdict, self.rule_verdict)

    @property
    def follows_rule(self) -> bool:
        """Did the recorded decision follow the rule's verdict (undecided: never)?"""
        return bool(self.decision) and self.decision == self.rule_verdict


class Assignment(models.Model):
    """An assessor on a review. The assessor declares (no) conflict of interest first."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="assignments")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("rol"), max_length=10, choices=AssessorRole.choices)
    criteria = models.JSONField(
        _("betwiste criteria"),
        default=list,
        blank=True,
        help_text=_("Alleen voor een derde assessor: de criteria waarover die oordeelt."),
    )
    declared_at = models.DateTimeField(_("verklaring belangenconflict op"), null=True, blank=True)
    conflict = models.TextField(_("gemeld belangenconflict"), blank=True)
    withdrawn_at = models.DateTimeField(_("teruggetrokken op"), null=True, blank=True)
    created_at = models.DateTimeField(_("toegewezen op"), auto_now_add=True)

    class Meta:
        ordering = ["review", "created_at"]
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "assessor"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_assignment_per_assessor",
            ),
        ]

    def __str__(self):
        return f"{self.assessor} · {self.get_role_display()}"

    def get_role_display(self):  # see label_of
        return label_of(AssessorRole, self.role)

    @property
    def may_open_portfolio(self) -> bool:
        return self.declared_at is not None and not self.conflict and self.withdrawn_at is None


class Assessment(models.Model):
    """One assessor's independent scoring of one round."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="assessments")
    round = models.PositiveSmallIntegerField(_("ronde"), default=1)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)

    class Meta:
        ordering = ["assignment", "round"]
        verbose_name = _("beoordeling door een assessor")
        verbose_name_plural = _("beoordelingen door assessoren")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "round"], name="one_assessment_per_round"
            ),
        ]

    def __str__(self):
        return f"{self.assignment} ronde {self.round}"


class Score(models.Model):
    """A score on one criterion (scale option) or one formal condition/declaration (met?)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        "profiles.Criterion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    condition = models.ForeignKey(
        "profiles.Condition", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    declaration = models.ForeignKey(
        "profiles.Declaration", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    option = models.ForeignKey(
        "profiles.ScoreOption", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    met = models.BooleanField(_("voldaan"), null=True, blank=True)
    motivation = models.TextField(_("motivering"), blank=True)
    interview_question = models.TextField(_("vraag voor het toetsgesprek"), blank=True)
    updated_at = models.DateTimeField(_("laatst opgeslagen"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        # MAX(updated_at) in the quality dashboard's data stamp (quality.stored), read on
        # every visit: a scan of every score without it (150 ms at 5,000 reviews).
        indexes = [models.Index(fields=["updated_at"], name="score_updated_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"],
                condition=models.Q(criterion__isnull=False),
                name="one_score_per_criterion",
            ),
            models.UniqueConstraint(
                fields=["assessment", "condition"],
                condition=models.Q(condition__isnull=False),
                name="one_score_per_condition",
            ),
            models.UniqueConstraint(
                fields=["assessment", "declaration"],
                condition=models.Q(declaration__isnull=False),
                name="one_score_per_declaration",
            ),
        ]

    def __str__(self):
        return f"{self.assessment_id}: {self.option_id or self.met}"


class AgreedScore(models.Model):
    """The joint verdict of the assessors on one criterion of one round."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="agreed_scores")
    round = models.PositiveSmallIntegerField(_("ronde"), default=1)
    criterion = models.ForeignKey("profiles.Criterion", on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey("profiles.ScoreOption", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("toelichting"), blank=True)
    final_option = models.ForeignKey(
        "profiles.ScoreOption",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eindscore na het toetsgesprek"),
    )

    class Meta:
        verbose_name = _("gezamenlijk oordeel")
        verbose_name_plural = _("gezamenlijke oordelen")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "round", "criterion"], name="one_agreed_score_per_criterion"
            ),
        ]

    def __str__(self):
        return f"{self.review_id} {self.criterion_id}: {self.option_id}"


class Reminder(models.Model):
    """A deadline reminder that went out: at most one per review, kind and round on each
    local day (Europe/Amsterdam). The unique constraint is what makes the daily task
    idempotent, also when two runs overlap. The history of the workflow itself is the
    audit trail (audit.AuditEntry, action review.transition)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("soort"), max_length=20, choices=ReminderKind.choices)
    round = models.PositiveSmallIntegerField(_("ronde"))
    sent_on = models.DateField(_("verstuurd op (lokale datum)"))
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "kind", "round", "sent_on"], name="one_reminder_per_local_day"
            ),
        ]

    def __str__(self):
        return f"{self.review_id} {self.kind} ronde {self.round} {self.sent_on}"


class Interview(models.Model):
    """The toetsgesprek: when and where, and what was said per open question."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="interview")
    scheduled_at = models.DateTimeField(_("datum en tijd"))
    location = models.CharField(_("plaats"), max_length=300, blank=True)
    video_link = models.URLField(_("videolink"), blank=True)
    notes = models.TextField(_("verslag per open vraag"), blank=True)
    held_at = models.DateTimeField(_("gehouden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("toetsgesprek")
        verbose_name_plural = _("toetsgesprekken")

    def __str__(self):
        return f"{self.review_id} {timezone.localtime(self.scheduled_at):%Y-%m-%d %H:%M}"


def report_upload_to(instance, filename: str) -> str:
    return f"reports/{instance.review_id}/{uuid.uuid4().hex}.pdf"


class Report(models.Model):
    """The PDF report of a decision (one per review round; made by a Celery task)."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="reports")
    round = models.PositiveSmallIntegerField(_("ronde"))
    file = models.FileField(_("bestand"), upload_to=report_upload_to, max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporten")
        # One report per decision, not per round (services.make_report checks it under the
        # review's row lock): a decision revised after an objection gets a new report.

    def __str__(self):
        return f"{self.review_id} ronde {self.round}"
