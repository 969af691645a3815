"""What a section asks: questions, scored criteria with their indicators, and the
questions of the professional product."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from profiles.enums import (
    AnswerKind,
    IndicatorKind,
)
from profiles.models.framework import Declaration, EducationRequirement, Section
from profiles.models.profile import ProfileItem


class Question(models.Model):
    """Something the candidate fills that is not a scored criterion (B2, C, D)."""

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("onderdeel")
    )
    code = models.CharField(_("code"), max_length=10)
    text = models.TextField(_("vraag"))
    guidance = models.TextField(_("handreiking"), blank=True)
    answer_kind = models.CharField(
        _("soort antwoord"), max_length=20, choices=AnswerKind.choices, default=AnswerKind.TEXT
    )
    word_guide = models.PositiveIntegerField(_("richtlijn aantal woorden"), null=True, blank=True)
    shows_previous = models.CharField(
        _("toon het antwoord van de vorige certificering op"),
        max_length=20,
        blank=True,
        help_text=_(
            "De code van een vraag of criterium in het verzegelde portfolio van de vorige "
            "certificering (bijvoorbeeld D.4, het ontwikkelplan): het antwoord staat "
            "alleen-lezen naast het tekstvak."
        ),
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["section", "order", "pk"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        constraints = [
            models.UniqueConstraint(fields=["section", "code"], name="unique_question_code"),
        ]

    def __str__(self):
        return f"{self.code} {self.text[:70]}"

    @property
    def framework_version(self):
        return self.section.version


class Criterion(models.Model):
    """A scored criterion: a task (C1), knowledge area (C2), competency (C3), attitude (C4)."""

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("onderdeel")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.TextField(_("titel"))
    description = models.TextField(_("omschrijving"), blank=True)
    guidance = models.TextField(_("handreiking"), blank=True)
    answer_kind = models.CharField(
        _("soort antwoord"), max_length=20, choices=AnswerKind.choices, default=AnswerKind.TEXT
    )
    word_guide = models.PositiveIntegerField(_("richtlijn aantal woorden"), null=True, blank=True)
    product_name = models.CharField(_("beroepsproduct"), max_length=100, blank=True)
    related_items = models.ManyToManyField(
        ProfileItem,
        blank=True,
        related_name="criteria",
        verbose_name=_("verwante onderdelen in de profielen"),
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["section", "order", "pk"]
        verbose_name = _("criterium")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="unique_criterion_number"),
        ]

    def __str__(self):
        return f"{self.section.code}.{self.number} {self.title[:70]}"

    @property
    def code(self) -> str:
        return f"{self.section.code}.{self.number}"

    # The two properties below filter the (prefetched) indicators in Python, so a page
    # that prefetches `indicators` runs no extra query per criterion.
    @property
    def main_indicators(self) -> list:
        return [i for i in self.indicators.all() if i.kind == IndicatorKind.INDICATOR]

    @property
    def examples(self) -> list:
        return [i for i in self.indicators.all() if i.kind == IndicatorKind.EXAMPLE]

    @property
    def framework_version(self):
        return self.section.version


class CriterionIndicator(models.Model):
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("criterium")
    )
    kind = models.CharField(
        _("soort"), max_length=20, choices=IndicatorKind.choices, default=IndicatorKind.INDICATOR
    )
    text = models.TextField(_("tekst"))
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["criterion", "order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self):
        return self.text[:80]

    @property
    def framework_version(self):
        return self.criterion.section.version


class ProductQuestion(models.Model):
    """A numbered question of a beroepsproduct (e.g. the werknemersprofiel)."""

    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.CASCADE,
        related_name="product_questions",
        verbose_name=_("criterium"),
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("vraag"))

    class Meta:
        ordering = ["criterion", "number"]
        verbose_name = _("vraag van het beroepsproduct")
        verbose_name_plural = _("vragen van het beroepsproduct")
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "number"], name="unique_product_question_number"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:70]}"

    @property
    def framework_version(self):
        return self.criterion.section.version


class Condition(models.Model):
    """A randvoorwaarde, of an education route or of a declaration."""

    requirement = models.ForeignKey(
        EducationRequirement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conditions",
        verbose_name=_("opleidingseis"),
    )
    declaration = models.ForeignKey(
        Declaration,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conditions",
        verbose_name=_("verklaring"),
    )
    text = models.TextField(_("randvoorwaarde"))
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("randvoorwaarde")
        verbose_name_plural = _("randvoorwaarden")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(requirement__isnull=False, declaration__isnull=True)
                    | models.Q(requirement__isnull=True, declaration__isnull=False)
                ),
                name="condition_has_one_owner",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def framework_version(self):
        owner = self.requirement or self.declaration
        return owner.section.version
