"""A photo a resident sends (a complaint's picture, a requirement's document): checked by
content, then re-encoded.

The file must open as a JPEG, PNG or WebP picture and carry no program code (the same check
as every upload, ``balai.core.uploads``). It is then drawn again as a JPEG of at most
``MAX_SIDE`` pixels a side, turned upright by its orientation tag first: only pixels are
copied, so the camera's metadata (EXIF, with the GPS position of the resident's house) is gone.
"""

import io
import uuid

from django import forms
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from balai.core.uploads import CODE_MESSAGE, contains_code

FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_SIDE = 1600
# A decompression bomb (a small file that unpacks into a huge picture) is refused.
MAX_PIXELS = 40_000_000


def checked_photo(upload, *, max_size: int, max_side: int = MAX_SIDE) -> ContentFile:
    """A re-encoded JPEG of the upload, at most ``max_side`` pixels a side; ValidationError
    with a plain message otherwise (a file over ``max_size`` bytes is not opened)."""
    if upload.size > max_size:
        raise forms.ValidationError(
            _("This photo is too large: at most %(size)d MB. Take it again at a lower "
              "resolution or send a screenshot of it.") % {"size": max_size // (1024 * 1024)})
    if contains_code(upload):
        raise forms.ValidationError(CODE_MESSAGE)
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in FORMATS:
                raise forms.ValidationError(_("Send a photo (JPG, PNG or WebP)."))
            if image.width * image.height > MAX_PIXELS:
                raise forms.ValidationError(_("This picture is too large to open."))
            image.load()
            upright = ImageOps.exif_transpose(image)
            upright = upright.convert("RGB")
            upright.thumbnail((max_side, max_side))
            out = io.BytesIO()
            upright.save(out, "JPEG", quality=82, optimize=True)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise forms.ValidationError(_("This file is not a photo we can open. "
                                      "Send a JPG, PNG or WebP picture.")) from error
    finally:
        upload.seek(0)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
