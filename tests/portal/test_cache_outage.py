"""With the shared cache (Redis) unreachable, logins and pages go on (portal.cache)."""

import os

import pytest
from django.core.cache import caches
from django.test import override_settings

from tests.factories.users import TEST_PASSWORD

NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def _failsafe(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "portal.cache.FailSafeRedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
        "process": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


@pytest.mark.django_db
@override_settings(CACHES=_failsafe(NOWHERE))
def test_with_redis_unreachable_the_cache_answers_from_this_process():
    cache = caches["default"]
    cache.set("a", 1)
    assert cache.get("a") == 1
    assert cache.add("a", 2) is False
    assert cache.incr("a") == 2
    assert cache.is_down
    assert cache.check() == "unreachable"


@pytest.mark.django_db
@override_settings(CACHES=_failsafe(NOWHERE))
def test_with_redis_unreachable_logins_are_still_throttled_and_health_says_degraded(
    client, candidate
):
    wrong = {"login": candidate.email, "password": "fout-wachtwoord-1"}
    answers = [client.post("/accounts/login/", wrong).status_code for _ in range(6)]
    assert answers == [200] * 6  # the form again, never a 500
    # The sixth wrong try within five minutes is over the limit: even the right password
    # is refused (the limit is counted in this process's cache meanwhile).
    right = client.post("/accounts/login/", {"login": candidate.email, "password": TEST_PASSWORD})
    assert right.status_code == 200
    assert right.context["form"].non_field_errors() == [
        "Te veel inlogpogingen. Probeer het later nogmaals."
    ]
    assert "_auth_user_id" not in client.session
    health = client.get("/health/")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["cache"] == "unreachable (each process uses its own)"


@pytest.mark.django_db
def test_with_redis_reachable_the_cache_is_redis(client):
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL not set (no Redis in this run)")
    with override_settings(CACHES=_failsafe(url)):
        caches["default"].set("portal:test", 7)
        assert caches["default"].get("portal:test") == 7
        assert not caches["default"].is_down
        assert client.get("/health/").json()["cache"] == "ok"


@pytest.mark.django_db
def test_an_entry_an_older_release_wrote_is_a_miss_not_a_500():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL not set (no Redis in this run)")
    # A pickle of a class that is no longer where it was (a model moved between modules).
    stale = b"cprofiles.models.framework\nNoLongerHere\n."
    with override_settings(CACHES=_failsafe(url)):
        cache = caches["default"]
        cache.set_many({"portal:test-stale": 1, "portal:test-fresh": 2})
        key = cache.make_and_validate_key("portal:test-stale")
        cache._cache.get_client(key, write=True).set(key, stale)
        assert cache.get("portal:test-stale", "missing") == "missing"
        assert cache.get_many(["portal:test-stale", "portal:test-fresh"]) == {
            "portal:test-fresh": 2
        }
        cache._cache.get_client(key, write=True).set(key, stale)
        assert cache.get_many(["portal:test-stale", "portal:test-fresh"]) == {
            "portal:test-fresh": 2
        }
        assert cache.get("portal:test-stale") is None  # deleted on the first miss
        assert not cache.is_down
