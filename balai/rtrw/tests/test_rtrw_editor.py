"""The RT/RW editor: an operator changes one RW at a time through the admin's own forms,
as a browser would post them (every hidden field read off the page), and the change
reaches the page's revisions, the public page, the site search and the checklist."""

import re
import uuid

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils.translation import gettext
from wagtail.models import PageLogEntry, WorkflowState

from balai.conftest import KEBONSARI
from balai.core.tests.formdata import form_data
from balai.provisioning.models import RegionSite
from balai.rtrw.models import RtRwPage
from balai.rtrw.values import page_rws
from balai.status.completeness import site_checklist

pytestmark = pytest.mark.django_db
ADMIN_HOST = "balai.test"


@pytest.fixture
def operator(make_user, office):
    client = Client(HTTP_HOST=ADMIN_HOST)
    client.force_login(make_user("operator-rtrw", office.operator_group))
    return client


@pytest.fixture
def public(rtrw_site):
    return rtrw_site.client


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _rw_form(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.content, "rw-form")


def _post(client, url: str, data: dict, button: str):
    return client.post(url, {**data, button: "1"})


def _public_rws(public) -> dict[str, str]:
    """RW number → its head, as residents see them on /rt-rw/."""
    html = _text(public.get("/rt-rw/"))
    return dict(re.findall(r"<h2>RW (\d+)</h2> <p>Ketua RW: <strong>([^<]*)</strong>", html))


def _public_rts(public, rw: int) -> list[tuple[str, str]]:
    html = _text(public.get(f"/rt-rw/?rw={rw}"))
    return re.findall(r'<tr><th scope="row">(\d+)</th><td>([^<]*)</td>', html)


def test_overview_lists_each_rw_with_a_labelled_button(operator, rtrw):
    html = _text(operator.get(f"/admin/rt-rw/{rtrw.pk}/"))
    assert "RW 01</strong> · Ketua: Bapak Rohman · 3 RT" in html
    assert html.count(">Ubah RW ") == 5 and ">Ubah RW 05</a>" in html
    assert f'href="/admin/rt-rw/{rtrw.pk}/rw/baru/"' in html and "RW baru" in html
    # The page editor shows the same list in place of the field, with the same links.
    editor = _text(operator.get(f"/admin/pages/{rtrw.pk}/edit/"))
    assert ">Ubah RW 03</a>" in editor and "RW baru" in editor
    assert 'name="rws-count"' not in editor  # Wagtail's stream form is gone


def test_operator_adds_an_rw_then_two_rts_and_publishes(operator, rtrw, public):
    url = f"/admin/rt-rw/{rtrw.pk}/rw/baru/"
    data = _rw_form(operator, url)
    assert data["number"] == "6"  # the next free number
    data |= {"head": "Ibu Rina Marlina", "phone": "0812 3456 7890"}
    first = _post(operator, url, data, "add-rt")
    assert first.status_code == 200
    data = form_data(first.content, "rw-form")
    assert data["head"] == "Ibu Rina Marlina" and data["rt-0-number"] == "1"
    data["rt-0-head"] = "Pak Ahmad"
    second = _post(operator, url, data, "add-rt")
    data = form_data(second.content, "rw-form")
    assert data["rt-0-head"] == "Pak Ahmad" and data["rt-1-number"] == "2"
    assert data["rt-TOTAL_FORMS"] == "2"
    data["rt-1-head"] = "Bu Sari <b>"
    response = _post(operator, url, data, "action-publish")
    assert response.status_code == 302 and response["Location"] == f"/admin/rt-rw/{rtrw.pk}/"
    assert "RW 06 disimpan. Perubahan sudah tampil di situs." in _messages(response)

    assert _public_rws(public)["006"] == "Ibu Rina Marlina"
    assert _public_rts(public, 6) == [("001", "Pak Ahmad"), ("002", "Bu Sari &lt;b&gt;")]
    live = RtRwPage.objects.get(pk=rtrw.pk)
    assert live.live_revision_id == live.latest_revision_id
    log = PageLogEntry.objects.filter(page=rtrw).order_by("-timestamp", "-pk")[:2]
    assert [entry.action for entry in log] == ["wagtail.publish", "wagtail.edit"]
    assert all(entry.user.username == "operator-rtrw" for entry in log)
    # Stored as Wagtail's editor stores it: every block and list item with an id.
    raw = next(block for block in live.rws.raw_data if block["value"]["number"] == 6)
    assert uuid.UUID(raw["id"]) and [item["type"] for item in raw["value"]["rts"]] == [
        "item", "item"]
    # The site's search finds the page by an RT head's name.
    assert "/rt-rw/" in public.get("/cari/?q=Ahmad").text


