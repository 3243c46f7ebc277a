"""A hostile upload set: every file is refused with a clear message, and nothing is stored;
a real photo and a real PDF are accepted. An uploaded image is titled with the alternative
text the operator typed unless they give a title, never with the file's name: through
Wagtail's add view, its multiple upload (what "Tambah gambar" opens) and the chooser's."""

import io
import json
import random
import re
import zipfile
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from balai.conftest import CITANGKIL
from balai.core.uploads import contains_code
from balai.provisioning.models import RegionSite

pytestmark = pytest.mark.django_db

PHP = b"<?php system($_GET['c']); ?>"
MB = 1024 * 1024


def _jpeg(comment: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "green").save(buffer, "JPEG", comment=comment)
    return buffer.getvalue()


def _pdf(extra: bytes = b"") -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" + extra
            + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def operator_client(make_user):
    client = Client(HTTP_HOST="balai.test")
    client.force_login(make_user("operator", RegionSite.objects.get(
        region__kode=CITANGKIL).operator_group))
    return client


HOSTILE_IMAGES = {
    "a PHP shell named .jpg": ("foto.jpg", PHP),
    "a JPEG/PHP polyglot": ("foto.jpg", _jpeg(comment=PHP)),
    "an SVG with script": ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg">'
                                       b"<script>alert(1)</script></svg>"),
    "an SVG named .png": ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    "an HTML page named .jpg": ("foto.jpg", b"<html><script>alert(1)</script></html>"),
    "a 50 MB file": ("besar.jpg", _jpeg() + b"\0" * (50 * MB)),
    "a PHP script": ("shell.php", PHP),
    "a phar archive": ("foto.phar", PHP),
}
HOSTILE_DOCUMENTS = {
    "an .html document": ("laporan.html", b"<html><script>alert(1)</script></html>"),
    "a PHP shell named .pdf": ("laporan.pdf", PHP),
    "a PDF/PHP polyglot": ("laporan.pdf", _pdf(PHP)),
    "a PDF with script": ("laporan.pdf", _pdf(b"<script>alert(1)</script>")),
    "a fake .docx": ("surat.docx", _zip({"payload.php": PHP})),
    "a .phtml file": ("surat.phtml", PHP),
    "a JavaScript file": ("app.js", b"alert(1)"),
    "a 50 MB PDF": ("besar.pdf", _pdf(b"\0" * (50 * MB))),
}


