from django.utils.translation import gettext_lazy as _

from balai.core.models import SectionKey, SectionPage


class BeritaIndexPage(SectionPage):
    section_key = SectionKey.BERITA
    empty_message = _("No news has been published yet.")

    class Meta:
        verbose_name = _("news page")
