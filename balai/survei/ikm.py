"""The community satisfaction index (IKM) exactly as PermenPANRB 14/2017 computes it, and the
minimum sample of Krejcie and Morgan. Pure arithmetic: no models, no database.

- Each of the nine elements (U1–U9) is answered on a scale of 1 to 4.
- NRR (nilai rata-rata) of an element: the sum of its answers divided by the number of
  answers.
- Every element weighs the same: 1/9 (the regulation writes "0,111", a rounding of 1/9; the
  weight here is the exact fraction, so that nine equal NRR of 4 give exactly 100).
- IKM = Σ(NRR × 1/9) × 25, the index converted to 25–100, shown with two decimals.
- Mutu (quality) from the converted index, two decimals: A 88.31–100 (Sangat Baik),
  B 76.61–88.30 (Baik), C 65.00–76.60 (Kurang Baik), D 25.00–64.99 (Tidak Baik).

The arithmetic is done in fractions and rounded once, at the end, half up (the way the
regulation's worked example and a spreadsheet round).
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import pgettext_lazy

ELEMENT_COUNT = 9
WEIGHT = Fraction(1, ELEMENT_COUNT)
CONVERSION = 25
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Mutu:
    letter: str
    label: str
    low: Decimal  # the lowest converted index (two decimals) of this grade


# Highest first. The regulation's table: "Nilai Interval Konversi (NIK)".
MUTU = (
    Mutu("A", pgettext_lazy("IKM grade", "Very good"), Decimal("88.31")),
    Mutu("B", pgettext_lazy("IKM grade", "Good"), Decimal("76.61")),
    Mutu("C", pgettext_lazy("IKM grade", "Not good enough"), Decimal("65.00")),
    Mutu("D", pgettext_lazy("IKM grade", "Poor"), Decimal("25.00")),
)


def rounded(value: Fraction) -> Decimal:
    """A non-negative exact fraction as a decimal with two places, rounded half up (in
    whole numbers of hundredths, so that nothing is rounded twice)."""
    hundredths = math.floor(value * 100 + Fraction(1, 2))
    return Decimal(hundredths).scaleb(-2).quantize(TWO_PLACES)


def nrr(total: int, answers: int) -> Fraction:
    """The average of one element: the sum of its answers over their number."""
    if answers <= 0:
        raise ValueError("an element's average needs at least one answer")
    return Fraction(total, answers)


def index(averages: Sequence[Fraction]) -> Fraction:
    """The converted index (25–100) of the nine elements' averages, exact."""
    if len(averages) != ELEMENT_COUNT:
        raise ValueError(f"the index needs {ELEMENT_COUNT} averages, not {len(averages)}")
    return sum((average * WEIGHT for average in averages), Fraction(0)) * CONVERSION


def mutu_of(ikm: Decimal) -> Mutu:
    """The grade of a converted index already rounded to two decimals."""
    if not Decimal("25.00") <= ikm <= Decimal("100.00"):
        raise ValueError(f"a converted index lies between 25 and 100, not {ikm}")
    return next(grade for grade in MUTU if ikm >= grade.low)


@dataclass(frozen=True)
class Result:
    """The index of some responses: how many, the nine averages, the index and its grade.
    With no respondent, ``ikm`` and ``mutu`` are None."""

    respondents: int
    averages: tuple[Fraction, ...] = ()
    ikm: Decimal | None = None
    mutu: Mutu | None = None

    @property
    def nrr(self) -> list[Decimal]:
        """The averages with two decimals, for display."""
        return [rounded(average) for average in self.averages]


def result(respondents: int, totals: Sequence[int]) -> Result:
    """The index of ``respondents`` complete responses whose answers to U1…U9 add up to
    ``totals`` (every response answers all nine, as the form requires)."""
    if respondents == 0:
        return Result(respondents=0)
    averages = tuple(nrr(total, respondents) for total in totals)
    ikm = rounded(index(averages))
    return Result(respondents=respondents, averages=averages, ikm=ikm, mutu=mutu_of(ikm))


# Krejcie, R. V. & Morgan, D. W. (1970), "Determining Sample Size for Research Activities",
# Educational and Psychological Measurement 30, 607–610, Table 1 (reproduced in the annex of
# PermenPANRB 14/2017): population N -> sample S, for 95% confidence and a 5% margin.
KREJCIE_MORGAN = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40),
    (50, 44), (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70),
    (90, 73), (95, 76), (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108),
    (160, 113), (170, 118), (180, 123), (190, 127), (200, 132), (210, 136), (220, 140),
    (230, 144), (240, 148), (250, 152), (260, 155), (270, 159), (280, 162), (290, 165),
    (300, 169), (320, 175), (340, 181), (360, 186), (380, 191), (400, 196), (420, 201),
    (440, 205), (460, 210), (480, 214), (500, 217), (550, 226), (600, 234), (650, 242),
    (700, 248), (750, 254), (800, 260), (850, 265), (900, 269), (950, 274), (1000, 278),
    (1100, 285), (1200, 291), (1300, 297), (1400, 302), (1500, 306), (1600, 310),
    (1700, 313), (1800, 317), (1900, 320), (2000, 322), (2200, 327), (2400, 331),
    (2600, 335), (2800, 338), (3000, 341), (3500, 346), (4000, 351), (4500, 354),
    (5000, 357), (6000, 361), (7000, 364), (8000, 367), (9000, 368), (10000, 370),
    (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381), (75000, 382),
    (1000000, 384),
)


def minimum_sample(population: int) -> int:
    """The minimum number of respondents for ``population`` service users: the table's row
    for that population, or for the next larger one listed (never fewer than the table
    asks); a population under 10 is asked whole."""
    if population < 1:
        raise ValueError("a population has at least one person")
    if population < KREJCIE_MORGAN[0][0]:
        return population
    return next((sample for size, sample in KREJCIE_MORGAN if size >= population),
                KREJCIE_MORGAN[-1][1])
