"""A requirement's document as a resident sends it: a photo (JPEG, PNG, WebP) or a PDF,
checked by content and kept as pixels only.

A photo is re-encoded as a JPEG (``balai.core.photos``: upright, no camera metadata). A PDF
is opened by PDFium (the engine of Chromium's PDF viewer, through ``pypdfium2``) and its pages
are drawn one under the other into one JPEG. So whatever a file carried besides its picture
(scripts, forms, attachments, links, metadata) is gone, and the operator sees every document
as an image in the browser, on any phone, without a PDF viewer or a download.
"""

import io
import uuid

import pypdfium2
from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image

from balai.core.photos import checked_photo
from balai.core.uploads import CODE_MESSAGE, contains_code

ACCEPT = "image/jpeg,image/png,image/webp,application/pdf"
MAX_SIDE = 2000
MAX_PAGES = 6
PAGE_WIDTH = 1400
GAP = 16


def max_size() -> int:
    return settings.BALAI_REQUEST_FILE_MAX_SIZE


def checked_document(upload) -> tuple[ContentFile, int]:
    """A JPEG of the upload and its number of pages; ValidationError in plain words when it
    is neither a photo nor a PDF we can open."""
    if upload.size > max_size():
        raise forms.ValidationError(
            _("This file is too large: at most %(size)d MB. Take the photo again at a lower "
              "resolution.") % {"size": max_size() // (1024 * 1024)})
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        return checked_photo(upload, max_size=max_size(), max_side=MAX_SIDE), 1
    if contains_code(upload):
        raise forms.ValidationError(CODE_MESSAGE)
    return _pdf_pages(upload.read())


def _pdf_pages(data: bytes) -> tuple[ContentFile, int]:
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise forms.ValidationError(_(
            "This PDF cannot be opened (it may be damaged or protected with a password). "
            "Send a photo of the document instead.")) from error
    try:
        count = len(document)
        if count == 0:
            raise forms.ValidationError(_("This PDF has no pages."))
        if count > MAX_PAGES:
            raise forms.ValidationError(
                _("This PDF has %(count)d pages: send at most %(max)d, only the pages of this "
                  "requirement.") % {"count": count, "max": MAX_PAGES})
        pictures = [_draw(document[index]) for index in range(count)]
    finally:
        document.close()
    width = max(picture.width for picture in pictures)
    height = sum(picture.height for picture in pictures) + GAP * (count - 1)
    sheet = Image.new("RGB", (width, height), "#9ca3af")
    top = 0
    for picture in pictures:
        sheet.paste(picture, (0, top))
        top += picture.height + GAP
    out = io.BytesIO()
    sheet.save(out, "JPEG", quality=80, optimize=True)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg"), count


def _draw(page) -> Image.Image:
    """One page at most ``PAGE_WIDTH`` pixels wide (an A4 page at about 170 dpi)."""
    width, height = page.get_size()
    if width <= 0 or height <= 0 or height / width > 10 or width / height > 10:
        raise forms.ValidationError(_("This PDF's pages have a size we cannot show."))
    scale = PAGE_WIDTH / width
    try:
        return page.render(scale=scale).to_pil().convert("RGB")
    except pypdfium2.PdfiumError as error:
        raise forms.ValidationError(_("A page of this PDF cannot be drawn. Send a photo of "
                                      "the document instead.")) from error
    finally:
        page.close()
