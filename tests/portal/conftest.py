import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The login, lockout and session tests check hundreds of passwords; what they test
    # is the flow, not the hash (PBKDF2 is Django's default and stays so outside tests).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
