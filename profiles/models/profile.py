"""The competency profiles: groups, items with their indicators and knowledge, text
blocks, thresholds and the glossary."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from profiles.enums import (
    GroupKind,
    ItemKind,
    KnowledgeDepth,
)


class Profile(models.Model):
    slug = models.SlugField(_("code"), unique=True)
    title = models.CharField(_("titel"), max_length=200)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    levels = models.PositiveSmallIntegerField(
        _("aantal niveaus"),
        null=True,
        blank=True,
        help_text=_("Alleen voor profielen met gedragsindicatoren per niveau."),
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("competentieprofiel")
        verbose_name_plural = _("competentieprofielen")

    def __str__(self):
        return self.title


class ProfileGroup(models.Model):
    profile = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="groups",
        verbose_name=_("competentieprofiel"),
    )
    code = models.SlugField(_("code"))
    kind = models.CharField(_("soort"), max_length=20, choices=GroupKind.choices)
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beschrijving"), blank=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["profile", "order", "pk"]
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")
        constraints = [
            models.UniqueConstraint(fields=["profile", "code"], name="unique_group_code"),
        ]

    def __str__(self):
        return self.title


class ProfileItem(models.Model):
    profile = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("competentieprofiel"),
    )
    group = models.ForeignKey(
        ProfileGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("groep"),
    )
    code = models.SlugField(_("code"))
    kind = models.CharField(_("soort"), max_length=30, choices=ItemKind.choices)
    title = models.TextField(_("titel"))
    definition = models.TextField(_("definitie"), blank=True)
    required_level = models.PositiveSmallIntegerField(_("vereist niveau"), null=True, blank=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["profile", "order", "pk"]
        verbose_name = _("profielonderdeel")
        verbose_name_plural = _("profielonderdelen")
        constraints = [
            models.UniqueConstraint(fields=["profile", "code"], name="unique_item_code"),
        ]

    def __str__(self):
        return f"{self.profile.title} · {self.title}" if self.profile_id else self.title


class ProfileIndicator(models.Model):
    item = models.ForeignKey(
        ProfileItem,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("profielonderdeel"),
    )
    level = models.PositiveSmallIntegerField(_("niveau"), null=True, blank=True)
    text = models.TextField(_("tekst"))
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["item", "level", "order", "pk"]
        verbose_name = _("gedragsindicator")
        verbose_name_plural = _("gedragsindicatoren")

    def __str__(self):
        return self.text[:80]


class KnowledgeItem(models.Model):
    item = models.ForeignKey(
        ProfileItem,
        on_delete=models.CASCADE,
        related_name="knowledge",
        verbose_name=_("profielonderdeel"),
    )
    depth = models.CharField(_("diepgang"), max_length=20, choices=KnowledgeDepth.choices)
    text = models.TextField(_("tekst"))
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["item", "order", "pk"]
        verbose_name = _("kennisonderdeel")
        verbose_name_plural = _("kennisonderdelen")

    def __str__(self):
        return self.text[:80]


class TextBlock(models.Model):
    profile = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="text_blocks",
        verbose_name=_("competentieprofiel"),
    )
    key = models.SlugField(_("sleutel"))
    title = models.CharField(_("titel"), max_length=300)
    body = models.TextField(_("tekst"))
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["profile", "order", "pk"]
        verbose_name = _("tekstblok")
        verbose_name_plural = _("tekstblokken")
        constraints = [
            models.UniqueConstraint(fields=["profile", "key"], name="unique_text_block_key"),
        ]

    def __str__(self):
        return self.title


class Threshold(models.Model):
    profile = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="thresholds",
        verbose_name=_("competentieprofiel"),
    )
    name = models.CharField(_("naam"), max_length=200)
    minimum = models.DecimalField(
        _("minimum"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    maximum = models.DecimalField(
        _("maximum"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("eenheid"), max_length=100, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["profile", "order", "pk"]
        verbose_name = _("drempelwaarde")
        verbose_name_plural = _("drempelwaarden")

    def __str__(self):
        return self.name


class GlossaryTerm(models.Model):
    profile = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="glossary",
        verbose_name=_("competentieprofiel"),
    )
    term = models.CharField(_("begrip"), max_length=200)
    definition = models.TextField(_("definitie"))
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["profile", "order", "pk"]
        verbose_name = _("begrip")
        verbose_name_plural = _("begrippenlijst")

    def __str__(self):
        return self.term
