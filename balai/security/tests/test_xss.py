"""Whatever an editor types comes back escaped: hostile text in every text field of every
page type (and in the inline objects and blocks inside them, and in the city's service
definitions shown on service pages) is shown as text, never run. Rich text keeps only the
allow-listed features; no block lets an editor write raw HTML."""

import json
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from wagtail import blocks
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Site, get_page_models

from balai.core.models import BasePage

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '<script>alert("{tag}")</script>',
    '"><img src=x onerror=alert("{tag}")>',
    "'><svg onload=alert('{tag}')>",
    '</title><script>alert("{tag}")</script>',
]
RAW = re.compile(r"<script>alert|<img src=x onerror|<svg onload")
ALLOWED_FEATURES = {"h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link",
                    "hr"}
# Text that is not the editor's to type, or that never reaches a page.
SKIP = {"slug", "url_path", "path", "draft_title", "latest_revision_created_at", "locale",
        "translation_key", "content_type", "live_revision", "latest_revision", "owner",
        "locked_by", "alias_of", "sort_order", "search_description_en"}


def _block(key: str, text: str, kind: str = "unstyled", *, styles=(), entities=()) -> dict:
    return {"key": key, "type": kind, "text": text, "depth": 0,
            "inlineStyleRanges": list(styles), "entityRanges": list(entities)}


def editor_rich_text(text: str, features, *, blocks_=None, entities=None) -> str:
    """What the rich text editor stores: the browser sends the editor's content as
    Draft.js content state, which the server turns into HTML (only allow-listed features)."""
    state = {"blocks": blocks_ or [_block("a", text)], "entityMap": entities or {}}
    return ContentstateConverter(features).to_database_format(json.dumps(state))


def hostile(tag: str, number: int) -> str:
    return PAYLOADS[number % len(PAYLOADS)].format(tag=tag)


def _fill_model_fields(obj, prefix: str, counter: list[int]) -> list[str]:
    filled = []
    for field in obj._meta.concrete_fields:
        if field.name in SKIP or not field.editable or field.choices:
            continue
        tag = f"{prefix}.{field.name}"
        counter[0] += 1
        if isinstance(field, RichTextField):
            setattr(obj, field.name, editor_rich_text(
                hostile(tag, counter[0]), field.features or ALLOWED_FEATURES))
        elif isinstance(field, StreamField):
            raw = field.stream_block.get_prep_value(getattr(obj, field.name))
            setattr(obj, field.name, _fill_stream(field.stream_block, raw, tag, counter))
        elif isinstance(field, (models.URLField, models.EmailField)):
            continue  # validated: tests/test_xss.py::test_url_fields_refuse_scripts
        elif isinstance(field, (models.CharField, models.TextField)):
            value = hostile(tag, counter[0])
            if field.max_length and len(value) > field.max_length:
                continue
            setattr(obj, field.name, value)
        else:
            continue
        filled.append(tag)
    return filled


def _fill_block(block, value, tag, counter):
    counter[0] += 1
    if isinstance(block, blocks.RichTextBlock):
        return editor_rich_text(hostile(tag, counter[0]), block.features or ALLOWED_FEATURES)
    if isinstance(block, (blocks.URLBlock, blocks.EmailBlock, blocks.ChoiceBlock)):
        return value
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return hostile(tag, counter[0])
    if isinstance(block, blocks.StructBlock):
        return {name: _fill_block(child, value.get(name), f"{tag}.{name}", counter)
                for name, child in block.child_blocks.items()} | {
            key: item for key, item in value.items() if key not in block.child_blocks}
    if isinstance(block, blocks.ListBlock):
        return [dict(item, value=_fill_block(block.child_block, item["value"], tag, counter))
                if isinstance(item, dict) and "value" in item
                else _fill_block(block.child_block, item, tag, counter) for item in value]
    if isinstance(block, blocks.StreamBlock):
        return _fill_stream(block, value, tag, counter)
    return value


def _fill_stream(stream_block, raw, tag, counter):
    return [dict(child, value=_fill_block(stream_block.child_blocks[child["type"]],
                                          child["value"], f"{tag}.{child['type']}", counter))
            for child in raw]


def balai_page_models():
    return [model for model in get_page_models()
            if issubclass(model, BasePage) and not model._meta.abstract]


