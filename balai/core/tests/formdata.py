"""A form's fields as a browser sends them back, read from the page's HTML: for tests,
fault tests (faults/worker_kill.py) and the load test's operators (load/locustfile.py) that
submit Wagtail's editor as it is, with every hidden field and formset it carries."""

from bs4 import BeautifulSoup


def form_data(html: str | bytes, form_id: str) -> dict[str, str]:
    """Every successful control of the form: inputs (checked ones only for checkboxes and
    radios), textareas and the selected option of each select; no buttons or files."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    if form is None:
        raise ValueError(f"no form with id {form_id!r}")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name, kind = field.get("name"), field.get("type", "")
        if not name or kind in ("submit", "button", "file", "image", "reset") or \
                kind in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", chosen.text) if chosen else ""
        else:
            data[name] = field.get("value", "on" if kind == "checkbox" else "")
    return data
