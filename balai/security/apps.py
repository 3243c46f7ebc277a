from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "balai.security"
    verbose_name = _("Security")

    def ready(self):
        from . import audit, checks  # noqa: F401  (signal receivers; system checks)
