"""What the complaint form and the inbox do with hostile or broken input: script in every
field (escaped everywhere), the upload attack set, a huge body, a flood from one address,
gambling spam, guessed codes, and one site's code asked on every other site."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from balai.conftest import CITANGKIL, KEBONSARI
from balai.core.codes import ALPHABET, BITS, new_code, normalise
from balai.layanan.models import ServiceDefinition
from balai.pengaduan.models import Complaint, ComplaintCategory
from balai.provisioning.models import RegionSite
from balai.security.models import SecurityEvent
from balai.testing.builders import complaint_of, region_site

from .conftest import office_user, signed_in

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def form_data(**fields) -> dict:
    return {"category": ComplaintCategory.objects.get(name="Lainnya").pk,
            "text": "Lampu jalan mati di gang Melati.", "website": "", **fields}


def post(site, data, **extra):
    return site.client.post(f"{site.home.url}pengaduan/", data, **extra)


def test_script_in_every_field_is_shown_as_text_on_public_and_admin_pages(citangkil):
    operator = office_user(CITANGKIL, "op_citangkil")
    complaint = complaint_of(citangkil, text=SCRIPT, rt_rw=SCRIPT[:20], place=SCRIPT,
                             name=SCRIPT[:100], email="", phone="")
    office = signed_in(operator)
    office.post(f"/admin/pengaduan/{complaint.pk}/", {
        "action": "reply", "reply-text": SCRIPT, "reply-public": "1"})
    office.post(f"/admin/pengaduan/{complaint.pk}/", {
        "action": "forward", "forward-destination": "kota", "forward-reason": SCRIPT,
        "forward-lapor_id": ""})
    pages = [
        citangkil.client.get(f"{citangkil.home.url}pengaduan/{complaint.code_display}/"),
        office.get("/admin/pengaduan/"), office.get(f"/admin/pengaduan/{complaint.pk}/"),
        office.get(f"/admin/pengaduan/{complaint.pk}/kontak/"),
    ]
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert" in html


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(citangkil):
    refused = post(citangkil, form_data(text="", place="Gang Melati", phone="bukan nomor",
                                        email="siti@"))
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Ceritakan apa yang terjadi." in html
    assert "Tulis nomor dengan angka saja" in html
    assert "Alamat email ini belum lengkap" in html
    assert 'value="Gang Melati"' in html and 'value="bukan nomor"' in html
    assert not Complaint.objects.exists()


def test_nul_bytes_bad_encodings_and_overlong_values_are_refused_or_cleaned(citangkil):
    sent = post(citangkil, form_data(text="Jalan\x00 rusak\x07 parah", place="x" * 5000,
                                     category="999999", name="\ufffe" * 200))
    assert sent.status_code == 200
    # A NUL byte (which PostgreSQL cannot store) is refused with Django's own message.
    sent = post(citangkil, form_data(text="Jalan\x00 rusak parah"))
    assert sent.status_code == 200 and "null" in sent.content.decode().lower()
    # Other control characters are dropped.
    sent = post(citangkil, form_data(text="Jalan\x07 rusak\x1b parah"))
    assert sent.status_code == 303
    assert Complaint.objects.get().text == "Jalan rusak parah"
    raw = citangkil.client.generic(
        "POST", f"{citangkil.home.url}pengaduan/", b"text=%FF%FE%00&category=%C0%AF",
        content_type="application/x-www-form-urlencoded")
    assert raw.status_code in (200, 400)
    too_long = post(citangkil, form_data(text="a" * 3001))
    assert too_long.status_code == 200
    assert "Paling banyak 3000 karakter" in too_long.content.decode()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("foto.jpg", b"<?php system($_GET['c']); ?>", "kode program"),
    ("foto.jpg", b"\xff\xd8\xff\xe0" + b"<script>alert(1)</script>" + b"\x00" * 100,
     "kode program"),
    ("foto.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "kode program"),
    ("foto.html", b"<html><body>hi</body></html>", "kode program"),
    ("foto.jpg", b"GIF89a" + b"\x00" * 200, "bukan foto"),
    ("foto.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "bukan foto"),
    ("foto.jpg", b"", "kosong"),
])
def test_the_upload_attack_set_is_refused(citangkil, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    refused = post(citangkil, form_data(photo=upload))
    assert refused.status_code == 200
    assert message in refused.content.decode().lower()
    assert not Complaint.objects.exists()


def test_a_gif_and_a_decompression_bomb_are_refused(citangkil):
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    refused = post(citangkil, form_data(photo=SimpleUploadedFile("a.gif", gif.getvalue())))
    assert refused.status_code == 200 and "JPG, PNG, atau WebP" in refused.content.decode()
    bomb = io.BytesIO()
    Image.new("1", (9000, 9000)).save(bomb, "PNG")  # tiny file, 81 million pixels
    refused = post(citangkil, form_data(photo=SimpleUploadedFile("b.png", bomb.getvalue())))
    assert refused.status_code == 200
    assert not Complaint.objects.exists()


def test_a_ten_megabyte_text_body_is_refused_with_a_clear_message(citangkil):
    # As a browser sends it: with the form's CSRF token, checked before the view.
    browser = Client(HTTP_HOST=citangkil.client.defaults["HTTP_HOST"], enforce_csrf_checks=True)
    form = browser.get(f"{citangkil.home.url}pengaduan/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    refused = browser.post(f"{citangkil.home.url}pengaduan/", form_data(
        text="a" * (10 * 1024 * 1024), csrfmiddlewaretoken=token))
    assert refused.status_code == 413
    assert "Yang dikirim terlalu besar" in refused.content.decode()
    assert not Complaint.objects.exists()


def test_two_hundred_complaints_from_one_address_are_limited_without_losing_the_text(
        citangkil):
    statuses = [post(citangkil, form_data(text=f"Aduan nomor {number}")).status_code
                for number in range(200)]
    assert statuses.count(303) == 10 and statuses.count(429) == 190
    limited = post(citangkil, form_data(text="Teks yang tidak boleh hilang"))
    html = limited.content.decode()
    assert "Silakan coba lagi dalam" in html and "Teks yang tidak boleh hilang" in html
    # Another address still gets through.
    assert post(citangkil, form_data(), REMOTE_ADDR="10.1.2.3").status_code == 303


def test_the_hidden_field_filled_in_by_a_robot_saves_nothing(citangkil):
    refused = post(citangkil, form_data(website="http://spam.example"))
    assert refused.status_code == 200 and not Complaint.objects.exists()


def test_gambling_links_are_held_and_logged_not_announced(citangkil):
    office_user(CITANGKIL, "op_citangkil")
    complaint = complaint_of(citangkil, text="Info slot gacor maxwin hari ini di "
                                             "https://slot88-gacor.example/daftar")
    assert complaint.held
    event = SecurityEvent.objects.get(kind="complaint_held")
    assert event.region.kode == CITANGKIL and complaint.code_display in event.detail
    page = citangkil.client.get(f"{citangkil.home.url}pengaduan/{complaint.code_display}/")
    assert "slot88" not in page.content.decode() and "Sedang diperiksa" in page.content.decode()
    # A resident warning about gambling without advertising it is not held.
    honest = complaint_of(citangkil, text="Warung di RT 02 dipakai judi, mohon ditertibkan.")
    assert not honest.held


def test_a_code_cannot_be_guessed(citangkil):
    assert len(ALPHABET) == 30 and round(BITS, 1) == 39.3
    assert len({new_code() for _ in range(2000)}) == 2000
    assert normalise("k7mp 2qxd") == "K7MP2QXD" and normalise("K7MP-2QX0") is None
    for _ in range(30):
        assert citangkil.client.get(
            f"{citangkil.home.url}pengaduan/{new_code()}/").status_code == 404
    # Past the limit of failed look-ups, even a real code is not shown to that address.
    complaint = complaint_of(citangkil, text="Jalan rusak.")
    assert citangkil.client.get(
        f"{citangkil.home.url}pengaduan/{complaint.code_display}/").status_code == 404
    other = Client(HTTP_HOST=citangkil.client.defaults["HTTP_HOST"], REMOTE_ADDR="10.9.9.9")
    assert other.get(f"{citangkil.home.url}pengaduan/{complaint.code_display}/").status_code \
        == 200


def test_the_code_of_one_site_is_a_404_on_every_other_site(citangkil):
    complaint = complaint_of(citangkil, text="Jalan rusak di depan kantor.")
    address = 0
    for record in RegionSite.objects.exclude(region__kode=CITANGKIL).select_related("site"):
        address += 1
        site = region_site(record.region.kode)
        client = Client(HTTP_HOST=site.client.defaults["HTTP_HOST"],
                        REMOTE_ADDR=f"10.0.{address // 250}.{address % 250 + 1}")
        for path in (f"pengaduan/{complaint.code_display}/",
                     f"pengaduan/lacak/?kode_pengaduan={complaint.code_display}"):
            response = client.get(f"{site.home.url}{path}")
            assert response.status_code in (200, 404), (record.region.kode, path)
            assert "Jalan rusak di depan kantor" not in response.content.decode()
    assert address == 51
    kebonsari = region_site(KEBONSARI)
    operator_b = office_user(KEBONSARI, "op_kebonsari")
    office_b = signed_in(operator_b)
    assert complaint.code_display not in office_b.get("/admin/pengaduan/").content.decode()
    for path in ("", "kontak/", "foto/", "ekspor/", "hapus-data/"):
        assert office_b.get(f"/admin/pengaduan/{complaint.pk}/{path}").status_code in (403, 404)
    office_b.post(f"/admin/pengaduan/{complaint.pk}/", {
        "action": "reply", "reply-text": "Bukan urusan kami", "reply-public": "1"})
    assert not complaint.replies.exists()
    assert kebonsari.home.region.kode == KEBONSARI


def test_a_kecamatan_complaint_form_names_only_the_kecamatan_own_services(citangkil):
    """A kecamatan's home has its kelurahan's sites below it: their services are not the
    kecamatan's to be complained about."""
    kecamatan = region_site(citangkil.home.region.parent.kode)
    form = kecamatan.client.get(f"{kecamatan.home.url}pengaduan/").context["form"]
    kelurahan_only = ServiceDefinition.objects.filter(level=ServiceDefinition.Level.KELURAHAN)
    named = set(form.fields["service"].queryset)
    assert named and not named & set(kelurahan_only)
