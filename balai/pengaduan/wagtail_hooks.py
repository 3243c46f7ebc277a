"""Complaints in the sites and the admin: the residents' routes on every office's site, the
footer link, the office's inbox with its menu item and dashboard panel, and the categories
the city office keeps."""

from django.conf import settings
from django.db.models import Q
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from balai.core.groups import is_city_user
from balai.core.permissions import CityOfficePermissionPolicy
from balai.core.sections import OfficeLink

from . import admin_views, services, views
from .models import CONTACT_FIELDS, ComplaintCategory
from .selectors import own_region_ids, visible_to


@hooks.register("balai_office_urls")
def office_urls():
    return [
        path("pengaduan/", views.complaint_form, name="pengaduan"),
        path("pengaduan/lacak/", views.lookup, name="pengaduan_lacak"),
        path("pengaduan/<str:kode>/", views.tracking, name="pengaduan_kode"),
    ]


@hooks.register("balai_office_links")
def office_links():
    return [OfficeLink(
        label=_("Complaints"), path="pengaduan/",
        description=_("Report a problem or a service that went wrong, and follow the "
                      "office's answer with your tracking code."),
        words=("pengaduan", "aduan", "mengadu", "keluhan", "lapor", "laporan", "complaint",
               "komplain"))]


@hooks.register("balai_purge_personal_data")
def purge_personal_data(*, now) -> str:
    count = services.purge_personal_data(now=now)
    return _("Complaints closed more than %(days)d days ago: personal data removed from "
             "%(count)d.") % {"days": settings.BALAI_COMPLAINT_RETENTION_DAYS, "count": count}


admin_patterns = ([
    path("", admin_views.inbox, name="inbox"),
    path("<int:complaint_id>/", admin_views.detail, name="detail"),
    path("<int:complaint_id>/kontak/", admin_views.contact, name="contact"),
    path("<int:complaint_id>/foto/", admin_views.photo, name="photo"),
    path("<int:complaint_id>/ekspor/", admin_views.export, name="export"),
    path("<int:complaint_id>/hapus-data/", admin_views.erase, name="erase"),
], "pengaduan_admin")


@hooks.register("register_admin_urls")
def register_urls():
    return [path("pengaduan/", include(admin_patterns))]


class InboxMenuItem(MenuItem):
    def is_shown(self, request):
        return is_city_user(request.user) or bool(own_region_ids(request.user))


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return InboxMenuItem(_("Complaints"), reverse("pengaduan_admin:inbox"), icon_name="mail",
                         order=150)


class InboxPanel(Component):
    """The office's dashboard: complaints waiting for a first reply, the overdue first."""

    template_name = "pengaduan/admin/panel.html"
    order = 40

    class Media:
        css = {"all": ["balai/pengaduan/admin.css"]}

    def __init__(self, *, waiting):
        self.waiting = waiting

    def get_context_data(self, parent_context=None):
        return {"waiting": self.waiting, "today": timezone.localdate()}


@hooks.register("construct_homepage_panels")
def add_inbox_panel(request, panels):
    if is_city_user(request.user) or not own_region_ids(request.user):
        return
    waiting = list(visible_to(request.user).filter(
        Q(status="diterima") | Q(status="diproses", first_reply_at__isnull=True),
        held=False).defer(*CONTACT_FIELDS).order_by("due_on")[:10])
    panels.append(InboxPanel(waiting=waiting))


class ComplaintCategoryViewSet(SnippetViewSet):
    model = ComplaintCategory
    icon = "tag"
    menu_label = _("Complaint categories")
    add_to_settings_menu = True
    list_display = ["name", "about_service", "response_days", "order"]
    ordering = ["order", "name"]

    @property
    def permission_policy(self):
        return CityOfficePermissionPolicy(self.model)


register_snippet(ComplaintCategoryViewSet)
