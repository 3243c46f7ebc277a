"""What the residents' side tests share: the request form's data as a browser sends it, the
files a resident may choose, and reading the PIN off the page."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from balai.layanan.models import ServiceDefinition
from balai.testing.builders import SKTM, photo_bytes, request_answers

PHONE = "0812 4455 6677"


def definition(slug: str = SKTM) -> ServiceDefinition:
    return ServiceDefinition.objects.get(slug=slug)


def question_id(label: str, slug: str = SKTM) -> str:
    return next(child.id for child in definition(slug).request_fields
                if child.value["label"] == label)


def requirement_id(document: str, slug: str = SKTM) -> str:
    return next(child.id for child in definition(slug).requirements
                if child.value["document"] == document)


def photo(name: str = "foto.jpg", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, photo_bytes() if content is None else content,
                              content_type="image/jpeg")


def form_data(slug: str = SKTM, *, answers: dict | None = None, files: dict | None = None,
              bring: tuple[str, ...] = (), **fields) -> dict:
    """The form as a resident fills it in: every question answered (``answers`` by label
    override), a photo for each requirement everyone uploads unless ``files`` (by document
    words) or ``bring`` says otherwise, the phone, no email, consent given."""
    service = definition(slug)
    data = {f"q-{key}": value for key, value in
            request_answers(service, **(answers or {})).items()}
    files = files or {}
    for child in service.requirements:
        document = child.value["document"]
        if child.value["online"] != "unggah":
            continue
        if document in bring:
            data[f"bawa-{child.id}"] = "on"
        elif document in files:
            if files[document] is not None:
                data[f"doc-{child.id}"] = files[document]
        elif not child.value["condition"]:
            data[f"doc-{child.id}"] = photo()
    data.update({"phone": PHONE, "email": "", "website": "", "persetujuan": "on"})
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def form_url(site, slug: str = SKTM) -> str:
    return f"{site.home.url}permohonan/ajukan/{slug}/"


def status_url(site, service_request) -> str:
    return f"{site.home.url}permohonan/{service_request.code_display}/"


def shown_pin(html: str) -> str | None:
    found = re.search(r'class="tracking-code pin">(\d+)<', html)
    return found.group(1) if found else None


def pdf_bytes(pages: int = 1, *, catalog: bytes = b"", trailer: bytes = b"") -> bytes:
    """A small PDF of ``pages`` pages with text; ``catalog`` adds entries to its catalogue
    (e.g. an OpenAction with JavaScript), ``trailer`` to its trailer (e.g. /Encrypt)."""
    kids = " ".join(f"{3 + 2 * index} 0 R" for index in range(pages)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)]
    for index in range(pages):
        stream = b"BT /F1 24 Tf 72 760 Td (Halaman %d) Tj ET" % (index + 1)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Contents %d 0 R >>" % (4 + 2 * index))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer, xref)
    return body


def bomb_png() -> bytes:
    """A tiny file of 81 million pixels."""
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, "PNG")
    return out.getvalue()
