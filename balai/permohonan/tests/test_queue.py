"""The office's queue in the admin: an operator handles a resident's request through the
admin's own forms (posted as the browser posts them), from the queue to done; what each
status allows; the NIK masked in the queue, the panel and the screen; the full data, each
document, the export and an early deletion written to the security log."""

import datetime
import re
from html import unescape
from types import SimpleNamespace
from urllib.parse import unquote

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.base import ContentFile
from django.db import reset_queries, transaction
from django.test import Client
from django.utils import timezone

from balai.permohonan import services
from balai.permohonan.models import RequestDocument, ServiceRequest
from balai.provisioning.models import RegionSite
from balai.security.models import SecurityEvent
from balai.testing.builders import (
    NIK,
    WARNASARI,
    kelurahan_site,
    photo_bytes,
    service_request_of,
)

pytestmark = pytest.mark.django_db
PHONE = "0812 3456 7890"
EMAIL = "siti.aminah@contoh.id"
NAME = "Siti Aminah Qadrunnada"
MASKED = "3672**********07"


@pytest.fixture(autouse=True)
def emails_go_at_once(monkeypatch):
    """A test's transaction is never committed: what waits for the commit (the emails) runs
    at once instead."""
    monkeypatch.setattr(services, "transaction", SimpleNamespace(
        atomic=transaction.atomic, on_commit=lambda function, **kwargs: function()))


def office_user(kode: str, username: str, *, contributor: bool = False):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@kantor.id", password="x" * 16, first_name="Petugas",
        last_name=username)
    record = RegionSite.objects.get(region__kode=kode)
    user.groups.add(record.contributor_group if contributor else record.operator_group)
    return user


def signed_in(user) -> Client:
    client = Client(HTTP_HOST="balai.test")
    client.force_login(user)
    return client


def text(response) -> str:
    return response.content.decode()


def documents_of(service_request) -> dict[str, RequestDocument]:
    return {document.requirement: document for document in service_request.documents.all()}


@pytest.fixture
def site():
    return kelurahan_site()


@pytest.fixture
def sent(site):
    """A resident's SKTM request with their number, email and two photos."""
    service_request, _pin = service_request_of(site, phone=PHONE, email=EMAIL,
                                               **{"Nama lengkap": NAME})
    return service_request


