from django.utils.translation import gettext_lazy as _

from balai.core.models import SectionKey, SectionPage


class LembagaIndexPage(SectionPage):
    section_key = SectionKey.LEMBAGA
    empty_message = _("No community organisation has been listed yet.")

    class Meta:
        verbose_name = _("community organisations page")
