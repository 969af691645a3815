"""From the counts (quality.selectors) to the dashboard's figures: pure functions.

Strictness needs an order of the scale. It comes from the scale's own data: an option
that counts as met is the most lenient, one referred to the interview (*toelichten in
toetsgesprek*) sits in between, any other (*niet aangetoond*) is the strictest.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from quality import stats
from quality.enums import Coefficient


def leniency(option) -> int:
    """2 counts as met, 1 is referred to the interview, 0 is not met."""
    if option.counts_as_met:
        return 2
    return 1 if option.refers_to_interview else 0


def empty_table(size: int) -> list[list[int]]:
    return [[0] * size for _ in range(size)]


@dataclass
class Scale:
    """The version's options: index in the contingency table, leniency, interview flag."""

    options: list

    def __post_init__(self):
        self.index = {o.pk: i for i, o in enumerate(self.options)}
        self.rank = {o.pk: leniency(o) for o in self.options}
        self.interview = {o.pk for o in self.options if o.refers_to_interview}

    def table(self) -> list[list[int]]:
        return empty_table(len(self.options))

    def add(self, table, first: int, second: int, n: int) -> None:
        table[self.index[first]][self.index[second]] += n


@dataclass
class Thresholds:
    coefficient: str
    threshold: float
    min_pairs: int

    def value(self, agreement: stats.Agreement) -> stats.Estimate:
        return agreement.ac1 if self.coefficient == Coefficient.AC1 else agreement.kappa

    def too_few(self, agreement: stats.Agreement) -> bool:
        return agreement.pairs < self.min_pairs

    def flagged(self, agreement: stats.Agreement) -> bool:
        """Below the threshold with enough pairs (an unknown kappa is not flagged: the
        page says why it is unknown)."""
        estimate = self.value(agreement)
        return not self.too_few(agreement) and estimate.known and estimate.value < self.threshold


@dataclass
class CriterionRow:
    criterion: object
    agreement: stats.Agreement
    flagged: bool
    too_few: bool
    cells: list = field(default_factory=list)  # per quarter: (Agreement, value or None)


