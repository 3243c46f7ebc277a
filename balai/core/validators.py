import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 \-]{5,18}$",
    _("Write a phone number with digits only, e.g. 0254 391234 or 0812 3456 7890."),
)


# Control characters (C0, DEL, C1) have no place in a line of text an editor types; a NUL
# is refused by PostgreSQL. Tab and newlines are control characters too: one-line fields.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def validate_no_control_characters(value: str) -> None:
    """Refuse a one-line text with a control character (pasted from elsewhere, or forged)."""
    if _CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError(
            _("Remove the invisible control characters (for example a tab or a line break) "
              "from this text."), code="control_characters")


_STRAY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Text a resident typed, without control characters (a NUL byte cannot be stored in
    PostgreSQL) and with its line ends made one kind."""
    return _STRAY_CONTROL.sub("", value or "").replace("\r\n", "\n").strip()


def whatsapp_number(value: str) -> str:
    """Normalise an Indonesian mobile number to the international form wa.me expects."""
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return digits


def validate_whatsapp(value: str) -> None:
    digits = whatsapp_number(value)
    if not (digits.startswith("628") and 10 <= len(digits) <= 15):
        raise ValidationError(
            _("Write a mobile number that has WhatsApp, e.g. 0812 3456 7890."), code="whatsapp"
        )
