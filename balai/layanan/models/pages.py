"""Each office's page for a service (``LayananPage``: the catalogue's definition plus what
is local), the services page that lists them, and the queries behind that list."""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from balai.core.models import RICH_TEXT_FEATURES, BasePage, SectionPage
from balai.core.sections import SectionKey
from balai.pagecache import params
from balai.synonyms.expand import query_variants

from ..matching import definitions_matching, relevance
from ..qr import qr_png
from ..seo import government_service_ld
from .catalogue import ServiceCategory, ServiceDefinition


class LayananIndexPage(SectionPage):
    section_key = SectionKey.LAYANAN
    resident_words = ("layanan", "pelayanan", "surat", "syarat", "persyaratan", "mengurus", "urus",
                      "permohonan")
    empty_message = _("No service has been described yet.")
    subpage_types = ["layanan.LayananPage"]

    class Meta:
        verbose_name = _("services page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = params.get(request, "q", "")
        category = params.get(request, "kategori", "")
        context.update(service_index(index_page=self, query=query, category=category))
        return context


class LayananPage(RoutablePageMixin, BasePage):
    """A city service as one office gives it: the definition plus local details."""

    definition = models.ForeignKey(
        ServiceDefinition, verbose_name=_("service"), on_delete=models.PROTECT,
        related_name="local_pages",
        help_text=_("The service from the city catalogue. Its requirements and steps are kept "
                    "by the city office and cannot be changed here."),
    )
    offered = models.BooleanField(
        _("this office gives the service"), default=True,
        help_text=_("Untick if residents cannot apply for it at this office; the page then "
                    "tells them so instead of listing what to bring."),
    )
    online = models.BooleanField(
        _("this office takes requests for it online"), default=False,
        help_text=_("Tick to let residents request this service from your office online. "
                    "Possible only for services the city office has made available online "
                    "and that your office gives."),
    )
    local_notes = RichTextField(
        _("local notes"), blank=True, features=RICH_TEXT_FEATURES,
        help_text=_("Anything extra residents of this kelurahan should know, e.g. 'Bawa "
                    "pengantar RT/RW dari RT masing-masing'. Shown marked as a note from your "
                    "office."),
    )
    officer = models.CharField(
        _("officer in charge"), max_length=120, blank=True,
        help_text=_("Who serves residents for this, e.g. 'Kasi Pemerintahan' or a name."),
    )
    service_hours = models.CharField(
        _("days and hours"), max_length=160, blank=True,
        help_text=_("When the service is given, e.g. 'Senin–Kamis 08.00–14.00'. Leave empty "
                    "when it is the whole office hours."),
    )

    content_panels = [
        # A plain list of the catalogue, not the snippet chooser (which is the city's).
        FieldPanel("definition", widget=forms.Select),
        FieldPanel("offered"),
        FieldPanel("online"),
        FieldRowPanel([FieldPanel("officer"), FieldPanel("service_hours")]),
        FieldPanel("local_notes"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("local_notes")]
    parent_page_types = ["layanan.LayananIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("service page")
        verbose_name_plural = _("service pages")

    @property
    def meta_description(self) -> str:
        summary = self.definition.summary if self.definition_id else ""
        return self.search_description or summary or super().meta_description

    @property
    def takes_online_requests(self) -> bool:
        """Whether residents can request the service from this office online now: the office
        chose it, gives the service, and the city still offers it online."""
        return self.online and self.offered and self.definition.online

    def full_clean(self, *args, **kwargs):
        # The title always follows the city's name for the service.
        if self.definition_id:
            self.title = self.definition.name
            self.slug = self.slug or self.definition.slug
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        stored = (LayananPage.objects.filter(pk=self.pk).values(
            "definition_id", "online").first() if self.pk else None)
        if stored is not None and stored["definition_id"] != self.definition_id:
            raise ValidationError({"definition": _(
                "A service page cannot change to another service. Untick 'this office "
                "gives the service' instead, or ask the city office.")})
        if self.online and not self.offered:
            raise ValidationError({"online": _(
                "A service your office does not give cannot be requested online: untick "
                "'this office takes requests for it online' too.")})
        # Checked only when the office turns it on: when the city later stops offering the
        # service online, the office can still save its page (and residents see no request).
        turned_on = self.online and not (stored and stored["online"])
        if turned_on and self.definition_id and not self.definition.online:
            raise ValidationError({"online": _(
                "The city office has not made this service available online, so your office "
                "cannot take online requests for it yet.")})
        parent = self.get_parent() if self.pk else None
        if self.definition_id and parent is not None:
            duplicate = LayananPage.objects.child_of(parent).filter(
                definition_id=self.definition_id).exclude(pk=self.pk)
            if duplicate.exists():
                raise ValidationError({"definition": _(
                    "This site already has a page for this service.")})

    def serve(self, request, *args, **kwargs):
        if not self.definition.live:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def structured_data(self, *, chrome, request):
        return government_service_ld(page=self, chrome=chrome)

    @path("")
    def service(self, request):
        return self.render(request)

    @path("cetak/", name="checklist")
    def checklist(self, request):
        """The requirements as a one-page A4 checklist, to print or save."""
        return self.render(request, template="layanan/checklist.html")

    @path("poster/", name="poster")
    def poster(self, request):
        """An A4 poster for the office wall with a QR code to this page."""
        return self.render(request, template="layanan/poster.html")

    @path("qr/", name="qr")
    def qr_png(self, request):
        response = HttpResponse(qr_png(self.get_full_url(request)), content_type="image/png")
        response["Cache-Control"] = "public, max-age=86400"
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["definition"] = self.definition
        return context


# What a services page lists, and the city catalogue filtered by a resident's words (the
# searches of balai/layanan/selectors.py and balai/home/search.py use them too).
def catalogue_matching(*, query: str = "", category: str = "",
                       variants: list[str] | None = None) -> QuerySet:
    """The live definitions of the city catalogue in category order: all of them, or those
    matching a resident's words (or their ``variants``) and a category."""
    definitions = ServiceDefinition.objects.filter(live=True).select_related("category")
    if category:
        definitions = definitions.filter(category__slug=category)
    return definitions_matching(definitions, query, variants).order_by(
        "category__sort_order", "name")


def local_services(*, parent: Page, query: str = "", category: str = "",
                   variants: list[str] | None = None) -> QuerySet:
    """An office's live service pages under ``parent`` (its services page), with their
    definitions, filtered like the catalogue."""
    pages = (LayananPage.objects.live().public().child_of(parent)
             .filter(definition__in=catalogue_matching(query=query, category=category,
                                                       variants=variants))
             .select_related("definition__category"))
    return pages.order_by("definition__category__sort_order", "definition__name")


@dataclass
class CategoryGroup:
    category: ServiceCategory
    services: list[LayananPage] = field(default_factory=list)


def service_index(*, index_page: Page, query: str, category: str) -> dict:
    """What a services page shows: the offered services by category, those this office does
    not give, the categories to filter by, and what the resident asked for."""
    variants = query_variants(query)
    pages = list(local_services(parent=index_page, query=query, category=category,
                                variants=variants))
    if query:
        # Best matches first, as one list: the category headings would hide the order.
        pages.sort(key=lambda page: -relevance(page.definition, variants))
    groups: dict[int, CategoryGroup] = {}
    for page in pages:
        if page.offered and query:
            groups.setdefault(0, CategoryGroup(None)).services.append(page)
        elif page.offered:
            definition_category = page.definition.category
            groups.setdefault(definition_category.pk, CategoryGroup(definition_category))
            groups[definition_category.pk].services.append(page)
    used = (LayananPage.objects.live().public().child_of(index_page)
            .filter(definition__live=True).values("definition__category"))
    return {
        "groups": list(groups.values()),
        "not_offered": [page for page in pages if not page.offered],
        "categories": ServiceCategory.objects.filter(pk__in=used),
        "query": query,
        "selected_category": category,
        "searched": bool(query or category),
        "result_count": sum(1 for page in pages if page.offered),
    }
