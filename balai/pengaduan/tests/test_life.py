"""A complaint's whole life, through the resident's form and the office's inbox: sent with a
photo, followed by its code, read and answered by the office, forwarded to the kecamatan,
closed, and its personal data purged when its time is up."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from balai.conftest import CITANGKIL
from balai.pengaduan.models import Complaint, ComplaintCategory
from balai.pengaduan.selectors import figures_by_region
from balai.security.models import SecurityEvent
from balai.testing.builders import photo_bytes, region_site

from .conftest import EMAIL, NAME, PHONE, office_user, signed_in

pytestmark = pytest.mark.django_db
CODE = re.compile(r"/pengaduan/([2-9A-Z]{4}-[2-9A-Z]{4})/$")


def send(site, **fields):
    """The resident's form, filled and sent as a browser does."""
    page = site.client.get(f"{site.home.url}pengaduan/")
    assert page.status_code == 200
    data = {"category": ComplaintCategory.objects.get(name="Jalan, drainase dan penerangan").pk,
            "service": "", "text": "Jalan di depan SDN 3 berlubang besar sejak hujan minggu "
            "lalu.\nSudah dua motor jatuh.", "rt_rw": "RT 03/RW 05",
            "place": "Jl. Ahmad Yani, depan SDN 3", "name": "", "phone": "", "email": "",
            "website": "", **fields}
    return site.client.post(f"{site.home.url}pengaduan/", data)


