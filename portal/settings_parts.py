"""The long, fixed blocks of settings (storage, cache, Content-Security-Policy, Celery
beat), built from values that `portal/settings.py` reads from the environment.

No environment variable is read here: every one is read in settings.py, so that module
and the README's table (checked by tests/portal/test_env_table.py) list all of them.
"""

from pathlib import Path

from celery.schedules import crontab


def private_storage(
    *,
    s3_bucket: str,
    private_root: Path,
    endpoint_url: str,
    region: str,
    access_key: str,
    secret_key: str,
) -> dict:
    """Uploaded files are private: an S3 bucket with short-lived presigned URLs, or a
    local folder outside the web root served only through views that check the user."""
    if not s3_bucket:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(private_root), "base_url": None},
        }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": s3_bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region,
            "access_key": access_key,
            "secret_key": secret_key,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }


def caches(redis_url: str) -> dict:
    return {
        # Redis when configured; while it is unreachable each process answers from its
        # own memory (portal.cache), so logins and pages go on. Short socket timeouts: a
        # Redis that hangs must not hold a request.
        "default": (
            {
                "BACKEND": "portal.cache.FailSafeRedisCache",
                "LOCATION": redis_url,
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
            if redis_url
            else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        ),
        # In the web process itself: small rendered pieces of a frozen framework version
        # that many pages repeat (a round trip to Redis each would cost what rendering
        # them does).
        "process": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "process",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
        # The last few large pieces this process served that the shared cache keeps too
        # (a round's sealed answers, an assessor's score forms: 50-150 KiB each), found
        # again without a round trip to Redis (`portal.kept.kept_shared`). Few, so that a
        # process holds at most some 10 MiB of them.
        "process-large": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "process-large",
            "OPTIONS": {"MAX_ENTRIES": 64},
        },
    }


# A strict Content-Security-Policy: every script and style is a vendored file under
# /static/; no inline code, no third-party origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

_DAY = 60 * 60 * 24
# `celery -A portal beat`: the periodic tasks.
CELERY_BEAT_SCHEDULE = {
    "deadline-reminders": {"task": "assessment.tasks.deadline_reminders", "schedule": _DAY},
    "erase-expired-candidates": {
        "task": "dataprotection.tasks.erase_expired_candidates",
        "schedule": _DAY,
    },
    "forget-prepared-files": {"task": "downloads.tasks.forget_old_files", "schedule": _DAY},
    "objection-reminders": {"task": "objections.tasks.deadline_reminders", "schedule": _DAY},
    "missing-reports": {"task": "assessment.tasks.queue_missing_reports", "schedule": 60 * 60},
    # The daily digest of notices goes out at 07:00 local time (CELERY_TIMEZONE).
    "mail-digests": {"task": "portal.tasks.send_digests", "schedule": crontab(hour=7, minute=0)},
    # Statuses follow the calendar (a public page computes today's status itself, so
    # the hour matters only for the e-mails) and renewal reminders go out: 06:00 local.
    "register-daily": {
        "task": "register.tasks.daily_register",
        "schedule": crontab(hour=6, minute=0),
    },
}
