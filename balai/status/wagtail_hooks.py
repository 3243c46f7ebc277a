from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from balai.core.cityadmin import PermissionMenuItem

from . import views
from .selectors import by_kecamatan, site_statuses, totals

# Kelurahan with a website when the city set its goal (the brief of the programme).
STARTING_POINT = {"kelurahan_with_site": 5, "kelurahan": 43}


@hooks.register("balai_portal_status")
def public_status():
    """The portal's /status/ page (balai/home/models.py PortalPage.status): how many
    kelurahan and kecamatan sites are live and complete, per kecamatan."""
    statuses = site_statuses()
    return "status/public_status.html", {
        "summaries": by_kecamatan(statuses), "totals": totals(statuses),
        "starting_point": STARTING_POINT}


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
