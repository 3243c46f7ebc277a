"""Structured data (schema.org JSON-LD) and sharing metadata for public pages."""

import json

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

# json.dumps does not escape "<", ">" and "&"; inside a <script> element they could
# close it early, so they are written as unicode escapes (as Django's json_script does).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(  # noqa: S308 - payload is escaped for a script element above
        f'<script type="application/ld+json">{payload.translate(_SCRIPT_ESCAPES)}</script>'
    )


def organization_ld(*, home, kontak=None, above=()) -> dict:
    """GovernmentOrganization for a kecamatan or kelurahan office (or the city)."""
    region = home.region
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": f"Kantor {home.title}" if region.level != "kota" else f"Pemerintah {home.title}",
        "url": home.get_full_url(),
        "areaServed": {"@type": "AdministrativeArea", "name": home.title,
                       "identifier": region.kode},
    }
    address = {"@type": "PostalAddress", "addressRegion": "Banten", "addressCountry": "ID"}
    if region.postal_code:
        address["postalCode"] = region.postal_code
    if kontak is not None:
        if kontak.address:
            address["streetAddress"] = " ".join(kontak.address.split())
        if kontak.phone:
            data["telephone"] = kontak.phone
        if kontak.email:
            data["email"] = kontak.email
        hours = [
            {"@type": "OpeningHoursSpecification",
             "dayOfWeek": f"https://schema.org/{DAY_NAMES[item.weekday]}",
             "opens": item.opens.strftime("%H:%M"), "closes": item.closes.strftime("%H:%M")}
            for item in kontak.office_hours.all()
        ]
        if hours:
            data["openingHoursSpecification"] = hours
    data["address"] = address
    if above:
        data["parentOrganization"] = {"@type": "GovernmentOrganization",
                                      "name": f"Kantor {above[0].title}",
                                      "url": above[0].get_full_url()}
    return data


DAY_NAMES = {1: "Monday", 2: "Tuesday", 3: "Wednesday", 4: "Thursday", 5: "Friday",
             6: "Saturday", 7: "Sunday"}


def article_ld(*, page, home, image_url: str | None) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": strip_tags(page.summary),
        "datePublished": page.date.isoformat(),
        "url": page.get_full_url(),
        "publisher": {"@type": "GovernmentOrganization", "name": f"Kantor {home.title}",
                      "url": home.get_full_url()},
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if image_url:
        data["image"] = [image_url]
    return data


def event_ld(*, page, home) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "startDate": page.start.isoformat(),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": page.location,
                     "address": {"@type": "PostalAddress", "addressLocality": home.title,
                                 "addressRegion": "Banten", "addressCountry": "ID"}},
        "organizer": {"@type": "GovernmentOrganization", "name": f"Kantor {home.title}",
                      "url": home.get_full_url()},
        "url": page.get_full_url(),
    }
    if page.end:
        data["endDate"] = page.end.isoformat()
    if page.summary:
        data["description"] = page.summary
    return data
