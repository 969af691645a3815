"""Settings for the Register Jobcoach portal.

One module, driven by environment variables. Without any variable set, the portal runs
on embedded defaults (SQLite, local private files, eager Celery, console e-mail) so that
`make run` works on a fresh machine. Production switches each component on explicitly.

Every variable read here (and only here; `deploy/gunicorn.conf.py` reads GUNICORN_*), its
default, effect and production value: the table "Environment variables" in README.md,
which tests/portal/test_env_table.py checks against this module in both directions. The
long fixed blocks (storage, cache, CSP, beat schedule) are built in portal/settings_parts.py.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal import settings_parts as parts
from portal.env import env_bool, env_int, env_list, env_str
from portal.secret_box import check_keys, derived_key

BASE_DIR = Path(__file__).resolve().parent.parent

# --- mode -----------------------------------------------------------------------------
PORTAL_MODE = env_str("PORTAL_MODE", "development")
if PORTAL_MODE not in {"development", "production"}:
    raise ImproperlyConfigured("PORTAL_MODE must be 'development' or 'production'.")
PRODUCTION = PORTAL_MODE == "production"

# DEBUG is never on unless asked for, and never in production.
DEBUG = env_bool("DEBUG", default=False) and not PRODUCTION

_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("Production needs a SECRET_KEY of at least 50 characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# The benchmark harness (bench/) compares every page with a bare view on the same stack;
# its URL exists only when this is on, never in a normal deployment.
BENCH_BASELINE = env_bool("BENCH_BASELINE", default=False)

# --- applications -----------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "portal",
    "audit",
    "profiles",
    "portfolio",
    "assessment",
    "objections",
    "dataprotection",
    "downloads",
    "quality",
    "register",
    "complaints",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After authentication and allauth. The htmx one is outermost of the three so that it
    # also sees the login redirect of an expired session.
    "portal.middleware.HtmxLoginRedirectMiddleware",
    "portal.middleware.SessionTimeoutMiddleware",
    "portal.middleware.RequireMFAMiddleware",
    "portal.middleware.PrivateNoStoreMiddleware",
    # Control characters in the path, query string or form: a 400 before any view reads
    # them; its process_view runs after CsrfViewMiddleware's.
    "portal.middleware.ControlCharacterMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------
VAR_DIR = BASE_DIR / "var"  # local state of the embedded defaults (SQLite, private files)
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        # Persistent connections with a health check: a restarted PostgreSQL costs only
        # the requests in flight, the next request reconnects.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite: wait for a writer instead of failing at once; autosave writes often.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DB_PREPARED_STATEMENTS", default=True
):
    # Server-side prepared statements, ON by default: a query seen DB_PREPARE_THRESHOLD
    # times on a connection is parsed and planned once; otherwise the pages' joins cost
    # PostgreSQL 4-6 ms of planning every time (bench/README.md). They BREAK behind a
    # pooler in transaction mode (PgBouncer without max_prepared_statements): the next
    # transaction may get another server connection, which lacks the statement
    # ("prepared statement "_pg3_0" does not exist"). There set DB_PREPARED_STATEMENTS=0.
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True,
        "prepare_threshold": env_int("DB_PREPARE_THRESHOLD", 2),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- authentication ---------------------------------------------------------------------
AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    # First the backends that log people in (the first one is also what tests'
    # force_login uses), then those that only answer permission questions.
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "rules.permissions.ObjectPermissionBackend",
    "portal.backends.OfficeRoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "portal.passwords.UserAttributeSimilarityValidator"},
    {
        "NAME": "portal.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "portal.passwords.CommonPasswordValidator"},
    {"NAME": "portal.passwords.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupForm"
# A registered address costs the same password hashing as a new one (portal.signup).
ACCOUNT_FORMS = {"signup": "portal.signup.ConstantTimeSignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Register Jobcoach] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# Throttling with a cool-off, never a permanent lock an attacker could use against a
# victim: failed logins count in a sliding window, 10 a minute per client IP and 5 in
# 5 minutes per account; the oldest failure leaves the window and the account opens
# again. The same "login_failed" limits count wrong MFA codes (key: the user).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Behind the production proxy the client is the last X-Forwarded-For entry it adds;
# without this, every request would come from the proxy's address and the per-IP limit
# would lock everyone out at once.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if PRODUCTION else 0)
# Requests per client address and minute to the public register (a scraper's limit); the
# benchmark raises it, its load all comes from one address.
REGISTER_PUBLIC_REQUESTS_PER_MINUTE = env_int("REGISTER_PUBLIC_REQUESTS_PER_MINUTE", 60)
# Changing the password keeps this session (Django rotates its hash) and ends every
# other session of the account; a password reset ends all of them.
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_NOTIFICATIONS = True  # "your password was changed" etc. to the owner

# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) with recovery
# codes. Required for assessors and the office (portal.middleware.RequireMFAMiddleware),
# optional for candidates.
ACCOUNT_ADAPTER = "portal.account_adapter.PortalAccountAdapter"
MFA_ADAPTER = "portal.mfa.PortalMFAAdapter"
# Fernet keys (newest first) that encrypt the TOTP keys and recovery seeds at rest
# (portal.secret_box; rotation: `manage.py rotate_mfa_keys`). Required in production.
MFA_ENCRYPTION_KEYS = env_list("MFA_ENCRYPTION_KEYS", [])
if not MFA_ENCRYPTION_KEYS:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "Production needs MFA_ENCRYPTION_KEYS (a Fernet key: "
            "python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())')."
        )
    MFA_ENCRYPTION_KEYS = [derived_key(SECRET_KEY)]
check_keys(MFA_ENCRYPTION_KEYS)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Register Jobcoach"
# Only the current 30-second code: allauth remembers a used code for one period, so a
# wider window would let a used code be replayed later in that window.
MFA_TOTP_TOLERANCE = 0
MFA_PASSKEY_LOGIN_ENABLED = False

# Sessions end after inactivity (every request extends them) and in any case after a
# working day. Assessors and the office see many candidates' personal data: 30 minutes
# idle (ASVS L2: 30 minutes idle / 12 hours); candidates write long texts and their
# autosave counts as activity: 60 minutes. Set per role by SessionTimeoutMiddleware.
SESSION_IDLE_TIMEOUT_STAFF = env_int("SESSION_IDLE_MINUTES_STAFF", 30) * 60
SESSION_IDLE_TIMEOUT_CANDIDATE = env_int("SESSION_IDLE_MINUTES_CANDIDATE", 60) * 60
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_MAX_HOURS", 12) * 60 * 60
SESSION_COOKIE_AGE = max(SESSION_IDLE_TIMEOUT_STAFF, SESSION_IDLE_TIMEOUT_CANDIDATE)
# Inactivity expiry, not a fixed lifetime: SessionTimeoutMiddleware saves an active
# session (and so extends it) once a minute rather than on every request.
SESSION_REFRESH_SECONDS = env_int("SESSION_REFRESH_SECONDS", 60)

# --- internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- static and uploaded files ------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
# Outside production, WhiteNoise serves straight from the app and project folders, so
# `runserver` shows a styled portal with DEBUG off and without `collectstatic`.
WHITENOISE_USE_FINDERS = not PRODUCTION

# Uploaded files are private: never under STATIC or a public MEDIA_URL. Local storage
# lives outside the web root and is only served through views that check the user.
PRIVATE_ROOT = Path(env_str("PRIVATE_ROOT", str(BASE_DIR / "var" / "private")))
S3_BUCKET = env_str("S3_BUCKET", "")
if S3_BUCKET:
    INSTALLED_APPS.append("storages")
STORAGES = {
    "default": parts.private_storage(
        s3_bucket=S3_BUCKET,
        private_root=PRIVATE_ROOT,
        endpoint_url=env_str("S3_ENDPOINT_URL", ""),
        region=env_str("S3_REGION", "eu-west-1"),
        access_key=env_str("S3_ACCESS_KEY_ID", ""),
        secret_key=env_str("S3_SECRET_ACCESS_KEY", ""),
    ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# --- e-mail ---------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Register Jobcoach <noreply@registerjobcoach.nl>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OFFICE_EMAIL = env_str("OFFICE_EMAIL", "bureau@registerjobcoach.nl")
if env_str("SMTP_HOST", ""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("SMTP_HOST", "")
    EMAIL_PORT = env_int("SMTP_PORT", 587)
    EMAIL_HOST_USER = env_str("SMTP_USER", "")
    EMAIL_HOST_PASSWORD = env_str("SMTP_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("SMTP_TLS", default=True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Celery -----------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
# Without a broker, tasks run in-process (eager) so the portal needs no services.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
# The address space of each worker pool process (portal.celery.limit_worker_memory): a
# PDF or an export that grows with user input fails there instead of exhausting memory.
CELERY_WORKER_MEMORY_MB = env_int("CELERY_WORKER_MEMORY_MB", 2048)
CELERY_TASK_SOFT_TIME_LIMIT = 240
# Redis has no real acknowledgements: a message a worker took stays in an "unacked" set
# and goes back to the queue when the worker dies (SIGKILL, OOM, power) and
# `visibility_timeout` seconds have passed. It must exceed the longest task (time limit)
# and the longest retry countdown (e-mail backoff, 600 s), or a task still running or
# waiting would be delivered twice. Tests set it short to watch the redelivery happen.
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 60 * 60)
_CELERY_LONGEST_WAIT = max(CELERY_TASK_TIME_LIMIT, 600)  # 600: send_email's retry_backoff_max
if PRODUCTION and CELERY_VISIBILITY_TIMEOUT <= _CELERY_LONGEST_WAIT:
    raise ImproperlyConfigured(
        "CELERY_VISIBILITY_TIMEOUT must exceed the task time limit and the longest retry "
        "countdown (600 s)."
    )
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # How often a worker looks for messages whose visibility timeout passed (seconds).
    "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 60),
    "unacked_restore_throttle": 1,
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = parts.CELERY_BEAT_SCHEDULE  # `celery -A portal beat`

# --- retention (AVG) ----------------------------------------------------------------------
# A candidate's personal data is kept RETENTION_YEARS after the final decision on their
# portfolio, or RETENTION_INACTIVE_YEARS after their last activity when nothing was ever
# decided (a draft, or additions that were never sent in); an account without a portfolio
# counts from the last login. A portfolio under review never expires on its own. After
# that, `erase_expired_candidates` (daily in Celery beat unless RETENTION_AUTO_ERASE=0)
# anonymises the candidate and keeps only anonymised statistics.
RETENTION_YEARS = env_int("RETENTION_YEARS", 7)
# The stored files of one candidate's data export together (dataprotection).
EXPORT_MAX_MB = env_int("EXPORT_MAX_MB", 500)
RETENTION_INACTIVE_YEARS = env_int("RETENTION_INACTIVE_YEARS", 2)
RETENTION_AUTO_ERASE = env_bool("RETENTION_AUTO_ERASE", default=True)
if RETENTION_YEARS < 1 or RETENTION_INACTIVE_YEARS < 1:
    raise ImproperlyConfigured("RETENTION_YEARS and RETENTION_INACTIVE_YEARS must be ≥ 1.")

# --- cache ------------------------------------------------------------------------------
REDIS_CACHE_URL = env_str("REDIS_CACHE_URL", "")
CACHES = parts.caches(REDIS_CACHE_URL)

# --- forms ------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- security headers -------------------------------------------------------------------
CONTENT_SECURITY_POLICY = parts.CONTENT_SECURITY_POLICY  # only vendored scripts and styles
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- logging ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
