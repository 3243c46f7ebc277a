"""A form's fields as a browser sends them back, read from the page's HTML: for tests,
fault tests (faults/worker_kill.py) and the load test's operators (load/locustfile.py) that
submit Wagtail's editor as it is, with every hidden field and formset it carries."""

from bs4 import BeautifulSoup


def form_data(html: str | bytes, form_id: str) -> dict[str, str]:
    """Every successful control of the form: inputs (checked ones only for checkboxes and
    radios), textareas and the selected option of each select; no buttons or files, nor the
    controls inside a ``<template>`` (an InlinePanel's empty form, which a browser does not
    send)."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    if form is None:
        raise ValueError(f"no form with id {form_id!r}")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name, kind = field.get("name"), field.get("type", "")
        if not name or kind in ("submit", "button", "file", "image", "reset") or \
                kind in ("checkbox", "radio") and not field.has_attr("checked") or \
                field.find_parent("template") is not None:
            continue
        if field.name == "textarea":
            # A browser drops the newline that starts a textarea's content (Django adds one).
            text = field.text
            data[name] = text[1:] if text.startswith("\n") else text
        elif field.name == "select":
            # Not find("option", selected=True): that misses Django's bare `selected`.
            chosen = field.find(lambda tag: tag.name == "option" and tag.has_attr("selected"))
            data[name] = chosen.get("value", chosen.text) if chosen else ""
        else:
            data[name] = field.get("value", "on" if kind == "checkbox" else "")
    return data
