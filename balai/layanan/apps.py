from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LayananConfig(AppConfig):
    name = "balai.layanan"
    verbose_name = _("Services")

    def ready(self):
        from wagtail.signals import published

        from .models import ServiceDefinition
        from .services import on_published

        published.connect(on_published, sender=ServiceDefinition,
                          dispatch_uid="layanan-definition-published")