def _rtrw_missing(home) -> list[str]:
    return next(item for item in site_checklist(home).items if item.key == "rtrw").missing


def test_the_checklist_sees_what_the_editor_publishes(operator, rtrw, office):
    no_rt = gettext("RW %(number)d has no RT") % {"number": 6}
    url = f"/admin/rt-rw/{rtrw.pk}/rw/baru/"
    data = _rw_form(operator, url) | {"head": "Ibu Rina"}
    assert _post(operator, url, data, "action-publish").status_code == 302
    assert no_rt in _rtrw_missing(office.home_page)
    rw = next(rw for rw in page_rws(RtRwPage.objects.get(pk=rtrw.pk)) if rw.number == 6)
    url = f"/admin/rt-rw/{rtrw.pk}/rw/{rw.id}/"
    data = form_data(_post(operator, url, _rw_form(operator, url), "add-rt").content,
                     "rw-form") | {"rt-0-head": "Pak Ahmad"}
    assert _post(operator, url, data, "action-publish").status_code == 302
    assert no_rt not in _rtrw_missing(office.home_page)


def test_edit_a_head_and_delete_an_rt_keeps_the_other_ids(operator, rtrw, public):
    # RW 02's RTs as code assigning raw JSON stores them (the demo loader, Wagtail before
    # 2.16): bare values, without ids.
    raw = [dict(block) for block in rtrw.rws.raw_data]
    raw[1]["value"]["rts"] = [item["value"] for item in raw[1]["value"]["rts"]]
    rtrw.rws = raw
    rtrw.save_revision().publish()
    rtrw = RtRwPage.objects.get(pk=rtrw.pk)
    assert all("id" not in item for item in rtrw.rws.raw_data[1]["value"]["rts"])
    rw = page_rws(rtrw)[1]  # RW 02
    url = f"/admin/rt-rw/{rtrw.pk}/rw/{rw.id}/"
    data = _rw_form(operator, url)
    assert [data[f"rt-{i}-number"] for i in range(4)] == ["1", "2", "3", "4"]
    data |= {"head": "Haji Mulyadi", "rt-2-head": "Ibu Nur", "rt-0-DELETE": "on"}
    response = _post(operator, url, data, "action-publish")
    assert response.status_code == 302
    assert _public_rws(public)["002"] == "Haji Mulyadi"
    assert _public_rts(public, 2) == [("002", "Ibu Ani 2.2"), ("003", "Ibu Nur"),
                                      ("004", "Ibu Ani 2.4")]
    after = page_rws(RtRwPage.objects.get(pk=rtrw.pk))
    assert [other.id for other in after] == [other.id for other in page_rws(rtrw)]
    # Saved once, the RTs keep their ids from then on.
    ids = [rt.id for rt in after[1].rts]
    data = _rw_form(operator, url)
    assert _post(operator, url, data, "action-publish").status_code == 302
    assert [rt.id for rt in page_rws(RtRwPage.objects.get(pk=rtrw.pk))[1].rts] == ids


def test_delete_an_rw_asks_first(operator, rtrw, public):
    rw = page_rws(rtrw)[4]
    url = f"/admin/rt-rw/{rtrw.pk}/rw/{rw.id}/hapus/"
    confirm = _text(operator.get(url))
    assert "RW 05 (ketua: Bapak Jaja) dan 7 RT-nya akan dihapus" in confirm
    assert "005" in _public_rws(public)  # asking changes nothing
    response = operator.post(url, {"action-publish": "1"})
    assert response.status_code == 302
    assert "RW 05 beserta RT-nya dihapus. Perubahan sudah tampil di situs." in _messages(
        response)
    assert list(_public_rws(public)) == ["001", "002", "003", "004"]


