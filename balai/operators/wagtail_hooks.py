from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from . import editor_hooks, views  # noqa: F401 (editor_hooks registers hooks)


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


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users with one model permission (the city office's)."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_accounts_menu_item():
    return PermissionMenuItem(_("Office accounts"), reverse("balai_accounts"),
                              icon_name="group", order=9000, permission="auth.add_user")


@hooks.register("register_admin_menu_item")
def register_guide_menu_item():
    return MenuItem(_("Operator guide"), reverse("balai_operator_guide"), icon_name="help",
                    order=10000)


@hooks.register("construct_homepage_panels")
def add_site_panels(request, panels):
    """An office user's dashboard starts with the checklist of their own site(s)."""
    from .panels import SitePanel, user_sites

    for record in user_sites(request.user):
        panels.append(SitePanel(record=record, user=request.user))


@hooks.register("construct_page_chooser_queryset")
def own_site_pages_in_chooser(pages, request):
    """An office user's page chooser offers their own site's pages, and the pages above it
    (their kecamatan, the city portal) to browse down and to link to; no other site."""
    from django.db.models import Q

    from .isolation import OwnScope, is_city_user

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
