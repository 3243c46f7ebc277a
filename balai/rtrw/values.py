"""An RT/RW page's RWs as plain values: read from the page's StreamField whatever form its
items were stored in, and written back in the form Wagtail's editor writes."""

import uuid
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Rt:
    number: int
    head: str
    phone: str = ""
    id: str | None = None
    area: str = ""  # streets, lingkungan, kampung or landmarks


@dataclass(frozen=True)
class Rw:
    """One RW; ``id`` is its block id in the page's StreamField (None for a new one)."""

    number: int
    head: str
    phone: str = ""
    id: str | None = None
    rts: tuple[Rt, ...] = field(default_factory=tuple)
    area: str = ""


def page_rws(page) -> list[Rw]:
    """The RWs of a page (as in memory: pass the latest revision to see the draft), in the
    order stored, whatever form each list item was saved in (the admin's, the demo's), with
    or without an area (saved before the field existed)."""
    return [Rw(number=child.value["number"], head=child.value["head"],
               phone=child.value["phone"] or "", id=child.id,
               area=child.value.get("area") or "",
               rts=tuple(Rt(number=item.value["number"], head=item.value["head"],
                            phone=item.value["phone"] or "", id=item.id,
                            area=item.value.get("area") or "")
                         for item in child.value["rts"].bound_blocks))
            for child in page.rws]


def stream_value(rws: list[Rw]) -> list[dict]:
    """The StreamField's stored form, as Wagtail's editor writes it."""
    return [{"type": "rw", "id": rw.id or str(uuid.uuid4()), "value": {
        "number": rw.number, "head": rw.head, "phone": rw.phone, "area": rw.area,
        "rts": [{"type": "item", "id": rt.id or str(uuid.uuid4()), "value": {
            "number": rt.number, "head": rt.head, "phone": rt.phone, "area": rt.area}}
            for rt in rw.rts],
    }} for rw in rws]


def rw_replace(rws: list[Rw], rw: Rw) -> list[Rw]:
    """The RWs with ``rw`` in place of the one with its id (or added), in number order."""
    known = {existing.id for existing in rws}
    kept_ids = {rt.id for existing in rws if existing.id == rw.id for rt in existing.rts}
    # An RT keeps its id only if it had it in this RW: a form cannot move or invent ids.
    rw = replace(
        rw, id=rw.id if rw.id in known else None,
        rts=tuple(replace(rt, id=rt.id if rt.id in kept_ids else None)
                  for rt in sorted(rw.rts, key=lambda rt: rt.number)))
    others = [existing for existing in rws if existing.id != rw.id or rw.id is None]
    return sorted([*others, rw], key=lambda item: item.number)


def rw_remove(rws: list[Rw], rw_id: str) -> list[Rw]:
    return [rw for rw in rws if rw.id != rw_id]
