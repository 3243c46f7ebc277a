"""How long checking and drawing a resident's document takes (balai/permohonan/documents.py),
and how large the stored picture is: a phone photo, and PDFs of 1, 3 and 6 scanned pages
(noise: the worst case for JPEG). Each is measured 3 times; the median is printed.

    .venv/bin/python bench/documents.py
"""

import io
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings.dev")

import django

django.setup()

import pypdfium2  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from PIL import Image  # noqa: E402

from balai.permohonan.documents import checked_document  # noqa: E402

A4 = (1240, 1754)  # 150 dpi, as a phone's scanner app saves a page


def noisy(size, seed: int) -> Image.Image:
    generator = random.Random(seed)  # noqa: S311 (a repeatable picture, not a secret)
    return Image.frombytes("RGB", size, generator.randbytes(size[0] * size[1] * 3))


def photo() -> bytes:
    out = io.BytesIO()
    noisy((3000, 2000), 1).save(out, "JPEG", quality=80)
    return out.getvalue()


def scanned_pdf(pages: int) -> bytes:
    document = pypdfium2.PdfDocument.new()
    for number in range(pages):
        picture = pypdfium2.PdfImage.new(document)
        buffer = io.BytesIO()
        noisy(A4, number).save(buffer, "JPEG", quality=75)
        buffer.seek(0)
        picture.load_jpeg(buffer, inline=True)
        picture.set_matrix(pypdfium2.PdfMatrix().scale(595, 842))
        page = document.new_page(595, 842)
        page.insert_obj(picture)
        page.gen_content()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def measure(label: str, name: str, data: bytes) -> None:
    timings, stored = [], None
    for _run in range(3):
        upload = SimpleUploadedFile(name, data)
        started = time.perf_counter()
        stored, pages = checked_document(upload)
        timings.append(time.perf_counter() - started)
    print(f"{label:<24} sent {len(data) / 1e6:5.1f} MB  pages {pages}  "
          f"median {statistics.median(timings):5.2f} s  stored {stored.size / 1e6:5.1f} MB")


def main() -> int:
    print("Checking and drawing residents' documents (median of 3):")
    measure("phone photo 6 MP", "foto.jpg", photo())
    for pages in (1, 3, 6):
        measure(f"scanned PDF, {pages} page(s)", "scan.pdf", scanned_pdf(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
