from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RtRwConfig(AppConfig):
    name = "balai.rtrw"
    verbose_name = _("RT/RW")
