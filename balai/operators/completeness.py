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

WEIGHTS = {"profil": 20, "struktur": 15, "rtrw": 15, "layanan": 15, "kontak": 15,
           "berita": 10, "lembaga": 10}
CORE_STAFF_MIN = 3
NEWS_WITHIN_DAYS = 30

LABELS = {
    "profil": _("Profile: history, vision and mission, area, population, borders"),
    "struktur": _("Staff structure: the head of the office and the core staff, with photos"),
    "rtrw": _("Every RW with its head and its RTs"),
    "layanan": _("The most-used services offered, with office hours"),
    "kontak": _("Contact: address, phone or WhatsApp, office hours"),
    "berita": _("News published in the last 30 days"),
    "lembaga": _("Community organisations, including Karang Taruna"),
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


def _edit(page) -> str | None:
    return reverse("wagtailadmin_pages:edit", args=[page.pk]) if page else None


def _add(parent, model) -> str | None:
    if parent is None:
        return None
    meta = model._meta
    return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])


def _profil(home) -> CheckItem:
    from balai.profil.models import ProfilPage

    page = ProfilPage.objects.child_of(home).first()
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


def _struktur(home) -> CheckItem:
    from balai.profil.models import StrukturPage

    page = StrukturPage.objects.child_of(home).first()
    if page is None:
        return CheckItem("struktur", False, [_("the staff structure page is missing")])
    missing = []
    if not page.leader_name:
        missing.append(str(_("the name of the head of the office")))
    if not page.leader_photo_id:
        missing.append(str(_("the photo of the head of the office")))
    people = []
    for unit in page.units:
        people.append(unit.value["head"])
        people.extend(unit.value["members"])
    with_photo = sum(1 for person in people if person.get("photo"))
    if with_photo < CORE_STAFF_MIN:
        missing.append(str(_("at least %(count)d staff with photos (now %(now)d)")
                           % {"count": CORE_STAFF_MIN, "now": with_photo}))
    return CheckItem("struktur", not missing, missing, _edit(page))


def _rtrw(home) -> CheckItem:
    from balai.rtrw.models import RtRwPage

    page = RtRwPage.objects.child_of(home).first()
    if page is None:
        return CheckItem("rtrw", False, [_("the RT/RW page is missing")])
    missing = []
    if not page.rws:
        missing.append(str(_("no RW listed yet")))
    for block in page.rws:
        rw = block.value
        if not rw["head"]:
            missing.append(str(_("RW %(number)d has no head") % {"number": rw["number"]}))
        if not rw["rts"]:
            missing.append(str(_("RW %(number)d has no RT") % {"number": rw["number"]}))
        if any(not rt["head"] for rt in rw["rts"]):
            missing.append(str(_("an RT in RW %(number)d has no head") % {"number": rw["number"]}))
    return CheckItem("rtrw", not missing, missing, _edit(page))


def _kontak_page(home):
    from balai.profil.models import KontakPage

    return KontakPage.objects.child_of(home).prefetch_related("office_hours").first()


def _layanan(home, kontak) -> CheckItem:
    from balai.layanan.models import LayananIndexPage, LayananPage

    index = LayananIndexPage.objects.child_of(home).first()
    if index is None:
        return CheckItem("layanan", False, [_("the services page is missing")])
    core = (LayananPage.objects.child_of(index).filter(definition__live=True,
                                                       definition__popular=True)
            .select_related("definition"))
    missing = [str(_("%(service)s is marked as not offered") % {"service": page.title})
               for page in core if not page.offered]
    office_hours = kontak is not None and bool(kontak.office_hours.all())
    if not office_hours and any(page.offered and not page.service_hours for page in core):
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


def _berita(home) -> CheckItem:
    from balai.berita.models import BeritaIndexPage, BeritaPage

    index = BeritaIndexPage.objects.child_of(home).first()
    since = timezone.localdate() - datetime.timedelta(days=NEWS_WITHIN_DAYS)
    recent = index is not None and BeritaPage.objects.live().child_of(index).filter(
        date__gte=since).exists()
    missing = [] if recent else [str(_("no news in the last %(days)d days")
                                     % {"days": NEWS_WITHIN_DAYS})]
    return CheckItem("berita", recent, missing, _add(index, BeritaPage))


def _lembaga(home) -> CheckItem:
    from balai.lembaga.models import LembagaIndexPage, LembagaPage

    index = LembagaIndexPage.objects.child_of(home).first()
    kinds = set(LembagaPage.objects.live().child_of(index).values_list("kind", flat=True)
                ) if index else set()
    missing = []
    if not kinds:
        missing.append(str(_("no organisation page yet")))
    elif LembagaPage.Kind.KARANG_TARUNA not in kinds:
        missing.append(str(_("no Karang Taruna page")))
    return CheckItem("lembaga", not missing, missing, _add(index, LembagaPage))


def site_checklist(home) -> Checklist:
    """The checklist of one kecamatan or kelurahan site, given its home page."""
    from balai.home.models import KelurahanPage

    kontak = _kontak_page(home)
    items = [_profil(home), _struktur(home)]
    if isinstance(home.specific, KelurahanPage):
        items.append(_rtrw(home))
    items += [_layanan(home, kontak), _kontak(kontak), _berita(home), _lembaga(home)]
    return Checklist(items)
