"""Encryption at rest of the two-factor secrets (allauth.mfa's TOTP keys and the seed of
the recovery codes), with keys from the environment.

MFA_ENCRYPTION_KEYS holds one or more Fernet keys, newest first: the first encrypts,
every one of them decrypts, so a key is rotated by putting a new one in front, running
`manage.py rotate_mfa_keys` (which re-encrypts every secret with it) and then removing
the old one. Production requires the variable; elsewhere a key is derived from
SECRET_KEY so that a fresh machine works without setup.

A stored value is "fernet:<token>". A value without that prefix is a secret from before
encryption: it is still read (so no one is locked out between the upgrade and its data
migration, which encrypts them all) and is encrypted by the next rotation.
"""

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "fernet:"


def derived_key(secret_key: str) -> str:
    """A Fernet key derived from SECRET_KEY (development and tests only)."""
    digest = hashlib.sha256(b"register-jobcoach mfa secrets\0" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def check_keys(keys: list[str]) -> None:
    """Stop at start-up on a malformed key (settings), naming the variable."""
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"MFA_ENCRYPTION_KEYS: key {position} is not a Fernet key "
                "(32 url-safe base64-encoded bytes)."
            ) from exc


@cache
def _box(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def box() -> MultiFernet:
    return _box(tuple(settings.MFA_ENCRYPTION_KEYS))


def is_encrypted(value: str) -> bool:
    return value.startswith(PREFIX)


def encrypt(text: str) -> str:
    return PREFIX + box().encrypt(text.encode()).decode()


def decrypt(value: str) -> str:
    if not is_encrypted(value):
        return value  # stored before encryption (see the module's docstring)
    try:
        return box().decrypt(value[len(PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        raise InvalidToken(
            "An MFA secret cannot be decrypted with any key in MFA_ENCRYPTION_KEYS."
        ) from exc


def reencrypt(value: str) -> str:
    """The value encrypted with the newest key (plain text too)."""
    return encrypt(decrypt(value))


# The fields of allauth.mfa's Authenticator.data that hold secrets.
SECRET_FIELDS = ("secret", "seed")


def reencrypt_authenticators(authenticators) -> int:
    """Re-encrypt the secrets of these Authenticator rows with the newest key (used by
    `rotate_mfa_keys` and by the migration that encrypts the secrets stored before)."""
    count = 0
    for authenticator in authenticators:
        data = dict(authenticator.data)
        for field in SECRET_FIELDS:
            if isinstance(data.get(field), str):
                data[field] = reencrypt(data[field])
        if isinstance(data.get("migrated_codes"), list):
            data["migrated_codes"] = [reencrypt(code) for code in data["migrated_codes"]]
        authenticator.data = data
        authenticator.save(update_fields=["data"])
        count += 1
    return count
