"""The page cache's three middleware, in the order settings.MIDDLEWARE gives them:

1. ``QueryStringMiddleware`` refuses a hostile query string (a 400) before anything looks
   it up in the cache or the database (the declared parameters: ``params``);
2. ``DatabaseOutageMiddleware`` turns a database failure anywhere below it into a stale page
   or a 503, never a 500 (``outage``);
3. ``PageCacheMiddleware`` answers anonymous public GETs from the cache, after
   LocaleMiddleware, whose language is part of the key (``entries``, ``versions``).
"""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.log import log_response
from django.views.defaults import bad_request

from .entries import HEADER, UNCACHED_PREFIXES, freeze, lifetime, may_store, may_use_cache, thaw
from .outage import MARK, outage_response
from .params import API_PREFIX, DeclaredQueryDict, problem
from .versions import page_cache, page_key, stale_key


class QueryStringMiddleware:
    """Refuses hostile query strings (see the module's docstring) before the page cache,
    the database outage handler and every view: a refused request is never looked up in,
    nor stored into, the page cache, and never reaches the database."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.admin_prefix is None:  # the URLconf is not loaded yet at construction
            self.admin_prefix = reverse("wagtailadmin_home")
        public = not request.path.startswith(self.admin_prefix)
        api = request.path.startswith(API_PREFIX)
        query_string = request.META.get("QUERY_STRING", "")
        reason = problem(query_string, public=public, api=api)
        if not reason:
            if public:
                # As WSGIRequest reads it: the raw bytes (checked above), in its encoding.
                request.GET = DeclaredQueryDict(query_string.encode("latin-1"),
                                                encoding=request.encoding)
            return self.get_response(request)
        if api:
            response = JsonResponse({"error": reason}, status=400,
                                    json_dumps_params={"ensure_ascii": False})
            response["Access-Control-Allow-Origin"] = "*"
        else:
            # LocaleMiddleware has not run yet: the 400 page is in the site's language.
            with translation.override(settings.LANGUAGE_CODE):
                response = bad_request(request, exception=None)
        log_response("Bad query string (%s): %s", reason, request.path,
                     response=response, request=request)
        return response


class DatabaseOutageMiddleware:
    """Placed before every middleware that may query the database (see the module's doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        except (OperationalError, InterfaceError):
            return outage_response(request)
        if response.status_code == 500 and getattr(request, MARK, False):
            return outage_response(request)
        return response


class PageCacheMiddleware:
    """Serves a public page from the cache, or renders it and keeps it (entries.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not may_use_cache(request):
            response = self.get_response(request)
            if not request.path.startswith(UNCACHED_PREFIXES):
                if settings.SESSION_COOKIE_NAME in request.COOKIES:
                    patch_cache_control(response, private=True, no_store=True)
                response[HEADER] = "bypass"
            return response
        key = page_key(request)
        stored = page_cache().get(key)
        if stored is not None:
            response = thaw(stored)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if may_store(request, response):
            if "max-age" not in response.get("Cache-Control", ""):
                patch_cache_control(response, public=True, max_age=min(
                    settings.BALAI_EDGE_CACHE_SECONDS,
                    lifetime(request, settings.BALAI_EDGE_CACHE_SECONDS)))
            frozen = freeze(response)
            page_cache().set(key, frozen,
                             timeout=lifetime(request, settings.BALAI_PAGE_CACHE_SECONDS))
            # The copy an outage falls back on (balai/pagecache/outage.py).
            page_cache().set(stale_key(request), frozen,
                             timeout=settings.BALAI_PAGE_STALE_SECONDS)
            response[HEADER] = "miss"
        else:
            response[HEADER] = "bypass"
        return response
