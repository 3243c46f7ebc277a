"""The NIK (Nomor Induk Kependudukan): its checks, a form field, and its masked form.

Why here, in ``core``: the NIK is a resident's personal identifier that more than one app
asks for (the catalogue's online-request fields in ``layanan`` now, the requests themselves
next), so it sits below them in the shared layer with Balai's other validators. It needs no
model and no database: the province codes are a fixed national list, written out below, not
the city's own regions that ``wilayah`` loads (those cover Kota Cilegon only, while a
resident's NIK may have been issued anywhere in Indonesia and keeps its first digits for
life when the resident moves).

The structure (Permendagri 108/2019 and Dukcapil's published description of the NIK):

- digits 1–2: the province's Kemendagri code, 3–4: the kabupaten/kota within it, 5–6: the
  kecamatan, where the NIK was first issued (never ``00``);
- digits 7–12: the date of birth as DDMMYY, with 40 added to the day for women;
- digits 13–16: a serial number of the people registered with that region and birth date
  (never ``0000``).

A NIK has **no check digit**: these checks catch typing mistakes (a digit missing, the date
typed in the wrong place, a made-up number) but cannot prove that a NIK exists or belongs to
the person typing it. Only the office's check against the resident's documents or
Dukcapil's data does that.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NIK_LENGTH = 16

# The 38 provinces by Kemendagri code, as in Kepmendagri 300.2.2-2430/2025 on the codes and
# names of government regions (published in the MIT-licensed repository cahyadsn/wilayah,
# the same source as balai/wilayah/data). A NIK issued before a province was split keeps its
# old code (e.g. 91 for a resident of Merauke registered before Papua Selatan, 93, existed),
# so every code in use is valid, the new ones included.
PROVINCE_CODES: dict[str, str] = {
    "11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau",
    "15": "Jambi", "16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung",
    "19": "Kepulauan Bangka Belitung", "21": "Kepulauan Riau",
    "31": "DKI Jakarta", "32": "Jawa Barat", "33": "Jawa Tengah", "34": "DI Yogyakarta",
    "35": "Jawa Timur", "36": "Banten",
    "51": "Bali", "52": "Nusa Tenggara Barat", "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat", "62": "Kalimantan Tengah", "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur", "65": "Kalimantan Utara",
    "71": "Sulawesi Utara", "72": "Sulawesi Tengah", "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara", "75": "Gorontalo", "76": "Sulawesi Barat",
    "81": "Maluku", "82": "Maluku Utara",
    "91": "Papua", "92": "Papua Barat", "93": "Papua Selatan", "94": "Papua Tengah",
    "95": "Papua Pegunungan", "96": "Papua Barat Daya",
}

# What a resident may type between the digits (a NIK is often copied in groups of four).
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"^[0-9]+$")
WOMAN_DAY_OFFSET = 40

MESSAGES = {
    "digits": _("A NIK has only digits (0–9). Copy it from your KTP-el or Kartu Keluarga."),
    "length": _("A NIK has exactly 16 digits; you wrote %(count)d. Check it against your "
                "KTP-el or Kartu Keluarga."),
    "region": _("The first 6 digits of a NIK are the code of the province, city or regency "
                "and kecamatan where it was issued, and %(code)s is not one. Check the "
                "beginning of the NIK."),
    "birth_date": _("Digits 7 to 12 of a NIK are the date of birth (day, month, year; for "
                    "women the day plus 40), and %(date)s is not a real date. Check the "
                    "middle of the NIK."),
    "serial": _("The last 4 digits of a NIK cannot be 0000. Check the end of the NIK."),
}


def nik_normalise(value: str) -> str:
    """The NIK as typed, without the spaces a resident may have put between the digits."""
    return _SPACES.sub("", value or "")


def _birth_date_exists(day: int, month: int, year: int, *, today: datetime.date) -> bool:
    # Two digits of year: born this century or the last, never in the future. 29 February
    # exists when either candidate year is a leap year (e.g. 2000, not 1900).
    for century in (2000, 1900):
        try:
            born = datetime.date(century + year, month, day)
        except ValueError:
            continue
        if born <= today:
            return True
    return False


def nik_birth_date_valid(nik: str, *, today: datetime.date | None = None) -> bool:
    """Whether digits 7–12 of a 16-digit NIK are a real date of birth (DDMMYY, day + 40 for
    women) that is not in the future."""
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > WOMAN_DAY_OFFSET:
        day -= WOMAN_DAY_OFFSET
    return _birth_date_exists(day, month, year, today=today or timezone.localdate())


def validate_nik(value: str) -> None:
    """Raise ValidationError (codes ``digits``, ``length``, ``region``, ``birth_date``,
    ``serial``) unless ``value``, once its spaces are removed, has the shape of a NIK."""
    nik = nik_normalise(value)
    if not _DIGITS.match(nik):
        raise ValidationError(MESSAGES["digits"], code="digits")
    if len(nik) != NIK_LENGTH:
        raise ValidationError(MESSAGES["length"], code="length", params={"count": len(nik)})
    if nik[:2] not in PROVINCE_CODES or nik[2:4] == "00" or nik[4:6] == "00":
        raise ValidationError(MESSAGES["region"], code="region", params={"code": nik[:6]})
    if not nik_birth_date_valid(nik):
        raise ValidationError(MESSAGES["birth_date"], code="birth_date",
                              params={"date": f"{nik[6:8]}-{nik[8:10]}-{nik[10:12]}"})
    if nik[12:] == "0000":
        raise ValidationError(MESSAGES["serial"], code="serial")


def nik_masked(value: str) -> str:
    """The NIK as lists show it: the first 4 and last 2 digits, the rest as ``*``
    (``3672**********07``). Anything shorter than a NIK is masked whole."""
    nik = nik_normalise(value)
    if len(nik) != NIK_LENGTH:
        return "*" * len(nik)
    return f"{nik[:4]}{'*' * (NIK_LENGTH - 6)}{nik[-2:]}"


class NikField(forms.CharField):
    """A form field for a NIK: spaces allowed while typing, removed; the checks above."""

    default_validators = [validate_nik]
    # Room for a NIK typed in groups with spaces, and not much more.
    MAX_TYPED_LENGTH = 32

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", self.MAX_TYPED_LENGTH)
        kwargs.setdefault("help_text", _("16 digits, as on your KTP-el or Kartu Keluarga."))
        super().__init__(**kwargs)

    def to_python(self, value):
        return nik_normalise(super().to_python(value))

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # A numeric keyboard on phones, and no browser history of residents' NIKs.
        attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        return attrs
