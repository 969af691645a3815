"""Agreement coefficients of two raters from a contingency table, with 95 % intervals.

The table is square: `table[i][j]` counts the subjects the first rater put in category i
and the second in category j (the categories are the steps of a framework version's
scale). Everything here is a pure function of that table.

- Percentage agreement, with the Wilson score interval.
- Cohen's kappa with its large-sample standard error (Fleiss, Cohen & Everitt 1969) and
  normal interval.
- Gwet's AC1 (Gwet 2008; Handbook of Inter-Rater Reliability, 4th ed.) and its variance,
  with the t interval Gwet uses (scipy's t distribution).

The reference is statsmodels (kappa, Wilson), a dev dependency: tests/quality/test_stats.py
checks these formulas against it and against Gwet's published worked example. The page
does not call statsmodels itself: its `cohens_kappa` takes 7 ms per table (it builds a
results object with tests and formatting; 0.04 ms here), and a page has a few hundred
tables. No maintained library computes AC1 (irrCAC pins scipy 1.12 and installs
coverage at run time), so its formula is written out too.

Kappa is undefined when chance agreement is 1 (both raters used one category only);
then it is None and the page says so. AC1 is defined there.
"""

import math
from dataclasses import dataclass
from functools import lru_cache
from statistics import NormalDist

CONFIDENCE = 0.95
Z95 = NormalDist().inv_cdf((1 + CONFIDENCE) / 2)


@dataclass(frozen=True)
class Estimate:
    value: float | None
    low: float | None
    high: float | None

    @property
    def known(self) -> bool:
        return self.value is not None


UNKNOWN = Estimate(None, None, None)


@dataclass(frozen=True)
class Agreement:
    pairs: int
    percent: Estimate
    kappa: Estimate
    ac1: Estimate


def _clip(value: float) -> float:
    return max(-1.0, min(1.0, value))


def wilson(successes: int, total: int) -> Estimate:
    """A proportion with its 95 % Wilson score interval (sound near 0 and 1 and for small
    n); the same as statsmodels' proportion_confint(method="wilson"), see the tests."""
    if total == 0:
        return UNKNOWN
    share = successes / total
    z2 = Z95 * Z95
    centre = (share + z2 / (2 * total)) / (1 + z2 / total)
    half = (
        Z95 * math.sqrt(share * (1 - share) / total + z2 / (4 * total * total)) / (1 + z2 / total)
    )
    return Estimate(share, max(0.0, centre - half), min(1.0, centre + half))


@lru_cache(maxsize=4096)
def t_quantile(degrees: int) -> float:
    """The 97.5 % quantile of Student's t (Gwet's interval for AC1 uses t, n − 1)."""
    # scipy pulls in numpy (a quarter of a second at start-up): imported on the first
    # computation, not when the URLconf loads.
    from scipy.stats import t  # noqa: PLC0415

    return float(t.ppf((1 + CONFIDENCE) / 2, degrees))


def cohen_kappa(table: list[list[int]]) -> Estimate:
    """Cohen's kappa and its 95 % interval from the large-sample standard error of
    Fleiss, Cohen & Everitt (1969), the one statsmodels' `cohens_kappa` reports as
    `std_kappa` (tests/quality/test_stats.py compares the two on several tables)."""
    n = sum(map(sum, table))
    q = len(table)
    if n == 0:
        return UNKNOWN
    p = [[table[i][j] / n for j in range(q)] for i in range(q)]
    rows = [sum(p[i]) for i in range(q)]
    cols = [sum(p[i][j] for i in range(q)) for j in range(q)]
    pe = sum(r * c for r, c in zip(rows, cols, strict=True))
    if pe >= 1 - 1e-12:
        return UNKNOWN  # one category only: chance agreement 1, kappa 0/0
    po = sum(p[i][i] for i in range(q))
    kappa = (po - pe) / (1 - pe)
    diagonal = sum(p[i][i] * (1 - (rows[i] + cols[i]) * (1 - kappa)) ** 2 for i in range(q))
    off = (
        sum(p[i][j] * (cols[i] + rows[j]) ** 2 for i in range(q) for j in range(q) if i != j)
        * (1 - kappa) ** 2
    )
    variance = max(0.0, (diagonal + off - (kappa - pe * (1 - kappa)) ** 2) / (n * (1 - pe) ** 2))
    half = Z95 * math.sqrt(variance)
    return Estimate(kappa, _clip(kappa - half), _clip(kappa + half))


def gwet_ac1(table: list[list[int]]) -> Estimate:
    """Gwet's AC1 and its 95 % interval (unweighted, two raters, no finite-population
    correction): pe = Σ π_k (1 − π_k) / (q − 1), π_k the mean of the two raters'
    marginal shares of category k."""
    n = sum(map(sum, table))
    q = len(table)
    if n == 0 or q < 2:
        return UNKNOWN
    p = [[table[k][m] / n for m in range(q)] for k in range(q)]
    pi = [(sum(p[k]) + sum(p[i][k] for i in range(q))) / 2 for k in range(q)]
    pa = sum(p[k][k] for k in range(q))
    pe = sum(x * (1 - x) for x in pi) / (q - 1)
    ac1 = (pa - pe) / (1 - pe)
    total = 0.0
    for k in range(q):
        for m in range(q):
            term = (1.0 if k == m else 0.0) - 2 * (1 - ac1) * (1 - (pi[k] + pi[m]) / 2) / (q - 1)
            total += p[k][m] * term**2
    variance = max(0.0, (total - (pa - 2 * (1 - ac1) * pe) ** 2) / (n * (1 - pe) ** 2))
    if n < 2:
        return Estimate(ac1, None, None)
    half = t_quantile(n - 1) * math.sqrt(variance)
    return Estimate(ac1, _clip(ac1 - half), _clip(ac1 + half))


def agreement(table: list[list[int]]) -> Agreement:
    n = sum(map(sum, table))
    agreeing = sum(table[k][k] for k in range(len(table)))
    return Agreement(
        pairs=n, percent=wilson(agreeing, n), kappa=cohen_kappa(table), ac1=gwet_ac1(table)
    )


def outside_band(share: float, n: float, baseline: float | None) -> bool:
    """Does `share`, measured on `n` independent units, lie outside the 95 % band around
    `baseline` (a p-chart: baseline ± 1.96 · √(baseline (1 − baseline) / n))? Not judged
    without a baseline, without data, or when the baseline is 0 or 1 (no width)."""
    if baseline is None or n <= 0 or baseline in {0.0, 1.0}:
        return False
    return abs(share - baseline) > Z95 * math.sqrt(baseline * (1 - baseline) / n)