@pytest.mark.parametrize("model", balai_page_models(), ids=lambda model: model.__name__)
def test_hostile_text_in_every_field_comes_back_escaped(model, site_client):

    page = model.objects.live().filter(
        path__startswith=Site.objects.get(hostname__startswith="kel-citangkil").root_page.path
    ).first() or model.objects.live().first()
    assert page is not None, f"no live {model.__name__} to try"
    counter = [0]
    filled = _fill_model_fields(page, model.__name__, counter)
    for relation in page._meta.related_objects:
        if relation.one_to_many and hasattr(page, relation.get_accessor_name()) and \
                getattr(relation, "field", None) is not None and \
                relation.field.__class__.__name__ == "ParentalKey":
            for child in getattr(page, relation.get_accessor_name()).all():
                filled += _fill_model_fields(child, relation.name, counter)
    definition = getattr(page, "definition", None)
    if definition is not None:
        filled += _fill_model_fields(definition, "definition", counter)
        definition.save()
    page.save()
    page.save_revision().publish()

    site = page.get_site()
    client = site_client(site)
    url = page.relative_url(site)
    html = client.get(url).content.decode()
    assert client.get(url).status_code == 200
    assert not RAW.search(html), RAW.search(html).group(0)
    shown = [tag for tag in filled if f'alert(&quot;{tag}&quot;)' in html
             or f"alert(&#x27;{tag}&#x27;)" in html or f'alert("{tag}")' in html]
    # The payloads really reached the page, as text.
    assert f"{model.__name__}.title" in shown or model.__name__ == "LayananPage"
    assert len(shown) >= min(3, len(filled)), (shown, filled)
    assert "&lt;script&gt;" in html or "&lt;img" in html or "&lt;svg" in html


def test_rich_text_keeps_only_the_allow_list():
    """Hostile content state, as a tampered browser could send it: scripts as text, a
    javascript: link, an attribute break-out, an embed, a code block and styles that are not
    enabled. Only the allow-listed features survive, and text stays text."""
    text = "Halo <script>alert(1)</script> klik ok"
    stored = editor_rich_text(text, ["bold", "italic", "link", "ol", "ul", "h2", "h3"], blocks_=[
        _block("a", text, styles=[{"offset": 0, "length": 4, "style": "BOLD"},
                                  {"offset": 5, "length": 3, "style": "CODE"}],
               entities=[{"offset": 31, "length": 4, "key": 0},
                         {"offset": 36, "length": 2, "key": 1}]),
        _block("b", " ", "atomic", entities=[{"offset": 0, "length": 1, "key": 2}]),
        _block("c", "<b>x</b>", "code-block"),
        _block("d", "judul", "header-one"),
    ], entities={
        "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}},
        "1": {"type": "LINK", "mutability": "MUTABLE",
              "data": {"url": 'https://ok.example/" onmouseover="alert(1)'}},
        "2": {"type": "EMBED", "mutability": "IMMUTABLE",
              "data": {"url": "https://x.example/", "html": "<iframe src=x></iframe>"}},
    })
    for forbidden in ["<script", "<iframe", "<img", "<pre", "<code", "<h1", 'onmouseover="',
                      "javascript:", "<b>x</b>"]:
        assert forbidden not in stored, forbidden
    assert "<b>Halo</b>" in stored and "&lt;script&gt;alert(1)&lt;/script&gt;" in stored


def _blocks(block):
    yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from _blocks(child)
    if isinstance(block, blocks.ListBlock):
        yield from _blocks(block.child_block)


def test_no_field_or_block_accepts_raw_html_and_rich_text_features_are_allow_listed():

    for model in apps.get_models():
        if not model.__module__.startswith("balai."):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, RichTextField):
                assert set(field.features or []) <= ALLOWED_FEATURES, (model, field.name)
                assert field.features, f"{model.__name__}.{field.name} uses every feature"
            if isinstance(field, StreamField):
                for block in _blocks(field.stream_block):
                    assert not isinstance(block, (blocks.RawHTMLBlock,)), (model, field.name)
                    if isinstance(block, blocks.RichTextBlock):
                        assert block.features and set(block.features) <= ALLOWED_FEATURES


def test_url_fields_refuse_scripts():

    checked = 0
    for model in apps.get_models():
        if not model.__module__.startswith("balai."):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.URLField):
                for value in ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                              "vbscript:msgbox(1)"]:
                    with pytest.raises(ValidationError):
                        field.clean(value, None)
                checked += 1
    assert checked >= 1
