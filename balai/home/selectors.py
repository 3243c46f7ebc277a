from dataclasses import dataclass, field

from django.utils import timezone
from wagtail.models import Page

from .models import KecamatanPage, KelurahanPage, PortalPage


@dataclass
class KecamatanEntry:
    page: KecamatanPage
    kelurahan: list[KelurahanPage]


def portal_directory(*, portal: PortalPage) -> list[KecamatanEntry]:
    """Every live kecamatan under the portal with its live kelurahan, in code order.

    Two queries, whatever the number of sites.
    """
    kecamatan = (
        KecamatanPage.objects.live().public().child_of(portal)
        .select_related("region").order_by("region__kode")
    )
    return _group_kelurahan(kecamatan, under=portal)


def kecamatan_kelurahan(*, kecamatan: KecamatanPage) -> list[KelurahanPage]:
    """The live kelurahan sites of one kecamatan, in code order."""
    return list(
        KelurahanPage.objects.live().public().child_of(kecamatan)
        .select_related("region").order_by("region__kode")
    )


def _group_kelurahan(kecamatan, *, under: Page) -> list[KecamatanEntry]:
    kelurahan = (
        KelurahanPage.objects.live().public().descendant_of(under)
        .select_related("region").order_by("region__kode")
    )
    by_parent: dict[int, list[KelurahanPage]] = {}
    for page in kelurahan:
        by_parent.setdefault(page.region.parent_id, []).append(page)
    return [KecamatanEntry(page=page, kelurahan=by_parent.get(page.region_id, []))
            for page in kecamatan]


@dataclass
class HomeSummary:
    """What a kecamatan or kelurahan home shows besides its own fields."""

    news: list
    events: list
    struktur: object | None
    # Large buttons: the operator's choice, or else the services the city marks most used.
    quick_links: list = field(default_factory=list)


HOME_NEWS = 3
HOME_EVENTS = 3


HOME_QUICK_LINKS = 6


def _quick_links(*, home, layanan) -> list:
    from balai.layanan.models import LayananPage

    chosen = [block.value for block in home.quick_links if block.value and block.value.live]
    if chosen or layanan is None:
        return chosen
    return list(LayananPage.objects.live().public().child_of(layanan).filter(
        offered=True, definition__live=True, definition__popular=True)
        .order_by("definition__name")[:HOME_QUICK_LINKS])


def home_summary(*, chrome, request=None) -> HomeSummary:
    """Latest news, upcoming events and leader of one site; a fixed number of
    queries, or none when kept for an earlier request today (``site_data``)."""
    from balai.pagecache.sitedata import site_data

    name = f"summary:{chrome.home.pk}:{timezone.localdate().isoformat()}"
    return site_data(request, name, lambda: _home_summary(chrome=chrome))


def _home_summary(*, chrome) -> HomeSummary:
    from balai.agenda.selectors import upcoming_events
    from balai.berita.selectors import news_of
    from balai.core.sections import SectionKey
    from balai.profil.models import StrukturPage

    sections = chrome.sections
    berita = sections.get(SectionKey.BERITA)
    agenda = sections.get(SectionKey.AGENDA)
    struktur = sections.get(SectionKey.STRUKTUR)
    return HomeSummary(
        news=list(news_of(index=berita)[:HOME_NEWS]) if berita else [],
        events=list(upcoming_events(index=agenda)[:HOME_EVENTS]) if agenda else [],
        struktur=(StrukturPage.objects.select_related("leader_photo").filter(pk=struktur.pk)
                  .first() if struktur else None),
        quick_links=_quick_links(home=chrome.home, layanan=sections.get(SectionKey.LAYANAN)),
    )


PORTAL_NEWS = 6
PORTAL_PROGRAMS_PER_DIMENSION = 5
_STEPLEN = 4  # characters per tree level in Wagtail's materialised page paths


def _with_homes(pages: list[Page]) -> list[tuple[Page, Page | None]]:
    """Each page with the home page of the site it belongs to, for pages two levels under
    their home (home → section index → page), such as news and programs. One query."""

    def home_path(page: Page) -> str:
        return page.path[: (page.depth - 2) * _STEPLEN]

    homes = {home.path: home for home in Page.objects.filter(
        path__in={home_path(page) for page in pages})}
    return [(page, homes.get(home_path(page))) for page in pages]


# News read beyond PORTAL_NEWS, so that copies of one item still leave PORTAL_NEWS items.
PORTAL_NEWS_READ = PORTAL_NEWS * 4


@dataclass
class PortalNewsItem:
    """One news item on the portal, with the home page of every site that published it (one
    site, or several when offices published the same item, e.g. a kecamatan repeating its
    kelurahan's news: the same title on the same day)."""

    page: Page
    homes: list[Page]


def _same_item(page) -> tuple[str, object]:
    return " ".join(page.title.casefold().split()), page.date


def portal_news(*, portal: PortalPage) -> list[PortalNewsItem]:
    """The latest news of every site without repeats, each with the office(s) that published
    it. Two queries."""
    from balai.berita.selectors import news_under

    items: dict[tuple, PortalNewsItem] = {}
    for page, home in _with_homes(list(news_under(root=portal)[:PORTAL_NEWS_READ])):
        item = items.get(_same_item(page))
        if item is None:
            if len(items) == PORTAL_NEWS:
                continue
            item = items[_same_item(page)] = PortalNewsItem(page, [])
        if home is not None and home not in item.homes:
            item.homes.append(home)
    return list(items.values())


def portal_programs(*, portal: PortalPage) -> list[tuple[object, list, int]]:
    """Live programs of every site grouped by Smart City dimension, in the dimensions'
    order: (dimension, first programs each with its site's home page, total). Sites often
    run programs of the same name, so the home tells them apart. Four queries."""
    from balai.program.models import ProgramPage, SmartCityDimension

    programs = (ProgramPage.objects.live().public().descendant_of(portal)
                .prefetch_related("dimensions").order_by("status", "-first_published_at"))
    grouped: dict[int, list] = {}
    for program in programs:
        for dimension in program.dimensions.all():
            grouped.setdefault(dimension.pk, []).append(program)
    shown = {dimension: items[:PORTAL_PROGRAMS_PER_DIMENSION]
             for dimension, items in grouped.items()}
    unique = {program.pk: program for items in shown.values() for program in items}
    home_of = {program.pk: home for program, home in _with_homes(list(unique.values()))}
    return [(dimension, [(program, home_of[program.pk]) for program in shown[dimension.pk]],
             len(grouped[dimension.pk]))
            for dimension in SmartCityDimension.objects.all() if dimension.pk in grouped]
