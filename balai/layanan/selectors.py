
from wagtail.models import Page

from balai.synonyms.expand import query_variants

from .matching import relevance
from .models import LayananPage, catalogue_matching


def office_service_pages(home: Page):
    """The office's own live service pages (home → Layanan → service), not those of the
    kelurahan sites below a kecamatan's home."""
    return LayananPage.objects.live().descendant_of(home).filter(depth=home.depth + 2)


def site_services_matching(*, home: Page, query: str,
                           variants: list[str] | None = None) -> list[tuple[LayananPage, int]]:
    """The offered services of one site that match a resident's words (or their synonyms),
    each with its relevance, best first, for the site search."""
    if not query:
        return []
    variants = query_variants(query) if variants is None else variants
    pages = (office_service_pages(home).public()
             .filter(offered=True,
                     definition__in=catalogue_matching(query=query, variants=variants))
             .select_related("definition").order_by("definition__name"))
    scored = [(page, relevance(page.definition, variants)) for page in pages]
    return sorted(scored, key=lambda item: -item[1])
