"""The parallel test run (pytest-xdist, `make test`): each worker its own Redis databases."""

import pytest

from tests.conftest import redis_database_of_worker


def test_each_worker_takes_its_own_redis_databases():
    assert (
        redis_database_of_worker("redis://127.0.0.1:6379/15", "gw0") == "redis://127.0.0.1:6379/15"
    )
    assert (
        redis_database_of_worker("redis://127.0.0.1:6379/15", "gw1") == "redis://127.0.0.1:6379/13"
    )
    assert (
        redis_database_of_worker("redis://127.0.0.1:6379/14", "gw1") == "redis://127.0.0.1:6379/12"
    )


@pytest.mark.parametrize(
    ("url", "worker"),
    [("redis://127.0.0.1:6379/1", "gw1"), ("redis://127.0.0.1:6379", "gw0"), ("redis://h/3", "x")],
)
def test_a_url_that_cannot_be_split_is_refused(url, worker):
    with pytest.raises(ValueError, match="xdist"):
        redis_database_of_worker(url, worker)
