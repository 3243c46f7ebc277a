from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SynonymsConfig(AppConfig):
    name = "balai.synonyms"
    verbose_name = _("Search synonyms")

    def ready(self):
        # Connects the receiver that forgets the cached groups when the list changes.
        from . import expand  # noqa: F401
