"""The register: the office's policy (data), registrations, their number counters and
the renewal reminders that went out."""

import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from profiles.enums import ProvenanceKind
from register.enums import RegistrationStatus

# The placeholders a number format may hold: the year of the grant and the sequence
# number of that year, optionally zero-padded ({nummer:05d}). Nothing else: a format is
# data typed in the admin, never a way into Python's attribute access.
NUMBER_PLACEHOLDER = re.compile(r"\{(jaar|nummer(?::0[1-9]d)?)\}")
# What a number may consist of: it is part of the public URLs.
NUMBER_CHARACTERS = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,39}$")
MAX_STRUCK_OFF_VISIBLE_MONTHS = 120
MONTH_LIST = re.compile(r"^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$")


class RegisterPolicy(models.Model):
    """The office's register policy: set by the office (not text of the toetsingskader),
    edited in the admin. One default (no framework version) and optionally one per
    version, which then wins for registrations granted on it (e.g. a recertification
    framework with its own validity)."""

    version = models.OneToOneField(
        "profiles.FrameworkVersion",
        verbose_name=_("kaderversie"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="register_policy",
        help_text=_("Leeg: het beleid voor elke kaderversie zonder eigen beleid."),
    )
    number_format = models.CharField(
        _("formaat van het registratienummer"),
        max_length=60,
        default="RJC-{jaar}-{nummer:05d}",
        help_text=_("Met {jaar} en {nummer} (of {nummer:05d}: met voorloopnullen)."),
    )
    validity_months = models.PositiveSmallIntegerField(_("geldigheidsduur (maanden)"), default=48)
    expiring_months = models.PositiveSmallIntegerField(
        _("'verloopt binnenkort' vanaf (maanden voor het einde)"), default=6
    )
    reminder_months = models.CharField(
        _("herinneringen (maanden voor het einde)"),
        max_length=40,
        default="12,6,1",
        help_text=_("Gescheiden door komma's, bijvoorbeeld 12,6,1."),
    )
    noindex = models.BooleanField(
        _("niet laten indexeren door zoekmachines"),
        default=True,
        help_text=_("Het openbare register vraagt zoekmachines de pagina's niet op te nemen."),
    )
    show_suspension = models.BooleanField(
        _("schorsing openbaar tonen"),
        default=True,
        help_text=_(
            "Aan: het register en de verificatie zeggen 'geschorst'. Uit: een geschorste "
            "registratie staat tijdens de schorsing niet in het openbare register (nooit "
            "'geldig')."
        ),
    )
    struck_off_visible_months = models.PositiveSmallIntegerField(
        _("doorhaling zichtbaar (maanden)"),
        default=24,
        help_text=_(
            "Zo lang na de doorhaling zegt het openbare register 'doorgehaald'; daarna staat "
            "de registratie er niet meer in. 0: een doorhaling wordt niet getoond."
        ),
    )
    note = models.TextField(_("toelichting van het bureau"), blank=True, max_length=2000)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("registerbeleid")
        verbose_name_plural = _("registerbeleid")
        constraints = [
            # One default policy (version empty): NULLs are distinct to a plain unique.
            models.UniqueConstraint(Coalesce("version", 0), name="one_register_policy_each"),
        ]

    def __str__(self):
        if self.version_id is None:
            return str(_("Registerbeleid (standaard)"))
        return str(_("Registerbeleid voor %(version)s") % {"version": self.version})

    @property
    def provenance(self) -> str:
        """These values are the office's, not the source text's (profiles.provenance)."""
        return str(ProvenanceKind.OFFICE.label)

    @property
    def reminder_offsets(self) -> list[int]:
        """The reminder offsets in months, largest first (12, 6, 1)."""
        return sorted({int(part) for part in self.reminder_months.split(",")}, reverse=True)

    def format_number(self, *, year: int, sequence: int) -> str:
        return self.number_format.format(jaar=year, nummer=sequence).upper()

    def clean(self):
        errors = {}
        rest = NUMBER_PLACEHOLDER.sub("", self.number_format)
        if "{" in rest or "}" in rest or "{nummer" not in self.number_format:
            errors["number_format"] = _("Gebruik {nummer} en eventueel {jaar}, verder niets.")
        elif not NUMBER_CHARACTERS.match(self.format_number(year=2030, sequence=12345)):
            errors["number_format"] = _(
                "Een nummer bestaat uit hoofdletters, cijfers en streepjes (3 tot 40 tekens)."
            )
        if not MONTH_LIST.match(self.reminder_months or ""):
            errors["reminder_months"] = _("Geef maanden als getallen, gescheiden door komma's.")
        if not 1 <= (self.validity_months or 0) <= 120:
            errors["validity_months"] = _("De geldigheidsduur ligt tussen 1 en 120 maanden.")
        if (self.struck_off_visible_months or 0) > MAX_STRUCK_OFF_VISIBLE_MONTHS:
            errors["struck_off_visible_months"] = _(
                "Een doorhaling is hoogstens 120 maanden zichtbaar."
            )
        if (self.expiring_months or 0) > (self.validity_months or 0):
            errors["expiring_months"] = _("Dit kan niet langer zijn dan de geldigheidsduur.")
        if errors:
            raise ValidationError(errors)


class NumberCounter(models.Model):
    """The last sequence number handed out per year (locked while numbering)."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class Registration(models.Model):
    """A job coach's registration: created by a grant, its status changed only by
    `register.services` (audited and e-mailed)."""

    number = models.CharField(_("registratienummer"), max_length=40, unique=True)
    candidate = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("jobcoach"),
        on_delete=models.CASCADE,
        related_name="registration",
    )
    review = models.ForeignKey(
        "assessment.Review",
        verbose_name=_("beoordeling van de toekenning"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    framework_version = models.ForeignKey(
        "profiles.FrameworkVersion",
        verbose_name=_("toegekend op kaderversie"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField(_("ingangsdatum"))
    valid_until = models.DateField(_("geldig tot en met"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.VALID,
        db_index=True,
    )
    status_reason = models.CharField(_("reden van de status"), max_length=300, blank=True)
    # The local date of the last status change (empty: unchanged since the start), and
    # the last day of a suspension (empty while suspended: until the office lifts it).
    status_since = models.DateField(_("status sinds"), null=True, blank=True)
    suspended_until = models.DateField(_("geschorst tot en met"), null=True, blank=True)
    # What the public register shows: the name always; the rest as the job coach chose.
    public_name = models.CharField(_("naam in het register"), max_length=200)
    place = models.CharField(_("plaats"), max_length=100, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=150, blank=True)
    website = models.URLField(_("website"), max_length=200, blank=True)
    show_place = models.BooleanField(_("plaats tonen"), default=False)
    show_organisation = models.BooleanField(_("organisatie tonen"), default=False)
    show_website = models.BooleanField(_("website tonen"), default=False)
    consent_changed_at = models.DateTimeField(_("keuze gewijzigd"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        ordering = ["public_name", "number"]
        verbose_name = _("registratie")
        verbose_name_plural = _("registraties")

    def __str__(self):
        return f"{self.number} {self.public_name}"

    # What the public pages show besides the name and the number: each only as the job
    # coach chose ("" otherwise). The search finds a place only where it is shown too
    # (`register.selectors.search`).
    @property
    def shown_place(self) -> str:
        return self.place if self.show_place else ""

    @property
    def shown_organisation(self) -> str:
        return self.organisation if self.show_organisation else ""

    @property
    def shown_website(self) -> str:
        return self.website if self.show_website else ""


class RenewalReminder(models.Model):
    """A renewal reminder that went out: one per registration, offset and period (a
    renewed registration is reminded again). The constraint makes the daily task
    idempotent, also when two runs overlap."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    months_before = models.PositiveSmallIntegerField(_("maanden voor het einde"))
    valid_until = models.DateField(_("voor de periode tot en met"))
    sent_on = models.DateField(_("verstuurd op (lokale datum)"))

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = _("verlengingsherinnering")
        verbose_name_plural = _("verlengingsherinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "months_before", "valid_until"],
                name="one_renewal_reminder_each",
            ),
        ]

    def __str__(self):
        return f"{self.registration_id} {self.months_before} mnd {self.sent_on}"


