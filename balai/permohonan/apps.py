from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PermohonanConfig(AppConfig):
    name = "balai.permohonan"
    verbose_name = _("Service requests")
