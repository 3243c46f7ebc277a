"""Answer sensibly while the database cannot be reached: a stale page, or a 503, never a 500.

Django turns an exception raised anywhere below a middleware (a view, a template, the
session or user lookup, Wagtail's Site lookup, the page cache's own checks) into a 500
response before the middleware above sees it, so catching it there is not possible. The
``got_request_exception`` signal, sent while that exception is being handled, marks the
request when the exception is a database ``OperationalError`` or ``InterfaceError`` (the
server is down, refuses connections, or dropped one); ``DatabaseOutageMiddleware`` (middleware.py),
placed before everything that may touch the database, replaces the 500 of a marked
request:

- an anonymous GET or HEAD of a public page whose stale copy is kept (see ``versions``)
  gets that copy: 200, ``X-Balai-Cache: stale``, cached for a few seconds at most;
- the admin gets a 503 that tells the editor the change is not saved yet (JSON for
  Wagtail's autosave and other ``fetch`` requests, which keep the form as it is);
- anything else gets the Indonesian 503 page.

Every 503 carries ``Retry-After``. Pages already in the fresh cache are served as usual:
a hit does not touch the database. Django's ``CONN_HEALTH_CHECKS`` (base settings) drops a
broken persistent connection at the start of the next request, so nothing needs to be
done once the database is back.
"""

import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .entries import HEADER, may_use_cache, thaw
from .versions import page_cache, stale_key

# A request attribute (set by the signal receiver) that says the database failed.
MARK = "_balai_database_unavailable"
ADMIN_PREFIX = "/admin/"
# nginx and browsers may keep a stale page this long: enough to spare gunicorn a crowd.
STALE_MAX_AGE = 5


def _mark_database_failure(sender, request=None, **kwargs):
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, OperationalError | InterfaceError):
        setattr(request, MARK, True)


def connect() -> None:
    got_request_exception.connect(_mark_database_failure, dispatch_uid="pagecache-outage")


def _language(request: HttpRequest) -> str:
    return (getattr(request, "LANGUAGE_CODE", None)
            or translation.get_language_from_request(request))


def _stale_page(request: HttpRequest) -> HttpResponse | None:
    if not may_use_cache(request):
        return None
    try:
        stored = page_cache().get(stale_key(request))
    except Exception:  # noqa: BLE001 - a cache that fails too leaves the 503
        return None
    if stored is None:
        return None
    response = thaw(stored)
    response[HEADER] = "stale"
    response["Cache-Control"] = f"public, max-age={STALE_MAX_AGE}"
    return response


def _unavailable(request: HttpRequest) -> HttpResponse:
    admin = request.path.startswith(ADMIN_PREFIX)
    with translation.override(_language(request)):
        if admin and not request.accepts("text/html"):
            response = JsonResponse({
                "success": False,
                "error_code": "database_unavailable",
                "error_message": _(
                    "The database cannot be reached at the moment; your changes have not "
                    "been saved yet. Do not close this page, and save again in a few "
                    "minutes."),
            }, status=503)
        else:
            html = render_to_string("503.html", {"admin": admin})
            response = HttpResponse(html, status=503)
    response["Retry-After"] = str(settings.BALAI_OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    if not admin:
        response[HEADER] = "unavailable"
    return response


def outage_response(request: HttpRequest) -> HttpResponse:
    return _stale_page(request) or _unavailable(request)
