"""What the survey's tests post, in the shape the public form sends it, and what a
rendered form has chosen."""

import re

from balai.survei.elements import ELEMENT_KEYS


def answers(*values: int, service: str = "lain", suggestion: str = "", **extra) -> dict:
    """The form's fields: ``values`` are U1…U9 (one value repeated if only one is given)."""
    values = values * 9 if len(values) == 1 else values
    return {"layanan": service, "umur": "30-39", "jenis_kelamin": "P", "pendidikan": "sma",
            "pekerjaan": "wirausaha", "saran": suggestion,
            **{key: str(value) for key, value in zip(ELEMENT_KEYS, values, strict=True)},
            **extra}


INPUT = re.compile(r"<input\b[^>]*>")
ATTRIBUTE = re.compile(r'(\w+)(?:="([^"]*)")?')
OPTION = re.compile(r'<option value="([^"]*)" selected>')


def chosen(html: str) -> dict[str, str]:
    """What a rendered form has chosen: every checked radio button (name -> value) and the
    service selected in the list."""
    found = {}
    for tag in INPUT.findall(html):
        attributes = dict(ATTRIBUTE.findall(tag[len("<input"):-1]))
        if attributes.get("type") == "radio" and "checked" in attributes:
            found[attributes["name"]] = attributes["value"]
    selected = OPTION.search(html)
    if selected:
        found["layanan"] = selected.group(1)
    return found
