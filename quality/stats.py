"""Agreement coefficients of two raters from a contingency table, with 95 % intervals.

The table is square: `table[i][j]` counts the subjects the first rater put in category i
and the second in category j (the categories are the steps of a framework version's
scale). Everything here is a pure function of that table.

- Percentage agreement, with the Wilson interval (statsmodels).
- Cohen's kappa with its large-sample standard error (Fleiss, Cohen & Everitt 1969) and
  normal interval: statsmodels' `cohens_kappa`.
- Gwet's AC1 (Gwet 2008; Handbook of Inter-Rater Reliability, 4th ed., ch. 2–5) and its
  variance, with the t interval Gwet uses. No maintained library computes it (irrCAC pins
  scipy 1.12 and installs coverage at run time), so the formula is written out here and
  checked against Gwet's published worked example in tests/quality/test_stats.py.

Kappa is undefined when chance agreement is 1 (both raters used one category only);
then it is None and the page says so. AC1 is defined there.
"""

import math
import warnings
from dataclasses import dataclass

CONFIDENCE = 0.95


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
    """A proportion with its 95 % Wilson interval (sound near 0 and 1 and for small n)."""
    if total == 0:
        return UNKNOWN
    # statsmodels pulls in scipy and pandas (about a second at start-up): imported on
    # the first computation, not when the URLconf loads.
    from statsmodels.stats.proportion import proportion_confint  # noqa: PLC0415

    low, high = proportion_confint(successes, total, alpha=1 - CONFIDENCE, method="wilson")
    return Estimate(successes / total, float(low), float(high))


def cohen_kappa(table: list[list[int]]) -> Estimate:
    n = sum(map(sum, table))
    q = len(table)
    if n == 0:
        return UNKNOWN
    rows = [sum(table[i]) / n for i in range(q)]
    cols = [sum(table[i][j] for i in range(q)) / n for j in range(q)]
    if sum(r * c for r, c in zip(rows, cols, strict=True)) >= 1 - 1e-12:
        return UNKNOWN  # one category only: chance agreement 1, kappa 0/0
    # statsmodels: heavy import (scipy, pandas), see wilson().
    from statsmodels.stats.inter_rater import cohens_kappa  # noqa: PLC0415

    with warnings.catch_warnings():
        # The test of kappa = 0 (z = kappa / se0, not shown here) divides by zero when one
        # rater used a single category; kappa and its interval are still defined.
        warnings.simplefilter("ignore", RuntimeWarning)
        result = cohens_kappa(table, return_results=True)
    kappa, se = float(result.kappa), float(result.std_kappa)
    if math.isnan(se):
        return Estimate(kappa, None, None)
    return Estimate(kappa, _clip(float(result.kappa_low)), _clip(float(result.kappa_upp)))


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
    # scipy (via statsmodels): heavy import, see wilson().
    from scipy.stats import t  # noqa: PLC0415

    half = float(t.ppf((1 + CONFIDENCE) / 2, n - 1)) * math.sqrt(variance)
    return Estimate(ac1, _clip(ac1 - half), _clip(ac1 + half))


def agreement(table: list[list[int]]) -> Agreement:
    n = sum(map(sum, table))
    agreeing = sum(table[k][k] for k in range(len(table)))
    return Agreement(
        pairs=n, percent=wilson(agreeing, n), kappa=cohen_kappa(table), ac1=gwet_ac1(table)
    )


def outside_band(successes: int, total: int, baseline: float | None) -> bool:
    """Does `successes / total` lie outside the 95 % band around `baseline` (a p-chart:
    baseline ± 1.96 · √(baseline (1 − baseline) / total))? Not judged without a baseline,
    without data, or when the baseline is 0 or 1 (the band has no width)."""
    if baseline is None or total == 0 or baseline in {0.0, 1.0}:
        return False
    z = 1.959963984540054
    half = z * math.sqrt(baseline * (1 - baseline) / total)
    return abs(successes / total - baseline) > half