def test_an_operator_handles_a_request_from_the_queue_to_done(site, sent):
    operator = office_user(WARNASARI, "op_warnasari")
    colleague = office_user(WARNASARI, "kontributor_warnasari", contributor=True)
    office = signed_in(operator)
    url = f"/admin/permohonan/{sent.pk}/"

    # In the queue, on the dashboard and on the screen: the code, the service, the NIK
    # masked; never the full NIK, the name, the number or the email.
    for page in (office.get("/admin/permohonan/"), office.get("/admin/"), office.get(url)):
        html = text(page)
        assert page.status_code == 200
        assert sent.code_display in html and MASKED in html
        for personal in (NIK, NAME, PHONE, "6281234567890", EMAIL):
            assert personal not in html
    queue = text(office.get("/admin/permohonan/"))
    assert "1 baru" in queue and "Surat Keterangan Tidak Mampu" in queue
    assert "0 hari yang lalu" in queue
    screen = text(office.get(url))
    assert "Mulai periksa" in screen and "Kartu Keluarga" in screen
    assert "Diberikan sebagai NIK" in screen  # the KTP-el, asked as the NIK

    # Mulai periksa; a second tab's click on it again changes nothing and says so.
    assert office.post(url, {"action": "start"}).status_code == 302
    sent.refresh_from_db()
    assert sent.status == ServiceRequest.Status.CHECKING
    again = office.post(url, {"action": "start"}, follow=True)
    assert "Tidak ada yang diubah" in text(again)
    assert sent.events.count() == 2

    # Given to a colleague of the office.
    office.post(url, {"action": "assign", "assign-assignee": colleague.pk})
    sent.refresh_from_db()
    assert sent.assignee == colleague
    assert "Petugas kontributor_warnasari" in text(office.get("/admin/permohonan/"))

    # Minta dilengkapi: a tick without its reason, nothing ticked, a reason without its tick
    # are each refused in words.
    family = documents_of(sent)["Kartu Keluarga"]
    letter = documents_of(sent)["Surat pengantar RT dan RW"]
    refused = office.post(url, {"action": "ask", f"ask-missing_{family.pk}": "on",
                                f"ask-reason_{family.pk}": "  ", "ask-note": ""})
    assert refused.status_code == 200
    assert "Tulis apa yang salah pada dokumen ini" in text(refused)
    refused = office.post(url, {"action": "ask", "ask-note": ""})
    assert "Centang sedikitnya satu dokumen" in text(refused)
    refused = office.post(url, {"action": "ask", f"ask-reason_{letter.pk}": "Buram"})
    assert "Centang dokumen ini" in text(refused)
    sent.refresh_from_db()
    assert sent.status == ServiceRequest.Status.CHECKING

    # Asked: the resident is told by email, and the screen offers the WhatsApp message once
    # (its showing logged, as it carries the number).
    mail.outbox.clear()
    viewed = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.PERSONAL_DATA_VIEWED)
    asked = office.post(url, {"action": "ask", f"ask-missing_{family.pk}": "on",
                              f"ask-reason_{family.pk}": "Foto buram, nomor KK tidak terbaca",
                              "ask-note": "Kirim foto di tempat terang."})
    html = text(asked)
    assert asked.status_code == 200
    link = re.search(r'href="(https://wa\.me/[^"]+)"', html).group(1)
    assert link.startswith("https://wa.me/6281234567890?text=")
    assert "Foto buram, nomor KK tidak terbaca" in unquote(unescape(link))
    assert "Email juga dikirim ke warga" in html
    [told] = mail.outbox
    assert told.to == [EMAIL] and "Foto buram, nomor KK tidak terbaca" in told.body
    [event] = viewed
    assert event.actor == operator and event.region == site.record.region
    assert event.detail == f"{sent.code_display}: WhatsApp"
    sent.refresh_from_db()
    assert sent.status == ServiceRequest.Status.INCOMPLETE and sent.complete_at_first is False
    assert documents_of(sent)["Kartu Keluarga"].state == RequestDocument.State.MISSING
    # The link is not shown again.
    assert "wa.me" not in text(office.get(url))
    assert "Foto buram, nomor KK tidak terbaca" in text(office.get(url))
    assert "Kirim foto di tempat terang." in text(office.get(url))

    # Waiting for the resident: counted in the queue; "start" is not offered any more.
    assert "1 menunggu warga" in text(office.get("/admin/permohonan/"))
    assert office.post(url, {"action": "start"}).status_code == 302
    sent.refresh_from_db()
    assert sent.status == ServiceRequest.Status.INCOMPLETE

    # The resident sends the photo again (the public side's service).
    services.complete(service_request=sent, files={
        family.pk: (ContentFile(photo_bytes(), name="kk.jpg"), 1)})
    sent.refresh_from_db()
    assert sent.status == ServiceRequest.Status.CHECKING
    assert "dikirim ulang 1 kali" in text(office.get(url))

    # Siap diambil: the form is prefilled with the originals to show; a past day and a day
    # years away are refused; then the resident is told.
    screen = text(office.get(url))
    assert "Surat pengantar RT dan RW (asli)" in screen
    assert "Surat pernyataan tidak mampu bermeterai (asli)" in screen
    today = timezone.localdate()
    for day, message in ((today - datetime.timedelta(days=1), "Hari ini sudah lewat"),
                         (datetime.date(9999, 12, 31), "Pilih hari dalam 90 hari"),
                         ("31-02-2027", "Tulis tanggal seperti di kalender")):
        refused = office.post(url, {"action": "ready", "ready-pickup_on": str(day),
                                    "ready-bring_note": "KTP asli"})
        assert refused.status_code == 200 and message in text(refused)
    refused = office.post(url, {"action": "ready", "ready-pickup_on": str(today),
                                "ready-bring_note": " \t "})
    assert "Tulis apa yang harus dibawa warga" in text(refused)
    mail.outbox.clear()
    pickup = today + datetime.timedelta(days=2)
    ready = office.post(url, {"action": "ready", "ready-pickup_on": pickup.isoformat(),
                              "ready-bring_note": "Surat pengantar RT/RW asli\nKK asli"})
    assert "https://wa.me/6281234567890?text=" in text(ready)
    assert "KK asli" in mail.outbox[0].body
    sent.refresh_from_db()
    assert (sent.status, sent.pickup_on) == (ServiceRequest.Status.READY, pickup)

    # What the status allows: asking again or checking is gone; done is offered.
    screen = text(office.get(url))
    assert "Tandai selesai" in screen and "Minta dilengkapi" not in screen
    office.post(url, {"action": "ask", f"ask-missing_{family.pk}": "on",
                      f"ask-reason_{family.pk}": "lagi", "ask-note": ""})
    sent.refresh_from_db()
    assert sent.status == ServiceRequest.Status.READY

    # Selesai: nothing more to do on it; it leaves the open queue.
    assert office.post(url, {"action": "finish"}).status_code == 302
    sent.refresh_from_db()
    assert sent.status == ServiceRequest.Status.DONE and sent.finished_at is not None
    screen = text(office.get(url))
    assert 'name="action"' not in screen
    assert sent.code_display not in text(office.get("/admin/permohonan/"))
    assert sent.code_display in text(office.get("/admin/permohonan/?status=selesai"))
    assert sent.code_display in text(office.get("/admin/permohonan/?status=semua"))
    assert [event.status for event in sent.events.all()] == [
        "diajukan", "diperiksa", "perlu_dilengkapi", "diperiksa", "siap_diambil", "selesai"]


