from django import template
from django.urls import reverse
from django.utils.formats import date_format

from balai.core.seo import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's schema.org JSON-LD, when its type has any."""
    page = context.get("page")
    builder = getattr(page, "structured_data", None)
    if builder is None:
        return ""
    data = builder(chrome=context.get("chrome"), request=context.get("request"))
    return json_ld_script(data) if data else ""


@register.simple_tag
def canonical_url(page) -> str:
    """The page's address on its own site's host name, whatever host served it."""
    return page.get_full_url() or ""


@register.simple_tag(takes_context=True)
def share_image_url(context, image) -> str:
    if image is None:
        return ""
    rendition = image.get_rendition("fill-1200x630|format-jpeg|jpegquality-75")
    return context["request"].build_absolute_uri(rendition.url)


@register.simple_tag(takes_context=True)
def language_url(context, code: str) -> str:
    request = context["request"]
    return f"{reverse('set-language', args=[code])}?next={request.get_full_path()}"


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


@register.filter
def hours_summary(office_hours) -> str:
    """Office hours with consecutive days of the same hours joined:
    'Senin–Kamis 08.00–16.00; Jumat 08.00–16.30'."""
    groups: list[list] = []
    for item in sorted(office_hours, key=lambda item: item.weekday):
        last = groups[-1][-1] if groups else None
        if (last is not None and item.weekday == last.weekday + 1
                and (item.opens, item.closes) == (last.opens, last.closes)):
            groups[-1].append(item)
        else:
            groups.append([item])
    parts = []
    for group in groups:
        first, last = group[0], group[-1]
        days = first.get_weekday_display()
        if last is not first:
            days = f"{days}–{last.get_weekday_display()}"
        parts.append(f"{days} {hours(first)}")
    return "; ".join(parts)