# Under the job coach's id (not the registration's): erasure deletes the folder after
# the registration row is gone (dataprotection.services._storage_prefixes).
CERTIFICATE_FOLDER = "certificates/{candidate_id}"


def certificate_upload_to(instance, filename: str) -> str:
    folder = CERTIFICATE_FOLDER.format(candidate_id=instance.registration.candidate_id)
    return f"{folder}/{uuid.uuid4().hex}.pdf"


class Certificate(models.Model):
    """The registration's certificate PDF (made by a Celery task, register.certificate):
    one per registration, re-made when what it prints changes (`content_key`)."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="certificate"
    )
    file = models.FileField(_("bestand"), upload_to=certificate_upload_to, max_length=300)
    sha256 = models.CharField(_("SHA-256 van het bestand"), max_length=64)
    # SHA-256 of what the certificate prints (register.certificate.facts): a certificate
    # whose key differs from the registration's current one is out of date.
    content_key = models.CharField(_("inhoudssleutel"), max_length=64)
    made_on = models.DateField(_("afgegeven op (lokale datum)"))
    created_at = models.DateTimeField(_("gemaakt"), auto_now=True)

    class Meta:
        verbose_name = _("certificaat")
        verbose_name_plural = _("certificaten")

    def __str__(self):
        return f"{self.registration_id} {self.made_on}"


# Kept in its own module (imported here so that Django registers it with the app).
from register.renewals import Recertification  # noqa: E402

__all__ = [
    "Certificate",
    "NumberCounter",
    "Recertification",
    "RegisterPolicy",
    "Registration",
    "RenewalReminder",
]