def test_a_request_is_rejected_with_its_reason_and_without_a_number_nothing_to_send(site):
    service_request, _pin = service_request_of(site, email="")
    # The number is gone (the resident asked for their data to be deleted early, or it was
    # encrypted with a key this installation no longer has): nothing to send it to.
    ServiceRequest.objects.filter(pk=service_request.pk).update(phone="")
    office = signed_in(office_user(WARNASARI, "op_warnasari"))
    url = f"/admin/permohonan/{service_request.pk}/"
    refused = office.post(url, {"action": "reject", "reject-reason": ""})
    assert "Tulis mengapa permohonan ditolak" in text(refused)
    rejected = office.post(url, {"action": "reject",
                                 "reject-reason": "Bukan warga Kelurahan Warnasari."},
                           follow=True)
    html = text(rejected)
    assert "wa.me" not in html and "tidak memberi email atau nomor WhatsApp" in html
    assert "Bukan warga Kelurahan Warnasari." in html
    service_request.refresh_from_db()
    assert service_request.status == ServiceRequest.Status.REJECTED
    assert mail.outbox == [] or all(EMAIL not in message.to for message in mail.outbox)
    # A rejected request takes no more steps.
    office.post(url, {"action": "ready", "ready-pickup_on": timezone.localdate().isoformat(),
                      "ready-bring_note": "KTP"})
    service_request.refresh_from_db()
    assert service_request.status == ServiceRequest.Status.REJECTED


def test_the_full_data_and_each_document_are_shown_on_request_and_logged(site, sent):
    operator = office_user(WARNASARI, "op_warnasari")
    office = signed_in(operator)
    logged = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.PERSONAL_DATA_VIEWED,
                                          actor=operator, region=site.record.region
                                          ).order_by("pk")

    full = text(office.get(f"/admin/permohonan/{sent.pk}/data/"))
    assert NIK in full and NAME in full and PHONE in full and EMAIL in full
    assert [event.detail for event in logged.all()] == [f"{sent.code_display}: data lengkap"]

    family = documents_of(sent)["Kartu Keluarga"]
    page = office.get(f"/admin/permohonan/{sent.pk}/dokumen/{family.pk}/")
    image_url = f"/admin/permohonan/{sent.pk}/dokumen/{family.pk}/gambar/"
    html = text(page)
    assert page.status_code == 200 and f'src="{image_url}"' in html
    assert "download" not in html.lower() and "no-store" in page["Cache-Control"]
    picture = office.get(image_url)
    assert picture.status_code == 200 and picture["Content-Type"] == "image/jpeg"
    assert {"private", "no-store"} <= set(picture["Cache-Control"].split(", "))
    assert picture["Content-Disposition"] == "inline"
    assert picture.content[:3] == b"\xff\xd8\xff"
    assert [event.detail for event in logged.all()][-1] == \
        f"{sent.code_display}: dokumen Kartu Keluarga"
    assert logged.all().count() == 2

    # A requirement given as the NIK or to be brought has no file to show.
    ktp = documents_of(sent)["KTP elektronik pemohon"]
    assert office.get(f"/admin/permohonan/{sent.pk}/dokumen/{ktp.pk}/gambar/").status_code \
        == 404
    assert "Tidak ada berkas" in text(
        office.get(f"/admin/permohonan/{sent.pk}/dokumen/{ktp.pk}/"))
    # Documents deleted by the purge say so.
    services.remove_documents(sent)
    assert "Dokumen permohonan ini dihapus pada" in text(
        office.get(f"/admin/permohonan/{sent.pk}/dokumen/{family.pk}/"))
    assert office.get(image_url).status_code == 404
    assert logged.all().count() == 2


