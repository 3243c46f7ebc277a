"""Reading StreamField content as plain values: the same values whatever form Wagtail stored
it in (written directly without ids, saved by the admin or by code through Wagtail), read
without a query."""

import json

import pytest
from wagtail.blocks import StreamValue

from balai.conftest import WARNASARI
from balai.core.models import BalaiImage
from balai.core.streams import plain_value, stream_values
from balai.profil.models import StrukturPage
from balai.provisioning.models import RegionSite
from balai.rtrw.models import RtRwPage

pytestmark = pytest.mark.django_db

RW = {"number": 1, "head": "Ketua RW 1", "phone": "", "area": "",
      "rts": [{"number": 1, "head": "Ketua RT 1/1", "phone": "", "area": "Jl. Mawar"},
              {"number": 2, "head": "Ketua RT 2/1", "phone": "0812 3456 7890", "area": ""}]}


def _section(model):
    home = RegionSite.objects.get(region__kode=WARNASARI).home_page
    return model.objects.child_of(home).get()


def _reloaded(page):
    return type(page).objects.get(pk=page.pk)


def test_list_items_read_the_same_in_the_old_and_the_block_form():
    block = RtRwPage.rws.field.stream_block.child_blocks["rw"]
    old = dict(RW)
    new = dict(RW, rts=[{"type": "item", "value": rt, "id": f"id-{rt['number']}"}
                        for rt in RW["rts"]])
    assert plain_value(block, old) == plain_value(block, new) == RW
    # A struct child missing from older data reads as empty, not as an error.
    assert plain_value(block, {"number": 2, "head": "X"}) == {
        "number": 2, "head": "X", "phone": None, "area": None, "rts": []}


@pytest.mark.parametrize("store", ["raw, no ids", "admin form", "tuples", "json text"])
def test_every_stored_form_reads_as_the_same_plain_values(store, django_assert_num_queries):
    page = _section(RtRwPage)
    if store == "raw, no ids":  # as Balai's demo loader wrote it
        page.rws = [{"type": "rw", "value": RW}]
    elif store == "admin form":  # list items with ids, as Wagtail's get_prep_value writes
        block = page.rws.stream_block
        page.rws = StreamValue(block, [("rw", block.child_blocks["rw"].to_python(RW))])
        page.rws = json.loads(json.dumps(block.get_prep_value(page.rws)))
        assert page.rws.raw_data[0]["value"]["rts"][0]["type"] == "item"
    elif store == "tuples":  # code assigning native values
        page.rws = [("rw", page.rws.stream_block.child_blocks["rw"].to_python(RW))]
    else:
        page.rws = json.dumps([{"type": "rw", "value": RW, "id": "abc"}])
    page.save_revision().publish()
    page = _reloaded(page)
    with django_assert_num_queries(0):
        assert stream_values(page.rws, "rw") == [RW]
        assert stream_values(page.rws, "other") == []


def test_reading_staff_photos_looks_nothing_up(django_assert_num_queries):
    page = _section(StrukturPage)
    photo = BalaiImage.objects.create(title="x", width=1, height=1, file="x.jpg")
    person = {"name": "A", "position": "B", "nip": "", "photo": photo.pk}
    page.units = [{"type": "unit", "value": {"name": "Sekretariat", "head": person,
                                             "members": [person, person]}}]
    page.save_revision().publish()
    page = _reloaded(page)
    with django_assert_num_queries(0):
        [unit] = stream_values(page.units, "unit")
    assert [unit["head"]["photo"], *(member["photo"] for member in unit["members"])] == \
        [photo.pk] * 3