def quarters_of(period_start: date, period_end: date) -> list[date]:
    """The first day of every quarter the period touches."""
    quarter = date(period_start.year, 3 * ((period_start.month - 1) // 3) + 1, 1)
    result = []
    while quarter <= period_end:
        result.append(quarter)
        month = quarter.month + 3
        quarter = date(quarter.year + (month > 12), (month - 1) % 12 + 1, 1)
    return result


def quarter_label(quarter: date) -> str:
    return f"{quarter.year}-K{(quarter.month - 1) // 3 + 1}"


def criterion_rows(counts, criteria, scale: Scale, quarters, thresholds) -> list[CriterionRow]:
    """Per criterion the agreement over the period and per quarter (the heat map)."""
    overall = defaultdict(scale.table)
    per_quarter = defaultdict(scale.table)
    for row in counts:
        scale.add(overall[row["criterion_id"]], row["option_id"], row["other_option"], row["n"])
        key = (row["criterion_id"], row["quarter"])
        scale.add(per_quarter[key], row["option_id"], row["other_option"], row["n"])
    rows = []
    for criterion in criteria:
        agreement = stats.agreement(overall[criterion.pk])
        cells = []
        for quarter in quarters:
            cell = stats.agreement(per_quarter[(criterion.pk, quarter)])
            shown = None if thresholds.too_few(cell) else thresholds.value(cell).value
            cells.append((cell, shown))
        rows.append(
            CriterionRow(
                criterion=criterion,
                agreement=agreement,
                flagged=thresholds.flagged(agreement),
                too_few=thresholds.too_few(agreement),
                cells=cells,
            )
        )
    return rows


@dataclass
class Tally:
    """An assessor's pair scores: how many, how many alike, stricter, more lenient."""

    total: int = 0
    alike: int = 0
    stricter: int = 0
    lenient: int = 0

    def add(self, *, same: bool, own: int, other: int, n: int) -> None:
        """`same`: the same option; `own`, `other`: the two options' leniency."""
        self.total += n
        if same:
            self.alike += n
        elif own < other:
            self.stricter += n
        else:
            self.lenient += n


def _tallies(pair_counts, scale: Scale):
    """Per assessor and per (assessor, quarter) a Tally; per unordered pair a table."""
    overall = defaultdict(Tally)
    by_quarter = defaultdict(Tally)
    pairs = defaultdict(scale.table)
    for row in pair_counts:
        a, b = row["assessor_id"], row["other_assessor"]
        first, second, n = row["option_id"], row["other_option"], row["n"]
        same, rank_a, rank_b = first == second, scale.rank[first], scale.rank[second]
        for own, other, who in ((rank_a, rank_b, a), (rank_b, rank_a, b)):
            overall[who].add(same=same, own=own, other=other, n=n)
            by_quarter[(who, row["quarter"])].add(same=same, own=own, other=other, n=n)
        key, swap = ((a, b), False) if a < b else ((b, a), True)
        scale.add(pairs[key], *((second, first) if swap else (first, second)), n)
    return overall, by_quarter, pairs


@dataclass
class AssessorRow:
    assessor: object
    scores: int
    equals_agreed: stats.Estimate
    equals_final: stats.Estimate
    interview_share: stats.Estimate
    pairs: int
    alike: stats.Estimate
    stricter: stats.Estimate
    lenient: stats.Estimate


def _verdict_tallies(verdicts, scale: Scale):
    """Per assessor: scores, equal to agreed (of those agreed), equal to final, interview."""
    result = defaultdict(lambda: [0, 0, 0, 0, 0])  # scores, agreed n, =agreed, final n, =final
    interview = defaultdict(int)
    for row in verdicts:
        who, option, n = row["assessor_id"], row["option_id"], row["n"]
        tally = result[who]
        tally[0] += n
        if option in scale.interview:
            interview[who] += n
        if row["agreed"] is not None:
            tally[1] += n
            tally[2] += n if option == row["agreed"] else 0
            final = row["final"] or row["agreed"]
            tally[3] += n
            tally[4] += n if option == final else 0
    return result, interview


def assessor_rows(verdicts, pair_counts, scale: Scale, users) -> list[AssessorRow]:
    overall, _by_quarter, _pairs = _tallies(pair_counts, scale)
    verdict, interview = _verdict_tallies(verdicts, scale)
    rows = []
    for user in users:
        scores, agreed_n, agreed_eq, final_n, final_eq = verdict.get(user.pk, [0] * 5)
        tally = overall.get(user.pk, Tally())
        rows.append(
            AssessorRow(
                assessor=user,
                scores=scores,
                equals_agreed=stats.wilson(agreed_eq, agreed_n),
                equals_final=stats.wilson(final_eq, final_n),
                interview_share=stats.wilson(interview.get(user.pk, 0), scores),
                pairs=tally.total,
                alike=stats.wilson(tally.alike, tally.total),
                stricter=stats.wilson(tally.stricter, tally.total),
                lenient=stats.wilson(tally.lenient, tally.total),
            )
        )
    return rows


def pair_rows(pair_counts, scale: Scale, users_by_id) -> list[tuple]:
    """Per pair of assessors (either role) their agreement over all criteria."""
    _overall, _by_quarter, pairs = _tallies(pair_counts, scale)
    rows = [
        (users_by_id[a], users_by_id[b], stats.agreement(table))
        for (a, b), table in pairs.items()
        if a in users_by_id and b in users_by_id
    ]
    return sorted(rows, key=lambda r: (str(r[0]), str(r[1])))


def weakest_pairs(rows: list[tuple], thresholds: Thresholds, count: int) -> list[tuple]:
    """The `count` pairs of assessors whose agreement is lowest by the office's coefficient,
    of those with enough pairs and a known value (the ones to talk to first). `rows` as
    pair_rows gives them; ties keep its order."""
    judged = [
        row for row in rows if not thresholds.too_few(row[2]) and thresholds.value(row[2]).known
    ]
    return sorted(judged, key=lambda row: thresholds.value(row[2]).value)[:count]


@dataclass
class DriftPoint:
    quarter: date
    pairs: int
    alike: float | None
    stricter: float | None
    warning: bool

    @property
    def label(self) -> str:
        return quarter_label(self.quarter)


def _warn(own: Tally, before: Tally, reviews: int) -> bool:
    """Is this quarter's share alike or share stricter outside the 95 % band around the
    same share in the earlier quarters? The scores of one portfolio move together, so
    the band counts the quarter's portfolios, not its single scores: conservative, a
    warning means a real change."""
    if not before.total:
        return False
    n = reviews
    return stats.outside_band(
        own.alike / own.total, n, before.alike / before.total
    ) or stats.outside_band(own.stricter / own.total, n, before.stricter / before.total)


def reviews_per_quarter(review_counts) -> dict:
    """(assessor, quarter) → the number of reviews the assessor scored in it."""
    result = defaultdict(int)
    for row in review_counts:
        for who in (row["assessor_id"], row["other_assessor"]):
            result[(who, row["quarter"])] += row["n"]
    return result


def drift(pair_counts, scale: Scale, users, quarters, *, min_pairs: int, reviews: dict):
    """Per assessor per quarter: share alike and share stricter, and a warning when either
    lies outside the band around the assessor's own earlier quarters (judged only for a
    quarter with at least `min_pairs` pairs, against earlier ones with as many)."""
    _overall, by_quarter, _pairs = _tallies(pair_counts, scale)
    result = []
    for user in users:
        points, before = [], Tally()
        for quarter in quarters:
            own = by_quarter.get((user.pk, quarter), Tally())
            judged = own.total >= min_pairs and before.total >= min_pairs
            points.append(
                DriftPoint(
                    quarter=quarter,
                    pairs=own.total,
                    alike=own.alike / own.total if own.total else None,
                    stricter=own.stricter / own.total if own.total else None,
                    warning=judged and _warn(own, before, reviews.get((user.pk, quarter), 0)),
                )
            )
            before.total += own.total
            before.alike += own.alike
            before.stricter += own.stricter
        result.append((user, points))
    return result