def test_mistakes_are_told_in_indonesian_and_what_was_typed_stays(operator, rtrw):
    rw = page_rws(rtrw)[0]
    url = f"/admin/rt-rw/{rtrw.pk}/rw/{rw.id}/"
    data = _rw_form(operator, url)
    data |= {"number": "2", "head": "", "phone": "telepon saya", "rt-0-number": "1000",
             "rt-1-number": "3", "rt-2-number": "3", "rt-1-head": "Nama <i>baru</i>"}
    response = _post(operator, url, data, "action-publish")
    assert response.status_code == 200
    html = _text(response)
    for message in ("RW tidak disimpan: perbaiki yang ditandai di bawah.",
                    "Halaman ini sudah punya RW 02.", "Tulis nama ketua RW.",
                    "Tulis nomor telepon dengan angka saja",
                    "Tulis nomor dari 1 sampai 999.", "RT 03 tercantum dua kali di RW ini."):
        assert message in html, message
    kept = form_data(response.content, "rw-form")
    assert kept["phone"] == "telepon saya" and kept["rt-0-number"] == "1000"
    assert kept["rt-1-head"] == "Nama <i>baru</i>"
    assert "<i>baru</i>" not in html  # shown as typed, never as markup
    assert RtRwPage.objects.get(pk=rtrw.pk).latest_revision_id == rtrw.latest_revision_id


def test_an_empty_new_rt_row_is_left_out_and_an_emptied_one_is_an_error(operator, rtrw):
    rw = page_rws(rtrw)[0]
    url = f"/admin/rt-rw/{rtrw.pk}/rw/{rw.id}/"
    data = form_data(_post(operator, url, _rw_form(operator, url), "add-rt").content, "rw-form")
    data["rt-3-number"] = ""
    assert _post(operator, url, data, "action-draft").status_code == 302
    assert len(page_rws(RtRwPage.objects.get(pk=rtrw.pk).get_latest_revision_as_object())[0]
               .rts) == 3
    data = _rw_form(operator, url) | {"rt-0-number": "", "rt-0-head": ""}
    response = _post(operator, url, data, "action-draft")
    assert response.status_code == 200 and "Tulis nama ketua RT." in _text(response)


def test_a_draft_stays_off_the_public_page_until_published(operator, rtrw, public):
    rw = page_rws(rtrw)[0]
    url = f"/admin/rt-rw/{rtrw.pk}/rw/{rw.id}/"
    response = _post(operator, url, _rw_form(operator, url) | {"head": "Konsep Baru"},
                     "action-draft")
    assert "RW 01 disimpan. Tersimpan sebagai konsep: warga belum melihatnya sampai " \
           "diterbitkan." in _messages(response)
    assert _public_rws(public)["001"] == "Bapak Rohman"
    overview = _text(operator.get(f"/admin/rt-rw/{rtrw.pk}/"))
    assert "Konsep Baru" in overview and "Terbitkan perubahan" in overview
    operator.post(f"/admin/rt-rw/{rtrw.pk}/", {"action-publish": "1"})
    assert _public_rws(public)["001"] == "Konsep Baru"


def test_someone_elses_save_in_between_is_not_overwritten_silently(operator, rtrw, make_user,
                                                                    office):
    rw = page_rws(rtrw)[0]
    url = f"/admin/rt-rw/{rtrw.pk}/rw/{rw.id}/"
    data = _rw_form(operator, url) | {"head": "Versi saya"}
    other = Client(HTTP_HOST=ADMIN_HOST)
    other.force_login(make_user("operator-lain", office.operator_group))
    _post(other, url, _rw_form(other, url) | {"rt-0-head": "Versi dia"}, "action-draft")
    response = _post(operator, url, data, "action-draft")
    assert response.status_code == 200
    assert "Orang lain menyimpan halaman RT/RW ini" in _text(response)
    again = form_data(response.content, "rw-form")
    assert again["head"] == "Versi saya"
    assert _post(operator, url, again, "action-draft").status_code == 302


