import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from .hours import LOOKAHEAD_DAYS, OfficeStatus, office_status
from .models import CityContact, KontakPage, PublicHoliday


@dataclass
class SiteContacts:
    """Who a resident of one site can turn to: the site's own office, else the kecamatan
    office above it, else the city's public-service contacts; with the holidays that
    decide whether an office is open. Kept with the site's chrome (``site_chrome``)."""

    own: KontakPage | None
    # The contact page of the kecamatan whose site this one sits under (None on a
    # kecamatan's own site and the portal). Its office's name is the template's to say:
    # this is kept for every language.
    kecamatan: KontakPage | None
    city: CityContact
    holidays: dict[datetime.date, str] = field(default_factory=dict)
    # The city portal's own contacts are the city's.
    is_portal: bool = False

    @property
    def own_has_contact(self) -> bool:
        """Whether the site's own office gives residents an address or a number."""
        own = self.own
        return bool(own and (own.address or own.phone or own.whatsapp))

    @property
    def own_has_hours(self) -> bool:
        return bool(self.own and self.own.office_hours.all())

    @property
    def kecamatan_helps(self) -> bool:
        kecamatan = self.kecamatan
        return bool(kecamatan and (kecamatan.address or kecamatan.phone or kecamatan.whatsapp
                                   or kecamatan.email or kecamatan.office_hours.all()))

    @property
    def can_help(self) -> bool:
        """Whether any office above this site has contacts to offer."""
        return self.kecamatan_helps or self.city.has_contact

    def own_status(self) -> OfficeStatus | None:
        """The own office's status now, or None without office hours."""
        return office_status(hours=self.own.office_hours.all(),
                             holidays=self.holidays) if self.own else None

    def kecamatan_status(self) -> OfficeStatus | None:
        return office_status(hours=self.kecamatan.office_hours.all(),
                             holidays=self.holidays) if self.kecamatan else None


def holidays_ahead(*, today: datetime.date) -> dict[datetime.date, str]:
    """The public holidays from ``today`` as far as the next opening is looked for."""
    return dict(PublicHoliday.objects.filter(
        date__gte=today, date__lte=today + datetime.timedelta(days=LOOKAHEAD_DAYS))
        .values_list("date", "name"))


def site_contacts(*, kontak: Page | None, above: list[Page]) -> SiteContacts:
    """The contacts of a site whose Kontak section is ``kontak`` and whose homes above are
    ``above`` (nearest first). Five queries, whatever the site."""
    up = above[0] if above else None
    wanted = Q(pk=kontak.pk) if kontak else Q()
    if up is not None:
        wanted |= Q(path__startswith=up.path, depth=up.depth + 1)
    pages = (list(KontakPage.objects.live().public().filter(wanted)
                  .prefetch_related("office_hours"))
             if kontak or up is not None else [])
    own = next((page for page in pages if kontak and page.pk == kontak.pk), None)
    kecamatan = next((page for page in pages if up is not None
                      and page.path.startswith(up.path) and page.depth == up.depth + 1), None)
    return SiteContacts(
        own=own, kecamatan=kecamatan,
        city=CityContact.load(),
        holidays=holidays_ahead(today=timezone.localdate()),
        is_portal=kontak is None and up is None,
    )
