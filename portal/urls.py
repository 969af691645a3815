from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import views

admin.site.site_header = _("Register Jobcoach · beheer")
admin.site.site_title = _("Register Jobcoach")
admin.site.index_title = _("Beheer van toetsingskader, profielen en gebruikers")

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    path("health/", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("instellingen/e-mail/", views.mail_preferences, name="mail_preferences"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("kader/", include("profiles.urls")),
    path("portfolio/", include("portfolio.urls")),
    path("beoordeling/kwaliteit/", include("quality.urls")),
    path("beoordeling/", include("assessment.urls")),
    path("bezwaar/", include("objections.urls")),
    path("gegevens/", include("dataprotection.urls")),
    path("bestanden/", include("downloads.urls")),
    path("bureau/register/", include("complaints.urls")),
    path("", include("register.urls")),
    # The admin's own login form would skip two-factor authentication: everyone logs in
    # through allauth (password, then the authenticator code), `?next=` kept.
    path("beheer/login/", views.admin_login, name="admin_login_redirect"),
    # Likewise its password form (no e-mail, other sessions kept): the portal's own page.
    path(
        "beheer/password_change/",
        views.admin_password_change,
        name="admin_password_change_redirect",
    ),
    path("beheer/", admin.site.urls),
]

# Errors in Dutch (templates/400.html, 403.html, 404.html); a lost database answers 503.
handler500 = "portal.views.server_error"

if settings.BENCH_BASELINE:
    # The benchmark's baseline: one query and the base template (see bench/README.md).
    urlpatterns.append(path("bench/baseline/", views.bench_baseline, name="bench_baseline"))
