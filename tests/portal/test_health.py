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
        "cache": "in process",
        "broker": "not configured (eager)",
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_an_unreachable_broker_is_reported_as_degraded_not_down(client):
    """Pages, logins and autosave go on without the broker (tasks are retried or swept
    up later): the proxy must keep sending users, the operator must see what is down."""
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["broker"] == "unreachable"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:2/0")
def test_one_broker_check_serves_a_few_seconds(client, monkeypatch):
    from portal import views  # noqa: PLC0415
    from portal.celery import app  # noqa: PLC0415

    opened = []
    real = app.connection_for_write
    monkeypatch.setattr(
        app, "connection_for_write", lambda **kwargs: opened.append(1) or real(**kwargs)
    )
    clock = [1000.0]
    monkeypatch.setattr(views.time, "monotonic", lambda: clock[0])
    assert client.get("/health/").json()["broker"] == "unreachable"
    clock[0] += views.BROKER_CHECK_SECONDS - 1
    assert client.get("/health/").json()["broker"] == "unreachable"
    assert len(opened) == 1  # the second answer came from the first check
    clock[0] += 2
    assert client.get("/health/").json()["broker"] == "unreachable"
    assert len(opened) == 2  # checked again


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
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "in process",
        "broker": "ok",
    }


def test_the_database_down_is_503(client, monkeypatch):
    from portal import views  # noqa: PLC0415

    monkeypatch.setattr(views, "_database_ok", lambda: False)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
