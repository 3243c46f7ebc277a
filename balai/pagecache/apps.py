from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "balai.pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from . import outage, receivers

        receivers.connect()
        outage.connect()
