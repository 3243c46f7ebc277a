from urllib.parse import urlsplit

from django.db.models import Q
from django.templatetags.static import static
from django.urls import Resolver404, path, resolve, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.models import Page

from balai.core.cityadmin import PermissionMenuItem
from balai.core.groups import is_city_user

from . import editor_hooks, explorer, views  # noqa: F401 (editor_hooks registers hooks)
from .isolation import CITY_ONLY, OwnScope
from .panels import SitePanel, user_sites

# The explorer's and reports' filters offer an office account only its own sites and people.
explorer.scope_page_filters()
# Reports an office account has no use for: the page types of the whole installation
# (each links to a list that is the city office's alone).
CITY_REPORTS = {"page-types-usage"}


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("panduan/", views.guide, name="balai_operator_guide"),
        path("akun-kantor/", views.accounts, name="balai_accounts"),
        path("akun-kantor/undang/", views.invite, name="balai_accounts_invite"),
        path("akun-kantor/<int:user_id>/nonaktifkan/", views.deactivate,
             name="balai_accounts_deactivate"),
        path("akun-kantor/<int:user_id>/aktifkan/", views.reactivate,
             name="balai_accounts_reactivate"),
        path("akun-kantor/<int:user_id>/reset-verifikasi/", views.reset_two_factor,
             name="balai_accounts_reset_2fa"),
    ]


@hooks.register("register_admin_menu_item")
def register_accounts_menu_item():
    return PermissionMenuItem(_("Office accounts"), reverse("balai_accounts"),
                              icon_name="group", order=9000, permission="auth.add_user")


@hooks.register("register_admin_menu_item")
def register_guide_menu_item():
    """Help is the Panduan Operator, inside Balai (it replaces Wagtail's help menu, whose
    guides are in English on the internet)."""
    return MenuItem(_("Help"), reverse("balai_operator_guide"), name="bantuan",
                    icon_name="help", order=10000)


def _refused(url: str) -> bool:
    """Whether an office account would be refused this admin URL (isolation.py)."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return False
    return bool(CITY_ONLY.match(match.view_name))


def _city_user(request) -> bool:
    """is_city_user, once per request: the menus are built more than once per page."""
    if not hasattr(request, "_balai_city_user"):
        request._balai_city_user = is_city_user(request.user)
    return request._balai_city_user


def _keep_open_items(request, items: list) -> None:
    """Drop the menu items that would answer 403 to an office account."""
    if _city_user(request):
        return
    items[:] = [item for item in items if isinstance(item, SubmenuMenuItem)
                or not _refused(item.url)]


@hooks.register("construct_main_menu")
def main_menu(request, menu_items):
    # Wagtail's help menu: "What's new", its editor guide (on the internet, in English) and
    # keyboard shortcuts. Balai's help is its own guide (register_guide_menu_item).
    menu_items[:] = [item for item in menu_items
                     if not (isinstance(item, SubmenuMenuItem) and item.name == "help")]
    _keep_open_items(request, menu_items)


@hooks.register("construct_reports_menu")
def reports_menu(request, menu_items):
    _keep_open_items(request, menu_items)
    if not _city_user(request):
        menu_items[:] = [item for item in menu_items if item.name not in CITY_REPORTS]


@hooks.register("construct_settings_menu")
def settings_menu(request, menu_items):
    _keep_open_items(request, menu_items)


@hooks.register("insert_global_admin_css")
def brand_css():
    return format_html('<link rel="stylesheet" href="{}">', static("balai/admin/brand.css"))


@hooks.register("construct_homepage_panels")
def add_site_panels(request, panels):
    """An office user's dashboard starts with the checklist of their own site(s)."""
    for record in user_sites(request.user):
        panels.append(SitePanel(record=record, user=request.user))


@hooks.register("construct_page_chooser_queryset")
def own_site_pages_in_chooser(pages, request):
    """An office user's page chooser offers their own site's pages, and the pages above it
    (their kecamatan, the city portal) to browse down and to link to; no other site."""
    if is_city_user(request.user):
        return pages
    own = OwnScope(request.user).page_paths
    steplen = Page.steplen
    above = {tree_path[:end] for tree_path in own
             for end in range(steplen, len(tree_path), steplen)}
    condition = Q(path__in=above)
    for tree_path in own:
        condition |= Q(path__startswith=tree_path)
    return pages.filter(condition)
