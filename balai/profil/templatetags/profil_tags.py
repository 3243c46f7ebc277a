"""An office's "open now / opens again" on a public page, kept no longer than it is true."""

from django import template

from balai.pagecache.entries import true_until

from ..hours import OfficeStatus

register = template.Library()


@register.simple_tag(takes_context=True)
def office_status(context, contacts, office: str = "own") -> OfficeStatus | None:
    """The status now of the site's own office (``office="own"``) or of the kecamatan
    office above it (``"kecamatan"``), from ``chrome.contacts``.

    The page cache would otherwise keep "Buka sekarang · tutup pukul 16.00" for up to
    BALAI_PAGE_CACHE_SECONDS after 16.00: the page tells it the moment the status stops
    being true (``true_until``), and is kept no longer (nor by nginx).
    """
    if contacts is None:
        return None
    status = contacts.own_status() if office == "own" else contacts.kecamatan_status()
    if status is not None:
        true_until(context.get("request"), status.changes_at)
    return status
