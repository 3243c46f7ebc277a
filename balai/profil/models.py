from django.utils.translation import gettext_lazy as _

from balai.core.models import SectionKey, SectionPage


class ProfilPage(SectionPage):
    section_key = SectionKey.PROFIL
    empty_message = _("The office has not written its profile yet.")

    class Meta:
        verbose_name = _("profile page")


class StrukturPage(SectionPage):
    section_key = SectionKey.STRUKTUR
    empty_message = _("The list of officials and staff has not been filled in yet.")

    class Meta:
        verbose_name = _("staff structure page")


class KontakPage(SectionPage):
    section_key = SectionKey.KONTAK
    empty_message = _("Contact details and office hours have not been filled in yet.")

    class Meta:
        verbose_name = _("contact page")
