from django.utils.translation import gettext_lazy as _

from balai.core.models import SectionKey, SectionPage


class DokumenIndexPage(SectionPage):
    section_key = SectionKey.DOKUMEN
    empty_message = _("No public document has been published yet.")

    class Meta:
        verbose_name = _("documents page")
