"""Strict per-site isolation in the admin, in one place.

Wagtail's own checks decide what a user may *do* with a page, image or document, but many
admin URLs (choosers, the admin API, workflow screens, bulk actions, usage listings) will
*show* an object to anyone who may enter the admin. For every admin request by an office's
user (not the city office), this middleware resolves the URL, finds each object it names,
and refuses the request (403) unless the object belongs to the user's own site: a page
under the page their group has permissions on, an image or document in their collection,
a revision or workflow of such a page, their own upload or editing session, a complaint or
service request of their office. Another office's service request or document is refused
as not found (404), so that its existence is not revealed either. Admin areas
that are the city office's alone (users, groups, sites, workflows, redirects, settings,
regions, collections, the service catalogue) are refused outright, whatever the URL holds.
"""

import re
from functools import cached_property

from wagtail.admin.models import EditingSession
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
    TaskState,
    UploadedFile,
    WorkflowState,
)

from balai.pengaduan.selectors import visible_to as complaints_visible_to
from balai.permohonan.models import RequestDocument
from balai.permohonan.selectors import visible_to as requests_visible_to

# URL names (namespace:name) only the city office may use. The admin API's page actions
# (publish, move, copy …) skip the editor's hooks, the publish guard's among them.
CITY_ONLY = re.compile(
    r"^(wagtailusers_|wagtailsites:|wagtailadmin_workflows:|wagtailredirects:|"
    r"wagtailsettings:|wagtailadmin_collections:|wilayah:|wagtailsnippets_|"
    r"wagtailsnippetchoosers_|wagtailsnippets:|wagtailforms:|wagtailadmin_pages:type_use|"
    r"wagtailadmin_api:(images|documents):|wagtailadmin_api:pages:action|"
    r"balai_accounts|balai_status|balai_security|"
    r"wagtailadmin_reports:(site_history|aging_pages)|wagtailadmin_reports:workflow)")

PAGE_ARGUMENTS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
# ``pk`` names a different object in each part of the admin.
PK_KINDS = {"wagtailadmin_api:pages": "page", "wagtailadmin_api:documents": "document",
            "wagtailadmin_api:images": "image", "wagtailimages_chooser": "image",
            "wagtaildocs_chooser": "document"}
ARGUMENT_KINDS = {"image_id": "image", "document_id": "document", "doc_id": "document",
                  "revision_id": "revision", "task_state_id": "task_state",
                  "workflow_state_id": "workflow_state", "uploaded_file_id": "upload",
                  "session_id": "session", "collection_id": "collection",
                  "complaint_id": "complaint", "request_id": "service_request",
                  "request_document_id": "request_document"}
# Objects whose very existence another office must not learn: refused as not found (404).
HIDDEN_KINDS = {"service_request", "request_document"}
# Choosers may show the pages above the user's site, to browse down to it.
BROWSE_DOWN = {"wagtailadmin_choose_page_child"}
BULK_KINDS = {("wagtailcore", "page"): "page", ("wagtailimages", "image"): "image",
              ("wagtaildocs", "document"): "document"}


class OwnScope:
    """What belongs to one office user's site(s)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def page_paths(self) -> list[str]:
        return list(GroupPagePermission.objects.filter(group__user=self.user)
                    .values_list("page__path", flat=True).distinct())

    @cached_property
    def collection_ids(self) -> set[int]:
        return set(GroupCollectionPermission.objects.filter(group__user=self.user)
                   .values_list("collection_id", flat=True))

    def owns_page(self, pk) -> bool:
        path = Page.objects.filter(pk=pk).values_list("path", flat=True).first()
        return path is not None and any(path.startswith(own) for own in self.page_paths)

    def above_own_page(self, pk) -> bool:
        """An ancestor of the user's site (their kecamatan, the portal): to browse down."""
        path = Page.objects.filter(pk=pk).values_list("path", flat=True).first()
        return path is not None and any(own.startswith(path) for own in self.page_paths)

    def owns(self, kind: str, value) -> bool:
        try:
            pk = int(value)
        except (TypeError, ValueError):
            return False
        match kind:
            case "page":
                return self.owns_page(pk)
            case "image" | "document":
                model = get_image_model() if kind == "image" else get_document_model()
                collection = model.objects.filter(pk=pk).values_list(
                    "collection_id", flat=True).first()
                return collection in self.collection_ids
            case "collection":
                return pk in self.collection_ids
            case "revision":
                revision = Revision.objects.filter(pk=pk).first()
                return revision is not None and self._owns_object(revision)
            case "workflow_state":
                state = WorkflowState.objects.filter(pk=pk).first()
                return state is not None and self._owns_object(state)
            case "task_state":
                state = TaskState.objects.filter(pk=pk).select_related("workflow_state").first()
                return state is not None and self._owns_object(state.workflow_state)
            case "upload":
                return UploadedFile.objects.filter(pk=pk, uploaded_by_user=self.user).exists()
            case "session":
                return EditingSession.objects.filter(pk=pk, user=self.user).exists()
            case "complaint":
                # Received by the user's site, or forwarded to their office.
                return complaints_visible_to(self.user).filter(pk=pk).exists()
            case "service_request":
                return requests_visible_to(self.user).filter(pk=pk).exists()
            case "request_document":
                return RequestDocument.objects.filter(
                    pk=pk, request__in=requests_visible_to(self.user)).exists()
        return False

    def _owns_object(self, record) -> bool:
        """A revision or workflow state: of one of the user's pages."""
        if record.base_content_type.model_class() is not Page:
            return False
        return self.owns_page(record.object_id)


def kind_of(view_name: str, argument: str) -> str | None:
    if argument in PAGE_ARGUMENTS:
        return "page"
    if argument == "pk":
        return next((kind for prefix, kind in PK_KINDS.items()
                     if view_name.startswith(prefix + ":") or view_name == prefix), None)
    if argument == "object_id":
        return "page"
    return ARGUMENT_KINDS.get(argument)
