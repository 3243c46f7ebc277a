from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from balai.core.models import RICH_TEXT_FEATURES, BasePage, SectionPage
from balai.core.sections import SectionKey


class SmartCityDimension(models.Model):
    """The six Smart City dimensions a program may serve (reference data, not per site)."""

    class Code(models.TextChoices):
        ECONOMY = "economy", _("Smart economy")
        MOBILITY = "mobility", _("Smart mobility")
        ENVIRONMENT = "environment", _("Smart environment")
        GOVERNANCE = "governance", _("Smart governance")
        LIVING = "living", _("Smart living")
        PEOPLE = "people", _("Smart people")

    code = models.CharField(max_length=20, choices=Code.choices, unique=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Smart City dimension")

    def __str__(self) -> str:
        return str(self.get_code_display())


class ProgramIndexPage(SectionPage):
    section_key = SectionKey.PROGRAM
    resident_words = ("program", "kegiatan", "smart city")
    empty_message = _("No program has been described yet.")
    subpage_types = ["program.ProgramPage"]

    class Meta:
        verbose_name = _("programs page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programs"] = (ProgramPage.objects.live().public().child_of(self)
                               .prefetch_related("dimensions").order_by("status", "path"))
        return context


class ProgramPage(BasePage):
    class Status(models.TextChoices):
        # Ordered so that running programs list first.
        RUNNING = "1_running", _("Running")
        PLANNED = "2_planned", _("Planned")
        DONE = "3_done", _("Completed")

    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.RUNNING,
        help_text=_("Whether the program is running, planned or completed."),
    )
    dimensions = ParentalManyToManyField(
        SmartCityDimension, verbose_name=_("Smart City dimensions"), blank=False,
        help_text=_("Which Smart City dimensions the program serves; choose at least one."),
    )
    summary = models.CharField(_("summary"), max_length=250,
                               help_text=_("One sentence: what the program does and for whom."))
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES,
                                help_text=_("Aims, activities, who can take part and how."))
    start_date = models.DateField(_("start date"), null=True, blank=True,
        help_text=_("When the program started or will start (optional)."),
    )
    end_date = models.DateField(_("end date"), null=True, blank=True,
        help_text=_("When it ends, if it has an end (optional)."),
    )
    image = models.ForeignKey("core.BalaiImage", verbose_name=_("image"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+",
        help_text=_("A photo of the program's activity (optional)."),
    )

    content_panels = [
        *Page.content_panels, FieldPanel("status"),
        FieldPanel("dimensions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("summary"), FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("image"), FieldPanel("description"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"),
                     index.SearchField("description")]
    parent_page_types = ["program.ProgramIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("program")

    @property
    def og_image(self):
        return self.image

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must be after the start date.")})