def test_a_complaint_from_the_form_to_the_purge(citangkil, city_user):
    operator = office_user(CITANGKIL, "op_citangkil")
    camat = office_user("36.72.08", "op_kec_citangkil")
    photo = SimpleUploadedFile("IMG_2041.jpg", photo_bytes(), content_type="image/jpeg")

    # The resident sends it, with a photo and their contact details.
    sent = send(citangkil, photo=photo, name=NAME, phone=PHONE, email=EMAIL)
    assert sent.status_code == 303
    code = CODE.search(sent["Location"]).group(1)
    complaint = Complaint.objects.get(code=code.replace("-", ""))
    assert complaint.region.kode == CITANGKIL and complaint.status == "diterima"
    # Due five working days later, never on a weekend.
    assert complaint.due_on > timezone.localdate() and complaint.due_on.weekday() < 5

    # The photo was drawn again: upright, a JPEG, no EXIF (no GPS position) left.
    with complaint.photo.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
    assert stored.format == "JPEG" and not stored.getexif()
    assert stored.size == (900, 1200)  # orientation 6: turned upright

    # The office's operators are told, without the resident's details.
    [notice] = mail.outbox
    assert notice.to == [operator.email] and code in notice.subject
    assert NAME not in notice.body and PHONE not in notice.body
    assert f"/admin/pengaduan/{complaint.pk}/" in notice.body

    # The resident follows it by its code: text and status, never their contact details.
    tracking = citangkil.client.get(sent["Location"])
    text = tracking.content.decode()
    assert tracking.status_code == 200 and code in text
    assert "Jalan di depan SDN 3 berlubang" in text and "Diterima" in text
    assert "no-store" in tracking["Cache-Control"] and tracking["X-Robots-Tag"] == "noindex"
    # Typed in small letters with a space, on the code page.
    typed = citangkil.client.get(f"{citangkil.home.url}pengaduan/lacak/",
                                 {"kode_pengaduan": code.lower().replace("-", " ")})
    assert typed.status_code == 302 and typed["Location"].endswith(f"/pengaduan/{code}/")

    # The operator finds it in the inbox and on the dashboard.
    office = signed_in(operator)
    assert code in office.get("/admin/pengaduan/").content.decode()
    assert code in office.get("/admin/").content.decode()
    detail = office.get(f"/admin/pengaduan/{complaint.pk}/").content.decode()
    assert "berlubang" in detail and PHONE not in detail  # contact details on request only

    # Reading the contact details and the photo is recorded in the security log.
    viewed = SecurityEvent.objects.filter(kind="personal_data_viewed")
    before = viewed.count()
    assert PHONE in office.get(f"/admin/pengaduan/{complaint.pk}/kontak/").content.decode()
    assert office.get(f"/admin/pengaduan/{complaint.pk}/foto/")["Content-Type"] == "image/jpeg"
    assert viewed.count() == before + 2
    assert viewed.filter(actor=operator, region__kode=CITANGKIL).count() == 2

    # A public reply: the resident reads it on the tracking page and by email; the operator
    # gets a WhatsApp link with it; an internal note stays inside.
    mail.outbox.clear()
    replied = office.post(f"/admin/pengaduan/{complaint.pk}/", {
        "action": "reply", "reply-text": "Terima kasih. Petugas PU meninjau besok pagi.",
        "reply-public": "1"})
    assert replied.status_code == 200
    assert "https://wa.me/6281299887766?text=" in replied.content.decode()
    [answer] = mail.outbox
    assert answer.to == [EMAIL] and "Petugas PU meninjau besok pagi" in answer.body
    assert f"/pengaduan/{code}/" in answer.body
    office.post(f"/admin/pengaduan/{complaint.pk}/", {
        "action": "reply", "reply-text": "Catatan: hubungi Pak RT dulu.", "reply-public": "0"})
    tracking = citangkil.client.get(f"{citangkil.home.url}pengaduan/{code}/").content.decode()
    assert "Petugas PU meninjau besok pagi" in tracking and "Diproses" in tracking
    assert "hubungi Pak RT" not in tracking
    complaint.refresh_from_db()
    assert complaint.first_reply_at is not None and complaint.status == "diproses"

    # Assigned to a person.
    office.post(f"/admin/pengaduan/{complaint.pk}/", {
        "action": "handling", "handling-status": "diproses", "handling-assignee": operator.pk})
    complaint.refresh_from_db()
    assert complaint.assignee == operator

    # Forwarded to the kecamatan: its operators are told and then handle it.
    mail.outbox.clear()
    forwarded = office.post(f"/admin/pengaduan/{complaint.pk}/", {
        "action": "forward", "forward-destination": "kecamatan",
        "forward-reason": "Jalan kewenangan kecamatan.", "forward-lapor_id": ""})
    assert forwarded.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "dialihkan" and complaint.forwarded_region.kode == "36.72.08"
    assert [message.to for message in mail.outbox] == [[camat.email]]
    kecamatan = signed_in(camat)
    assert code in kecamatan.get("/admin/pengaduan/").content.decode()
    assert PHONE in kecamatan.get(f"/admin/pengaduan/{complaint.pk}/kontak/").content.decode()
    tracking = citangkil.client.get(f"{citangkil.home.url}pengaduan/{code}/").content.decode()
    assert "Jalan kewenangan kecamatan." in tracking

    # The kecamatan closes it.
    kecamatan.post(f"/admin/pengaduan/{complaint.pk}/", {
        "action": "handling", "handling-status": "selesai", "handling-assignee": ""})
    complaint.refresh_from_db()
    assert complaint.status == "selesai" and complaint.closed_at is not None

    # The city office sees it, but not the resident's details.
    city = signed_in(city_user)
    assert code in city.get("/admin/pengaduan/").content.decode()
    refused = city.get(f"/admin/pengaduan/{complaint.pk}/kontak/")
    assert refused.status_code == 302 and PHONE not in refused.content.decode()
    assert PHONE not in city.get(f"/admin/pengaduan/{complaint.pk}/").content.decode()
    assert figures_by_region()[complaint.region_id].received >= 1

    # A year and a day after closing, the daily purge removes the contact details and photo.
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    complaint.refresh_from_db()
    assert complaint.phone == PHONE  # not yet
    Complaint.objects.filter(pk=complaint.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=366))
    call_command("purge_personal_data", stdout=out)
    complaint.refresh_from_db()
    assert (complaint.name, complaint.phone, complaint.email, complaint.photo.name) == \
        ("", "", "", "")
    assert complaint.personal_data_removed_at is not None
    complaints_line = [line for line in out.getvalue().splitlines()
                       if line.startswith("Pengaduan")][-1]
    assert complaints_line.endswith(": data pribadi dihapus dari 1 pengaduan."), complaints_line
    # The anonymous record stays, for the resident's page and the figures.
    assert citangkil.client.get(f"{citangkil.home.url}pengaduan/{code}/").status_code == 200
    assert figures_by_region()[complaint.region_id].answered_in_time >= 1


