"""Data that every page of a site shows, kept once per site instead of once per page.

A page the page cache does not hold (the first request after a change, a page nobody asked
for in the last minutes, a search) is rendered in full. Much of that work is the same for
every page of the site: its header and menu (the site's home, the homes above it, its
sections), its footer (the contact page and office hours) and, on a home page, the latest
news, upcoming events and large service buttons. ``site_data`` keeps such data under the
same version tokens as the site's cached pages (``versions.site_data_key``), so every
change that drops the site's pages drops it too: it is exactly as fresh as a cached page.

It applies to the same requests as the page cache (``is_anonymous_public``): never to an editor,
a preview or the guard's check of a draft, whose pages may show unpublished content. It
lives at most ``BALAI_SITE_DATA_CACHE_SECONDS`` (0 turns it off) and never past midnight.
"""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.http import HttpRequest

from .entries import is_anonymous_public, until_midnight
from .versions import page_cache, site_data_key

T = TypeVar("T")


def site_data(request: HttpRequest | None, name: str, build: Callable[[], T]) -> T:
    """``build()``, or what it returned for an earlier request to this host since the last
    change the host shows. ``name`` tells the kinds of data of one host apart and holds
    whatever else they depend on (a page id, a date)."""
    seconds = settings.BALAI_SITE_DATA_CACHE_SECONDS
    if not seconds or request is None or not is_anonymous_public(request):
        return build()
    key = site_data_key(request, name)
    found = page_cache().get(key)
    if found is not None:
        return found
    value = build()
    page_cache().set(key, value, timeout=until_midnight(seconds))
    return value
