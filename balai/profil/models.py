import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from balai.core.blocks import UnitBlock
from balai.core.models import RICH_TEXT_FEATURES, SectionPage
from balai.core.permissions import CityOfficePermissionPolicy
from balai.core.regionmaps import region_map
from balai.core.sections import SectionKey
from balai.core.seo import organization_ld
from balai.core.validators import phone_validator, validate_whatsapp, whatsapp_number


class ProfilPage(SectionPage):
    section_key = SectionKey.PROFIL
    resident_words = ("profil", "tentang", "sejarah", "visi", "misi", "luas wilayah", "penduduk",
                      "jumlah penduduk", "batas wilayah", "peta wilayah")
    empty_message = _("The office has not written its profile yet.")

    history = RichTextField(
        _("history"), blank=True, features=RICH_TEXT_FEATURES,
        help_text=_("How the kelurahan came to be: origin of its name, when it was formed."),
    )
    vision = models.TextField(
        _("vision"), blank=True,
        help_text=_("The vision of the office in one or two sentences."),
    )
    mission = RichTextField(
        _("mission"), blank=True, features=["ol", "ul", "bold", "italic"],
        help_text=_("The mission, best as a numbered list."),
    )
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=8, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Official area in square kilometres, e.g. 2.58. Leave empty if unknown."),
    )
    population_total = models.PositiveIntegerField(
        _("population"), null=True, blank=True,
        help_text=_("Total number of residents, from the latest official data."),
    )
    population_male = models.PositiveIntegerField(_("male residents"), null=True, blank=True,
        help_text=_("Number of male residents, from the same source as the total."),
    )
    population_female = models.PositiveIntegerField(_("female residents"), null=True, blank=True,
        help_text=_("Number of female residents, from the same source as the total."),
    )
    households = models.PositiveIntegerField(
        _("households (KK)"), null=True, blank=True,
        help_text=_("Number of family cards (Kartu Keluarga)."),
    )
    population_source = models.CharField(
        _("source of the population figures"), max_length=200, blank=True,
        help_text=_("Where and when the numbers come from, e.g. 'Disdukcapil, Desember 2025'."),
    )
    border_north = models.CharField(
        _("north border"), max_length=200, blank=True,
        help_text=_("What lies to the north, e.g. 'Kelurahan Kebonsari'."),
    )
    border_south = models.CharField(_("south border"), max_length=200, blank=True,
        help_text=_("What lies to the south, e.g. 'Kelurahan Kebonsari'."),
    )
    border_east = models.CharField(_("east border"), max_length=200, blank=True,
        help_text=_("What lies to the east, e.g. 'Kecamatan Cibeber'."),
    )
    border_west = models.CharField(_("west border"), max_length=200, blank=True,
        help_text=_("What lies to the west, e.g. 'Selat Sunda'."),
    )

    content_panels = [
        *SectionPage.content_panels,
        FieldPanel("history"),
        MultiFieldPanel([FieldPanel("vision"), FieldPanel("mission")],
                        heading=_("Vision and mission")),
        MultiFieldPanel([
            FieldPanel("area_km2"),
            FieldRowPanel([FieldPanel("population_total"), FieldPanel("households")]),
            FieldRowPanel([FieldPanel("population_male"), FieldPanel("population_female")]),
            FieldPanel("population_source"),
        ], heading=_("Area and population")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("border_north"), FieldPanel("border_south")]),
            FieldRowPanel([FieldPanel("border_east"), FieldPanel("border_west")]),
        ], heading=_("Borders")),
    ]
    search_fields = [*SectionPage.search_fields, index.SearchField("history")]

    class Meta:
        verbose_name = _("profile page")

    def clean(self):
        super().clean()
        parts = [self.population_male, self.population_female]
        if self.population_total is not None and None not in parts and sum(parts) != (
                self.population_total):
            message = _("Male plus female residents (%(sum)s) must equal the total.")
            raise ValidationError({"population_total": message % {"sum": sum(parts)}})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = context["chrome"].home
        context["region_map"] = region_map(region=home.region) if home is not None else None
        return context

    @property
    def borders(self) -> list[tuple[str, str]]:
        return [(label, value) for label, value in [
            (_("North"), self.border_north), (_("South"), self.border_south),
            (_("East"), self.border_east), (_("West"), self.border_west)] if value]

    @property
    def has_content(self) -> bool:
        return any([self.intro, self.history, self.vision, self.mission, self.area_km2,
                    self.population_total, self.borders])


