"""The standard sections every site starts with, named once for the models, the menu and
provisioning. No models: the chrome (``selectors``) and the page types both import it."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class SectionKey(models.TextChoices):
    """The standard sections, in menu order. Values are also the default slugs."""

    PROFIL = "profil", _("Profile")
    # Named as its page is titled, so the menu, the home page's card and the heading agree.
    STRUKTUR = "struktur-pegawai", _("Staff structure")
    LEMBAGA = "lembaga", _("Organisations")
    RTRW = "rt-rw", _("RT/RW")
    LAYANAN = "layanan", _("Services")
    PROGRAM = "program", _("Programs")
    BERITA = "berita", _("News")
    AGENDA = "agenda", _("Agenda")
    DOKUMEN = "dokumen", _("Documents")
    KONTAK = "kontak", _("Contact")


@dataclass(frozen=True)
class OfficeLink:
    """A form every office's site offers besides its sections (complaints, the survey),
    given by the app that serves it through the ``balai_office_links`` hook: the chrome
    links it from every page's footer and the site's search finds it by ``words``."""

    label: str
    # Below the office's home page, e.g. "pengaduan/".
    path: str
    description: str = ""
    # What residents may type in the site's search to find it (lower case).
    words: tuple[str, ...] = ()
