"""Helpers for the reliability tests: run callables truly at the same moment."""

import threading
from dataclasses import dataclass, field

import pytest
from django.db import connection, connections

from portal.enums import Role
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import make_review
from tests.factories.users import UserFactory

# Threads need a database every thread can reach with its own connection and that waits
# for row locks: PostgreSQL. SQLite's in-memory test database (shared cache) fails a
# second writer at once with "database table is locked" instead of waiting.
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=(
        "concurrency tests need PostgreSQL (row locks, one connection per thread); "
        "run with DATABASE_URL=postgres://... (CI's service run)"
    ),
)

RUNS = 20  # how often each race is repeated


@dataclass
class Outcome:
    results: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def race(*calls, timeout: float = 60) -> Outcome:
    """Run each zero-argument callable in its own thread, all released by one barrier.

    Every thread uses its own database connection (Django's are per thread) and closes
    it at the end. Returns the results and the exceptions raised, in no particular order.
    """
    barrier = threading.Barrier(len(calls))
    outcome = Outcome()
    lock = threading.Lock()

    def run(call):
        try:
            barrier.wait(timeout=timeout)
            result = call()
        except Exception as exc:  # noqa: BLE001 - the test inspects every failure
            with lock:
                outcome.errors.append(exc)
        else:
            with lock:
                outcome.results.append(result)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
        assert not thread.is_alive(), "a racing thread hung (deadlock?)"
    return outcome


@pytest.fixture
def agreed_review(seeded_version):
    """A review the assessors agreed on, interview held: the office can decide. Built
    in eager mode, before any worker runs."""
    candidate = UserFactory(email="crash@example.nl", first_name="Kim", last_name="Kras")
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    return make_review(
        portfolio=portfolio,
        assessor=UserFactory(email="a1@example.nl", role=Role.ASSESSOR),
        second_assessor=UserFactory(email="a2@example.nl", role=Role.ASSESSOR),
        office=UserFactory(email="bureau@example.nl", role=Role.OFFICE),
        overrides={},
        state="interview_held",
    ).review
