"""What the residents' side of service requests does with hostile or broken input: the
upload attack set, NIKs that are not NIKs, NUL bytes and broken encodings in every field,
script in everything the status page shows, a huge body, a flood from one address."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from balai.permohonan import services
from balai.permohonan.models import RequestDocument, ServiceRequest
from balai.testing.builders import (
    NIK,
    kelurahan_site,
    online_service,
    photo_bytes,
    service_request_of,
)

from .resident import (
    bomb_png,
    definition,
    form_data,
    form_url,
    pdf_bytes,
    question_id,
    shown_pin,
    status_url,
)

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FAMILY_CARD = "Kartu Keluarga"
ENCRYPT = (b"/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 "
           b"/O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >> /ID [<0123456789abcdef> "
           b"<0123456789abcdef>] ")
JAVASCRIPT = b"/OpenAction << /S /JavaScript /JS (app.alert\\('dicuri'\\)) >> "


@pytest.fixture
def site():
    site = kelurahan_site()
    online_service(site)
    return site


def send(site, data, **extra):
    return site.client.post(form_url(site), data, **extra)


def upload(name: str, content: bytes, content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("kk.jpg", b"\xff\xd8\xff\xe0" + b"<?php system($_GET['c']); ?>" + b"\x00" * 100,
     "kode program"),
    ("kk.jpg", photo_bytes() + b"<script>alert(1)</script>", "kode program"),
    ("kk.html", b"<html><body><script>alert(1)</script></body></html>", "kode program"),
    ("kk.pdf", b"%PDF-1.4\n<script>alert(1)</script>", "kode program"),
    ("kk.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "pdf ini tidak dapat dibuka"),
    ("kk.pdf", pdf_bytes(trailer=ENCRYPT), "pdf ini tidak dapat dibuka"),
    ("kk.pdf", pdf_bytes(7), "berisi 7 halaman: kirim paling banyak 6"),
    ("kk.png", bomb_png(), "terlalu besar untuk dibuka"),
    ("kk.gif", b"GIF89a" + b"\x00" * 200, "bukan foto"),
    ("kk.jpg", b"", "berkas ini kosong"),
    ("kk.jpg", b"\xff\xd8\xff" + b"\x00" * (10 * 1024 * 1024 + 1), "terlalu besar"),
])
def test_the_upload_attack_set_is_refused_on_its_own_field(site, name, content, message):
    refused = send(site, form_data(files={FAMILY_CARD: upload(name, content)}))
    html = refused.content.decode()
    assert refused.status_code == 200 and not ServiceRequest.objects.exists()
    family = next(child.id for child in definition().requirements
                  if child.value["document"] == FAMILY_CARD)
    error = re.search(rf'<p class="field-error" id="id_doc-{family}-error">([^<]*)</p>', html)
    assert error and message in error.group(1).lower(), error and error.group(1)
    # The other file was chosen too: the resident is told to choose it again.
    assert "pilih lagi foto atau PDF-nya" in html


def test_a_pdf_with_javascript_is_kept_as_a_picture_only(site):
    sent = send(site, form_data(files={FAMILY_CARD: upload(
        "kk.pdf", pdf_bytes(2, catalog=JAVASCRIPT), "application/pdf")}))
    assert sent.status_code == 303
    document = RequestDocument.objects.get(requirement=FAMILY_CARD)
    assert document.pages == 2
    with document.file.open("rb") as stored:
        data = stored.read()
    assert data.startswith(b"\xff\xd8") and b"JavaScript" not in data and b"dicuri" not in data


@pytest.mark.parametrize(("nik", "message"), [
    ("367201120590007", "tepat 16 angka"),
    ("36720112059000071", "tepat 16 angka"),
    ("9972011205900007", "6 angka pertama"),
    ("3672011399900007", "angka ke-7 sampai ke-12"),
    ("3672011205900000", "0000"),
    ("3672O11205900007", "hanya berisi angka"),
])
def test_a_nik_that_is_not_one_is_refused_with_what_is_wrong(site, nik, message):
    refused = send(site, form_data(answers={"NIK pemohon": nik}))
    html = refused.content.decode()
    assert refused.status_code == 200 and not ServiceRequest.objects.exists()
    field = question_id("NIK pemohon")
    error = re.search(rf'id="id_q-{field}-error">([^<]*)<', html)
    assert error and message.lower() in error.group(1).lower(), error and error.group(1)


def test_nul_bytes_and_control_characters_in_every_field_never_give_a_500(site):
    names = [f"q-{child.id}" for child in definition().request_fields] + ["phone", "email",
                                                                          "website"]
    for number, name in enumerate(names):
        for value in ("Siti\x00 Aminah", "Siti\x07\x1b Aminah", "\ufffe" * 300, "x" * 5000):
            # Each field from an address of its own: the send limits do not answer for it.
            answer = send(site, {**form_data(), name: value}, REMOTE_ADDR=f"10.0.9.{number}")
            assert answer.status_code in (200, 303), (name, value[:10])
    # Nothing stored holds a NUL or a control character.
    for service_request in ServiceRequest.objects.all():
        for answer in service_request.answer_list:
            assert "\x00" not in answer["value"] and "\x07" not in answer["value"]
    raw = site.client.generic(
        "POST", form_url(site), b"phone=%FF%FE%00&persetujuan=%C0%AF&q-x=%00",
        content_type="application/x-www-form-urlencoded")
    assert raw.status_code in (200, 400)
    for path in ("permohonan/%00/", "permohonan/%FF%FE/", "permohonan/lacak/?kode_permohonan=%00",
                 "permohonan/ajukan/%00/", "permohonan/" + "A" * 5000 + "/"):
        assert site.client.get(f"{site.home.url}{path}").status_code in (400, 404)
    request, _pin = service_request_of(site)
    url = status_url(site, request)
    for pin in ("\x00\x00\x00", "１２３４５６", "-1", "9" * 5000):
        assert site.client.post(url, {"pin": pin}).status_code == 200


def test_script_in_every_field_is_shown_as_text_on_the_status_page(site):
    request, pin = service_request_of(site, **{"Nama lengkap": SCRIPT[:100],
                                               "Alamat": SCRIPT,
                                               "Keterangan keperluan": SCRIPT[:200]})
    family = request.documents.get(requirement=FAMILY_CARD)
    services.ask_to_complete(service_request=request, user=None, missing={family.pk: SCRIPT},
                             note=SCRIPT)
    client = Client(HTTP_HOST=site.client.defaults["HTTP_HOST"])
    pages = [client.get(status_url(site, request))]
    client.post(status_url(site, request), {"pin": pin})
    pages.append(client.get(status_url(site, request)))
    services.reject(service_request=request, user=None, reason=SCRIPT)
    pages.append(client.get(status_url(site, request)))
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert" in html


def test_a_ten_megabyte_text_body_is_refused_with_a_clear_message(site):
    browser = Client(HTTP_HOST=site.client.defaults["HTTP_HOST"], enforce_csrf_checks=True)
    form = browser.get(form_url(site)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    refused = browser.post(form_url(site), form_data(
        phone="0" * (10 * 1024 * 1024), csrfmiddlewaretoken=token))
    assert refused.status_code == 413
    assert "Yang dikirim terlalu besar" in refused.content.decode()
    assert not ServiceRequest.objects.exists()


def test_two_hundred_requests_from_one_address_are_limited_without_losing_the_answers(site):
    brought = tuple(child.value["document"] for child in definition().requirements)
    statuses = [send(site, form_data(bring=brought)).status_code for _ in range(200)]
    assert statuses.count(303) == 10 and statuses.count(429) == 190
    limited = send(site, form_data(bring=brought, answers={"Nama lengkap": "Nama Tetap Ada"}))
    html = limited.content.decode()
    assert limited.status_code == 429
    assert "Silakan coba lagi dalam" in html and "Nama Tetap Ada" in html
    assert ServiceRequest.objects.count() == 10
    # Another address still gets through, and its PIN is shown.
    other = Client(HTTP_HOST=site.client.defaults["HTTP_HOST"], REMOTE_ADDR="10.1.2.3")
    sent = other.post(form_url(site), form_data(bring=brought))
    assert sent.status_code == 303 and shown_pin(other.get(sent["Location"]).content.decode())


def test_the_hidden_field_filled_in_by_a_robot_saves_nothing(site):
    refused = send(site, form_data(website="http://spam.example"))
    assert refused.status_code == 200 and not ServiceRequest.objects.exists()
    assert "Kosongkan kolom" in refused.content.decode()


def test_a_forged_pin_cookie_or_access_cookie_opens_nothing(site):
    request, _pin = service_request_of(site, **{"Nama lengkap": "Siti Rahasia"})
    client = Client(HTTP_HOST=site.client.defaults["HTTP_HOST"])
    client.cookies["permohonan_pin"] = "123456"
    client.cookies["permohonan_akses"] = "x" * 64
    html = client.get(status_url(site, request)).content.decode()
    assert shown_pin(html) is None and "Siti Rahasia" not in html and NIK not in html


def test_forms_with_files_from_one_address_are_limited_before_the_files_are_opened(site):
    """Drawing a PDF's pages takes time: a form sent with files counts even when it is
    refused (here: no consent), three times the requests an address may send."""
    def without_consent() -> dict:
        data = form_data(files={FAMILY_CARD: upload("kk.pdf", pdf_bytes(2), "application/pdf")})
        data.pop("persetujuan")
        return data

    statuses = [send(site, without_consent()).status_code for _ in range(35)]
    assert statuses.count(200) == 30 and statuses.count(429) == 5
    assert "Silakan coba lagi dalam" in send(site, without_consent()).content.decode()
    assert not ServiceRequest.objects.exists()
