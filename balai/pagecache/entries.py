"""What the page cache may serve and store, and how a stored page is kept: the rules
``PageCacheMiddleware`` (middleware.py, right after LocaleMiddleware: the language is part
of the key) applies to serve anonymous public pages from the cache, and to tell nginx which
responses it may keep.

A request may use
the cache when it is a GET or HEAD outside the admin, the API and downloads, carries no
session cookie and no Authorization header: an editor is never served a cached page, and
their pages (with the userbar) are never stored. A response is stored only when it is a
complete 200 that sets no cookie, varies on nothing but the language, is not marked
private, read no query parameter that balai.pagecache.params does not declare (the key holds
only the declared ones), and was served by the Site whose host name the request used (an
unknown host falls back to the default site, whose changes would not reach that key).

Headers: ``X-Balai-Cache`` says hit, miss (rendered and stored) or bypass (or stale, see
``outage``); a stored page says ``Cache-Control: public, max-age=BALAI_EDGE_CACHE_SECONDS``
(nginx's micro-cache, see deploy/nginx/balai-common.conf); a page rendered for an editor
says ``private, no-store``.
"""

import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from wagtail.models import Site

from balai.pagecache.params import undeclared_read

from .versions import request_hostname

# Never cached: the admin, open data (lists every site), downloads, language switch.
UNCACHED_PREFIXES = ("/admin/", "/api/", "/dokumen-unduh/", "/bahasa/")
# A response may vary on these only; Cookie because sessions add it when merely read.
HARMLESS_VARY = {"accept-language", "accept-encoding", "cookie"}
HEADER = "X-Balai-Cache"
# A WSGI environ key, not a header, so no request from outside can carry it: in-process
# callers that must see a fresh render (the guard, looking for cloaking) set it.
FRESH_RENDER = "balai.fresh_render"
# A request attribute: the moment something the rendered page says stops being true.
TRUE_UNTIL = "_balai_true_until"


def until_midnight(seconds: int) -> int:
    """How long a stored page (or the data it shows) lives: at most ``seconds``, and never
    past local midnight (pages show today's office hours and upcoming events)."""
    now = timezone.localtime()
    midnight = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=now.tzinfo)
    return max(1, min(seconds, int((midnight - now).total_seconds())))


def true_until(request: HttpRequest | None, moment: datetime.datetime) -> None:
    """Say that the page being rendered for ``request`` shows something that stops being
    true at ``moment`` (an office's "open now · closes at 16.00"): the page cache and nginx
    keep it no longer than that. The earliest of several moments wins."""
    if request is None:
        return
    earlier = getattr(request, TRUE_UNTIL, None)
    if earlier is None or moment < earlier:
        setattr(request, TRUE_UNTIL, moment)


def lifetime(request: HttpRequest, seconds: int) -> int:
    """``until_midnight(seconds)``, shortened to the moment the page stops being true."""
    lifetime = until_midnight(seconds)
    moment = getattr(request, TRUE_UNTIL, None)
    if moment is not None:
        lifetime = min(lifetime, int((moment - timezone.now()).total_seconds()))
    return max(1, lifetime)


def may_use_cache(request: HttpRequest) -> bool:
    return settings.BALAI_PAGE_CACHE_SECONDS > 0 and is_anonymous_public(request)


def is_anonymous_public(request: HttpRequest) -> bool:
    """A request that every anonymous visitor could have made: what caches may serve."""
    return (request.method in ("GET", "HEAD")
            and not request.path.startswith(UNCACHED_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.META.get(FRESH_RENDER)
            # Wagtail's previews (the editor's, the guard's check of a draft) render an
            # unpublished version through the same middleware: never served, never stored.
            and not getattr(request, "is_dummy", False)
            and not getattr(request, "is_preview", False))


def may_store(request: HttpRequest, response: HttpResponse) -> bool:
    if (request.method != "GET" or response.status_code != 200 or response.streaming
            or response.cookies):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {word.strip().lower() for word in response.get("Vary", "").split(",") if word.strip()}
    if not vary <= HARMLESS_VARY:
        return False
    if undeclared_read(request):
        return False  # the key holds only the declared parameters (balai.pagecache.params)
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False  # SessionMiddleware, outside this one, will set a cookie
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    site = Site.find_for_request(request)
    return site is not None and site.hostname.lower() == request_hostname(request)


def freeze(response: HttpResponse) -> tuple[bytes, list[tuple[str, str]]]:
    return response.content, list(response.items())


def thaw(stored: tuple[bytes, list[tuple[str, str]]]) -> HttpResponse:
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response
