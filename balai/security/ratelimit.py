"""Limits on what anonymous residents may send: complaints, survey answers.

Nobody signs in to send a complaint or answer the survey, so there is no account to slow
down; what is counted is the sending address (``client_ip``, which knows the trusted
proxies) and the site it is sent to, each over a fixed window. A limit reached refuses the
next form politely until the window ends: nothing is locked for good and nothing is lost
(the form keeps what was typed). The counters live in the shared cache (Redis in
production), so every worker counts the same sends; a cache that is down counts nothing
and lets the form through rather than refusing every resident.
"""

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache

from .audit import client_ip

# The counters' names start with this (the tests give each test its own).
PREFIX = "balai:rate"


@dataclass(frozen=True)
class Rate:
    """At most ``count`` sends in ``seconds``."""

    count: int
    seconds: int


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    # When refused: the seconds until the window that was full ends.
    retry_after: int = 0


def _now() -> float:
    """The clock the windows are cut from (the tests hold it still: a test sending 200 forms
    across the turn of an hour would otherwise see two windows)."""
    return time.time()


def _key(scope: str, subject: str, window: int) -> str:
    digest = hashlib.sha256(subject.encode("utf-8", "replace")).hexdigest()[:32]
    return f"{PREFIX}:{scope}:{digest}:{window}"


def _count(scope: str, subject: str, rate: Rate, now: float) -> tuple[int, int]:
    """Add one send to the current window; the count so far and the seconds it has left."""
    window = int(now // rate.seconds)
    key = _key(scope, subject, window)
    left = max(1, int((window + 1) * rate.seconds - now))
    try:
        if cache.add(key, 1, timeout=left + 1):
            return 1, left
        return cache.incr(key), left
    except (ValueError, OSError, ConnectionError):
        # Expired between add and incr, or the cache is unreachable: count this one only.
        return 1, left


def allow(request, scope: str, *, per_address: Rate, per_site: Rate, site_key: str) -> Verdict:
    """Count one send of ``scope`` (e.g. "pengaduan") from the request's address to the site
    ``site_key`` (its region code); refused when either limit is over. A send the address's
    limit refuses does not count for the site: one flooding address cannot close the form
    for everyone else."""
    now = _now()
    address = client_ip(request) or "unknown"
    count, left = _count(f"{scope}:address:{site_key}", address, per_address, now)
    if count > per_address.count:
        return Verdict(allowed=False, retry_after=left)
    count, left = _count(f"{scope}:site", site_key, per_site, now)
    if count > per_site.count:
        return Verdict(allowed=False, retry_after=left)
    return Verdict(allowed=True)


def reached(request, scope: str, *, per_address: Rate, site_key: str) -> bool:
    """Whether the request's address has used up ``per_address`` sends of ``scope`` to the
    site in the current window, without counting one (failed look-ups are counted with
    :func:`count_failure`)."""
    return subject_reached(f"{scope}:address:{site_key}", client_ip(request) or "unknown",
                           per_address)


def count_failure(request, scope: str, *, per_address: Rate, site_key: str) -> None:
    count_subject(f"{scope}:address:{site_key}", client_ip(request) or "unknown", per_address)


def subject_reached(scope: str, subject: str, rate: Rate) -> bool:
    """Whether ``subject`` (e.g. one service request, whatever the address: its wrong PINs)
    has used up ``rate`` in the current window, without counting one."""
    return subject_count(scope, subject, rate) >= rate.count


def subject_count(scope: str, subject: str, rate: Rate) -> int:
    """How many times ``subject`` was counted in ``rate``'s current window."""
    key = _key(scope, subject, int(_now() // rate.seconds))
    try:
        return cache.get(key) or 0
    except (ValueError, OSError, ConnectionError):
        return 0


def count_subject(scope: str, subject: str, rate: Rate) -> None:
    _count(scope, subject, rate, _now())
