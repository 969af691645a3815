from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.enums import MailPreference, Role, label_of


class PortalUserManager(UserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.OFFICE)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    role = models.CharField(
        _("rol"), max_length=20, choices=Role.choices, default=Role.CANDIDATE, db_index=True
    )

    mail_preference = models.CharField(
        _("meldingen per e-mail"),
        max_length=10,
        choices=MailPreference.choices,
        default=MailPreference.EACH,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_role_display(self):  # on every page (the navigation bar)
        return label_of(Role, self.role)

    @property
    def is_candidate(self) -> bool:
        return self.role == Role.CANDIDATE

    @property
    def is_assessor(self) -> bool:
        return self.role == Role.ASSESSOR

    @property
    def is_office(self) -> bool:
        return self.role == Role.OFFICE


class PendingNotice(models.Model):
    """A notice kept for the day's digest of a person who chose one (portal.mail)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="pending_notices", verbose_name=_("gebruiker")
    )
    subject = models.CharField(_("onderwerp"), max_length=300)
    body = models.TextField(_("tekst"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["user", "created_at", "pk"]
        verbose_name = _("melding voor het dagoverzicht")
        verbose_name_plural = _("meldingen voor het dagoverzicht")

    def __str__(self):
        return self.subject
