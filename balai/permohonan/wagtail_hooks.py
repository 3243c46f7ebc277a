"""Service requests in the sites and the admin."""

from django.conf import settings
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from balai.core.sections import OfficeLink

from . import admin_views, services, views
from .models import ServiceRequest
from .selectors import own_region_ids, visible_to


@hooks.register("balai_office_urls")
def office_urls():
    return [
        path("permohonan/", views.index, name="permohonan"),
        path("permohonan/ajukan/<slug:slug>/", views.request_form, name="permohonan_ajukan"),
        path("permohonan/lacak/", views.lookup, name="permohonan_lacak"),
        path("permohonan/<str:kode>/", views.status, name="permohonan_kode"),
        path("permohonan/<str:kode>/lengkapi/", views.complete, name="permohonan_lengkapi"),
    ]


@hooks.register("balai_office_links")
def office_links():
    return [OfficeLink(
        label=_("Online requests"), path="permohonan/",
        description=_("Request a letter from the office online, send the documents from "
                      "your phone, and collect it when it is ready."),
        words=("permohonan", "mengajukan", "ajukan", "online", "daring", "surat"))]


@hooks.register("balai_purge_personal_data")
def purge_personal_data(*, now) -> str:
    closed = services.close_abandoned(now=now)
    documents, personal = services.purge_personal_data(now=now)
    return _("Service requests waiting on the resident for more than %(open_days)d days: "
             "%(closed)d closed. Finished more than %(document_days)d days ago: documents "
             "deleted from %(documents)d; more than %(days)d days ago: personal data removed "
             "from %(personal)d.") % {
        "open_days": settings.BALAI_REQUEST_ABANDONED_DAYS, "closed": closed,
        "document_days": settings.BALAI_REQUEST_DOCUMENT_RETENTION_DAYS,
        "documents": documents, "days": settings.BALAI_REQUEST_RETENTION_DAYS,
        "personal": personal}


admin_patterns = ([
    path("", admin_views.queue, name="queue"),
    path("<int:request_id>/", admin_views.detail, name="detail"),
    path("<int:request_id>/data/", admin_views.full_data, name="full_data"),
    path("<int:request_id>/dokumen/<int:request_document_id>/", admin_views.document,
         name="document"),
    path("<int:request_id>/dokumen/<int:request_document_id>/gambar/",
         admin_views.document_file, name="document_file"),
    path("<int:request_id>/ekspor/", admin_views.export, name="export"),
    path("<int:request_id>/hapus-data/", admin_views.erase, name="erase"),
], "permohonan_admin")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("permohonan/", include(admin_patterns))]


class QueueMenuItem(MenuItem):
    """Only an office's accounts have a queue; the city office reads the figures."""

    def is_shown(self, request):
        return bool(own_region_ids(request.user))


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(_("Service requests"), reverse("permohonan_admin:queue"),
                         icon_name="form", order=151)


class QueuePanel(Component):
    """The office's dashboard: the counts, and the requests waiting for the office, the
    oldest first."""

    template_name = "permohonan/admin/panel.html"
    order = 41

    class Media:
        css = {"all": ["balai/permohonan/admin.css"]}

    def __init__(self, *, counts, waiting):
        self.counts, self.waiting = counts, waiting

    def get_context_data(self, parent_context=None):
        return {"counts": self.counts, "waiting": self.waiting}


@hooks.register("construct_homepage_panels")
def add_queue_panel(request, panels):
    if not own_region_ids(request.user):
        return
    requests = visible_to(request.user).defer(*admin_views.PERSONAL_FIELDS)
    waiting = list(requests.filter(status__in=[ServiceRequest.Status.SUBMITTED,
                                               ServiceRequest.Status.CHECKING])
                   .order_by("submitted_at", "pk")[:10])
    panels.append(QueuePanel(counts=admin_views.counts_of(requests), waiting=waiting))
