import os

import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_health_reports_database_ok_and_eager_broker(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "not configured (eager)",
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_health_is_503_when_the_configured_broker_is_unreachable(client):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["broker"] == "unreachable"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_health_refuses_post(client):
    assert client.post("/health/").status_code == 405


@pytest.mark.django_db
def test_health_reports_a_reachable_redis_broker(client):
    # Runs in CI's service run (TEST_REDIS_URL points at the real Redis).
    redis_url = os.environ.get("TEST_REDIS_URL")
    if not redis_url:
        pytest.skip("TEST_REDIS_URL not set (no Redis in this run)")
    with override_settings(CELERY_BROKER_URL=redis_url):
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