class StrukturPage(SectionPage):
    section_key = SectionKey.STRUKTUR
    resident_words = ("struktur", "struktur organisasi", "pegawai", "staf", "pejabat", "perangkat",
                      "lurah", "camat", "kepala kelurahan", "kepala kecamatan", "sekretaris",
                      "sekel", "sekcam", "kasi", "kepala seksi", "seksi", "petugas")
    empty_message = _("The list of officials and staff has not been filled in yet.")

    leader_name = models.CharField(
        _("name of the lurah / camat"), max_length=120, blank=True,
        help_text=_("Full name with titles, as it appears on official letters."),
    )
    leader_position = models.CharField(
        _("position"), max_length=120, blank=True,
        help_text=_("Leave empty to show 'Lurah' or 'Camat'."),
    )
    leader_nip = models.CharField(_("NIP (optional)"), max_length=21, blank=True,
        help_text=_("Civil servant number of the lurah or camat, only if the office publishes it."),
    )
    leader_photo = models.ForeignKey(
        "core.BalaiImage", verbose_name=_("photo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Official portrait. Also shown with the welcome text on the home page."),
    )
    units = StreamField(
        [("unit", UnitBlock())], verbose_name=_("units and staff"), blank=True,
        help_text=_("One block per part of the office, in the order of the official structure: "
                    "the secretariat first, then each section (seksi)."),
    )

    content_panels = [
        *SectionPage.content_panels,
        MultiFieldPanel([
            FieldPanel("leader_name"), FieldPanel("leader_position"), FieldPanel("leader_nip"),
            FieldPanel("leader_photo"),
        ], heading=_("Head of the office")),
        FieldPanel("units"),
    ]
    search_fields = [*SectionPage.search_fields, index.SearchField("leader_name"),
                     index.SearchField("leader_position"), index.SearchField("units")]

    class Meta:
        verbose_name = _("staff structure page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = context["chrome"].home
        context["default_leader_title"] = getattr(home, "default_leader_title", "")
        return context

    @property
    def people_count(self) -> int:
        count = 1 if self.leader_name else 0
        for unit in self.units:
            count += 1 + len(unit.value["members"])
        return count


class KontakPage(SectionPage):
    section_key = SectionKey.KONTAK
    resident_words = ("kontak", "hubungi", "alamat", "alamat kantor", "lokasi", "lokasi kantor",
                      "telepon", "telpon", "nomor telepon", "hp", "whatsapp", "wa", "email",
                      "jam buka", "jam kerja", "jam kantor", "jam pelayanan", "buka", "tutup",
                      "libur", "pengaduan", "aduan", "keluhan", "komplain", "lapor", "kritik",
                      "saran")
    empty_message = _("Contact details and office hours have not been filled in yet.")
    # A kecamatan's contacts are offered on the kelurahan sites under it while theirs are
    # empty (profil/selectors.py): a change to it drops those sites' cached pages too.
    shown_on_sites_below = True

    address = models.TextField(
        _("office address"), blank=True,
        help_text=_("Street, number and landmark, e.g. 'Jl. Raya Anyer No. 1, dekat Masjid "
                    "Al-Ikhlas'. The postal code is added automatically."),
    )
    phone = models.CharField(_("office phone"), max_length=20, blank=True,
                             validators=[phone_validator])
    whatsapp = models.CharField(
        _("WhatsApp"), max_length=20, blank=True, validators=[validate_whatsapp],
        help_text=_("The office's WhatsApp number for questions, e.g. 0812 3456 7890."),
    )
    email = models.EmailField(_("email"), blank=True,
        help_text=_("The office's email address, e.g. 'kel.citangkil@cilegon.go.id'."),
    )
    map_url = models.URLField(
        _("map link"), blank=True,
        help_text=_("Link to the office on a map (e.g. Google Maps 'Share' link)."),
    )
    hours_note = models.CharField(
        _("note on office hours"), max_length=200, blank=True,
        help_text=_("e.g. 'Istirahat 12.00–13.00; Jumat 11.30–13.30'."),
    )

    content_panels = [
        *SectionPage.content_panels,
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("whatsapp")]),
        FieldPanel("email"),
        FieldPanel("map_url"),
        InlinePanel("office_hours", heading=_("Office hours"), label=_("Day"),
                    help_text=_("One row per day the office is open.")),
        FieldPanel("hours_note"),
    ]

    search_fields = [*SectionPage.search_fields, index.SearchField("address"),
                     index.SearchField("hours_note")]

    class Meta:
        verbose_name = _("contact page")

    @property
    def whatsapp_link(self) -> str:
        return f"https://wa.me/{whatsapp_number(self.whatsapp)}" if self.whatsapp else ""

    def structured_data(self, *, chrome, request):
        return organization_ld(home=chrome.home, kontak=self, above=chrome.above)

    def hours_on(self, day: datetime.date):
        """The office hours for a date, or None when the office is closed that day."""
        for hours in self.office_hours.all():
            if hours.weekday == day.isoweekday():
                return hours
        return None


