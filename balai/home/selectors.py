from dataclasses import dataclass, field

from django.utils import timezone
from wagtail.models import Page

from balai.agenda.models import AgendaPage
from balai.berita.models import BeritaPage
from balai.core.sections import SectionKey
from balai.layanan.models import LayananPage
from balai.pagecache.sitedata import site_data
from balai.profil.models import StrukturPage
from balai.program.models import ProgramPage, SmartCityDimension


@dataclass
class KecamatanEntry:
    page: Page
    kelurahan: list[Page]


def portal_directory(*, kecamatan, kelurahan) -> list[KecamatanEntry]:
    """Every kecamatan home given, with the kelurahan homes given that lie in it, in the
    order given (PortalPage passes the live ones in code order: two queries)."""
    by_parent: dict[int, list[Page]] = {}
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
    chosen = [block.value for block in home.quick_links if block.value and block.value.live]
    if chosen or layanan is None:
        return chosen
    return list(LayananPage.objects.live().public().child_of(layanan).filter(
        offered=True, definition__live=True, definition__popular=True)
        .order_by("definition__name")[:HOME_QUICK_LINKS])


def home_summary(*, chrome, request=None) -> HomeSummary:
    """Latest news, upcoming events and leader of one site; a fixed number of
    queries, or none when kept for an earlier request today (``site_data``)."""
    name = f"summary:{chrome.home.pk}:{timezone.localdate().isoformat()}"
    return site_data(request, name, lambda: _home_summary(chrome=chrome))


def _home_summary(*, chrome) -> HomeSummary:
    sections = chrome.sections
    berita = sections.get(SectionKey.BERITA)
    agenda = sections.get(SectionKey.AGENDA)
    struktur = sections.get(SectionKey.STRUKTUR)
    return HomeSummary(
        news=list(BeritaPage.objects.of(berita)[:HOME_NEWS]) if berita else [],
        events=list(AgendaPage.objects.of(agenda).upcoming()[:HOME_EVENTS]) if agenda else [],
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


def portal_news(*, portal: Page) -> list[PortalNewsItem]:
    """The latest news of every site without repeats, each with the office(s) that published
    it. Two queries."""
    items: dict[tuple, PortalNewsItem] = {}
    for page, home in _with_homes(list(BeritaPage.objects.under(portal)[:PORTAL_NEWS_READ])):
        item = items.get(_same_item(page))
        if item is None:
            if len(items) == PORTAL_NEWS:
                continue
            item = items[_same_item(page)] = PortalNewsItem(page, [])
        if home is not None and home not in item.homes:
            item.homes.append(home)
    return list(items.values())


def portal_programs(*, portal: Page) -> list[tuple[object, list, int]]:
    """Live programs of every site grouped by Smart City dimension, in the dimensions'
    order: (dimension, first programs each with its site's home page, total). Sites often
    run programs of the same name, so the home tells them apart. Four queries."""
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
