from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from balai.operators.wagtail_hooks import PermissionMenuItem

from . import views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("status-situs/", views.dashboard, name="balai_status"),
        path("status-situs/<str:kode>/", views.site_detail, name="balai_status_site"),
    ]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return PermissionMenuItem(_("Site status"), reverse("balai_status"), icon_name="doc-full",
                              order=150, permission="wagtailcore.change_site")
