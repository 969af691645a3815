"""The two-factor secrets are encrypted at rest, with keys from the environment that
can be rotated (portal.secret_box, `manage.py rotate_mfa_keys`)."""

import importlib

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from portal import secret_box
from portal.enums import Role
from tests.factories.users import TEST_TOTP_SECRET, UserFactory, log_in
from tests.portal.test_settings import PRODUCTION_ENV, _manage

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _stored(user, kind=Authenticator.Type.TOTP) -> dict:
    return Authenticator.objects.get(user=user, type=kind).data


@pytest.mark.django_db
def test_the_totp_key_and_the_recovery_seed_are_stored_encrypted(settings):
    settings.MFA_ENCRYPTION_KEYS = [OLD]
    user = UserFactory(role=Role.ASSESSOR)
    RecoveryCodes.activate(user)
    stored = _stored(user)["secret"]
    assert stored.startswith("fernet:")
    assert TEST_TOTP_SECRET not in stored
    assert Fernet(OLD).decrypt(stored.removeprefix("fernet:").encode()).decode() == (
        TEST_TOTP_SECRET
    )
    assert _stored(user, Authenticator.Type.RECOVERY_CODES)["seed"].startswith("fernet:")
    # And it still works: the code from the app logs in.
    client = Client()
    assert log_in(client, user).redirect_chain[-1] == ("/start/", 302)


@pytest.mark.django_db
def test_a_key_is_rotated_without_locking_anyone_out(settings, capsys):
    settings.MFA_ENCRYPTION_KEYS = [OLD]
    user = UserFactory(role=Role.OFFICE, is_staff=True)
    codes = RecoveryCodes.activate(user).generate_codes()
    # The new key in front, the old one still there to read with.
    settings.MFA_ENCRYPTION_KEYS = [NEW, OLD]
    call_command("rotate_mfa_keys")
    assert capsys.readouterr().out == "2 authenticators re-encrypted with the newest key.\n"
    # The old key removed: everything reads with the new one alone.
    settings.MFA_ENCRYPTION_KEYS = [NEW]
    assert secret_box.decrypt(_stored(user)["secret"]) == TEST_TOTP_SECRET
    assert (
        RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes")).generate_codes()
        == codes
    )
    client = Client()
    assert log_in(client, user).redirect_chain[-1] == ("/start/", 302)
    # Without the right key nothing is readable (no silent fallback).
    settings.MFA_ENCRYPTION_KEYS = [OLD]
    with pytest.raises(InvalidToken):
        secret_box.decrypt(_stored(user)["secret"])


@pytest.mark.django_db
def test_secrets_stored_before_encryption_are_encrypted_by_the_migration(settings):
    settings.MFA_ENCRYPTION_KEYS = [NEW]
    user = UserFactory(role=Role.ASSESSOR)
    Authenticator.objects.filter(user=user).update(data={"secret": TEST_TOTP_SECRET})
    assert secret_box.decrypt(TEST_TOTP_SECRET) == TEST_TOTP_SECRET  # still read meanwhile
    migration = importlib.import_module("portal.migrations.0002_encrypt_mfa_secrets")
    migration.encrypt_existing(apps, None)
    stored = _stored(user)["secret"]
    assert stored.startswith("fernet:")
    assert secret_box.decrypt(stored) == TEST_TOTP_SECRET


def test_production_requires_the_key_and_refuses_a_malformed_one():
    without = _manage("check", env_extra={**PRODUCTION_ENV, "MFA_ENCRYPTION_KEYS": ""})
    assert without.returncode != 0
    assert "Production needs MFA_ENCRYPTION_KEYS" in without.stderr
    malformed = _manage("check", env_extra={**PRODUCTION_ENV, "MFA_ENCRYPTION_KEYS": "kort"})
    assert malformed.returncode != 0
    assert "MFA_ENCRYPTION_KEYS: key 1 is not a Fernet key" in malformed.stderr
