"""Values read from the environment that must be checked before Balai starts."""

import base64
import binascii

from django.core.exceptions import ImproperlyConfigured


def positive_days(name: str, value: str) -> int:
    """A number of days from the environment: a whole number above zero, or no start."""
    if not value.strip().isdecimal() or int(value) < 1:
        raise ImproperlyConfigured(f"{name} must be a whole number of days above 0, not {value!r}.")
    return int(value)


def data_keys(value: str) -> list[str]:
    """Fernet keys, comma separated, the newest first; a malformed one stops the start."""
    keys = [key.strip() for key in value.split(",") if key.strip()]
    for number, key in enumerate(keys, start=1):
        try:
            valid = len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32
        except (ValueError, binascii.Error):
            valid = False
        if not valid:
            raise ImproperlyConfigured(
                f"BALAI_DATA_KEYS: key {number} is not a Fernet key (32 bytes in url-safe "
                "base64). Make one with `balai generate-data-key`.")
    if len(set(keys)) != len(keys):
        raise ImproperlyConfigured("BALAI_DATA_KEYS lists the same key twice.")
    return keys
