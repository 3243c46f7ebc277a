from wagtail.models import Page

SEARCH_RESULTS = 20


def site_search(*, home: Page, query: str) -> list[Page]:
    """Live public pages of one site matching the query, the site's services first (found by
    the words residents use, such as 'SKTM' or 'KTP'). A kecamatan's search finds nothing
    from its kelurahan sites, which have their own search."""
    from balai.layanan.selectors import site_services_matching

    if not query:
        return []
    services = site_services_matching(home=home, query=query)
    pages = Page.objects.live().public().descendant_of(home, inclusive=True)
    own_sites = Page.objects.descendant_of(home).filter(depth=home.depth + 1).type(
        *_home_models())
    for child_home in own_sites:
        pages = pages.not_descendant_of(child_home, inclusive=True)
    found = {page.pk for page in services}
    others = [page for page in pages.search(query)[:SEARCH_RESULTS] if page.pk not in found]
    return [*services, *others][:SEARCH_RESULTS]


def _home_models():
    from .models import KecamatanPage, KelurahanPage

    return (KecamatanPage, KelurahanPage)
