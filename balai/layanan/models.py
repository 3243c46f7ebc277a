from django.utils.translation import gettext_lazy as _

from balai.core.models import SectionKey, SectionPage


class LayananIndexPage(SectionPage):
    section_key = SectionKey.LAYANAN
    empty_message = _("No service has been described yet.")

    class Meta:
        verbose_name = _("services page")
