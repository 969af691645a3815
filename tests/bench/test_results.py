"""bench/results.py: the load table's ratios and verdicts (the benchmark itself is not
part of the suite; what it writes into bench/RESULTS.md is)."""

from bench.results import _load_table
from bench.run import _mean_of

ARGS = {"workers": 4, "connections": 8, "threads": 2, "duration": 15}


def _figures(p95, **more):
    return {
        "rps": 100.0,
        "p50_ms": 50.0,
        "p95_ms": p95,
        "p99_ms": p95 + 10,
        "bytes_per_request": 2048,
        "errors": 0,
        **more,
    }


def test_the_baselines_mean_sums_the_errors():
    mean = _mean_of([_figures(40.0) | {"errors": 1}, _figures(60.0) | {"errors": 2}])
    assert mean["p95_ms"] == 50.0
    assert mean["errors"] == 3


def test_a_page_is_judged_by_the_mean_baseline_and_paired_also_by_its_neighbours():
    load = {
        "baseline": _figures(40.0),
        "candidate dashboard": _figures(110.0, adjacent_baseline_p95_ms=50.0),
        "task page (C1)": _figures(90.0, adjacent_baseline_p95_ms=30.0),
    }
    paired = _load_table({"args": ARGS | {"paired": True}, "load": load, "queries": {}})
    rows = {line.split(" | ")[0].lstrip("| "): line for line in paired if line.startswith("| ")}
    # 110 / 40 = 2.75 misses; against its neighbours 110 / 50 = 2.20 is within 2.5.
    assert "| 2.75 | 2.20 |" in rows["candidate dashboard"]
    assert rows["candidate dashboard"].endswith("**no**; adjacent: yes |")
    # 90 / 40 = 2.25 meets the target; its neighbours (3.00) are shown, not judged.
    assert "| 2.25 | 3.00 |" in rows["task page (C1)"]
    assert rows["task page (C1)"].endswith("| yes |")
    assert any("p95 ÷ adjacent baselines" in line for line in paired)
    plain = _load_table({"args": ARGS, "load": {"baseline": _figures(40.0)}, "queries": {}})
    assert not any("adjacent" in line for line in plain)
