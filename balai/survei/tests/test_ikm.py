"""The index as PermenPANRB 14/2017 computes it, checked against figures worked by hand."""

from decimal import Decimal
from fractions import Fraction

import pytest

from balai.survei import ikm


def test_nine_elements_answered_4_by_everyone_give_exactly_100():
    result = ikm.result(7, [28] * 9)  # 7 respondents × 4
    assert result.ikm == Decimal("100.00")
    assert result.mutu.letter == "A"


def test_worked_example_by_hand():
    # 4 respondents. Sums per element, worked by hand:
    # U1 3+4+3+3=13  U2 3+3+3+2=11  U3 2+3+3+2=10  U4 4+4+4+4=16  U5 3+3+3+3=12
    # U6 3+3+4+3=13  U7 4+4+3+3=14  U8 2+2+3+2=9   U9 3+3+3+2=11
    # NRR: 3.25 2.75 2.50 4.00 3.00 3.25 3.50 2.25 2.75 -> sum 27.25
    # IKM = 27.25 × 1/9 × 25 = 681.25 / 9 = 75.6944… -> 75.69, C (65.00–76.60)
    result = ikm.result(4, [13, 11, 10, 16, 12, 13, 14, 9, 11])
    assert result.nrr == [Decimal(v) for v in
                          ("3.25", "2.75", "2.50", "4.00", "3.00", "3.25", "3.50", "2.25",
                           "2.75")]
    assert result.ikm == Decimal("75.69")
    assert (result.mutu.letter, str(result.mutu.label)) == ("C", "Kurang Baik")


def test_the_exact_ninth_and_a_rounded_0111_give_different_grades():
    # 10 respondents whose answers add up to 318 over the nine elements:
    # U1…U9 sums 36 35 35 35 35 35 35 36 36 -> NRR 3.6 3.5 … -> sum of NRR 31.8.
    # With 1/9:   31.8 × 25 / 9   = 88.333… -> 88.33, grade A (88.31–100).
    # With 0.111: 31.8 × 0.111 × 25 = 88.245 -> 88.25 (half up), grade B (76.61–88.30).
    totals = [36, 35, 35, 35, 35, 35, 35, 36, 36]
    result = ikm.result(10, totals)
    assert result.ikm == Decimal("88.33")
    assert result.mutu.letter == "A"
    rounded_weight = sum(Fraction(total, 10) for total in totals) * Fraction("0.111") * 25
    assert ikm.rounded(rounded_weight) == Decimal("88.25")
    assert ikm.mutu_of(ikm.rounded(rounded_weight)).letter == "B"


def test_weight_is_the_exact_fraction():
    assert Fraction(1, 9) == ikm.WEIGHT
    assert ikm.index([Fraction(1)] * 9) == 25


@pytest.mark.parametrize(("value", "letter"), [
    ("100.00", "A"), ("88.31", "A"), ("88.30", "B"), ("76.61", "B"), ("76.60", "C"),
    ("65.00", "C"), ("64.99", "D"), ("25.00", "D"),
])
def test_every_grade_boundary(value, letter):
    assert ikm.mutu_of(Decimal(value)).letter == letter


def test_grade_labels_follow_the_regulation():
    assert [str(grade.label) for grade in ikm.MUTU] == [
        "Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik"]


@pytest.mark.parametrize("value", ["24.99", "100.01"])
def test_an_index_outside_25_to_100_is_refused(value):
    with pytest.raises(ValueError):
        ikm.mutu_of(Decimal(value))


def test_extremes_from_answers():
    # 9 respondents, every element summing to 32 -> NRR 32/9 each, their sum 32 ->
    # IKM 32 × 1/9 × 25 = 88.888… -> 88.89.
    assert ikm.result(9, [32] * 9).ikm == Decimal("88.89")
    # All answers 1: NRR 1 each -> 25.00, D.
    lowest = ikm.result(3, [3] * 9)
    assert (lowest.ikm, lowest.mutu.letter) == (Decimal("25.00"), "D")


def test_rounding_is_half_up_once():
    assert ikm.rounded(Fraction(88245, 1000)) == Decimal("88.25")
    assert ikm.rounded(Fraction(76605, 1000)) == Decimal("76.61")
    assert ikm.rounded(Fraction(7660499, 100000)) == Decimal("76.60")


def test_no_respondent_has_no_index():
    result = ikm.result(0, [0] * 9)
    assert (result.respondents, result.ikm, result.mutu) == (0, None, None)


@pytest.mark.parametrize(("population", "sample"), [
    (1, 1), (9, 9), (10, 10), (100, 80), (101, 86), (1250, 297), (1300, 297),
    (10000, 370), (75001, 384), (5_000_000, 384),
])
def test_krejcie_morgan_minimum_sample(population, sample):
    assert ikm.minimum_sample(population) == sample


def test_krejcie_morgan_table_agrees_with_its_formula():
    # s = X²NP(1−P) / (d²(N−1) + X²P(1−P)), X² = 3.841, P = 0.5, d = 0.05 (the paper's).
    for size, sample in ikm.KREJCIE_MORGAN:
        exact = 3.841 * size * 0.25 / (0.0025 * (size - 1) + 3.841 * 0.25)
        assert abs(exact - sample) < 1, size
    sizes = [size for size, _ in ikm.KREJCIE_MORGAN]
    assert sizes == sorted(sizes)
