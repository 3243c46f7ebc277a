"""Responses that carry a resident's personal data out of the admin: never kept in a cache,
a picture shown in the browser rather than saved, an export saved as a file (the complaint
and service request screens)."""

import json

from django.http import HttpResponse

NO_STORE = "private, no-store"


def private_image(data: bytes) -> HttpResponse:
    """A resident's photo or document (a JPEG), shown inline and never cached."""
    response = HttpResponse(data, content_type="image/jpeg")
    response["Cache-Control"] = NO_STORE
    response["Content-Disposition"] = "inline"
    return response


def private_export(data: dict, *, filename: str) -> HttpResponse:
    """Everything held about one resident, as a JSON file to hand them (their right of
    access, UU 27/2022), never cached."""
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = NO_STORE
    return response
