"""Add registrations to a benchmark database, for the public register's load run: one for
each benchmark candidate who has none, up to `--count` (10,000 by default), reproducibly
from `--seed`. The database must be migrated (`bench/run.py --reuse` does that) and hold
the benchmark's candidates (`bench/generate.py`); it is not dropped or emptied.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_load \\
        .venv/bin/python bench/registrations.py --count 10000

Rows are written in bulk (no e-mails, no audit rows: what the grant's service writes is
tested elsewhere; the load run reads). The mix: start dates over the past five years (so
some expired and some expiring under the office's 4-year policy), about 3 % suspended
and 2 % struck off, and 60 % who publish their place. Prints one BENCH_JSON line with
the counts and the queries the load run uses (`bench/pages.py` reads them back from
`registrations.json` beside `generate.json`).
"""

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from portal.enums import Role
from portal.models import User
from profiles.selectors import current_published_version
from register import rules
from register.enums import RegistrationStatus
from register.models import NumberCounter, Registration
from register.selectors import policy_for

PLACES = (
    "Amsterdam Rotterdam Utrecht Eindhoven Groningen Tilburg Almere Breda Nijmegen Apeldoorn "
    "Arnhem Haarlem Enschede Amersfoort Zaanstad Zwolle Leiden Maastricht Dordrecht Ede Emmen "
    "Westland Venlo Deventer Delft Leeuwarden Alkmaar Helmond Hilversum Heerlen Oss Gouda"
).split()


def _status(rng, starts_on, *, today, policy) -> tuple[str, object]:
    """The status and, for the office's measures, the date it took effect."""
    draw = rng.random()
    since = starts_on + timedelta(days=rng.randrange(30, 700))
    if draw < 0.02:
        return RegistrationStatus.STRUCK_OFF, min(since, today)
    if draw < 0.05:
        return RegistrationStatus.SUSPENDED, min(since, today)
    probe = Registration(
        starts_on=starts_on,
        valid_until=rules.valid_until(starts_on, months=policy.validity_months),
    )
    return rules.calendar_status(probe, today=today, expiring_months=policy.expiring_months), None


def _numbers(by_year: dict) -> dict:
    """Reserve sequence numbers per year from the counters (locked), as the grant does."""
    first = {}
    for year, count in by_year.items():
        NumberCounter.objects.get_or_create(year=year)
        counter = NumberCounter.objects.select_for_update().get(year=year)
        first[year] = counter.last + 1
        counter.last += count
        counter.save(update_fields=["last"])
    return first


def add(*, count: int, seed: int) -> dict:
    rng = random.Random(seed)
    today = timezone.localdate()
    version = current_published_version()
    policy = policy_for(version.pk)
    candidates = list(
        User.objects.filter(role=Role.CANDIDATE, registration__isnull=True)
        .order_by("pk")
        .only("pk", "first_name", "last_name", "email")[:count]
    )
    plans = []
    for user in candidates:
        starts_on = today - timedelta(days=rng.randrange(0, 5 * 365))
        status, since = _status(rng, starts_on, today=today, policy=policy)
        plans.append((user, starts_on, status, since))
    by_year = Counter(starts_on.year for _user, starts_on, _status, _since in plans)
    with transaction.atomic():
        next_number = _numbers(by_year)
        rows = []
        for user, starts_on, status, since in plans:
            sequence = next_number[starts_on.year]
            next_number[starts_on.year] += 1
            place = rng.choice(PLACES)
            rows.append(
                Registration(
                    number=policy.format_number(year=starts_on.year, sequence=sequence),
                    candidate=user,
                    framework_version=version,
                    starts_on=starts_on,
                    valid_until=rules.valid_until(starts_on, months=policy.validity_months),
                    status=status,
                    status_since=since,
                    status_reason="Benchmark." if since else "",
                    public_name=(user.get_full_name() or user.email)[:200],
                    place=place,
                    show_place=rng.random() < 0.6,
                )
            )
        Registration.objects.bulk_create(rows, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE register_registration")
    statuses = dict(
        Registration.objects.values_list("status").annotate(n=Count("pk")).order_by("status")
    )
    sample = rng.choice(rows) if rows else Registration.objects.order_by("pk").first()
    return {
        "added": len(rows),
        "registrations": Registration.objects.count(),
        "statuses": statuses,
        # What the load run asks: a common name (many matches, the first 25 shown), a
        # place, one number, and that number's verification.
        "queries": {"name": "jansen", "place": "utrecht", "number": sample.number.lower()},
        "verify": sample.number,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/registrations.py needs PostgreSQL (set DATABASE_URL).")
    started = time.perf_counter()
    result = {**add(count=args.count, seed=args.seed), "seconds": 0}
    result["seconds"] = round(time.perf_counter() - started, 1)
    out = Path(os.environ.get("BENCH_OUT", "var/bench"))
    out.mkdir(parents=True, exist_ok=True)
    (out / "registrations.json").write_text(json.dumps(result, indent=2, default=str))
    print("BENCH_JSON " + json.dumps(result, default=str))


if __name__ == "__main__":
    main()
