"""Generated sample images and documents: no third-party photos, visibly marked as samples."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

# Calm colours from the theme, one per picture so the samples are told apart.
COLOURS = [(10, 92, 54), (31, 78, 121), (120, 66, 18), (88, 44, 108), (20, 96, 110)]


def sample_image(*, title: str, alt: str, collection, number: int = 0, size=(1200, 800)):
    """Create a simple illustrated JPEG labelled 'Foto contoh' in the given collection."""
    width, height = size
    colour = COLOURS[number % len(COLOURS)]
    picture = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    # A few soft bands, like hills, so renditions have something to crop.
    for band in range(4):
        top = height // 2 + band * height // 10
        shade = tuple(min(255, channel + 30 * (band + 1)) for channel in colour)
        draw.ellipse([-width // 3 + band * 80, top, width + width // 3, height * 2], fill=shade)
    draw.rectangle([0, 0, width, height // 7], fill=(255, 255, 255))
    label = f"Foto contoh - {title}"[:80]
    font_size = max(18, height // 20)
    # Shrink the label until it fits the picture's width (portraits are narrow).
    while font_size > 10 and draw.textlength(label, font_size=font_size) > width - 48:
        font_size -= 1
    draw.text((24, height // 28), label, fill=(0, 0, 0), font_size=font_size)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    image = get_image_model()(title=title, description=alt, collection=collection,
                              file=ImageFile(buffer, name=f"contoh-{number}.jpg"))
    image.save()
    return image


def sample_pdf(*, title: str, collection):
    """A one-page PDF whose only text says it is a sample document."""
    text = f"Dokumen contoh: {title}".encode("latin-1", "replace")
    stream = b"BT /F1 14 Tf 72 760 Td (" + text.replace(b"(", b"[").replace(b")", b"]") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    body += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
             "%%EOF\n").encode()
    document = get_document_model()(title=title, collection=collection)
    slug = "".join(c if c.isalnum() else "-" for c in title.lower())[:50]
    document.file.save(f"{slug}.pdf", ContentFile(body), save=False)
    document.save()
    return document