def test_forwarded_to_lapor_needs_its_number_and_the_resident_sees_it(citangkil):
    operator = office_user(CITANGKIL, "op_citangkil")
    code = CODE.search(send(citangkil)["Location"]).group(1)
    complaint = Complaint.objects.get(code=code.replace("-", ""))
    office = signed_in(operator)
    refused = office.post(f"/admin/pengaduan/{complaint.pk}/", {
        "action": "forward", "forward-destination": "lapor",
        "forward-reason": "Kewenangan provinsi.", "forward-lapor_id": ""})
    assert refused.status_code == 200
    assert "Tulis nomor tiket yang diberikan LAPOR!" in refused.content.decode()
    office.post(f"/admin/pengaduan/{complaint.pk}/", {
        "action": "forward", "forward-destination": "lapor",
        "forward-reason": "Kewenangan provinsi.", "forward-lapor_id": "LAP-2026-0091"})
    tracking = citangkil.client.get(f"{citangkil.home.url}pengaduan/{code}/").content.decode()
    assert "LAP-2026-0091" in tracking and "Kewenangan provinsi." in tracking


def test_an_anonymous_complaint_is_told_that_only_the_tracking_page_answers(citangkil):
    form = citangkil.client.get(f"{citangkil.home.url}pengaduan/").content.decode()
    assert "anonim" in form.lower() or "anonymous" in form.lower()
    sent = send(citangkil)
    assert sent.status_code == 303
    complaint = Complaint.objects.get(code=CODE.search(sent["Location"]).group(1).replace("-", ""))
    assert not complaint.has_contact


def test_the_office_exports_and_erases_a_residents_data_on_request(citangkil):
    operator = office_user(CITANGKIL, "op_citangkil")
    sent = send(citangkil, name=NAME, phone=PHONE, email=EMAIL,
                photo=SimpleUploadedFile("a.jpg", photo_bytes(), content_type="image/jpeg"))
    complaint = Complaint.objects.get(code=CODE.search(sent["Location"]).group(1).replace("-", ""))
    office = signed_in(operator)
    exported = office.get(f"/admin/pengaduan/{complaint.pk}/ekspor/")
    assert exported.status_code == 200 and "attachment" in exported["Content-Disposition"]
    data = exported.json()
    assert data["nama"] == NAME and data["telepon"] == PHONE and data["foto"] is True
    assert office.get(f"/admin/pengaduan/{complaint.pk}/hapus-data/").status_code == 200
    office.post(f"/admin/pengaduan/{complaint.pk}/hapus-data/")
    complaint.refresh_from_db()
    assert not complaint.has_contact and not complaint.photo
    kinds = set(SecurityEvent.objects.filter(actor=operator).values_list("kind", flat=True))
    assert {"personal_data_exported", "personal_data_deleted"} <= kinds


def test_the_site_search_and_every_page_lead_to_the_complaint_form(citangkil):
    home = citangkil.client.get(citangkil.home.url).content.decode()
    assert 'href="/pengaduan/"' in home
    for words in ("pengaduan", "keluhan jalan", "Lapor"):
        found = citangkil.client.get(f"{citangkil.home.url}cari/", {"q": words}).content.decode()
        results = found[found.index("<main"):found.index("</main>")]
        assert 'href="/pengaduan/"' in results, words
    # The portal has no complaint form of its own.
    portal = region_site("36.72")
    assert portal.client.get(f"{portal.home.url}pengaduan/").status_code == 404
