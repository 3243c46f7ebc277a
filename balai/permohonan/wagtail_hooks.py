"""Service requests in the sites and the admin."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import services


@hooks.register("balai_purge_personal_data")
def purge_personal_data(*, now) -> str:
    documents, personal = services.purge_personal_data(now=now)
    return _("Service requests finished more than %(document_days)d days ago: documents "
             "deleted from %(documents)d; more than %(days)d days ago: personal data removed "
             "from %(personal)d.") % {
        "document_days": settings.BALAI_REQUEST_DOCUMENT_RETENTION_DAYS,
        "documents": documents, "days": settings.BALAI_REQUEST_RETENTION_DAYS,
        "personal": personal}
