from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvisioningConfig(AppConfig):
    name = "balai.provisioning"
    verbose_name = _("Provisioning")

    def ready(self):
        # Imported once the models are: the one kind of import inside a function we keep
        # (docs/architecture.md).
        from . import changes

        changes.connect()
