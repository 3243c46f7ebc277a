from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilConfig(AppConfig):
    name = "balai.profil"
    verbose_name = _("Profile")
