"""A StreamField's stored content as plain values, whatever form Wagtail stored it in.

The same content reaches the database in more than one JSON shape. A ListBlock's items are
plain values in data written directly (Balai's demo loader did, and so does any code that
assigns raw JSON), but ``{"type": "item", "value": …, "id": …}`` once the admin, a revision
or any ``get_prep_value`` has saved them; a stream's children carry an ``id`` or not. Code
that reads the raw data by hand sees only one of these shapes; iterating the StreamValue
instead handles all of them but converts whole blocks, which looks up every chosen image
and page (one query per stream), too many for the city's batched dashboard.

These functions read the raw data, without any lookup, and give plain values:
- a StructBlock: a dict with every child of the block (``None`` or ``[]`` where the data has
  none, so that data saved before a child was added reads the same);
- a ListBlock: a list of its items' values, in either stored form (Wagtail's own rule);
- a StreamBlock: a list of ``(block type, value)``, children of unknown types left out;
- anything else: the stored value as it is (an image's or page's id, a number, a string).
"""

from collections.abc import Iterator

from wagtail import blocks
from wagtail.blocks import StreamValue


def _list_item(item):
    """The value of one stored ListBlock item, in the old or the block form (the rule of
    Wagtail's ``ListBlock._item_is_in_block_format``)."""
    if isinstance(item, dict) and item.get("type") == "item" and "value" in item \
            and "id" in item:
        return item["value"]
    return item


def _stream_children(block: blocks.StreamBlock, raw) -> Iterator[tuple[str, object]]:
    for child in raw or []:
        if not isinstance(child, dict):
            continue
        child_block = block.child_blocks.get(child.get("type"))
        if child_block is not None:
            yield child["type"], plain_value(child_block, child.get("value"))


def plain_value(block: blocks.Block, raw):
    """The stored (raw JSON) value of ``block`` as plain values; see the module docstring."""
    if isinstance(block, blocks.StreamBlock):
        return list(_stream_children(block, raw))
    if isinstance(block, blocks.ListBlock):
        return [plain_value(block.child_block, _list_item(item)) for item in raw or []
                if item is not None]
    if isinstance(block, blocks.StructBlock):
        raw = raw if isinstance(raw, dict) else {}
        return {name: plain_value(child, raw.get(name))
                for name, child in block.child_blocks.items()}
    return raw


def stream_values(stream: StreamValue, block_type: str) -> list:
    """The plain value of every top-level block of one type in a StreamField's value (as
    read from a page), in order."""
    return [value for name, value in _stream_children(stream.stream_block, stream.raw_data)
            if name == block_type]
