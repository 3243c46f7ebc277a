"""How complete a kecamatan or kelurahan site is: one checklist, used by the operator's
dashboard panel (and by the city office's overview).

Each item is done or not, with what is missing; the score is the weight of the done items
over the weight of the items that apply to the site (a kecamatan has no RT/RW). Weights and
thresholds are here, in one place:

| item     | weight | done when                                                            |
| profil   | 20     | history, vision, mission, area, population total/by sex, households, |
|          |        | and the four borders are filled                                      |
| struktur | 15     | the lurah/camat is named with a photo, and at least 3 other people   |
|          |        | (heads of units and staff) are listed, each with a photo             |
| rtrw     | 15     | at least one RW, every RW with a head and at least one RT, every RT  |
|          |        | with a head (kelurahan only)                                         |
| layanan  | 15     | every service the city marks "most used" is offered, and the office  |
|          |        | hours are known (on the service page or the contact page)            |
| kontak   | 15     | address, phone or WhatsApp, and office hours for at least one day    |
| berita   | 10     | at least one news item published in the last 30 days                 |
| lembaga  | 10     | at least one community organisation page, one of them Karang Taruna  |
"""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balai.berita.models import BeritaIndexPage, BeritaPage
from balai.core.streams import stream_values
from balai.home.models import KelurahanPage
from balai.layanan.models import LayananIndexPage, LayananPage
from balai.lembaga.models import LembagaIndexPage, LembagaPage
from balai.profil.models import KontakPage, ProfilPage, StrukturPage
from balai.rtrw.models import RtRwPage

WEIGHTS = {"profil": 20, "struktur": 15, "rtrw": 15, "layanan": 15, "kontak": 15,
           "berita": 10, "lembaga": 10}
CORE_STAFF_MIN = 3
NEWS_WITHIN_DAYS = 30
# A site counts as complete from this score on.
COMPLETE_SCORE = 80

LABELS = {
    "profil": _("Profile: history, vision and mission, area, population, borders"),
    "struktur": _("Staff structure: the head of the office and the core staff, with photos"),
    "rtrw": _("Every RW with its head and its RTs"),
    "layanan": _("The most-used services offered, with office hours"),
    "kontak": _("Contact: address, phone or WhatsApp, office hours"),
    "berita": _("News published in the last 30 days"),
    "lembaga": _("Community organisations, including Karang Taruna"),
}

# The items in a few plain words, for residents (the public status page): what a site lacks,
# without the details an operator needs.
NAMES = {
    "profil": pgettext_lazy("checklist item", "profile"),
    "struktur": pgettext_lazy("checklist item", "staff"),
    "rtrw": pgettext_lazy("checklist item", "RT/RW heads"),
    "layanan": pgettext_lazy("checklist item", "services"),
    "kontak": pgettext_lazy("checklist item", "contact and office hours"),
    "berita": pgettext_lazy("checklist item", "recent news"),
    "lembaga": pgettext_lazy("checklist item", "community organisations"),
}


@dataclass
class CheckItem:
    key: str
    done: bool
    missing: list[str] = field(default_factory=list)
    fix_url: str | None = None

    @property
    def label(self) -> str:
        return LABELS[self.key]

    @property
    def name(self) -> str:
        return NAMES[self.key]

    @property
    def weight(self) -> int:
        return WEIGHTS[self.key]


@dataclass
class Checklist:
    items: list[CheckItem]

    @property
    def score(self) -> int:
        total = sum(item.weight for item in self.items)
        done = sum(item.weight for item in self.items if item.done)
        return round(100 * done / total) if total else 0

    @property
    def missing(self) -> list[CheckItem]:
        return [item for item in self.items if not item.done]

    @property
    def complete(self) -> bool:
        return self.score >= COMPLETE_SCORE


def _edit(page) -> str | None:
    return reverse("wagtailadmin_pages:edit", args=[page.pk]) if page else None


def _add(parent, model) -> str | None:
    if parent is None:
        return None
    meta = model._meta
    return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])


STEPLEN = 4  # characters per level of Wagtail's page paths


class SiteData:
    """Everything the checklist looks at, for many sites in a fixed number of queries: each
    page type is fetched once (only under the given homes when there is one home) and
    grouped by the home it belongs to."""

    def __init__(self, homes):
        self.homes = {home.path: home for home in homes}
        self.sections: dict[type, dict[str, object]] = {}
        for model in (ProfilPage, StrukturPage, RtRwPage, KontakPage, LayananIndexPage,
                      BeritaIndexPage, LembagaIndexPage):
            queryset = self._below(model.objects.all(), levels=1)
            if model is KontakPage:
                queryset = queryset.prefetch_related("office_hours")
            self.sections[model] = {page.path[:-STEPLEN]: page for page in queryset}
        self.core_services: dict[str, list[dict]] = {}
        for row in self._below(LayananPage.objects.filter(
                definition__live=True, definition__popular=True), levels=2).values(
                "path", "title", "offered", "service_hours"):
            self.core_services.setdefault(row["path"][:-2 * STEPLEN], []).append(row)
        since = timezone.localdate() - datetime.timedelta(days=NEWS_WITHIN_DAYS)
        self.recent_news = {path[:-2 * STEPLEN] for path in self._below(
            BeritaPage.objects.live().filter(date__gte=since), levels=2).values_list(
                "path", flat=True)}
        self.organisations: dict[str, set[str]] = {}
        for path, kind in self._below(LembagaPage.objects.live(), levels=2).values_list(
                "path", "kind"):
            self.organisations.setdefault(path[:-2 * STEPLEN], set()).add(kind)

    def _below(self, queryset, *, levels: int):
        """Pages ``levels`` below the homes: under the one home, or at those depths."""
        if len(self.homes) == 1:
            [home] = self.homes.values()
            return queryset.filter(path__startswith=home.path, depth=home.depth + levels)
        return queryset.filter(depth__in={home.depth + levels for home in self.homes.values()})

    def section(self, home, model):
        return self.sections[model].get(home.path)


