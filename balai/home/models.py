from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from balai.core.models import RICH_TEXT_FEATURES, BasePage, SectionKey
from balai.wilayah.models import Region


class RegionHomePage(BasePage):
    """The home page of one region's site; created only by provisioning."""

    region = models.OneToOneField(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The official region this site belongs to. Set by the city office."),
    )
    intro = RichTextField(
        _("welcome text"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "A short welcome to residents: what the office does and how it can help. "
            "Two or three sentences are enough."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    is_creatable = False  # provisioning creates home pages, with their Site and group

    class Meta:
        abstract = True


class PortalPage(RegionHomePage):
    """The city portal: leads residents to every kecamatan and kelurahan site."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.KecamatanPage"]
    max_count = 1

    class Meta:
        verbose_name = _("city portal")

    def get_context(self, request, *args, **kwargs):
        from .selectors import portal_directory

        context = super().get_context(request, *args, **kwargs)
        context["directory"] = portal_directory(portal=self)
        return context


class KecamatanPage(RegionHomePage):
    parent_page_types = ["home.PortalPage"]
    subpage_types = [
        "home.KelurahanPage",
        "profil.ProfilPage",
        "profil.StrukturPage",
        "profil.KontakPage",
        "lembaga.LembagaIndexPage",
        "layanan.LayananIndexPage",
        "berita.BeritaIndexPage",
        "agenda.AgendaIndexPage",
        "dokumen.DokumenIndexPage",
    ]
    sections = [key for key in SectionKey if key != SectionKey.RTRW]

    class Meta:
        verbose_name = _("kecamatan home page")

    def get_context(self, request, *args, **kwargs):
        from .selectors import kecamatan_kelurahan

        context = super().get_context(request, *args, **kwargs)
        context["kelurahan_list"] = kecamatan_kelurahan(kecamatan=self)
        return context


class KelurahanPage(RegionHomePage):
    parent_page_types = ["home.KecamatanPage"]
    subpage_types = [
        "profil.ProfilPage",
        "profil.StrukturPage",
        "profil.KontakPage",
        "lembaga.LembagaIndexPage",
        "rtrw.RtRwPage",
        "layanan.LayananIndexPage",
        "berita.BeritaIndexPage",
        "agenda.AgendaIndexPage",
        "dokumen.DokumenIndexPage",
    ]
    sections = list(SectionKey)

    class Meta:
        verbose_name = _("kelurahan home page")
