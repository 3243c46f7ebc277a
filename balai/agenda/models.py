from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from balai.core.models import RICH_TEXT_FEATURES, BasePage, SectionPage
from balai.core.sections import SectionKey
from balai.core.seo import event_ld

from .ical import agenda_ical_response

PAST_EVENTS_SHOWN = 10


class AgendaIndexPage(RoutablePageMixin, SectionPage):
    section_key = SectionKey.AGENDA
    resident_words = ("agenda", "acara", "jadwal kegiatan", "kegiatan")
    empty_message = _("No event has been announced yet.")
    subpage_types = ["agenda.AgendaPage"]

    class Meta:
        verbose_name = _("agenda page")

    @path("")
    def index(self, request):
        return self.render(request, context_overrides={
            "upcoming": AgendaPage.objects.of(self).upcoming(),
            "past": AgendaPage.objects.of(self).past()[:PAST_EVENTS_SHOWN]})

    @path("kalender/", name="ical")
    def ical(self, request):
        return agenda_ical_response(
            index=self, events=AgendaPage.objects.of(self).order_by("start"), request=request)


class AgendaPageQuerySet(PageQuerySet):
    """The events residents see: live and public, under one agenda index."""

    def of(self, index: Page) -> "AgendaPageQuerySet":
        return self.live().public().child_of(index)

    def upcoming(self) -> "AgendaPageQuerySet":
        """Events that have not ended yet, soonest first."""
        now = timezone.now()
        return self.filter(Q(end__gte=now) | Q(end__isnull=True, start__gte=now)).order_by(
            "start")

    def past(self) -> "AgendaPageQuerySet":
        now = timezone.now()
        return self.filter(Q(end__lt=now) | Q(end__isnull=True, start__lt=now)).order_by(
            "-start")


class AgendaPage(BasePage):
    objects = PageManager.from_queryset(AgendaPageQuerySet)()

    start = models.DateTimeField(_("starts"), help_text=_("Date and time the event begins."))
    end = models.DateTimeField(_("ends"), null=True, blank=True,
                               help_text=_("Leave empty if the end time is not known."))
    location = models.CharField(_("place"), max_length=200,
                                help_text=_("e.g. 'Aula Kantor Kelurahan' or 'Lapangan RW 03'."))
    summary = models.CharField(_("summary"), max_length=250, blank=True,
                               help_text=_("One sentence: what happens and who should come."))
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES,
        help_text=_("More about the event: who may come, what to bring, whom to ask."),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("location"), FieldPanel("summary"), FieldPanel("description"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"),
                     index.SearchField("description"), index.SearchField("location")]
    parent_page_types = ["agenda.AgendaIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def structured_data(self, *, chrome, request):
        return event_ld(page=self, home=chrome.home)

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must be after the start.")})
