from django.utils.translation import gettext_lazy as _

from balai.core.models import SectionKey, SectionPage


class AgendaIndexPage(SectionPage):
    section_key = SectionKey.AGENDA
    empty_message = _("No event has been announced yet.")

    class Meta:
        verbose_name = _("agenda page")
