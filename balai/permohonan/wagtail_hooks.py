"""Service requests in the sites and the admin."""

from django.conf import settings
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from balai.core.sections import OfficeLink

from . import services, views


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
    documents, personal = services.purge_personal_data(now=now)
    return _("Service requests finished more than %(document_days)d days ago: documents "
             "deleted from %(documents)d; more than %(days)d days ago: personal data removed "
             "from %(personal)d.") % {
        "document_days": settings.BALAI_REQUEST_DOCUMENT_RETENTION_DAYS,
        "documents": documents, "days": settings.BALAI_REQUEST_RETENTION_DAYS,
        "personal": personal}