def test_the_office_exports_and_erases_a_residents_data_on_request(site, sent):
    operator = office_user(WARNASARI, "op_warnasari")
    office = signed_in(operator)
    exported = office.get(f"/admin/permohonan/{sent.pk}/ekspor/")
    assert exported.status_code == 200 and "attachment" in exported["Content-Disposition"]
    assert {"private", "no-store"} <= set(exported["Cache-Control"].split(", "))
    data = exported.json()
    assert data["kode"] == sent.code_display and data["telepon"] == PHONE
    assert {"pertanyaan": "NIK pemohon", "jawaban": NIK} in data["jawaban"]
    assert {"pertanyaan": "Nama lengkap", "jawaban": NAME} in data["jawaban"]
    assert [item["persyaratan"] for item in data["dokumen"]][:3] == [
        "Surat pengantar RT dan RW", "KTP elektronik pemohon", "Kartu Keluarga"]

    confirm = office.get(f"/admin/permohonan/{sent.pk}/hapus-data/")
    assert confirm.status_code == 200 and "masih terbuka" in text(confirm)
    assert ServiceRequest.objects.get(pk=sent.pk).answers  # a GET deletes nothing
    office.post(f"/admin/permohonan/{sent.pk}/hapus-data/")
    sent.refresh_from_db()
    assert (sent.answers, sent.phone, sent.email, sent.nik_masked) == ("", "", "", "")
    assert not sent.documents.exclude(file="").exists()
    assert sent.personal_data_removed_at is not None
    events = SecurityEvent.objects.filter(actor=operator)
    assert events.filter(kind="personal_data_exported", detail=sent.code_display).count() == 1
    assert events.filter(kind="personal_data_deleted", detail=sent.code_display).count() == 1
    # Afterwards: the screen and the data page say so; nothing left to view or delete.
    assert "Data pribadi warga dihapus pada" in text(office.get(f"/admin/permohonan/{sent.pk}/"))
    assert "Data pribadi warga dihapus pada" in text(
        office.get(f"/admin/permohonan/{sent.pk}/data/"))
    assert office.post(f"/admin/permohonan/{sent.pk}/hapus-data/").status_code == 302
    assert events.filter(kind="personal_data_deleted").count() == 1
    assert not events.filter(kind="personal_data_viewed").exists()


def test_an_unreadable_value_or_document_gives_a_plain_message(site, sent, settings):
    office = signed_in(office_user(WARNASARI, "op_warnasari"))
    family = documents_of(sent)["Kartu Keluarga"]
    settings.BALAI_DATA_KEYS = [Fernet.generate_key().decode()]  # not the one it was sealed with
    for path in (f"/admin/permohonan/{sent.pk}/data/",
                 f"/admin/permohonan/{sent.pk}/dokumen/{family.pk}/"):
        page = office.get(path)
        assert page.status_code == 200 and "BALAI_DATA_KEYS" in text(page)
    refused = office.get(f"/admin/permohonan/{sent.pk}/dokumen/{family.pk}/gambar/",
                         follow=True)
    assert refused.status_code == 200 and "BALAI_DATA_KEYS" in text(refused)
    exported = office.get(f"/admin/permohonan/{sent.pk}/ekspor/", follow=True)
    assert "BALAI_DATA_KEYS" in text(exported) and "attachment" not in exported.get(
        "Content-Disposition", "")
    assert office.get(f"/admin/permohonan/{sent.pk}/").status_code == 200
    assert office.get("/admin/permohonan/").status_code == 200


def test_the_queue_reads_no_personal_field_and_its_queries_do_not_grow(
        site, django_assert_max_num_queries):
    operator = office_user(WARNASARI, "op_warnasari")
    office = signed_in(operator)
    service_request_of(site, phone=PHONE)
    office.get("/admin/permohonan/")
    # The connection keeps its last 9,000 queries only: emptied, so that the count is
    # measured rather than read off a full log (the builder's form posts fill it).
    reset_queries()
    with django_assert_max_num_queries(40) as few:
        office.get("/admin/permohonan/")
    budget = len(few.captured_queries)
    assert budget
    for _number in range(4):
        service_request_of(site, phone=PHONE)
    ServiceRequest.objects.update(assignee=operator)
    reset_queries()
    with django_assert_max_num_queries(budget):
        html = text(office.get("/admin/permohonan/"))
    assert html.count(MASKED) == 5
