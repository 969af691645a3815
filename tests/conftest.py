"""Shared fixtures: the named users of every permission test, and the seeded framework.

Named users (healthchecks' style): `candidate`, `other_candidate`, `assessor`,
`second_assessor`, `office`, and `outsider` (a logged-in account with no business here).
"""

import os
import re
import uuid

import pytest
from django.core.cache import cache, caches
from django.db import connection

from portal.enums import Role
from profiles.management.commands.load_seed_data import load_seed_data
from profiles.models import FrameworkVersion
from register.services import ensure_default_policy
from tests.clock import (
    BY_NAME,
    _clock_at,
    _travel,
    boundary_clock,
    parametrize_clock,
    parse_clock_at,
)
from tests.factories.users import UserFactory, client_for

# Fixtures of the clock harness (tests/clock.py): imported to be found, not called.
__all__ = ["_clock_at", "_travel", "boundary_clock"]

REDIS_TEST_VARIABLES = ("TEST_REDIS_URL", "TEST_CELERY_BROKER")


def redis_database_of_worker(url: str, worker: str) -> str:
    """The Redis database a pytest-xdist worker uses instead of `url`'s: gw0 keeps it, gw1
    takes the one two below, and so on. Each test clears the cache and the Celery tests
    consume their queue, so two workers must never share one."""
    match = re.fullmatch(r"(redis://[^/]+)/(\d+)", url)
    if not match or not worker.startswith("gw"):
        raise ValueError(f"cannot split {url!r} between xdist workers ({worker!r})")
    database = int(match[2]) - 2 * int(worker[2:])
    if database < 0:
        raise ValueError(f"{url!r}: too many xdist workers for distinct Redis databases")
    return f"{match[1]}/{database}"


if worker := os.environ.get("PYTEST_XDIST_WORKER"):
    # Read by the test modules at import, which happens after this conftest.
    for variable in REDIS_TEST_VARIABLES:
        if os.environ.get(variable):
            os.environ[variable] = redis_database_of_worker(os.environ[variable], worker)


def pytest_addoption(parser):
    parser.addoption(
        "--clock-at",
        default=os.environ.get("CLOCK_AT") or None,
        help=(
            "run every test with the clock travelled to this instant (ticking): a boundary "
            f"of tests/clock.py ({', '.join(BY_NAME)}) or an ISO 8601 instant with its "
            "offset; `all` or a comma-separated list runs every test once per instant. "
            "Default: $CLOCK_AT, else the real clock."
        ),
    )


def pytest_configure(config):
    value = config.getoption("--clock-at")
    config.clock_at = parse_clock_at(value) if value else None


def pytest_report_header(config):
    if config.clock_at is not None:
        return "clock: every test travelled to " + ", ".join(str(b) for b in config.clock_at)
    return None


def pytest_generate_tests(metafunc):
    parametrize_clock(metafunc)


def pytest_collection_modifyitems(config, items):
    # A test that runs at every boundary is date-sensitive by definition.
    for item in items:
        if "boundary_clock" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.dates)
            item.add_marker(pytest.mark.boundaries)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The framework and profile fixtures are loaded once for the whole run; every test
    # runs in a transaction that rolls back, so they stay as loaded.
    with django_db_blocker.unblock():
        load_seed_data()
    yield
    # The concurrency and worker tests open connections in threads and subprocesses; one
    # still open would stop PostgreSQL from dropping the test database at the end.
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Login rate limits and used TOTP codes live in the cache; the published framework's
    # content (profiles.selectors.version_with_content) and rendered pieces of it in the
    # caches and the process: every test starts cold, inheriting no rows or counters.
    from portfolio.privacy import forget_local_scans  # noqa: PLC0415
    from profiles.selectors import forget_local_trees  # noqa: PLC0415

    def forget():
        cache.clear()
        caches["process"].clear()
        caches["process-large"].clear()
        forget_local_trees()
        forget_local_scans()

    forget()
    yield
    forget()


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    # Uploaded files of a test go to a throw-away folder, never to var/private.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }


@pytest.fixture
def seeded_version(db) -> FrameworkVersion:
    """The published Register Jobcoach version from the fixtures (reloaded after a flush,
    with the register's default policy, which a migration makes)."""
    load_seed_data()
    ensure_default_policy()
    return FrameworkVersion.objects.get(framework__slug="register-jobcoach", number=1)


@pytest.fixture
def candidate(db):
    return UserFactory(email="kandidaat@example.nl", first_name="Kim", last_name="de Vries")


@pytest.fixture
def other_candidate(db):
    return UserFactory(email="andere.kandidaat@example.nl", first_name="Sanne", last_name="Jansen")


@pytest.fixture
def assessor(db):
    return UserFactory(
        email="assessor@example.nl", first_name="Pieter", last_name="Bakker", role=Role.ASSESSOR
    )


@pytest.fixture
def second_assessor(db):
    return UserFactory(
        email="assessor2@example.nl", first_name="Fatima", last_name="El Amrani", role=Role.ASSESSOR
    )


@pytest.fixture
def office(db):
    return UserFactory(
        email="bureau@example.nl", first_name="Marieke", last_name="Visser", role=Role.OFFICE
    )


@pytest.fixture
def outsider(db):
    return UserFactory(email="buitenstaander@example.nl", first_name="Olaf", last_name="Buiten")


@pytest.fixture
def candidate_client(candidate):
    return client_for(candidate)


@pytest.fixture
def office_client(office):
    return client_for(office)


@pytest.fixture
def assessor_client(assessor):
    return client_for(assessor)


S3_ENDPOINT = os.environ.get("TEST_S3_ENDPOINT")


@pytest.fixture
def s3_storage(settings):
    """A fresh private bucket on the loopback S3 server (TEST_S3_ENDPOINT) as the default
    storage, configured as production does with S3_BUCKET. Returns (boto3 client, bucket)."""
    if not S3_ENDPOINT:
        pytest.skip("TEST_S3_ENDPOINT not set (no S3 server)")
    import boto3  # noqa: PLC0415 - only the S3 tests need it

    bucket = f"portal-test-{uuid.uuid4().hex[:8]}"
    credentials = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
    client = boto3.client("s3", endpoint_url=S3_ENDPOINT, region_name="eu-west-1", **credentials)
    client.create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": S3_ENDPOINT,
                "region_name": "eu-west-1",
                "access_key": "test",
                "secret_key": "test",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 300,
                "file_overwrite": False,
            },
        },
    }
    return client, bucket
