from wagtail.models import Page

SEARCH_RESULTS = 20


def site_search(*, home: Page, query: str) -> list[Page]:
    """Live public pages of one site matching the query; a kecamatan's search also finds
    nothing from its kelurahan sites, which have their own search."""
    if not query:
        return []
    pages = Page.objects.live().public().descendant_of(home, inclusive=True)
    own_sites = Page.objects.descendant_of(home).filter(depth=home.depth + 1).type(
        *_home_models())
    for child_home in own_sites:
        pages = pages.not_descendant_of(child_home, inclusive=True)
    return list(pages.search(query)[:SEARCH_RESULTS])


def _home_models():
    from .models import KecamatanPage, KelurahanPage

    return (KecamatanPage, KelurahanPage)
