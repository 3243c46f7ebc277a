from django.utils.translation import gettext_lazy as _

from balai.core.models import SectionKey, SectionPage


class RtRwPage(SectionPage):
    section_key = SectionKey.RTRW
    empty_message = _("The RW and RT heads have not been listed yet.")
    # RT and RW belong to a kelurahan; a kecamatan has none of its own.
    parent_page_types = ["home.KelurahanPage"]

    class Meta:
        verbose_name = _("RT/RW page")
