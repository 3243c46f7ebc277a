from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "balai.core"
    verbose_name = _("Balai core")

    def ready(self):
        from . import siteroots

        siteroots.install()
