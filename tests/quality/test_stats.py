"""The coefficients against published worked examples and hand computations."""

import warnings

import pytest

from quality import stats

# Gwet, Handbook of Inter-Rater Reliability (4th ed., 2014), the two abstractors who
# classified 100 pregnancies (Ectopic / AIU / NIU): AC1 = 0.8493, standard error
# 0.0432, 95 % interval 0.7636–0.9351; the same numbers are the worked example of the
# irrCAC package's documentation (irrCAC.table.CAC.gwet).
ABSTRACTORS = [[13, 0, 0], [0, 20, 7], [0, 4, 56]]


def test_gwet_published_abstractors_example():
    ac1 = stats.gwet_ac1(ABSTRACTORS)
    assert ac1.value == pytest.approx(0.84933, abs=5e-6)
    assert ac1.low == pytest.approx(0.76358, abs=5e-6)
    assert ac1.high == pytest.approx(0.93508, abs=5e-6)


def test_kappa_and_percent_of_the_abstractors_by_hand():
    # pa = (13 + 20 + 56) / 100 = 0.89; pe = .13·.13 + .27·.24 + .60·.63 = 0.4597;
    # kappa = (0.89 − 0.4597) / (1 − 0.4597) = 0.79641.
    result = stats.agreement(ABSTRACTORS)
    assert result.pairs == 100
    assert result.percent.value == pytest.approx(0.89)
    assert result.kappa.value == pytest.approx(0.79641, abs=5e-6)
    # Large-sample standard error 0.0589 (statsmodels): 0.7964 ± 1.96 · 0.0589.
    assert result.kappa.low == pytest.approx(0.68095, abs=5e-5)
    assert result.kappa.high == pytest.approx(0.91187, abs=5e-5)
    # Wilson interval of 89/100.
    assert result.percent.low == pytest.approx(0.81369, abs=5e-5)
    assert result.percent.high == pytest.approx(0.93746, abs=5e-5)


def test_kappa_paradox_ac1_stays_high():
    """The paradox (Feinstein & Cicchetti 1990; Gwet 2008): the raters agree on 94 % of
    125 cases, yet kappa is below zero because one category dominates. By hand:
    rows .984/.016, columns .96/.04; kappa pe = .984·.96 + .016·.04 = .94528,
    kappa = (.944 − .94528) / .05472 = −0.02339; AC1 π = .972/.028,
    pe = 2 · .972 · .028 = .054432, AC1 = (.944 − .054432) / .945568 = 0.94078."""
    result = stats.agreement([[118, 5], [2, 0]])
    assert result.percent.value == pytest.approx(0.944)
    assert result.kappa.value == pytest.approx(-0.02339, abs=5e-6)
    assert result.ac1.value == pytest.approx(0.94078, abs=5e-6)
    assert result.ac1.low == pytest.approx(0.89532, abs=5e-5)  # irrCAC gives the same


def test_perfect_agreement_on_one_category_has_no_kappa_but_an_ac1():
    result = stats.agreement([[0, 0, 0], [0, 30, 0], [0, 0, 0]])
    assert result.kappa == stats.UNKNOWN
    assert result.ac1.value == pytest.approx(1.0)
    assert result.percent.value == 1.0


def test_no_pairs_is_unknown_everywhere():
    result = stats.agreement([[0, 0], [0, 0]])
    assert (result.pairs, result.percent, result.kappa, result.ac1) == (
        0,
        stats.UNKNOWN,
        stats.UNKNOWN,
        stats.UNKNOWN,
    )


def test_outside_band():
    # Baseline 0.8, n = 100: band 0.8 ± 1.96 · 0.04 = 0.7216 – 0.8784.
    assert not stats.outside_band(0.73, 100, 0.8)
    assert stats.outside_band(0.72, 100, 0.8)
    assert stats.outside_band(0.88, 100, 0.8)
    assert not stats.outside_band(0.87, 100, 0.8)
    assert not stats.outside_band(0.0, 100, None)
    assert not stats.outside_band(0.5, 100, 1.0)


TABLES = [
    ABSTRACTORS,
    [[118, 5], [2, 0]],
    [[45, 15], [25, 15]],
    [[20, 3, 1], [4, 9, 2], [0, 5, 6]],
    [[0, 7], [3, 0]],
]


@pytest.mark.parametrize("table", TABLES)
def test_kappa_and_wilson_equal_statsmodels(table):
    """statsmodels is the reference implementation (a dev dependency)."""
    from statsmodels.stats.inter_rater import cohens_kappa  # noqa: PLC0415 (dev only)
    from statsmodels.stats.proportion import proportion_confint  # noqa: PLC0415

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # its z test of kappa = 0
        reference = cohens_kappa(table)
    ours = stats.cohen_kappa(table)
    assert ours.value == pytest.approx(reference.kappa, abs=1e-12)
    assert ours.low == pytest.approx(max(-1.0, reference.kappa_low), abs=1e-9)
    assert ours.high == pytest.approx(min(1.0, reference.kappa_upp), abs=1e-9)
    n = sum(map(sum, table))
    agreeing = sum(table[k][k] for k in range(len(table)))
    low, high = proportion_confint(agreeing, n, method="wilson")
    wilson = stats.wilson(agreeing, n)
    assert (wilson.low, wilson.high) == (pytest.approx(low), pytest.approx(high))
