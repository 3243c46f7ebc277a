"""Walk the ids a page's content refers to, so that a site can move between installations.

``references_rewrite`` visits every reference in the serialised content of a page (as
``serializable_data()`` makes it, child relations included): foreign keys, parental
many-to-many fields, choosers inside StreamFields and links and images inside rich text.
It calls ``resolve(model, old_id)`` for each one and writes back what it returns; ``None``
removes the reference (a rich-text link then renders as plain text).
"""

import json
import re
from collections.abc import Callable

from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

Resolve = Callable[[type[models.Model], object], object]

_TAG = re.compile(r"<(?:a|embed)\b[^>]*>")
_TYPE = re.compile(r'\b(?:linktype|embedtype)="([a-z]+)"')
_ID = re.compile(r'\bid="(\d+)"')


def _rich_text_models() -> dict[str, type[models.Model]]:
    return {"page": Page, "document": get_document_model(), "image": get_image_model()}


def rich_text_rewrite(html: str, resolve: Resolve) -> str:
    targets = _rich_text_models()

    def replace(match: re.Match) -> str:
        tag = match.group(0)
        kind, ident = _TYPE.search(tag), _ID.search(tag)
        if kind is None or ident is None or kind.group(1) not in targets:
            return tag
        new = resolve(targets[kind.group(1)], int(ident.group(1)))
        if new is None:
            return "<a>" if tag.startswith("<a") else ""
        return tag[:ident.start(1)] + str(new) + tag[ident.end(1):]

    return _TAG.sub(replace, html)


def _block_rewrite(block: blocks.Block, value, resolve: Resolve):
    if value is None:
        return value
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                child["value"] = _block_rewrite(child_block, child.get("value"), resolve)
    elif isinstance(block, blocks.ListBlock):
        for position, item in enumerate(value):
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item["value"] = _block_rewrite(block.child_block, item["value"], resolve)
            else:
                value[position] = _block_rewrite(block.child_block, item, resolve)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            if name in value:
                value[name] = _block_rewrite(child_block, value[name], resolve)
    elif isinstance(block, blocks.ChooserBlock):
        return resolve(block.target_model, value)
    elif isinstance(block, blocks.RichTextBlock):
        return rich_text_rewrite(value, resolve)
    return value


def _stream_rewrite(field: StreamField, raw, resolve: Resolve):
    if isinstance(raw, str):
        return json.dumps(_block_rewrite(field.stream_block, json.loads(raw), resolve))
    return _block_rewrite(field.stream_block, raw, resolve)


def references_rewrite(model: type[models.Model], data: dict, resolve: Resolve) -> dict:
    """Rewrite, in place, every reference in one object's serialised data."""
    for field in model._meta.concrete_fields:
        value = data.get(field.name)
        if value is None or isinstance(field, ParentalKey):
            continue
        if field.remote_field is not None and field.remote_field.parent_link:
            continue
        if isinstance(field, RichTextField):
            data[field.name] = rich_text_rewrite(value, resolve)
        elif isinstance(field, StreamField):
            data[field.name] = _stream_rewrite(field, value, resolve)
        elif field.is_relation:
            data[field.name] = resolve(field.related_model, value)
    for field in model._meta.many_to_many:
        if isinstance(field, ParentalManyToManyField) and data.get(field.name):
            found = (resolve(field.related_model, pk) for pk in data[field.name])
            data[field.name] = [pk for pk in found if pk is not None]
    for relation in get_all_child_relations(model):
        for child in data.get(relation.get_accessor_name()) or []:
            references_rewrite(relation.related_model, child, resolve)
    return data
