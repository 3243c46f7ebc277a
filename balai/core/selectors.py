import copy
from dataclasses import dataclass, field
from functools import cached_property

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page, get_page_models

from balai.pagecache.sitedata import site_data

from .sections import OfficeLink, SectionKey

# The header menu: at most six items (DESIGN.md), in this order. Residents come to a
# kelurahan site for a service and what to bring (Layanan), for their RT or RW head (RT/RW:
# the letter for most services starts there), and for the office's address, hours and phone
# (Kontak); then who is who at the office (Struktur), news (Berita) and the profile. Lembaga,
# Program, Agenda and Dokumen stay one tap from the home page's "What you can find here"
# list (and Dokumen from every footer). A kecamatan has no RT/RW of its own (its RT/RW page,
# if kept, is reachable from its home), so its sixth place goes to Lembaga. Six short
# labels fit one line of a wide screen and the phone's <details> menu.
KELURAHAN_MENU = [
    SectionKey.LAYANAN,
    SectionKey.RTRW,
    SectionKey.KONTAK,
    SectionKey.STRUKTUR,
    SectionKey.BERITA,
    SectionKey.PROFIL,
]
KECAMATAN_MENU = [
    SectionKey.LAYANAN,
    SectionKey.KONTAK,
    SectionKey.STRUKTUR,
    SectionKey.BERITA,
    SectionKey.LEMBAGA,
    SectionKey.PROFIL,
]

# Home pages list their sections with what a resident finds there, services first.
SECTION_DESCRIPTIONS = {
    SectionKey.LAYANAN: _("Letters and permits: what to bring and how to apply."),
    SectionKey.PROFIL: _("History, vision and mission, area, population and map."),
    SectionKey.STRUKTUR: _("Who leads the office and who to ask."),
    SectionKey.RTRW: _("Find your RW and RT heads."),
    SectionKey.LEMBAGA: _("Karang taruna, PKK, LPM and other community organisations."),
    SectionKey.PROGRAM: _("Programs the office runs for residents."),
    SectionKey.BERITA: _("News from the office."),
    SectionKey.AGENDA: _("Upcoming events and activities."),
    SectionKey.DOKUMEN: _("Public information and documents (PPID)."),
    SectionKey.KONTAK: _("Address, office hours, phone and complaints."),
}


@dataclass
class SiteChrome:
    """What the header and footer of a public page need: its site and the sites above it."""

    home: Page | None = None
    # Homes of the regions above this site, nearest first (kecamatan, then the city).
    above: list[Page] = field(default_factory=list)
    sections: dict[str, Page] = field(default_factory=dict)
    # Pages between the home and the current page, for the breadcrumb.
    trail: list[Page] = field(default_factory=list)

    @property
    def menu(self) -> list[tuple[str, Page]]:
        kelurahan = self.home is not None and self.home.region.level == "kelurahan"
        keys = KELURAHAN_MENU if kelurahan else KECAMATAN_MENU
        return [(key.label, self.sections[key]) for key in keys if key in self.sections]

    @property
    def section_list(self) -> list[tuple[Page, str]]:
        """The sections for a home page, services first, each with its description."""
        return [(self.sections[key], description)
                for key, description in SECTION_DESCRIPTIONS.items() if key in self.sections]

    @property
    def kontak(self) -> Page | None:
        return self.sections.get(SectionKey.KONTAK)

    @cached_property
    def contacts(self):
        """The site's own contact page with its office hours, the kecamatan's and the city's
        contacts to fall back on, and the holidays: what the ``balai_site_contacts`` hook
        answers (``balai.profil``, which owns contact pages, above core, registers it)."""
        for site_contacts in hooks.get_hooks("balai_site_contacts"):
            return site_contacts(kontak=self.kontak, above=self.above)
        return None

    @property
    def kontak_detail(self):
        """The contact page with its office hours, for the footer and the home page."""
        return self.contacts.own

    @property
    def dokumen(self) -> Page | None:
        return self.sections.get(SectionKey.DOKUMEN)

    @property
    def office_links(self) -> list[OfficeLink]:
        """The forms an office's site offers (``balai_office_links``); none on the portal."""
        return office_links(self.home)


def office_links(home: Page | None) -> list[OfficeLink]:
    if home is None or home.region.level not in ("kecamatan", "kelurahan"):
        return []
    return [link for links in hooks.get_hooks("balai_office_links") for link in links()]


def site_home_models() -> list[type[Page]]:
    """The page types that are the home of a site (``SiteHomePage``: the portal, a
    kecamatan, a kelurahan), found without importing ``balai.home``, which sits above core."""
    return [model for model in get_page_models() if getattr(model, "is_site_home", False)]


def site_chrome(*, page: Page, request: HttpRequest | None = None) -> SiteChrome:
    """Find the region home a page belongs to, the homes above it and its sections.

    A fixed number of queries (at most seven) whatever the size of the tree; one, plus a
    cache lookup, when the site's part was kept for an earlier page (``site_data``).
    """
    ancestors = list(Page.objects.ancestor_of(page, inclusive=True).filter(depth__gt=1))
    homes = [ancestor for ancestor in ancestors
             if getattr(ancestor.specific_class or Page, "is_site_home", False)]
    if not homes:
        return SiteChrome()
    home = homes[-1]
    site = site_data(request, f"chrome:{home.pk}", lambda: _site_chrome(page=page, homes=homes))
    chrome = copy.copy(site)
    chrome.trail = [a for a in ancestors if a.depth > home.depth and a.pk != page.pk]
    return chrome


def _site_chrome(*, page: Page, homes: list[Page]) -> SiteChrome:
    """The part of the chrome every page of one site shares: its home (the last of
    ``homes``), the homes above it, its live sections and its contact details."""
    ids_by_model: dict[type, list[int]] = {}
    for home in homes:
        ids_by_model.setdefault(home.specific_class, []).append(home.pk)
    specific: dict[int, Page] = {}
    for model, ids in ids_by_model.items():
        if isinstance(page, model) and page.pk in ids:
            # The page itself (it may be a draft being previewed) rather than its live row.
            specific[page.pk] = page
            ids = [pk for pk in ids if pk != page.pk]
        specific.update({home.pk: home for home in model.objects.filter(pk__in=ids)
                         .select_related("region")})
    chain = [specific[home.pk] for home in reversed(homes)]
    sections = {}
    for child in chain[0].get_children().live().public().order_by("path"):
        key = getattr(child.specific_class, "section_key", None)
        if key and key not in sections:
            sections[key] = child
    chrome = SiteChrome(home=chain[0], above=chain[1:], sections=sections)
    # Evaluated now, so that a kept chrome holds them (the footer shows both).
    chrome.home.region  # noqa: B018
    chrome.contacts  # noqa: B018
    return chrome
