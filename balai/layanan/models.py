"""The city's service catalogue and each office's page for a service.

The city office keeps one ``ServiceDefinition`` per service (a snippet with drafts,
revisions and an approval workflow). Every kelurahan (and kecamatan) site has a
``LayananPage`` per service that points at the definition and adds only what is local:
notes, the officer in charge, the hours, and whether the office gives the service at all.
Pages render the definition's live fields, so a published change shows on every site at
once.
"""

import re
from dataclasses import dataclass, field

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.forms import Field as FormField  # `forms` is also a field of ServiceDefinition
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from balai.core.models import RICH_TEXT_FEATURES, BasePage, SectionPage
from balai.core.sections import SectionKey
from balai.pagecache import params
from balai.synonyms.expand import query_variants

from .blocks import FormBlock, LawBlock, RequestFormBlock, RequirementBlock, StepBlock
from .matching import definitions_matching, relevance
from .qr import qr_png
from .seo import government_service_ld

DEFAULT_COMPLAINTS = (
    "Sampaikan pengaduan langsung kepada petugas atau pimpinan kantor, atau melalui "
    "SP4N-LAPOR! di https://www.lapor.go.id."
)


class ServiceCategory(models.Model):
    """A group of services residents recognise: kependudukan, usaha, sosial, …"""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True,
                            help_text=_("Short code used in addresses, e.g. 'kependudukan'."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")

    def __str__(self) -> str:
        return self.name


class ServiceDefinition(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin,
                        PreviewableMixin, index.Indexed, models.Model):
    """One service of the city catalogue, with the parts of its service standard."""

    class Level(models.TextChoices):
        KELURAHAN = "kelurahan", _("Kelurahan offices")
        KECAMATAN = "kecamatan", _("Kecamatan offices")
        BOTH = "keduanya", _("Kelurahan and kecamatan offices")

    name = models.CharField(
        _("name"), max_length=120, unique=True,
        help_text=_("The name residents know, e.g. 'Surat Keterangan Domisili'."),
    )
    slug = models.SlugField(
        _("code"), max_length=80, unique=True,
        help_text=_("Short code used in addresses and open data; do not change it once "
                    "published, e.g. 'surat-keterangan-domisili'."),
    )
    category = models.ForeignKey(ServiceCategory, verbose_name=_("category"),
                                 on_delete=models.PROTECT, related_name="services",
        help_text=_("The group residents look for it under, e.g. 'Kependudukan'."),
    )
    level = models.CharField(
        _("given by"), max_length=10, choices=Level.choices, default=Level.KELURAHAN,
        help_text=_("Which offices give this service; their sites get a page for it."),
    )
    summary = models.CharField(
        _("what it is"), max_length=250,
        help_text=_("One sentence: what the letter or permit is and what it is used for."),
    )
    keywords = models.CharField(
        _("keywords"), max_length=250, blank=True,
        help_text=_("Words residents search with, separated by commas, e.g. "
                    "'SKTM, miskin, keringanan biaya'."),
    )
    eligibility = models.TextField(
        _("who may apply"), max_length=500,
        help_text=_("e.g. 'Warga yang terdaftar dalam Kartu Keluarga di kelurahan ini'."),
    )
    requirements = StreamField(
        [("requirement", RequirementBlock())], verbose_name=_("what to bring"),
        help_text=_("Every document the applicant must bring, most important first."),
    )
    steps = StreamField(
        [("step", StepBlock())], verbose_name=_("steps"),
        help_text=_("The procedure in order, from arriving at the office to receiving the "
                    "result."),
    )
    processing_time = models.CharField(
        _("processing time"), max_length=120,
        help_text=_("e.g. '1 hari kerja' or 'selesai di tempat (± 15 menit)'."),
    )
    fee = models.PositiveIntegerField(
        _("fee (rupiah)"), default=0,
        help_text=_("0 when the service is free, as most are; it is then shown as 'Gratis'."),
    )
    fee_notes = models.CharField(_("fee notes"), max_length=200, blank=True,
        help_text=_("Only with a fee: what it is for, where it is paid, its legal basis."),
    )
    product = models.CharField(
        _("what the resident receives"), max_length=200,
        help_text=_("e.g. 'Surat Keterangan Domisili bertanda tangan Lurah'."),
    )
    complaints = models.TextField(
        _("how to complain"), max_length=600, default=DEFAULT_COMPLAINTS,
        help_text=_("Where and how a resident complains about this service."),
    )
    legal_basis = StreamField(
        [("law", LawBlock())], verbose_name=_("legal basis"), blank=True,
        help_text=_("Laws and regulations the service rests on, one per item."),
    )
    forms = StreamField([("form", FormBlock())], verbose_name=_("blank forms"), blank=True,
        help_text=_("Blank forms (PDF) residents can print and fill in before they come."),
    )
    popular = models.BooleanField(
        _("most used"), default=False,
        help_text=_("Shown as a large button on the home page of every office that has not "
                    "chosen its own most-used services. Tick at most six."),
    )
    online = models.BooleanField(
        _("can be requested online"), default=False,
        help_text=_("Tick when residents may request this service online with the form "
                    "below. Each office then chooses whether it takes online requests for "
                    "it."),
    )
    request_fields = StreamField(
        RequestFormBlock(), verbose_name=_("online request form"), blank=True,
        help_text=_("What a resident fills in when requesting online, in order, e.g. NIK, "
                    "name, address and purpose. How each requirement is given online is set "
                    "in the requirement itself."),
    )
    is_sample = models.BooleanField(
        _("sample text, not yet confirmed"), default=False,
        help_text=_("Ticked for the sample catalogue shipped with Balai. Untick it once the "
                    "city office has checked the text against the regulations in force; until "
                    "then every page says that the requirements are a sample."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="servicedefinition")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState", content_type_field="base_content_type",
        object_id_field="object_id", related_query_name="servicedefinition",
        for_concrete_model=False,
    )

    panels = [
        MultiFieldPanel([
            FieldPanel("name"), FieldPanel("slug"),
            FieldRowPanel([FieldPanel("category"), FieldPanel("level")]),
            FieldPanel("summary"), FieldPanel("keywords"), FieldPanel("eligibility"),
        ], heading=_("The service")),
        FieldPanel("requirements"),
        FieldPanel("steps"),
        MultiFieldPanel([
            FieldPanel("processing_time"),
            FieldRowPanel([FieldPanel("fee"), FieldPanel("fee_notes")]),
            FieldPanel("product"), FieldPanel("complaints"),
        ], heading=_("Time, cost, result and complaints")),
        FieldPanel("legal_basis"),
        FieldPanel("forms"),
        MultiFieldPanel([FieldPanel("online"), FieldPanel("request_fields")],
                        heading=_("Online requests")),
        FieldRowPanel([FieldPanel("popular"), FieldPanel("is_sample")]),
    ]
    search_fields = [
        index.SearchField("name"), index.SearchField("keywords"), index.SearchField("summary"),
        index.AutocompleteField("name"), index.FilterField("live"),
    ]

    class Meta:
        ordering = ["category__sort_order", "name"]
        verbose_name = _("service definition")
        verbose_name_plural = _("service catalogue")

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self):
        return self._revisions

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]

    @property
    def is_free(self) -> bool:
        return self.fee == 0

    @property
    def requirement_values(self) -> list[dict]:
        return [block.value for block in self.requirements]

    def checklist(self) -> tuple[list[dict], list[dict]]:
        """The requirements as two lists: what every applicant brings, and what only some
        bring (those with a condition). Each item gains ``form_label``."""
        labels = dict(RequirementBlock.Form.CHOICES)
        always, sometimes = [], []
        for value in self.requirement_values:
            item = {**value, "form_label": labels.get(value["form"], value["form"])}
            (sometimes if value["condition"] else always).append(item)
        return always, sometimes

    def offered_at(self, level: str) -> bool:
        return self.level in (level, self.Level.BOTH)

    def request_form_fields(self) -> dict[str, FormField]:
        """The online request form's fields, keyed by the stable id of their block (the
        answers keep their key when the city reorders or renames a question)."""
        return {child.id: child.block.form_field(child.value) for child in self.request_fields}

    def clean(self):
        super().clean()
        errors = {}
        if self.fee and not self.fee_notes:
            errors["fee_notes"] = _(
                "Say what the fee is for and where it is paid, as the regulation sets it.")
        errors.update(self._online_errors())
        if errors:
            raise ValidationError(errors)

    def _online_errors(self) -> dict:
        """What stops the service being requested online as the city defined it."""
        field_types = {child.block_type for child in self.request_fields}
        modes = [value.get("online") for value in self.requirement_values]
        if self.online and not field_types:
            # The office must at least know who asks; the requirements alone do not say.
            return {"request_fields": _(
                "A service requested online needs at least one question in its form, e.g. "
                "the applicant's NIK and name.")}
        if self.online and RequirementBlock.Online.NIK in modes and "nik" not in field_types:
            return {"request_fields": _(
                "A requirement is asked as the NIK: add a NIK question to the form.")}
        if self.online:
            for value in self.requirement_values:
                if (looks_like_ektp_copy(value)
                        and value.get("online") != RequirementBlock.Online.NIK):
                    return {"requirements": _(
                        "'%(document)s' is a photocopy of the KTP-el, which may not be asked "
                        "for (SE Mendagri 471.13/1826/SJ): set 'In an online request' to "
                        "'asked as the NIK'.") % {"document": value["document"]}}
        return {}

    def get_preview_template(self, request, mode_name):
        return "layanan/definition_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"definition": self, "preview": True}


# The words a requirement names a KTP-el with ("KTP elektronik pemohon", "e-KTP", "KTP-el").
_KTP = re.compile(r"\b(e-?)?ktp(-?el)?\b", re.IGNORECASE)


def looks_like_ektp_copy(requirement: dict) -> bool:
    """Whether a requirement asks for a photocopy of a KTP-el, which SE Mendagri
    471.13/1826/SJ (11 April 2013) forbids asking for: the NIK is asked instead."""
    return (requirement.get("form") in (RequirementBlock.Form.COPY, RequirementBlock.Form.BOTH)
            and bool(_KTP.search(requirement.get("document") or "")))


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
