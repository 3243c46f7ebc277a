"""Moving a site rewrites the ids its content refers to in every form Wagtail stores a
StreamField in: list items written directly (no ids, as the demo loader did) and list items
saved by the admin (``{"type": "item", "value": …, "id": …}``), which keep their form."""

import json

import pytest

from balai.backup.references import references_rewrite
from balai.core.models import BalaiImage
from balai.core.streams import plain_value
from balai.profil.models import StrukturPage


def _person(photo: int) -> dict:
    return {"name": "Nama", "position": "Staf", "nip": "", "photo": photo}


OLD_FORM = [{"type": "unit", "value": {"name": "Sekretariat", "head": _person(1),
                                       "members": [_person(2), _person(3)]}}]
ADMIN_FORM = [{"type": "unit", "id": "u1", "value": {
    "name": "Sekretariat", "head": _person(1),
    "members": [{"type": "item", "id": f"m{photo}", "value": _person(photo)}
                for photo in (2, 3)]}}]


@pytest.mark.parametrize("raw", [OLD_FORM, ADMIN_FORM], ids=["old form", "admin form"])
@pytest.mark.parametrize("as_text", [False, True], ids=["list", "json text"])
def test_staff_photos_are_rewritten_in_either_form(raw, as_text):
    moved = {1: 101, 2: 102}  # photo 3 did not come along
    asked = []

    def resolve(model, pk):
        asked.append(model)
        return moved.get(pk)

    data = {"leader_photo": 1, "units": json.dumps(raw) if as_text else json.loads(
        json.dumps(raw))}
    references_rewrite(StrukturPage, data, resolve)
    units = json.loads(data["units"]) if as_text else data["units"]
    [(_type, unit)] = plain_value(StrukturPage.units.field.stream_block, units)
    assert data["leader_photo"] == 101
    assert [unit["head"]["photo"], *(member["photo"] for member in unit["members"])] == \
        [101, 102, None]
    assert set(asked) == {BalaiImage}
    # The stored form is kept: the admin's list items keep their ids.
    members = units[0]["value"]["members"]
    assert [member.get("id") for member in members] == (
        ["m2", "m3"] if raw is ADMIN_FORM else [None, None])