def test_a_contributor_submits_for_approval_and_the_live_page_waits(make_user, office,
                                                                      rtrw, public):
    client = Client(HTTP_HOST=ADMIN_HOST)
    client.force_login(make_user("kontributor-rtrw", office.contributor_group))
    rw = page_rws(rtrw)[2]
    url = f"/admin/rt-rw/{rtrw.pk}/rw/{rw.id}/"
    page = client.get(url).content.decode()
    assert "Ajukan untuk persetujuan" in page and 'name="action-publish"' not in page
    data = form_data(page, "rw-form") | {"head": "Ketua Usulan"}
    # A contributor's "publish" is not taken: saved as a draft at most.
    response = _post(client, url, data | {"action-submit": "1"}, "action-publish")
    assert response.status_code == 302
    assert "dikirim untuk persetujuan" in " ".join(_messages(response))
    state = WorkflowState.objects.get(object_id=str(rtrw.pk),
                                      status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.requested_by.username == "kontributor-rtrw"
    assert _public_rws(public)["003"] == "Bapak Darto"
    # Awaiting approval the page is locked for its author, as in Wagtail's editor.
    assert client.get(url).status_code == 302
    # The operator approves it in Wagtail's page editor: then it is live.
    approver = Client(HTTP_HOST=ADMIN_HOST)
    approver.force_login(make_user("operator-setuju", office.operator_group))
    editor = f"/admin/pages/{rtrw.pk}/edit/"
    data = form_data(approver.get(editor).content, "page-edit-form")
    approved = approver.post(editor, data | {"action-workflow-action": "1",
                                             "workflow-action-name": "approve"})
    assert approved.status_code == 302
    assert _public_rws(public)["003"] == "Ketua Usulan"


def test_an_operator_of_another_kelurahan_is_refused(make_user, rtrw):
    kebonsari = RegionSite.objects.get(region__kode=KEBONSARI)
    client = Client(HTTP_HOST=ADMIN_HOST)
    client.force_login(make_user("operator-kebonsari", kebonsari.operator_group))
    rw = page_rws(rtrw)[0]
    for url in (f"/admin/rt-rw/{rtrw.pk}/", f"/admin/rt-rw/{rtrw.pk}/rw/baru/",
                f"/admin/rt-rw/{rtrw.pk}/rw/{rw.id}/",
                f"/admin/rt-rw/{rtrw.pk}/rw/{rw.id}/hapus/"):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"number": "9", "head": "X", "action-publish": "1",
                                 "rt-TOTAL_FORMS": "0", "rt-INITIAL_FORMS": "0"}
                           ).status_code == 403, url
    assert RtRwPage.objects.get(pk=rtrw.pk).latest_revision_id == rtrw.latest_revision_id


def test_nonsense_addresses_and_forms_give_no_error_page(operator, rtrw, office):
    profil_pk = office.home_page.get_children().first().pk
    assert operator.get(f"/admin/rt-rw/{profil_pk}/").status_code in (403, 404)
    assert operator.get(f"/admin/rt-rw/{rtrw.pk}/rw/tidak-ada/").status_code == 302
    url = f"/admin/rt-rw/{rtrw.pk}/rw/baru/"
    for data in ({}, {"rt-TOTAL_FORMS": "abc"}, {"rt-TOTAL_FORMS": "5000",
                                                 "rt-INITIAL_FORMS": "0"}):
        for button in ("add-rt", "action-publish"):
            assert operator.post(url, {**data, button: "1"}).status_code == 200


def test_the_page_editor_saved_without_the_field_keeps_the_rws(operator, rtrw, public):
    before = [(rw.number, rw.head, [rt.head for rt in rw.rts]) for rw in page_rws(rtrw)]
    editor = operator.get(f"/admin/pages/{rtrw.pk}/edit/")
    data = form_data(editor.content, "page-edit-form")
    data["title"] = "RT dan RW"
    response = operator.post(f"/admin/pages/{rtrw.pk}/edit/", data | {"action-publish": "1"})
    assert response.status_code == 302
    live = RtRwPage.objects.get(pk=rtrw.pk)
    assert live.title == "RT dan RW"
    assert [(rw.number, rw.head, [rt.head for rt in rw.rts]) for rw in page_rws(live)] == before
    assert len(_public_rws(public)) == 5