class OfficeHours(Orderable):
    class Weekday(models.IntegerChoices):
        MONDAY = 1, _("Monday")
        TUESDAY = 2, _("Tuesday")
        WEDNESDAY = 3, _("Wednesday")
        THURSDAY = 4, _("Thursday")
        FRIDAY = 5, _("Friday")
        SATURDAY = 6, _("Saturday")
        SUNDAY = 7, _("Sunday")

    page = ParentalKey(KontakPage, on_delete=models.CASCADE, related_name="office_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices,
        help_text=_("The day these hours are for; add one row per working day."),
    )
    opens = models.TimeField(_("opens"), help_text=_("e.g. 08:00"))
    closes = models.TimeField(_("closes"), help_text=_("e.g. 16:00"))

    # The browser's own time input: a phone shows its time dial, and no picker list is left
    # open over the rest of the form (Wagtail's default is a script-drawn picker).
    panels = [FieldRowPanel([
        FieldPanel("weekday"),
        FieldPanel("opens", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")),
        FieldPanel("closes", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")),
    ])]

    class Meta(Orderable.Meta):
        verbose_name = _("office hours")

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})


@register_setting(icon="info-circle", order=100)
class CityContact(BaseGenericSetting):
    """Kota Cilegon's public-service contacts, kept by the city office: what every site
    shows when its own office (and its kecamatan's) has not filled in its contacts yet."""

    name = models.CharField(
        _("name of the service"), max_length=120, default="Pemerintah Kota Cilegon",
        help_text=_("As residents should read it, e.g. 'Pemerintah Kota Cilegon — Layanan "
                    "Informasi'. Shown above the contacts below."),
    )
    address = models.TextField(
        _("address"), blank=True,
        help_text=_("Street, number and postal code of the office residents can visit."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True,
                             validators=[phone_validator],
                             help_text=_("A number residents can call, e.g. 0254 391234."))
    whatsapp = models.CharField(
        _("WhatsApp"), max_length=20, blank=True, validators=[validate_whatsapp],
        help_text=_("A WhatsApp number for residents' questions, e.g. 0812 3456 7890."),
    )
    email = models.EmailField(_("email"), blank=True,
                              help_text=_("e.g. 'layanan@cilegon.go.id'."))
    hours = models.CharField(
        _("service hours"), max_length=120, blank=True,
        help_text=_("When the service answers, e.g. 'Senin–Jumat 08.00–16.00'."),
    )
    office_hours_default = models.CharField(
        _("usual hours of kelurahan and kecamatan offices"), max_length=120, blank=True,
        help_text=_("The working hours the city sets for its offices, e.g. 'Senin–Kamis "
                    "07.30–16.00, Jumat 07.30–16.30'. Shown, as the city's rule, on service "
                    "pages of offices that have not filled in their own hours. Leave empty "
                    "if there is no such rule."),
    )
    # UU 27/2022: residents who send their data online are told whom to ask about it.
    privacy_contact = models.CharField(
        _("personal data protection contact"), max_length=200, blank=True,
        help_text=_("Who answers residents' questions about their personal data and requests "
                    "to see or delete it (the city's data protection officer), e.g. "
                    "'Pejabat Pelindungan Data Pribadi, Diskominfo Kota Cilegon'. Shown on "
                    "every online request form."),
    )
    privacy_email = models.EmailField(
        _("personal data protection email"), blank=True,
        help_text=_("e.g. 'pdp@cilegon.go.id'."))

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("whatsapp")]),
        FieldPanel("email"),
        FieldPanel("hours"),
        FieldPanel("office_hours_default"),
        FieldRowPanel([FieldPanel("privacy_contact"), FieldPanel("privacy_email")]),
    ]

    class Meta:
        verbose_name = _("city public-service contacts")

    @classmethod
    def get_permission_policy(cls):
        return CityOfficePermissionPolicy(cls)

    @property
    def whatsapp_link(self) -> str:
        return f"https://wa.me/{whatsapp_number(self.whatsapp)}" if self.whatsapp else ""

    @property
    def has_contact(self) -> bool:
        return bool(self.address or self.phone or self.whatsapp or self.email)


class PublicHoliday(models.Model):
    """A day every kelurahan and kecamatan office is closed, kept by the city office."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National holiday")
        CUTI_BERSAMA = "cuti_bersama", _("Joint leave (cuti bersama)")
        CITY = "city", _("Kota Cilegon holiday")

    date = models.DateField(
        _("date"), unique=True, help_text=_("The day the offices are closed."),
        error_messages={"unique": _("This date is in the list already: open that day's "
                                    "holiday to change it.")},
    )
    name = models.CharField(
        _("name"), max_length=120,
        help_text=_("As residents know it, e.g. 'Hari Raya Idul Fitri'. Shown on every site "
                    "on that day: 'Hari ini libur: …'."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.NATIONAL)

    panels = [FieldPanel("date"), FieldPanel("name"), FieldPanel("kind")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"
