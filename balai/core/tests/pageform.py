"""The Wagtail page editor's form as a browser submits it, read from the editor's HTML.

``form_data`` gives the plain controls. A StreamField has none in the HTML: Wagtail renders
its block definition (telepath-packed) and its current value (the blocks' form state) as
JSON in data attributes, and its JavaScript builds the inputs from them. ``PageForm`` reads
both and encodes the value the way that JavaScript names its inputs (``-count``, ``-0-type``,
``-0-value-…``, ``-0-deleted``, ``-0-order``, ``-0-id``), so a test can change the value in
the same terms (block types, child names, list items) and POST it as the operator's browser
would. An InlinePanel row is added from the panel's own empty-form template.
"""

import copy
import json
import uuid

from bs4 import BeautifulSoup

from .formdata import form_data

TEMPLATE_SUFFIX = "-EMPTY_FORM_TEMPLATE"


class Packed:
    """One object of a telepath-packed definition: its JavaScript constructor and args."""

    def __init__(self, kind: str, args: list):
        self.kind, self.args = kind, args

    @property
    def name(self) -> str:
        return self.args[0]


def _unpack(node, refs: dict):
    """Telepath's JSON back to Python: objects as ``Packed``, shared values resolved."""
    if isinstance(node, list):
        return [_unpack(item, refs) for item in node]
    if not isinstance(node, dict):
        return node
    if "_ref" in node:
        return refs[node["_ref"]]
    if "_type" in node:
        value = Packed(node["_type"], _unpack(node["_args"], refs))
    elif "_val" in node:
        value = node["_val"]
    elif "_list" in node:
        value = _unpack(node["_list"], refs)
    elif "_dict" in node:
        value = {key: _unpack(item, refs) for key, item in node["_dict"].items()}
    else:
        value = {key: _unpack(item, refs) for key, item in node.items()}
    if "_id" in node:
        refs[node["_id"]] = value
    return value


def _stream_children(definition: Packed) -> dict[str, Packed]:
    return {child.name: child for _group, children in definition.args[1] for child in children}


def _struct_children(definition: Packed) -> dict[str, Packed]:
    return {child.name: child for child in definition.args[1]}


def _encode(definition: Packed, state, prefix: str, out: dict) -> None:
    """Write ``state`` into ``out`` under the input names Wagtail's block JavaScript uses."""
    kind = definition.kind
    if kind in ("wagtail.blocks.StreamBlock", "wagtail.blocks.ListBlock"):
        state = state or []
        out[f"{prefix}-count"] = str(len(state))
        for position, child in enumerate(state):
            child_prefix = f"{prefix}-{position}"
            out[f"{child_prefix}-deleted"] = ""
            out[f"{child_prefix}-order"] = str(position)
            # A block added in the browser gets its id there.
            out[f"{child_prefix}-id"] = child.get("id") or str(uuid.uuid4())
            if kind == "wagtail.blocks.StreamBlock":
                out[f"{child_prefix}-type"] = child["type"]
                child_definition = _stream_children(definition)[child["type"]]
            else:
                child_definition = definition.args[1]
            _encode(child_definition, child["value"], f"{child_prefix}-value", out)
    elif kind == "wagtail.blocks.StructBlock":
        for name, child in _struct_children(definition).items():
            _encode(child, (state or {}).get(name), f"{prefix}-{name}", out)
    elif kind == "wagtail.blocks.FieldBlock":
        widget = definition.args[1]
        if widget.kind == "wagtail.widgets.CheckboxInput":
            if state:
                out[prefix] = "on"
        elif isinstance(state, dict):  # a chooser: its state describes the chosen object
            out[prefix] = str(state["id"])
        elif isinstance(state, list):  # a select (a ChoiceBlock): its chosen value(s)
            out[prefix] = str(state[0]) if state else ""
        else:
            out[prefix] = "" if state is None else str(state)
    else:
        raise ValueError(f"PageForm cannot encode a {kind}")


class PageForm:
    """A page editor's form: ``fields`` (plain controls), ``streams`` (each StreamField's
    form state: a list of ``{"type", "value", "id"}``, list items ``{"value", "id"}``)."""

    def __init__(self, html: str | bytes, form_id: str = "page-edit-form"):
        self.fields = form_data(html, form_id)
        form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
        self.streams: dict[str, list] = {}
        self._definitions: dict[str, Packed] = {}
        for element in form.find_all(attrs={"data-controller": "w-block"}):
            name = element["id"]
            self._definitions[name] = _unpack(json.loads(element["data-w-block-data-value"]),
                                              {})
            self.streams[name] = json.loads(element["data-w-block-arguments-value"])[0]
        self._empty_forms: dict[str, dict[str, str]] = {}
        for template in form.find_all("template", id=lambda value: value and value.endswith(
                TEMPLATE_SUFFIX)):
            prefix = template["id"].removeprefix("id_").removesuffix(TEMPLATE_SUFFIX)
            wrapper = BeautifulSoup(f'<form id="empty">{template.decode_contents()}</form>',
                                    "html.parser")
            self._empty_forms[prefix] = form_data(str(wrapper), "empty")

    def new_block(self, stream: str, block_type: str) -> dict:
        """A block as the stream's "add" button makes it, with the block's default value."""
        defaults = self._definitions[stream].args[2]
        return {"type": block_type, "value": copy.deepcopy(defaults[block_type]), "id": None}

    def new_item(self, stream: str, block_type: str, list_name: str) -> dict:
        """An item for the ListBlock ``list_name`` of a ``block_type`` block, as its "add"
        button makes it."""
        struct = _stream_children(self._definitions[stream])[block_type]
        initial = _struct_children(struct)[list_name].args[2]
        return {"value": copy.deepcopy(initial), "id": None}

    def add_inline(self, prefix: str, **values) -> None:
        """Add a row to an InlinePanel (``prefix``: its relation name), as its "add" button
        does, with the given field values."""
        total = int(self.fields[f"{prefix}-TOTAL_FORMS"])
        row = {name.replace("__prefix__", str(total)): value
               for name, value in self._empty_forms[prefix].items()}
        row[f"{prefix}-{total}-ORDER"] = str(total + 1)
        for name, value in values.items():
            key = f"{prefix}-{total}-{name}"
            if key not in row:
                raise KeyError(f"{prefix} rows have no field {name!r}")
            row[key] = str(value)
        self.fields.update(row)
        self.fields[f"{prefix}-TOTAL_FORMS"] = str(total + 1)

    def data(self, **extra) -> dict[str, str]:
        """Everything the browser would send, plus ``extra`` (e.g. the button pressed)."""
        data = dict(self.fields)
        for name, state in self.streams.items():
            _encode(self._definitions[name], state, name, data)
        data.update(extra)
        return data
