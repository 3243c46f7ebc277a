"""The NIK's checks, its form field and its masked form (balai/core/nik.py)."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from balai.core.nik import PROVINCE_CODES, NikField, nik_birth_date_valid, nik_masked, validate_nik

# Kota Cilegon (36.72), kecamatan 01, born 12 May 1990, serial 0007.
CILEGON_MAN = "3672011205900007"
# DKI Jakarta (31.72), kecamatan 03, a woman born 15 July 1985 (day 15 + 40 = 55).
JAKARTA_WOMAN = "3172035507850002"


class NikForm(forms.Form):
    nik = NikField(label="NIK")


def _code(value: str) -> str:
    with pytest.raises(ValidationError) as error:
        validate_nik(value)
    return error.value.code


@pytest.mark.parametrize("value", [
    CILEGON_MAN, JAKARTA_WOMAN,
    "3672 0112 0590 0007",        # typed in groups of four, as printed on a KK
    " 3672011205900007\n",        # pasted with whitespace around it
    "3201012902000001",           # 29 February 2000, a leap year
    "9601013112990123",           # Papua Barat Daya (2022), 31 December 1999
    "1101017101010001",           # a woman born on 31 January 2001 (day 71)
])
def test_valid_niks_pass(value):
    validate_nik(value)
    form = NikForm({"nik": value})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["nik"] == "".join(value.split())


@pytest.mark.parametrize(("value", "code"), [
    ("367201120590007", "length"),            # a digit missing
    ("36720112059000071", "length"),          # one too many
    ("3672-0112-0590-0007", "digits"),        # dashes are not spaces
    ("3672O11205900007", "digits"),           # the letter O for a zero
    ("٣٦٧٢٠١١٢٠٥٩٠٠٠٠٧", "digits"),           # Arabic-Indic digits are not 0-9
    ("5472011205900007", "region"),           # 54 was Timor Timur: no province today
    ("0072011205900007", "region"),
    ("3600011205900007", "region"),           # kabupaten/kota 00
    ("3672001205900007", "region"),           # kecamatan 00
    ("3672013102990007", "birth_date"),       # 31 February does not exist
    ("3672012902010007", "birth_date"),       # 29 February 2001 (nor 1901)
    ("3672010113900007", "birth_date"),       # month 13
    ("3672010001900007", "birth_date"),       # day 00
    ("3672014012900007", "birth_date"),       # day 40: neither a man's nor a woman's day
    ("3672017201900007", "birth_date"),       # a woman's day 72 is the 32nd
    ("3672011205900000", "serial"),
])
def test_each_kind_of_mistake_has_its_own_message(value, code):
    assert _code(value) == code


def test_the_messages_are_indonesian_and_say_what_to_check():
    with translation.override("id"):
        messages = {}
        for value in ["36720112059000", "3672O11205900007", "9972011205900007",
                      "3672013102990007", "3672011205900000"]:
            form = NikForm({"nik": value})
            assert not form.is_valid()
            messages[value] = " ".join(form.errors["nik"])
    assert "16 angka" in messages["36720112059000"] and "14" in messages["36720112059000"]
    assert "hanya berisi angka" in messages["3672O11205900007"]
    assert "997201" in messages["9972011205900007"]
    assert "tanggal lahir" in messages["3672013102990007"]
    assert "31-02-99" in messages["3672013102990007"]
    assert "0000" in messages["3672011205900000"]


def test_a_nik_is_required_or_not_as_the_field_says():
    assert not NikForm({"nik": "   "}).is_valid()

    class Optional(forms.Form):
        nik = NikField(required=False)

    form = Optional({"nik": ""})
    assert form.is_valid() and form.cleaned_data["nik"] == ""


def test_a_huge_value_is_refused_not_crashed_on():
    form = NikForm({"nik": "3" * 100_000})
    assert not form.is_valid()


def test_the_field_asks_for_a_numeric_keyboard_and_no_autocomplete():
    html = str(NikForm()["nik"])
    assert 'inputmode="numeric"' in html and 'autocomplete="off"' in html
    assert 'maxlength="32"' in html


def test_the_two_digit_year_is_read_as_the_latest_past_century():
    today = datetime.date(2026, 12, 6)
    # 6 December 2026 today: "061226" is that day; "071226" is 7 December 1926.
    assert nik_birth_date_valid("3672010612260001", today=today)
    assert nik_birth_date_valid("3672010712260001", today=today)
    # 29 February of '00 exists (2000), of '26 neither in 2026 nor 1926.
    assert not nik_birth_date_valid("3672012902260001", today=today)


def test_38_provinces():
    assert len(PROVINCE_CODES) == 38
    assert PROVINCE_CODES["36"] == "Banten"
    assert all(len(code) == 2 and code.isdigit() for code in PROVINCE_CODES)


def test_masked_nik_shows_the_first_four_and_last_two_digits():
    assert nik_masked(CILEGON_MAN) == "3672**********07"
    assert nik_masked("3672 0112 0590 0007") == "3672**********07"
    assert len(nik_masked(JAKARTA_WOMAN)) == 16
    # Anything that is not a whole NIK shows nothing of itself.
    assert nik_masked("36720112") == "********"
    assert nik_masked("") == ""