@pytest.mark.parametrize("case", list(HOSTILE_IMAGES))
def test_hostile_images_are_refused(operator_client, case):
    name, content = HOSTILE_IMAGES[case]
    before = get_image_model().objects.count()
    response = operator_client.post("/admin/images/add/", {
        "title": "Foto", "description": "Foto kantor",
        "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200, case  # the form again, with the error
    assert response.context["form"].errors.get("file"), case
    assert get_image_model().objects.count() == before


@pytest.mark.parametrize("case", list(HOSTILE_DOCUMENTS))
def test_hostile_documents_are_refused(operator_client, case):
    name, content = HOSTILE_DOCUMENTS[case]
    before = get_document_model().objects.count()
    response = operator_client.post("/admin/documents/add/", {
        "title": "Dokumen", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200, case
    assert response.context["form"].errors.get("file"), case
    assert get_document_model().objects.count() == before


def test_the_refusal_says_clearly_what_is_wrong(operator_client):
    response = operator_client.post("/admin/documents/add/", {
        "title": "Dokumen", "file": SimpleUploadedFile("laporan.pdf", _pdf(PHP))})
    assert response.context["form"].errors["file"] == [
        "Berkas ini berisi kode program (PHP, HTML, atau skrip) dan tidak dapat diunggah. "
        "Simpan ulang dokumen sebagai PDF biasa atau gambar, lalu coba lagi."]


def test_a_real_photo_and_real_documents_are_accepted(operator_client):
    photo = operator_client.post("/admin/images/add/", {
        "title": "Kantor", "description": "Gedung kantor kelurahan",
        "file": SimpleUploadedFile("kantor.jpg", _jpeg())})
    assert photo.status_code == 302
    for name, content in [("perwal.pdf", _pdf()), ("data.xlsx", _zip({
            "[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}))]:
        response = operator_client.post("/admin/documents/add/", {
            "title": name, "file": SimpleUploadedFile(name, content)})
        assert response.status_code == 302, response.context["form"].errors


def test_documents_are_served_as_downloads_that_cannot_run(operator_client):


    operator_client.post("/admin/documents/add/", {
        "title": "Perwal", "file": SimpleUploadedFile("perwal.pdf", _pdf())})
    document = get_document_model().objects.get(title="Perwal")
    # The test settings keep files in memory, which has no file path: serve from memory.
    with mock.patch.object(FieldFile, "path", new_callable=mock.PropertyMock,
                           side_effect=NotImplementedError):
        response = Client(HTTP_HOST="kel-citangkil.balai.test").get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


# Image titles
ALT = "Lurah menyambut warga di halaman kantor kelurahan"


def _photo(name: str = "lurah.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _jpeg(), content_type="image/jpeg")


def test_an_image_without_a_title_is_titled_with_its_alternative_text(operator_client):
    response = operator_client.post(reverse("wagtailimages:add"), {
        "title": "", "description": ALT, "file": _photo()})
    assert response.status_code == 302, response.context["form"].errors
    assert get_image_model().objects.get(description=ALT).title == ALT


def test_a_title_given_is_kept(operator_client):
    operator_client.post(reverse("wagtailimages:add"), {
        "title": "Foto lurah 2026", "description": ALT, "file": _photo()})
    assert get_image_model().objects.get(description=ALT).title == "Foto lurah 2026"


def test_without_alternative_text_the_form_says_so_under_that_field(operator_client):
    response = operator_client.post(reverse("wagtailimages:add"), {
        "title": "", "description": "", "file": _photo()})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["description"]
    assert not get_image_model().objects.filter(file__contains="lurah").exists()


def test_the_add_form_asks_for_the_alternative_text_before_an_optional_title(operator_client):
    html = operator_client.get(reverse("wagtailimages:add")).content.decode()
    assert html.index('name="description"') < html.index('name="title"')
    title = re.search(r'<input[^>]*name="title"[^>]*>', html).group(0)
    assert "required" not in title
    assert 'value="' not in title or 'value=""' in title
    # Wagtail's script that copies the file name into the title is not attached.
    file_input = re.search(r'<input[^>]*type="file"[^>]*>', html).group(0)
    assert "w-sync" not in file_input


def test_the_multiple_upload_offers_no_file_name_and_titles_with_the_alt_text(
        operator_client):
    response = operator_client.post(reverse("wagtailimages:add_multiple"),
                                    {"files[]": _photo("berita.jpg")})
    data = json.loads(response.content)
    assert data["success"], data
    upload_id = data["uploaded_file_id"]
    title = re.search(r'<input[^>]*name="uploaded-image-\d+-title"[^>]*>', data["form"]).group(0)
    assert "berita" not in title

    prefix = f"uploaded-image-{upload_id}"
    response = operator_client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id]),
        {f"{prefix}-title": "", f"{prefix}-description": ALT, f"{prefix}-tags": ""})
    result = json.loads(response.content)
    assert result["success"], result
    assert get_image_model().objects.get(pk=result["image_id"]).title == ALT


def test_the_chooser_upload_titles_with_the_alt_text(operator_client):
    response = operator_client.post(reverse("wagtailimages_chooser:create"), {
        "image-chooser-upload-title": "", "image-chooser-upload-description": ALT,
        "image-chooser-upload-file": _photo(), "image-chooser-upload-tags": ""})
    assert response.status_code == 200
    assert get_image_model().objects.get(description=ALT).title == ALT


def _noisy_jpeg(seed: int, size=(1400, 1000)) -> bytes:
    """A photo whose compressed data is as varied as a real phone photo's (noise, quality
    95): its bytes hold every short sequence by chance, e.g. "<% " or "#!/"."""
    generator = random.Random(seed)  # noqa: S311 (a repeatable picture, not a secret)
    picture = PILImage.frombytes("RGB", size, generator.randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=95)
    return out.getvalue()


def test_real_photos_are_not_taken_for_code():
    """Before the markers were at least five bytes long (or looked for only at the start),
    about one photo in seven of this size was refused as "program code"."""
    refused = [seed for seed in range(12)
               if contains_code(io.BytesIO(_noisy_jpeg(seed)))]
    assert refused == []


@pytest.mark.parametrize(("content", "found"), [
    (b"#!/bin/sh\nrm -rf /", True), (b"<?= system($_GET[1]) ?>", True),
    (b"<%@ Page Language=\"C#\" %>", True), (b"\xff\xd8" + b"x" * 5000 + b"<?PHP echo 1;", True),
    (b"\xff\xd8" + b"x" * 5000 + b"<svg onload=alert(1)>", True),
    (b"\xff\xd8" + b"x" * 5000 + b"#!/<% <?=", False),
    (b"\xff\xd8" + b"x" * (1024 * 1024 - 3) + b"<scr" + b"ipt>", True),  # across two chunks
])
def test_code_markers(content, found):
    assert contains_code(io.BytesIO(content)) is found