@pytest.mark.parametrize("item_form", ["wagtail", "demo"])
def test_rws_stored_in_either_list_form_open_in_the_editor(operator, rtrw, item_form):
    """Wagtail's editor stores list items as {"type": "item", "value": …, "id": …}; code
    assigning raw JSON (the demo loader) and Wagtail before 2.16 as bare values."""
    def item(value, number):
        if item_form == "demo":
            return value
        return {"type": "item", "value": value,
                "id": f"00000000-0000-4000-8000-00000000000{number}"}

    rtrw.rws = [{"type": "rw", "id": "rw-satu", "value": {
        "number": 7, "head": "Ketua Tujuh", "phone": "", "rts": [
            item({"number": n, "head": f"Ketua RT {n}", "phone": ""}, n) for n in (1, 2)]}}]
    rtrw.save_revision().publish()
    html = _text(operator.get(f"/admin/rt-rw/{rtrw.pk}/rw/rw-satu/"))
    assert 'value="Ketua RT 2"' in html and 'value="Ketua Tujuh"' in html
    assert ">Ubah RW 07</a>" in _text(operator.get(f"/admin/rt-rw/{rtrw.pk}/"))


def test_the_page_history_shows_who_changed_which_rw(operator, rtrw):
    rw = page_rws(rtrw)[0]
    url = f"/admin/rt-rw/{rtrw.pk}/rw/{rw.id}/"
    _post(operator, url, _rw_form(operator, url) | {"head": "Bapak Pengganti"},
          "action-draft")
    history = _text(operator.get(f"/admin/pages/{rtrw.pk}/history/"))
    assert "operator-rtrw" in history
    latest = RtRwPage.objects.get(pk=rtrw.pk).latest_revision_id
    compare = _text(operator.get(
        f"/admin/pages/{rtrw.pk}/revisions/compare/{rtrw.live_revision_id}...{latest}/"))
    # Wagtail's comparison of the field, word by word: the RW's head changed.
    assert '<dd>Bapak <span class="deletion">Rohman</span><span class="addition">' \
           'Pengganti</span></dd>' in compare


def test_the_publish_guard_holds_spam_and_the_operator_is_told(operator, rtrw, public,
                                                                django_capture_on_commit_callbacks):
    rw = page_rws(rtrw)[0]
    url = f"/admin/rt-rw/{rtrw.pk}/rw/{rw.id}/"
    data = _rw_form(operator, url) | {"head": "Info slot gacor maxwin hari ini"}
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(operator, url, data, "action-publish")
    assert response.status_code == 302
    assert any("TIDAK diterbitkan" in message for message in _messages(response))
    assert _public_rws(public)["001"] == "Bapak Rohman"
    assert WorkflowState.objects.filter(object_id=str(rtrw.pk),
                                        status=WorkflowState.STATUS_IN_PROGRESS).exists()


def test_the_city_office_uses_the_same_editor(city_client, rtrw, public):
    """The city office edits every site; it is offered the same screens (no raw field)."""
    rw = page_rws(rtrw)[3]
    url = f"/admin/rt-rw/{rtrw.pk}/rw/{rw.id}/"
    data = _rw_form(city_client, url) | {"phone": "0254 391234"}
    assert _post(city_client, url, data, "action-publish").status_code == 302
    assert 'href="tel:0254391234"' in public.get("/rt-rw/?rw=4").text


def test_a_page_locked_by_someone_else_cannot_be_changed_here(operator, rtrw, make_user,
                                                               office):
    other = make_user("operator-pengunci", office.operator_group)
    RtRwPage.objects.filter(pk=rtrw.pk).update(locked=True, locked_by=other)
    rw = page_rws(rtrw)[0]
    url = f"/admin/rt-rw/{rtrw.pk}/rw/{rw.id}/"
    response = operator.post(url, {"head": "X", "action-publish": "1"})
    assert response.status_code == 302 and response["Location"] == f"/admin/rt-rw/{rtrw.pk}/"
    overview = _text(operator.get(f"/admin/rt-rw/{rtrw.pk}/"))
    assert "Ubah RW 01" not in overview and "RW baru" not in overview
    assert RtRwPage.objects.get(pk=rtrw.pk).latest_revision_id == rtrw.latest_revision_id
