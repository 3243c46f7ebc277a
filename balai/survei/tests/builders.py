"""What the survey's tests post, in the shape the public form sends it."""

from balai.survei.elements import ELEMENT_KEYS


def answers(*values: int, service: str = "lain", suggestion: str = "", **extra) -> dict:
    """The form's fields: ``values`` are U1…U9 (one value repeated if only one is given)."""
    values = values * 9 if len(values) == 1 else values
    return {"layanan": service, "umur": "30-39", "jenis_kelamin": "P", "pendidikan": "sma",
            "pekerjaan": "wirausaha", "saran": suggestion,
            **{key: str(value) for key, value in zip(ELEMENT_KEYS, values, strict=True)},
            **extra}
