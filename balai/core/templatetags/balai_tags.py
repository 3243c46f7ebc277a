import re

from django import template
from django.urls import reverse
from django.utils.encoding import escape_uri_path
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from balai.core.seo import json_ld_script
from balai.pagecache.params import MAX_QUERY_STRING, canonical_path

register = template.Library()

# A space between a number and its unit (1,91 km², 12.000 jiwa) or a currency and its
# amount (Rp 10.000): where a narrow screen must not break the line.
_UNIT_SPACE = re.compile(
    r"(?<=\d) (?=(?:km²|km2|m²|m2|ha|km|m|cm|mm|kg|ton|jiwa|orang|KK)(?![\w²]))"
    r"|(?<=\bRp) (?=\d)")
_TAG = re.compile(r"(<[^>]*>)")


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's schema.org JSON-LD, when its type has any."""
    page = context.get("page")
    builder = getattr(page, "structured_data", None)
    if builder is None:
        return ""
    data = builder(chrome=context.get("chrome"), request=context.get("request"))
    return json_ld_script(data) if data else ""


@register.simple_tag(takes_context=True)
def canonical_url(context, page) -> str:
    """The page's address on its own site's host name, whatever host served it; for a route
    of a routable page (a site's search, the portal's finder or /status/), the route's own
    address, without its query string, rather than the home page's."""
    url = page.get_full_url() or ""
    match = getattr(context.get("request"), "routable_resolver_match", None)
    if url and match is not None and match.url_name:
        route = page.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)
        url = url.rstrip("/") + "/" + route.lstrip("/") if route else url
    return url


@register.simple_tag(takes_context=True)
def share_image_url(context, image) -> str:
    if image is None:
        return ""
    # get_renditions(), not get_rendition(): Wagtail 7.4's singular form writes the rendition
    # back to the cache on every call, even when it came from there.
    spec = "fill-1200x630|format-jpeg|jpegquality-75"
    rendition = image.get_renditions(spec)[spec]
    return context["request"].build_absolute_uri(rendition.url)


@register.simple_tag(takes_context=True)
def language_url(context, code: str) -> str:
    """The language switch, back to this page with the parameters it reads (a search in
    a script that makes the address too long for balai.pagecache.params: back to the page)."""
    request = context["request"]
    query = urlencode({"next": canonical_path(request)})
    if len(query) > MAX_QUERY_STRING:
        query = urlencode({"next": escape_uri_path(request.path)})
    return f"{reverse('set-language', args=[code])}?{query}"


@register.filter
def hours(value) -> str:
    """Office hours the Indonesian way: 08.00–16.00."""
    return f"{value.opens:%H.%M}–{value.closes:%H.%M}" if value else ""


@register.filter(expects_localtime=True)
def tanggal(value) -> str:
    """A date as residents read it, e.g. 'Senin, 1 Desember 2026'."""
    return date_format(value, "l, j F Y") if value else ""


@register.filter
def rupiah(value) -> str:
    """An amount in rupiah with dots between thousands: 10000 -> '10.000'."""
    return f"{int(value):,}".replace(",", ".")


@register.filter(is_safe=True)
def keep_units(html) -> SafeString:
    """HTML (e.g. rich text) with a non-breaking space between numbers and their units, in
    the text only: tags and attributes are left as they are. Unsafe input is escaped."""
    parts = _TAG.split(str(conditional_escape(html)))
    return mark_safe("".join(  # noqa: S308 - escaped above; only spaces are replaced
        part if part.startswith("<") else _UNIT_SPACE.sub("\u00a0", part) for part in parts))


@register.filter
def hours_by_days(days) -> list[tuple[str, str]]:
    """Office hours, consecutive days with the same hours together, as residents say them:
    [("Senin–Kamis", "08.00–16.00"), ("Jumat", "08.00–16.30")]. ``days`` are OfficeHours
    in the order the office listed them."""
    groups: list[list] = []  # [first day, last day, hours]
    for day in days:
        span = hours(day)
        if groups and groups[-1][2] == span and day.weekday == groups[-1][1].weekday + 1:
            groups[-1][1] = day
        else:
            groups.append([day, day, span])
    return [(first.get_weekday_display() if first is last
             else f"{first.get_weekday_display()}–{last.get_weekday_display()}", span)
            for first, last, span in groups]


@register.filter
def hours_summary(office_hours) -> str:
    """Office hours on one line: 'Senin–Kamis 08.00–16.00; Jumat 08.00–16.30'."""
    days = sorted(office_hours, key=lambda day: day.weekday)
    return "; ".join(f"{span_days} {span}" for span_days, span in hours_by_days(days))
