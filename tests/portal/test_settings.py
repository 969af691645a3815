import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "PORTAL_MODE": "production",
    "SECRET_KEY": "x" * 30 + "-production-test-secret-key-0123456789",
    "MFA_ENCRYPTION_KEYS": "Y2hhbmdlLW1lLWluLXRlc3RzLW9ubHktMzItYnl0ZXM=",
    "ALLOWED_HOSTS": "portal.registerjobcoach.nl",
    "SITE_URL": "https://portal.registerjobcoach.nl",
    "DEBUG": "1",  # must be ignored in production
}


def _manage(*args, env_extra):
    inherited = {"DEBUG", "PORTAL_MODE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in inherited}
    env.update(env_extra)
    return subprocess.run(  # noqa: S603 - fixed command, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_in_production_mode():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_mode_refuses_the_development_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _manage("check", env_extra=env)
    assert result.returncode != 0
    assert "Production needs a SECRET_KEY of at least 50 characters." in result.stderr


def test_production_mode_never_runs_with_debug():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        env_extra=PRODUCTION_ENV,
    )
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_a_malformed_boolean_stops_start_up_with_the_variable_named():
    result = _manage("check", env_extra={"DEBUG": "misschien"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


@pytest.mark.django_db
def test_responses_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
