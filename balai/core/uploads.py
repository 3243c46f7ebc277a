"""Uploads are checked by what they contain, not by their name.

Images (JPEG, PNG, WebP) are already opened by Wagtail to read their size and format; a
file that is not really an image is refused there. What an image can still hide, and what
any document can carry, is code a badly configured web server might run or a browser might
execute: PHP (`<?php`, `<?=`), HTML and script, shell scripts. Such a file is refused, as is
a document whose content does not match its type (a PDF must start like a PDF, an office
file must be the zip that format is) and anything over the size limit.
"""

import re
import zipfile

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

# Byte sequences that mark code, looked for anywhere in the file (case-insensitively): each
# at least five bytes long, so that the compressed data of a real photo or PDF does not
# contain one by chance (a 7 MB photo holds a given 3-byte sequence with odds near one half,
# a given 5-byte one with odds of about one in a hundred thousand).
CODE_MARKERS = re.compile(rb"<\?php|<script|<html|<!doctype html|<svg[\s>]|<iframe", re.I)
# Shorter ones, looked for only at the start of the file, where a script begins: a shebang,
# PHP's short echo tag, ASP's tags.
HEAD_MARKERS = re.compile(rb"#!/|<\?=|<%[@\s]", re.I)
HEAD = 1024
OFFICE_TYPES = {
    "docx": ("[Content_Types].xml", "word/"), "xlsx": ("[Content_Types].xml", "xl/"),
    "odt": ("mimetype", "application/vnd.oasis.opendocument.text"),
    "ods": ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
}
CHUNK = 1024 * 1024

CODE_MESSAGE = _("This file contains program code (PHP, HTML or script) and cannot be "
                 "uploaded. Save the document again as a plain PDF or picture and try again.")


def document_max_size() -> int:
    return getattr(settings, "BALAI_DOCUMENT_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)


def contains_code(upload) -> bool:
    """Whether the file carries markup or script (see CODE_MARKERS and HEAD_MARKERS)."""
    upload.seek(0)
    tail = b""
    first = True
    while chunk := upload.read(CHUNK):
        if first and HEAD_MARKERS.search(chunk[:HEAD]):
            upload.seek(0)
            return True
        first = False
        if CODE_MARKERS.search(tail + chunk):
            upload.seek(0)
            return True
        tail = chunk[-16:]
    upload.seek(0)
    return False


def _extension(upload) -> str:
    return upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""


def _office_file_matches(upload, extension: str) -> bool:
    name, expected = OFFICE_TYPES[extension]
    try:
        with zipfile.ZipFile(upload) as archive:
            if extension in ("odt", "ods"):
                return archive.read(name).decode(errors="replace").strip() == expected
            names = archive.namelist()
            return name in names and any(item.startswith(expected) for item in names)
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    finally:
        upload.seek(0)


def document_check(upload) -> None:
    """Raise ValidationError unless the upload is a document of the type its name says."""
    if upload.size > document_max_size():
        raise forms.ValidationError(_("This file is too large: at most %(size)d MB.")
                                    % {"size": document_max_size() // (1024 * 1024)})
    extension = _extension(upload)
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension == "pdf":
        if not head.startswith(b"%PDF-"):
            raise forms.ValidationError(_("This file is not a real PDF document."))
    elif extension in OFFICE_TYPES:
        if not head.startswith(b"PK\x03\x04") or not _office_file_matches(upload, extension):
            raise forms.ValidationError(_("This file is not a real %(type)s document.")
                                        % {"type": extension.upper()})
    if contains_code(upload):
        raise forms.ValidationError(CODE_MESSAGE)


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form, checked by content; the title may be left empty and is then
    the alternative text the operator typed (a file name such as "IMG_2041" or "lurah"
    helps nobody find the picture again)."""

    TITLE_FROM = "description"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" not in self.fields:
            return
        title = self.fields["title"]
        title.required = False
        title.help_text = _("Leave empty to use the alternative text as the title.")
        if self.instance.pk is None:
            # A new image: no title taken from the file's name, neither by Wagtail's script
            # (which copies it into the field) nor by the multiple upload (which presets it).
            self.initial["title"] = ""
            if "file" in self.fields:
                attrs = self.fields["file"].widget.attrs
                for attribute in [name for name in attrs if name.startswith("data-w-sync")]:
                    del attrs[attribute]
                for attribute in ("data-controller", "data-action"):
                    attrs.pop(attribute, None)
        if self.TITLE_FROM in self.fields:
            # The alternative text first: it is what the title defaults to.
            order = [name for name in ("file", self.TITLE_FROM, "title") if name in self.fields]
            self.order_fields(order + [name for name in self.fields if name not in order])

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("title") and cleaned.get(self.TITLE_FROM):
            limit = self.fields["title"].max_length or 255
            cleaned["title"] = cleaned[self.TITLE_FROM][:limit]
        return cleaned

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "read") and contains_code(upload):
            raise forms.ValidationError(CODE_MESSAGE)
        return upload


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "read") and getattr(upload, "size", None) is not None \
                and "file" in self.changed_data:
            document_check(upload)
        return upload

    def _update_errors(self, errors):
        # A file refused above is not there for the model's own extension check, which
        # would add a confusing second message about an empty extension.
        if "file" in self._errors and hasattr(errors, "error_dict"):
            errors.error_dict.pop("file", None)
            if not errors.error_dict:
                return
        super()._update_errors(errors)
