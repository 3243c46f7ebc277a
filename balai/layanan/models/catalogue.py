"""The city's service catalogue: the categories, and one ``ServiceDefinition`` per service
(a snippet with drafts, revisions and an approval workflow) that every office's page for the
service shows (``pages.py``), with its online-request form."""

import re

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import Field as FormField  # `forms` is also a field of ServiceDefinition
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from ..blocks import FormBlock, LawBlock, RequestFormBlock, RequirementBlock, StepBlock

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
