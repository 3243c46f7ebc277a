"""The office's queue against the wrong people and hostile input: another office's operator
finds nothing (404 on every screen, in the queue and on the dashboard), the city office has
no queue, script typed by the resident or the operator is shown as text on every admin page,
and odd input (bad ids, NUL bytes, huge values, dates far away, forged choices) is answered
in words, never with a 500."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from balai.core.groups import CITY_ADMIN_GROUP
from balai.permohonan.models import RequestDocument, ServiceRequest
from balai.security.models import SecurityEvent
from balai.testing.builders import DRINGO, WARNASARI, kelurahan_site, service_request_of

# emails_go_at_once: the autouse fixture, for this module too.
from .test_queue import documents_of, emails_go_at_once, office_user, signed_in, text  # noqa: F401

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def sent():
    service_request, _pin = service_request_of(
        kelurahan_site(), phone="0812 3456 7890", email="warga@contoh.id",
        **{"Nama lengkap": "Siti Aminah"})
    return service_request


def screens(service_request: ServiceRequest) -> list[str]:
    document = documents_of(service_request)["Kartu Keluarga"]
    base = f"/admin/permohonan/{service_request.pk}/"
    return [base, f"{base}data/", f"{base}dokumen/{document.pk}/",
            f"{base}dokumen/{document.pk}/gambar/", f"{base}ekspor/", f"{base}hapus-data/"]


def test_another_offices_operator_finds_nothing_of_the_request(sent):
    stranger = signed_in(office_user(DRINGO, "op_dringo"))
    before = list(ServiceRequest.objects.values_list("status", "answers", "assignee"))
    for path in screens(sent):
        assert stranger.get(path).status_code == 404, path
        assert stranger.post(path, {"action": "start"}).status_code == 404, path
    for page in (stranger.get("/admin/permohonan/"),
                 stranger.get("/admin/permohonan/?status=semua"), stranger.get("/admin/")):
        assert page.status_code == 200 and sent.code_display not in text(page)
    assert list(ServiceRequest.objects.values_list("status", "answers", "assignee")) == before
    assert sent.documents.exclude(file="").count() == 2
    assert not SecurityEvent.objects.filter(kind__startswith="personal_data").exists()

    # A document id of one request under another request of the same office: not found.
    own = signed_in(office_user(WARNASARI, "op_warnasari"))
    other, _pin = service_request_of(kelurahan_site())
    document = documents_of(sent)["Kartu Keluarga"]
    for path in (f"/admin/permohonan/{other.pk}/dokumen/{document.pk}/",
                 f"/admin/permohonan/{other.pk}/dokumen/{document.pk}/gambar/"):
        assert own.get(path).status_code == 404


def test_the_city_office_has_no_queue_and_opens_no_request(sent):
    city_user = get_user_model().objects.create_user("dinas", password="x" * 16)
    city_user.groups.add(Group.objects.get(name=CITY_ADMIN_GROUP))
    city = signed_in(city_user)
    home = text(city.get("/admin/"))
    assert "/admin/permohonan/" not in home  # no menu item, no panel
    queue = city.get("/admin/permohonan/?status=semua")
    assert queue.status_code == 200
    assert sent.code_display not in text(queue) and "Status situs" in text(queue)
    for path in screens(sent):
        assert city.get(path).status_code == 404, path
    assert city.post(f"/admin/permohonan/{sent.pk}/", {"action": "start"}).status_code == 404
    sent.refresh_from_db()
    assert sent.status == ServiceRequest.Status.SUBMITTED
    # The office's own operator does have both.
    office = text(signed_in(office_user(WARNASARI, "op_warnasari")).get("/admin/"))
    assert 'href="/admin/permohonan/"' in office and sent.code_display in office


def test_script_typed_by_the_resident_or_the_operator_is_shown_as_text(sent):
    hostile, _pin = service_request_of(
        kelurahan_site(), phone="0812 3456 7890", email="",
        **{"Nama lengkap": SCRIPT, "Alamat": SCRIPT, "Keterangan keperluan": SCRIPT})
    office = signed_in(office_user(WARNASARI, "op_warnasari"))
    url = f"/admin/permohonan/{hostile.pk}/"
    family = documents_of(hostile)["Kartu Keluarga"]
    asked = office.post(url, {"action": "ask", f"ask-missing_{family.pk}": "on",
                              f"ask-reason_{family.pk}": SCRIPT[:200], "ask-note": SCRIPT})
    assert asked.status_code == 200
    hostile.refresh_from_db()
    assert hostile.status == ServiceRequest.Status.INCOMPLETE
    office.post(url, {"action": "reject", "reject-reason": SCRIPT})
    pages = [asked, office.get("/admin/permohonan/?status=semua"), office.get("/admin/"),
             office.get(url), office.get(f"{url}data/"),
             office.get(f"{url}dokumen/{family.pk}/"), office.get(f"{url}hapus-data/")]
    for page in pages:
        html = text(page)
        assert page.status_code == 200
        assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in text(office.get(f"{url}data/"))
    assert "&lt;script&gt;alert" in text(office.get(url))
    # The export is JSON, never HTML.
    exported = office.get(f"{url}ekspor/")
    assert exported["Content-Type"].startswith("application/json")
    assert any(answer["jawaban"] == SCRIPT for answer in exported.json()["jawaban"])


def test_odd_input_is_answered_in_words_never_with_a_500(sent):
    operator = office_user(WARNASARI, "op_warnasari")
    office = signed_in(operator)
    url = f"/admin/permohonan/{sent.pk}/"
    family = documents_of(sent)["Kartu Keluarga"]
    for path in ("/admin/permohonan/0/", "/admin/permohonan/99999999999999999999/",
                 "/admin/permohonan/abc/", f"{url}dokumen/0/", f"{url}dokumen/0/gambar/",
                 f"{url}dokumen/99999999999999999999/"):
        assert office.get(path).status_code == 404, path
    for query in ({"status": SCRIPT}, {"p": "abc"}, {"p": "999999"},
                  {"p": "-1"}, {"status": "semua", "p": "1" * 400}):
        page = office.get("/admin/permohonan/", query)
        assert page.status_code == 200 and "<script>alert" not in text(page), query
    # A NUL byte in the address is refused before any view (400).
    assert office.get("/admin/permohonan/", {"status": "x\x00"}).status_code == 400

    posts = [
        ({"action": "nonsense"}, "langkah itu tidak bisa lagi"),
        ({}, "langkah itu tidak bisa lagi"),
        ({"action": "finish"}, "langkah itu tidak bisa lagi"),  # not ready yet
        ({"action": "reject", "reject-reason": "Alasan\x00"}, "Null"),
        ({"action": "reject", "reject-reason": "x" * 100_000}, "500"),
        ({"action": "ready", "ready-pickup_on": "99999-12-31", "ready-bring_note": "KTP"},
         "Tulis tanggal seperti di kalender"),
        ({"action": "ready", "ready-pickup_on": "9999-12-31", "ready-bring_note": "KTP"},
         "Pilih hari dalam 90 hari"),
        ({"action": "ready", "ready-pickup_on": "2026-01-01\x00", "ready-bring_note": "KTP"},
         "Tulis tanggal seperti di kalender"),
        ({"action": "assign", "assign-assignee": "abc"}, "Pilih akun kantor ini."),
        ({"action": "assign", "assign-assignee": "99999999999999999999"},
         "Pilih akun kantor ini."),
        ({"action": "ask", f"ask-missing_{family.pk}": "on",
          f"ask-reason_{family.pk}": "y" * 5000, "ask-note": ""}, "300"),
        ({"action": "ask", f"ask-missing_{family.pk}": "on",
          f"ask-reason_{family.pk}": "Buram\x00", "ask-note": ""}, "Null"),
        # A forged tick of a document that cannot be sent online (the NIK) counts for nothing.
        ({"action": "ask", f"ask-missing_{documents_of(sent)['KTP elektronik pemohon'].pk}":
          "on", "ask-note": ""}, "Centang sedikitnya satu dokumen"),
    ]
    for data, message in posts:
        response = office.post(url, data, follow=True)
        assert response.status_code == 200, data
        assert message.lower() in text(response).lower(), data
    # Someone else's account cannot be made the handler.
    stranger = office_user(DRINGO, "op_dringo")
    refused = office.post(url, {"action": "assign", "assign-assignee": stranger.pk})
    assert "Pilih akun kantor ini." in text(refused)
    sent.refresh_from_db()
    assert (sent.status, sent.assignee_id, sent.reason) == (
        ServiceRequest.Status.SUBMITTED, None, "")
    assert set(sent.documents.values_list("state", flat=True)) <= {
        RequestDocument.State.UPLOADED, RequestDocument.State.NIK, RequestDocument.State.BRING}
    # A document whose file is gone from the storage (a restore without the private folder):
    # not found, not an error.
    family.file.storage.delete(family.file.name)
    assert office.get(f"{url}dokumen/{family.pk}/").status_code == 404
    assert office.get(f"{url}dokumen/{family.pk}/gambar/").status_code == 404
