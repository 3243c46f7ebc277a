from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PengaduanConfig(AppConfig):
    name = "balai.pengaduan"
    verbose_name = _("Complaints")
