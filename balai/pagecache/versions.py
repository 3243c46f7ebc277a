"""Version tokens that make every cached page of one host unreachable at once.

A cached page's key holds the token of the host name it was served on and a generation
token for the whole Site table. A change replaces the tokens of exactly the host names it
touches (see ``selectors``): their old entries are never read again and expire on their
own, without a scan or a flush. A token is random rather than a counter, so a token lost
from the cache (eviction, a Redis restart) can never come back with a value that an old
entry was stored under.

Each stored page also leaves a *stale copy* (``stale_key``), kept much longer
(``BALAI_PAGE_STALE_SECONDS``) and served only while the database cannot be reached
(``outage``). Ordinary changes leave it alone: an older version of a page is better than no
page. Its key holds a second per-host token that only withdrawals replace (unpublishing,
deleting, moving, a new privacy restriction: ``hosts_withdrawn``), so a page taken down is
never brought back by an outage.
"""

import hashlib
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest

from balai.pagecache.params import canonical_path

GENERATION = "pagecache:generation"


def page_cache():
    return caches[settings.BALAI_PAGE_CACHE_ALIAS]


def _host_key(hostname: str) -> str:
    return f"pagecache:host:{hostname.lower()}"


def request_hostname(request: HttpRequest) -> str:
    """The request's host name without the port, as Wagtail matches it against Sites."""
    return request.get_host().rsplit(":", 1)[0].lower()


def _tokens(keys: list[str]) -> dict[str, str]:
    cache = page_cache()
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # add() keeps a token another process set meanwhile; read back whichever won.
            cache.add(key, secrets.token_hex(8), timeout=None)
            found[key] = cache.get(key) or secrets.token_hex(8)
    return found


def _stale_host_key(hostname: str) -> str:
    return f"pagecache:stale-host:{hostname.lower()}"


def _address(request: HttpRequest) -> str:
    """The language and a digest of the address: what tells two pages of one host apart.

    GET and HEAD share it; the scheme and port are part of it (absolute links differ),
    and so is the language Django chose for the request (LocaleMiddleware ran before).
    Of the query string, only the parameters that pages read (balai.pagecache.params) count:
    ``?utm_source=...`` is the same page, not a new entry."""
    address = f"{request.scheme}://{request.get_host()}{canonical_path(request)}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", None) or settings.LANGUAGE_CODE
    return f"{language}:{digest}"


def _page_tokens(request: HttpRequest) -> str:
    """The generation and host tokens this request's pages and data are kept under, read
    from the cache once per request."""
    tokens = getattr(request, "_balai_page_tokens", None)
    if tokens is None:
        host_key = _host_key(request_hostname(request))
        found = _tokens([GENERATION, host_key])
        tokens = request._balai_page_tokens = f"{found[GENERATION]}:{found[host_key]}"
    return tokens


def page_key(request: HttpRequest) -> str:
    """The cache key of the page this request asks for, under the current tokens."""
    return f"pagecache:page:{_page_tokens(request)}:{_address(request)}"


def site_data_key(request: HttpRequest, name: str) -> str:
    """The key of data every page of this host shares (``sitedata``), under the same
    tokens as its pages: whatever drops the host's cached pages drops this too."""
    return f"pagecache:data:{_page_tokens(request)}:{name}"


def stale_key(request: HttpRequest) -> str:
    """The key of the long-lived copy of this page, served only during a database outage."""
    host_key = _stale_host_key(request_hostname(request))
    return f"pagecache:stale:{_tokens([host_key])[host_key]}:{_address(request)}"


def _renew(keys: list[str]) -> None:
    """New tokens for these keys: now, so that the rest of this transaction and process see
    the change, and again once the transaction commits, because a request that read the
    first new token but the old rows (before the commit) may have stored a stale page
    under it."""

    def replace():
        page_cache().set_many({key: secrets.token_hex(8) for key in keys}, timeout=None)

    replace()
    transaction.on_commit(replace)


def _lowered(hostnames: Iterable[str]) -> list[str]:
    return sorted({hostname.lower() for hostname in hostnames})


def hosts_changed(hostnames: Iterable[str]) -> None:
    """Drop every cached page of these host names."""
    keys = [_host_key(hostname) for hostname in _lowered(hostnames)]
    if keys:
        _renew(keys)


def hosts_withdrawn(hostnames: Iterable[str]) -> None:
    """A page of these host names was taken down: drop their cached pages and their stale
    copies too, so that not even an outage shows the page again."""
    hostnames = _lowered(hostnames)
    if hostnames:
        _renew([_host_key(hostname) for hostname in hostnames]
               + [_stale_host_key(hostname) for hostname in hostnames])


def all_hosts_changed() -> None:
    """Drop every cached page of every host: only for changes to the Site table itself
    (host names, home pages), which decide what every host serves and links to."""
    _renew([GENERATION])
