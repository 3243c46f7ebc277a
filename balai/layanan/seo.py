"""schema.org GovernmentService for a service page."""

from balai.core.seo import DAY_NAMES


def government_service_ld(*, page, chrome) -> dict:
    definition, home = page.definition, chrome.home
    provider = {"@type": "GovernmentOrganization", "name": f"Kantor {home.title}",
                "url": home.get_full_url()}
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": definition.name,
        "description": definition.summary,
        "url": page.get_full_url(),
        "serviceType": definition.category.name,
        "provider": provider,
        "areaServed": {"@type": "AdministrativeArea", "name": home.title,
                       "identifier": home.region.kode},
        "audience": {"@type": "Audience", "audienceType": definition.eligibility},
        "serviceOutput": {"@type": "Thing", "name": definition.product},
        "offers": {"@type": "Offer", "price": str(definition.fee), "priceCurrency": "IDR"},
    }
    if chrome.above:
        data["jurisdiction"] = {"@type": "AdministrativeArea", "name": chrome.above[-1].title}
    channel = {"@type": "ServiceChannel", "name": f"Loket pelayanan Kantor {home.title}",
               "availableLanguage": "id"}
    kontak = chrome.kontak_detail
    if kontak is not None:
        place = {"@type": "GovernmentOffice", "name": f"Kantor {home.title}"}
        if kontak.address:
            place["address"] = {"@type": "PostalAddress",
                                "streetAddress": " ".join(kontak.address.split()),
                                "addressCountry": "ID"}
        hours = [{"@type": "OpeningHoursSpecification",
                  "dayOfWeek": f"https://schema.org/{DAY_NAMES[item.weekday]}",
                  "opens": item.opens.strftime("%H:%M"), "closes": item.closes.strftime("%H:%M")}
                 for item in kontak.office_hours.all()]
        if hours:
            place["openingHoursSpecification"] = hours
        channel["serviceLocation"] = place
        if kontak.phone:
            channel["servicePhone"] = {"@type": "ContactPoint", "telephone": kontak.phone}
    if not page.offered:
        data["termsOfService"] = f"Layanan ini tidak diberikan di Kantor {home.title}."
    else:
        data["availableChannel"] = channel
    return data
