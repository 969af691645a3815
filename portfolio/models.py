"""A candidate's portfolio, bound to the framework version it was started on."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("portfolio")
        verbose_name_plural = _("portfolio's")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate"],
                condition=models.Q(state__in=ACTIVE_STATES),
                name="one_active_portfolio_per_candidate",
            ),
        ]

    def __str__(self):
        return f"{self.candidate} · {self.framework_version}"
