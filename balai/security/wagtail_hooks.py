from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from balai.core.cityadmin import PermissionMenuItem

from . import twofactor, views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("verifikasi/", twofactor.verify, name="balai_2fa_verify"),
        path("verifikasi/aktifkan/", twofactor.setup, name="balai_2fa_setup"),
        path("log-keamanan/", views.security_log, name="balai_security_log"),
    ]


@hooks.register("register_admin_menu_item")
def register_security_log_menu_item():
    return PermissionMenuItem(_("Security log"), reverse("balai_security_log"),
                              icon_name="warning", order=9100,
                              permission="security.view_securityevent")
