"""The area of an RT or RW (streets, lingkungan, kampung): typed by the operator in the RT/RW
editor, checked, saved through the page's revisions and shown with each RT on the public
page, so a resident who does not know their RT number finds it by street."""

import re

import pytest
from django.test import Client

from balai.core.tests.formdata import form_data
from balai.rtrw.models import RtRwPage
from balai.rtrw.values import page_rws

pytestmark = pytest.mark.django_db
ADMIN_HOST = "balai.test"


@pytest.fixture
def operator(make_user, office):
    client = Client(HTTP_HOST=ADMIN_HOST)
    client.force_login(make_user("operator-area", office.operator_group))
    return client


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _edit_url(rtrw, number: int) -> str:
    rw = next(rw for rw in page_rws(rtrw) if rw.number == number)
    return f"/admin/rt-rw/{rtrw.pk}/rw/{rw.id}/"


def _form(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.content, "rw-form")


def test_operator_gives_an_rt_its_streets_and_residents_see_them(operator, rtrw, rtrw_site):
    # RWs stored before the field existed (without the key) open with it empty.
    for block in rtrw.rws.raw_data:
        del block["value"]["area"]
        for item in block["value"]["rts"]:
            del item["value"]["area"]
    rtrw.save_revision().publish()
    url = _edit_url(rtrw, 2)
    data = _form(operator, url)
    assert data["area"] == "" and data["rt-2-area"] == ""
    data |= {"area": "Link. Kubang Lesung", "rt-2-area": "Jl. Sunan Bonang, Gg. Mawar <b>",
             "action-publish": "1"}
    assert operator.post(url, data).status_code == 302

    live = RtRwPage.objects.get(pk=rtrw.pk)
    rw = next(rw for rw in page_rws(live) if rw.number == 2)
    assert rw.area == "Link. Kubang Lesung"
    assert [rt.area for rt in rw.rts] == ["", "", "Jl. Sunan Bonang, Gg. Mawar <b>", ""]
    raw = next(block for block in live.rws.raw_data if block["value"]["number"] == 2)
    assert raw["value"]["rts"][2]["value"]["area"] == "Jl. Sunan Bonang, Gg. Mawar <b>"

    public = rtrw_site.client
    html = _text(public.get("/rt-rw/?rw=2&rt=3"))
    assert "Wilayah: Link. Kubang Lesung" in html
    assert ('<td>Ibu Ani 2.3<span class="rt-area">Wilayah: Jl. Sunan Bonang, '
            "Gg. Mawar &lt;b&gt;</span></td>") in html
    # RWs and RTs saved without an area show no empty line.
    everything = _text(public.get("/rt-rw/"))
    assert everything.count('class="rt-area"') == 1 and everything.count("Wilayah:") == 2
    # The site's own search finds the RT/RW page by a street name.
    assert "/rt-rw/" in public.get("/cari/?q=Bonang").text


@pytest.mark.parametrize(("area", "message"), [
    ("Jl. Sunan\tBonang", "Hapus karakter kontrol yang tidak terlihat"),
    ("Jl. Sunan\x00Bonang", "Hapus karakter kontrol yang tidak terlihat"),
    ("J" * 201, "Tulis paling banyak 200 karakter (sekarang 201)."),
])
def test_an_area_with_control_characters_or_too_long_is_refused(operator, rtrw, area,
                                                                 message):
    url = _edit_url(rtrw, 1)
    data = _form(operator, url) | {"rt-0-area": area, "action-publish": "1"}
    response = operator.post(url, data)
    assert response.status_code == 200
    html = _text(response)
    assert "RW tidak disimpan: perbaiki yang ditandai di bawah." in html
    assert message in html
    assert RtRwPage.objects.get(pk=rtrw.pk).latest_revision_id == rtrw.latest_revision_id


def test_an_rw_area_is_checked_like_an_rt_area(operator, rtrw):
    url = _edit_url(rtrw, 1)
    response = operator.post(url, _form(operator, url) | {"area": "Kampung\r\nBaru",
                                                          "action-draft": "1"})
    assert response.status_code == 200
    assert "Hapus karakter kontrol yang tidak terlihat" in _text(response)


def test_the_area_survives_adding_an_rt_and_a_second_save(operator, rtrw):
    url = _edit_url(rtrw, 1)
    data = _form(operator, url) | {"rt-0-area": "Kp. Kubang"}
    added = operator.post(url, data | {"add-rt": "1"})
    data = form_data(added.content, "rw-form")
    assert data["rt-0-area"] == "Kp. Kubang"  # kept across the "RT baru" round trip
    data |= {"rt-3-head": "Pak Udin", "rt-3-area": "Jl. Baru", "action-publish": "1"}
    assert operator.post(url, data).status_code == 302
    data = _form(operator, url)
    assert (data["rt-0-area"], data["rt-3-area"]) == ("Kp. Kubang", "Jl. Baru")
    assert operator.post(url, data | {"action-publish": "1"}).status_code == 302
    rts = page_rws(RtRwPage.objects.get(pk=rtrw.pk))[0].rts
    assert [rt.area for rt in rts] == ["Kp. Kubang", "", "", "Jl. Baru"]
