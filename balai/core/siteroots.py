"""Which site a page belongs to, at a cost that does not grow with the number of sites.

Wagtail finds a page's site by testing the page's path against the root path of every site
(``Page._get_relevant_site_root_paths``), for every link it renders; rich text links do it
without a request to remember the list on, so each link also reloads the list of all
sites from the cache. At 10,000 sites that is about a millisecond per link. Here the list
is indexed by root path once per process, and a page's sites are found by looking up the
prefixes of its own path: as many dictionary lookups as the page is deep.

The index follows Wagtail's own list (same order, same entries) and is rebuilt when a
token in the shared cache changes: whenever Wagtail drops its cached list (a Site saved or
deleted, a site's root page saved). A request reads the token once (``SiteRootsMiddleware``
in core/middleware.py); outside requests it is read at each lookup. The Site a request's
host name is served by is remembered under the same token (``_site_for_request``).
"""

import contextvars
import copy
import uuid
from collections import defaultdict
from contextlib import contextmanager
from functools import cached_property

from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port
from wagtail.models import Page, Site

VERSION_KEY = "balai:site-roots-version"
_request_token = contextvars.ContextVar("balai_site_roots_token", default=None)


def current_token() -> str:
    token = cache.get(VERSION_KEY)
    if token is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        token = cache.get(VERSION_KEY) or "uncached"
    return token


class _Known:
    """What this process knows about the sites under one version token; replaced as a
    whole when the token changes, each part built at its first use."""

    def __init__(self, token: str | None):
        self.token = token
        # Sites found for a request, by host name and port.
        self.sites: dict[tuple[str, int], Site] = {}

    @cached_property
    def roots(self) -> list:
        """Wagtail's list of every site's root path, in its order."""
        return Site.get_site_root_paths()

    @cached_property
    def index(self) -> dict[str, list]:
        """The root paths by path."""
        index = defaultdict(list)
        for root in self.roots:
            index[root.root_path].append(root)
        return dict(index)

    @cached_property
    def one_or_two(self) -> list:
        """One root path for each of at most two sites."""
        sample, seen = [], set()
        for root in self.roots:
            if root.site_id not in seen:
                seen.add(root.site_id)
                sample.append(root)
                if len(seen) == 2:
                    break
        return sample


_known = _Known(None)


def _current() -> _Known:
    global _known
    token = _request_token.get() or current_token()
    if token != _known.token:
        _known = _Known(token)
    return _known


def relevant_site_root_paths(url_path: str) -> tuple:
    """The site root paths ``url_path`` lies under, most specific first, exactly as
    Wagtail orders them."""
    index = _current().index
    found = []
    for end in range(len(url_path), 0, -1):
        if url_path[end - 1] == "/":
            found.extend(index.get(url_path[:end], ()))
    return tuple(found)


def _relevant_for_page(page, cache_object=None) -> tuple:
    if cache_object is not None and not hasattr(cache_object, "_wagtail_cached_site_root_paths"):
        # Wagtail's redirect handler and page chooser read this attribute back from a
        # request they passed in: the process's list, shared, not a copy.
        cache_object._wagtail_cached_site_root_paths = _current().roots
    return relevant_site_root_paths(page.url_path)


def _one_or_two_sites(page, request=None) -> list:
    """Wagtail's ``Page.get_url`` asks for every site's root path only to count the sites
    and learn whether there is just one (then links are local paths). One root path per
    site, of at most two sites, answers that without walking 10,000 entries per link; it
    is the only caller left once ``_get_relevant_site_root_paths`` is replaced."""
    return _current().one_or_two


def _site_for_request(request):
    """Wagtail's Site lookup (a query with a join for every page rendered), remembered by
    host name and port until the sites change. Only exact host names are kept, so the map
    holds at most one entry per site and port, whatever Host headers arrive. Each request
    gets its own copy of the Site and of its root page: Wagtail caches the root page's
    specific version on it, which must not outlive the request."""
    sites = _current().sites
    hostname = split_domain_port(request._get_raw_host())[0]
    key = (hostname, request.get_port())
    site = sites.get(key)
    if site is None:
        site = _wagtail_find_for_request(request)
        if site is None or site.hostname != hostname:
            return site
        sites[key] = site
    fresh = copy.copy(site)
    fresh.root_page = copy.copy(site.root_page)
    return fresh


_wagtail_find_for_request = Site._find_for_request


def install() -> None:
    """Replace Wagtail's ``Page._get_relevant_site_root_paths`` (a scan of every site) and
    ``Page._get_site_root_paths`` (every site, counted again for every link) for
    every page, specific or not: menus and links often hold plain ``Page`` objects. The
    answer is the same (balai/core/tests/test_siteroots.py compares them for every page)."""
    Page._get_relevant_site_root_paths = _relevant_for_page
    Page._get_site_root_paths = _one_or_two_sites
    Site._find_for_request = staticmethod(_site_for_request)
    # Wagtail drops its list exactly when site roots change (a Site saved or deleted, a
    # site's root page saved): the index follows it there.
    wagtail_clear = Site.clear_site_root_paths_cache

    def clear_site_root_paths_cache():
        wagtail_clear()
        changed()

    Site.clear_site_root_paths_cache = staticmethod(clear_site_root_paths_cache)


def forget() -> None:
    """Every process rebuilds its index at its next lookup."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def changed() -> None:
    """A new version now (this process sees its own uncommitted change) and again after the
    commit (a process that rebuilt meanwhile read the rows as they were before it)."""
    forget()
    transaction.on_commit(forget)


@contextmanager
def one_token():
    """Within: the token read once (a request, SiteRootsMiddleware), not at each lookup."""
    reset = _request_token.set(current_token())
    try:
        yield
    finally:
        _request_token.reset(reset)