def _profil(page) -> CheckItem:
    fields = {
        "history": _("history"), "vision": _("vision"), "mission": _("mission"),
        "area_km2": _("area"), "population_total": _("total population"),
        "population_male": _("male residents"), "population_female": _("female residents"),
        "households": _("households"), "border_north": _("north border"),
        "border_south": _("south border"), "border_east": _("east border"),
        "border_west": _("west border"),
    }
    if page is None:
        return CheckItem("profil", False, [_("the profile page is missing")])
    missing = [str(label) for name, label in fields.items()
               if getattr(page, name) in (None, "")]
    return CheckItem("profil", not missing, missing, _edit(page))


def _struktur(page) -> CheckItem:
    if page is None:
        return CheckItem("struktur", False, [_("the staff structure page is missing")])
    missing = []
    if not page.leader_name:
        missing.append(str(_("the name of the head of the office")))
    if not page.leader_photo_id:
        missing.append(str(_("the photo of the head of the office")))
    people = []
    for unit in stream_values(page.units, "unit"):  # stored values: no image lookups
        people.append(unit["head"])
        people.extend(unit["members"])
    with_photo = sum(1 for person in people if person["photo"])
    if with_photo < CORE_STAFF_MIN:
        missing.append(str(_("at least %(count)d staff with photos (now %(now)d)")
                           % {"count": CORE_STAFF_MIN, "now": with_photo}))
    return CheckItem("struktur", not missing, missing, _edit(page))


def _rtrw(page) -> CheckItem:
    if page is None:
        return CheckItem("rtrw", False, [_("the RT/RW page is missing")])
    missing = []
    rws = stream_values(page.rws, "rw")
    if not rws:
        missing.append(str(_("no RW listed yet")))
    for rw in rws:
        if not rw["head"]:
            missing.append(str(_("RW %(number)d has no head") % {"number": rw["number"]}))
        if not rw["rts"]:
            missing.append(str(_("RW %(number)d has no RT") % {"number": rw["number"]}))
        if any(not rt["head"] for rt in rw["rts"]):
            missing.append(str(_("an RT in RW %(number)d has no head") % {"number": rw["number"]}))
    return CheckItem("rtrw", not missing, missing, _edit(page))


def _layanan(index, core: list[dict], kontak) -> CheckItem:
    if index is None:
        return CheckItem("layanan", False, [_("the services page is missing")])
    missing = [str(_("%(service)s is marked as not offered") % {"service": row["title"]})
               for row in core if not row["offered"]]
    office_hours = kontak is not None and bool(kontak.office_hours.all())
    if not office_hours and any(row["offered"] and not row["service_hours"] for row in core):
        missing.append(str(_("no office hours: fill them in on the contact page")))
    return CheckItem("layanan", not missing, missing, _edit(index))


def _kontak(kontak) -> CheckItem:
    if kontak is None:
        return CheckItem("kontak", False, [_("the contact page is missing")])
    missing = []
    if not kontak.address.strip():
        missing.append(str(_("address")))
    if not (kontak.phone or kontak.whatsapp):
        missing.append(str(_("phone or WhatsApp")))
    if not kontak.office_hours.all():
        missing.append(str(_("office hours")))
    return CheckItem("kontak", not missing, missing, _edit(kontak))


def _berita(index, recent: bool) -> CheckItem:
    missing = [] if recent else [str(_("no news in the last %(days)d days")
                                     % {"days": NEWS_WITHIN_DAYS})]
    return CheckItem("berita", recent, missing, _add(index, BeritaPage))


def _lembaga(index, kinds: set[str]) -> CheckItem:
    missing = []
    if not kinds:
        missing.append(str(_("no organisation page yet")))
    elif LembagaPage.Kind.KARANG_TARUNA not in kinds:
        missing.append(str(_("no Karang Taruna page")))
    return CheckItem("lembaga", not missing, missing, _add(index, LembagaPage))


def site_checklists(homes) -> dict[int, Checklist]:
    """The checklist of each kecamatan or kelurahan site, by home page id; a fixed number
    of queries however many sites."""

    homes = list(homes)
    data = SiteData(homes)
    checklists = {}
    for home in homes:
        kontak = data.section(home, KontakPage)
        items = [_profil(data.section(home, ProfilPage)),
                 _struktur(data.section(home, StrukturPage))]
        if home.specific_class is KelurahanPage:
            items.append(_rtrw(data.section(home, RtRwPage)))
        items += [
            _layanan(data.section(home, LayananIndexPage),
                     data.core_services.get(home.path, []), kontak),
            _kontak(kontak),
            _berita(data.section(home, BeritaIndexPage), home.path in data.recent_news),
            _lembaga(data.section(home, LembagaIndexPage),
                     data.organisations.get(home.path, set())),
        ]
        checklists[home.pk] = Checklist(items)
    return checklists


def site_checklist(home) -> Checklist:
    """The checklist of one kecamatan or kelurahan site, given its home page."""
    return site_checklists([home])[home.pk]
