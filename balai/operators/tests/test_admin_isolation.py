"""Every admin URL, walked as the operator of one kelurahan (A = Citangkil) against the
objects of another (B = Kebonsari) and of the city: every one is refused and nothing
changes; the same walk over A's own objects opens what an operator needs.

The URL patterns come from the resolver, so a new admin URL is walked too; one whose
arguments this file cannot fill in fails the test until it is taught what they are.
"""

import io
import re
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Page,
    Task,
    UploadedFile,
    Workflow,
    WorkflowContentType,
)

from balai.berita.models import BeritaIndexPage, BeritaPage
from balai.conftest import CITANGKIL, KEBONSARI
from balai.core.groups import CITY_ADMIN_GROUP
from balai.home.models import PortalPage
from balai.layanan.models import ServiceCategory, ServiceDefinition
from balai.pengaduan.models import Complaint, ComplaintCategory, Reply
from balai.permohonan.models import RequestDocument, RequestEvent, ServiceRequest
from balai.profil.models import ProfilPage, PublicHoliday
from balai.provisioning.models import RegionSite
from balai.security.models import SecurityEvent
from balai.synonyms.models import SynonymGroup
from balai.testing.builders import (
    complaint_of,
    pdf,
    region_site,
    rt,
    rt_rw,
    rw,
    service_request_of,
)
from balai.testing.builders import image as new_image
from balai.wilayah.models import Region

pytestmark = pytest.mark.django_db

SECRET = "rahasiab"  # in the names of B's objects: must never reach A's operator
ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")

# Pages of the admin without an object, reachable before login.
BEFORE_LOGIN = {"wagtailadmin_login", "wagtailadmin_password_reset",
                "wagtailadmin_password_reset_done", "wagtailadmin_password_reset_complete",
                "wagtailadmin_password_reset_confirm"}
# The URL argument named "pk" means a different object in each part of the admin.
PK_KINDS = {
    "wagtailadmin_api:pages": "page", "wagtailadmin_api:documents": "document",
    "wagtailadmin_api:images": "image", "wagtailadmin_collections": "collection",
    "wagtailadmin_workflows:edit_task": "task", "wagtailadmin_workflows:disable_task": "task",
    "wagtailadmin_workflows:enable_task": "task", "wagtailadmin_workflows": "workflow",
    "wagtailsnippets_layanan_servicedefinition": "definition",
    "wagtailsnippetchoosers_layanan_servicedefinition": "definition",
    "wagtailsnippets_layanan_servicecategory": "category",
    "wagtailsnippetchoosers_layanan_servicecategory": "category",
    "wagtailsnippets_profil_publicholiday": "holiday",
    "wagtailsnippetchoosers_profil_publicholiday": "holiday",
    "wagtailsnippets_synonyms_synonymgroup": "synonym",
    "wagtailsnippets_pengaduan_complaintcategory": "complaint_category",
    "wagtailsnippetchoosers_pengaduan_complaintcategory": "complaint_category",
    "wagtailsnippetchoosers_synonyms_synonymgroup": "synonym",
    "wilayah": "region", "wagtailsites": "site", "wagtailusers_users": "user",
    "wagtailusers_groups": "group", "wagtaildocs_chooser": "document",
    "wagtailimages_chooser": "image", "wagtailsettings": "site",
}
PAGE_ARGUMENTS = {"page_id", "page_to_move_id", "page_pk", "destination_id",
                  "object_id"}
# What each URL argument is filled with, by object kind.
ARGUMENT_KINDS = {
    "parent_page_id": "parent_page", "image_id": "image", "document_id": "document",
    "doc_id": "document",
    "collection_id": "collection", "workflow_pk": "workflow", "task_id": "task",
    "task_state_id": "task_state", "workflow_state_id": "workflow_state",
    "uploaded_file_id": "uploaded_file", "session_id": "session", "redirect_id": "redirect",
    "user_id": "user", "complaint_id": "complaint", "request_id": "service_request",
    "request_document_id": "request_document",
}
FIXED_ARGUMENTS = {
    "content_type_app_name": "berita", "content_type_model_name": "beritapage",
    "app_name": "wagtailcore", "action_name": "approve", "action": "delete",
    "filter_spec": "original", "revision_id_a": "earliest", "revision_id_b": "latest",
    "uidb64": "MQ", "token": "set-password", "kode": KEBONSARI,
}
# Admin features that are the city office's alone: refused to an operator even on their
# own site's objects (an operator has no users, groups, sites, workflows, redirects,
# collections, settings, regions, catalogue, or form pages to manage).
CITY_ONLY = re.compile(
    r"^(wagtailusers_|wagtailsites|wagtailadmin_workflows|wagtailredirects|wagtailsettings|"
    r"wagtailadmin_collections|wilayah|wagtailsnippets_layanan|wagtailsnippetchoosers_layanan|"
    r"wagtailsnippets_profil|wagtailsnippetchoosers_profil|"
    r"wagtailsnippets_synonyms|wagtailsnippetchoosers_synonyms|"
    r"wagtailsnippets_pengaduan|wagtailsnippetchoosers_pengaduan|"
    r"wagtailforms|wagtailadmin_pages:(convert_alias|set_privacy|workflow_|"
    r"collect_workflow_action_data|confirm_workflow_cancellation|revisions_unschedule|"
    r"revisions_revert|type_use|choose_parent)|wagtailadmin_editing_sessions|"
    r"wagtailimages:(create_multiple_from_uploaded_image|delete_upload_multiple)|"
    r"wagtaildocs:(create_multiple_from_uploaded_document|delete_upload_multiple)|"
    r"wagtailadmin_pages:add|wagtailadmin_pages:preview_on_add|wagtail_bulk_action|"
    r"wagtailadmin_api:pages:action|wagtailadmin_pages:move_confirm|"
    r"wagtailadmin_pages:set_page_position|wagtailadmin_pages:revisions_view|"
    r"wagtailadmin_tag_model_autocomplete|wagtailadmin_api:(images|documents):|balai_accounts|balai_status|"
    # Not in use here: Wagtail's dynamic image URLs need a view Balai does not install.
    r"wagtailimages:url_generator)")
# The page chooser may open at the pages above the operator's site (the portal), listing
# only the way down to their own site (test_page_chooser_offers_the_own_site_…).
BROWSE_DOWN_FROM_ABOVE = {"wagtailadmin_choose_page_child"}
# What an operator does every day: must open on their own objects.
OPERATOR_DAILY = {
    "wagtailadmin_explore", "wagtailadmin_pages:edit", "wagtailadmin_pages:history",
    "wagtailadmin_pages:revisions_index", "wagtailadmin_pages:add_subpage",
    "wagtailadmin_pages:delete", "wagtailadmin_pages:unpublish", "wagtailadmin_pages:move",
    "wagtailadmin_pages:copy", "wagtailadmin_pages:view_draft", "wagtailadmin_pages:usage",
    "wagtailimages:edit", "wagtailimages:delete", "wagtailimages:image_usage",
    "wagtaildocs:edit", "wagtaildocs:delete", "wagtaildocs:document_usage",
    "wagtailimages_chooser:chosen", "wagtaildocs_chooser:chosen", "wagtailadmin_choose_page_child",
    "balai_rtrw_overview", "balai_rtrw_rw_add", "balai_rtrw_rw_edit", "balai_rtrw_rw_delete",
    "pengaduan_admin:detail", "pengaduan_admin:contact", "pengaduan_admin:photo",
    "permohonan_admin:detail", "permohonan_admin:full_data", "permohonan_admin:document",
    "permohonan_admin:document_file", "permohonan_admin:export", "permohonan_admin:erase",
}


@dataclass(frozen=True)
class AdminUrl:
    name: str
    route: str

    @property
    def arguments(self) -> list[str]:
        return [a or b for a, b in ARGUMENT.findall(self.route)]

    def kind(self, argument: str) -> str | None:
        if self.name.startswith("balai_rtrw_") and argument in ("page_id", "rw_id"):
            # The RT/RW editor: the site's RT/RW page, and an RW on it (by block id).
            return {"page_id": "rtrw_page", "rw_id": "rw"}[argument]
        if argument in PAGE_ARGUMENTS:
            return "page"
        if argument == "pk":
            return next((kind for prefix, kind in PK_KINDS.items()
                         if self.name == prefix or self.name.startswith(prefix + ":")), None)
        if argument == "revision_id":
            return "definition_revision" if "servicedefinition" in self.name else "revision"
        if argument in ("app_label", "model_name"):
            return argument
        return ARGUMENT_KINDS.get(argument)

    def path(self, objects: dict) -> str:
        def value(match):
            argument = match.group(1) or match.group(2)
            if argument in FIXED_ARGUMENTS:
                return FIXED_ARGUMENTS[argument]
            if argument in ("app_label", "model_name"):
                return objects[argument][self.name]
            return str(objects[self.kind(argument)])

        route = ARGUMENT.sub(value, self.route)
        path = "/" + route.replace("^", "").replace("$", "").replace("\\.", ".")
        if self.name == "wagtail_bulk_action":
            path += f"?id={objects['page']}"
        return path


def admin_urls() -> list[AdminUrl]:
    def walk(patterns, prefix="", namespaces=()):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern),
                                namespaces + ((pattern.namespace,) if pattern.namespace else ()))
            else:
                yield AdminUrl(":".join((*namespaces, pattern.name or "-")),
                               prefix + str(pattern.pattern))

    return [url for url in walk(get_resolver().url_patterns) if url.route.startswith("admin/")]


def _objects_of(record: RegionSite, *, owner, name: str) -> dict:
    """A page with revisions, a page in a workflow, an image, a document, an upload, an
    editing session and a redirect of one kelurahan, named ``name``."""
    profil = ProfilPage.objects.child_of(record.home_page).get()
    profil.title = f"Profil {name}"
    profil.save_revision(user=owner).publish(user=owner)
    berita = BeritaIndexPage.objects.child_of(record.home_page).get()
    article = berita.add_child(instance=BeritaPage(
        title=f"Berita {name}", date=timezone.localdate(), summary="Ringkasan.",
        body="<p>Isi.</p>", live=False))
    contributor = type(owner).objects.create_user(f"kontributor-{name}", password="x" * 16)
    contributor.groups.add(record.contributor_group)
    article.save_revision(user=contributor)
    workflow_state = article.get_workflow().start(article, contributor)
    site = region_site(record.region.kode)
    image = new_image(site, f"Gambar {name}")
    document = pdf(site, f"Dokumen {name}")
    image_type = ContentType.objects.get_for_model(type(image))
    upload = UploadedFile.objects.create(
        file=ContentFile(b"x", name=f"{name}.jpg"), for_content_type=image_type,
        uploaded_by_user=owner)
    session = EditingSession.objects.create(
        user=owner, content_type=ContentType.objects.get_for_model(Page),
        object_id=str(profil.pk), last_seen_at=timezone.now())
    redirect = Redirect.objects.create(old_path=f"/lama-{name}", redirect_link="/",
                                       site=record.site)
    rtrw = rt_rw(site, rw(1, f"Ketua RW {name}", rt(1, f"Ketua RT {name}")))
    complaint = complaint_of(site, text=f"Aduan {name}", name=f"Pelapor {name}",
                             phone="0812 1111 2222", photo=True)
    # A service request with its documents (photos of the RT/RW letter and the KK).
    service_request, _pin = service_request_of(site, phone="0812 3333 4444",
                                               **{"Nama lengkap": f"Pemohon {name}"})
    return {
        "complaint": complaint.pk, "service_request": service_request.pk,
        "request_document": service_request.documents.exclude(file="").first().pk,
        "complaint_category": ComplaintCategory.objects.first().pk,
        "rtrw_page": rtrw.pk, "rw": rtrw.rws[0].id,
        "page": profil.pk, "parent_page": berita.pk, "revision": profil.latest_revision.pk,
        "image": image.pk,
        "document": document.pk, "collection": record.collection_id,
        "workflow": record.approval_workflow_id,
        "task": record.approval_workflow.tasks.get().pk,
        "task_state": workflow_state.current_task_state.pk, "workflow_state": workflow_state.pk,
        "uploaded_file": upload.pk, "session": session.pk, "redirect": redirect.pk,
        "site": record.site_id, "region": record.region_id, "user": owner.pk,
        "group": record.operator_group_id,
        "definition": ServiceDefinition.objects.first().pk,
        "definition_revision": ServiceDefinition.objects.first().latest_revision.pk,
        "category": ServiceCategory.objects.first().pk,
        "holiday": PublicHoliday.objects.first().pk,
        "synonym": SynonymGroup.objects.first().pk,
    }


def _city_objects(b_objects: dict, *, city_user) -> dict:
    portal = PortalPage.objects.get()
    catalogue_workflow = WorkflowContentType.objects.get(
        content_type=ContentType.objects.get_for_model(ServiceDefinition)).workflow
    return b_objects | {
        "page": portal.pk, "parent_page": portal.pk, "revision": portal.latest_revision.pk,
        "collection": RegionSite.objects.get(region__kode="36.72").collection_id,
        "workflow": catalogue_workflow.pk, "task": catalogue_workflow.tasks.get().pk,
        "site": portal.get_site().pk, "region": Region.objects.get(kode="36.72").pk,
        "user": city_user.pk, "group": Group.objects.get(name=CITY_ADMIN_GROUP).pk,
    }


MODEL_ARGUMENTS = {  # per URL name: the model its app_label/model_name arguments name
    "wagtail_bulk_action": ("wagtailcore", "page"),
    "wagtailadmin_workflows:add_task": ("wagtailcore", "groupapprovaltask"),
    "wagtailadmin_pages:choose_parent": ("berita", "beritapage"),
    "wagtailadmin_tag_model_autocomplete": ("berita", "beritapage"),
    "wagtailadmin_editing_sessions:ping": ("wagtailcore", "page"),
    "wagtailsettings:edit": ("wagtailcore", "site"),
    "wagtailsettings:preview_on_edit": ("wagtailcore", "site"),
}


def _with_models(objects: dict) -> dict:
    return objects | {"app_label": {name: app for name, (app, _) in MODEL_ARGUMENTS.items()},
                      "model_name": {name: model for name, (_, model) in
                                     MODEL_ARGUMENTS.items()}}


def _refused(response) -> bool:
    if response.status_code in (403, 404, 405):
        return True
    if response.status_code == 302:
        location = response["Location"].split("?")[0]
        return location in ("/admin/", "/admin/login/")
    return False


def _snapshot(b: dict) -> dict:
    """What must not change, whatever A's operator posts."""

    return {
        "pages": list(Page.objects.order_by("path").values_list(
            "pk", "path", "title", "live", "locked", "has_unpublished_changes")),
        "image": get_image_model().objects.filter(pk=b["image"]).values_list("title").first(),
        "document": get_document_model().objects.filter(pk=b["document"]).values_list(
            "title").first(),
        "redirects": Redirect.objects.count(), "workflows": Workflow.objects.count(),
        "tasks": Task.objects.count(), "groups": Group.objects.count(),
        "definitions": list(ServiceDefinition.objects.values_list("pk", "name", "live")),
        "synonyms": list(SynonymGroup.objects.values_list("pk", "words")),
        "complaints": list(Complaint.objects.values_list(
            "pk", "status", "name", "phone", "photo", "held", "assignee", "forwarded_to")),
        "replies": Reply.objects.count(),
        "requests": list(ServiceRequest.objects.values_list(
            "pk", "status", "assignee", "answers", "phone", "personal_data_removed_at")),
        "request_documents": list(RequestDocument.objects.values_list(
            "pk", "state", "reason", "file")),
        "request_events": RequestEvent.objects.count(),
    }


@pytest.fixture
def world(make_user):
    a, b = (RegionSite.objects.select_related(
        "home_page", "site", "collection", "operator_group", "contributor_group",
        "approval_workflow").get(region__kode=kode) for kode in (CITANGKIL, KEBONSARI))
    operator_a = make_user("operator-a", a.operator_group)
    operator_b = make_user(f"operator-{SECRET}", b.operator_group)
    city_user = make_user("dinas-kota", Group.objects.get(name=CITY_ADMIN_GROUP))
    b_objects = _objects_of(b, owner=operator_b, name=SECRET)
    return {
        "operator_a": operator_a,
        "own": _with_models(_objects_of(a, owner=operator_a, name="milik-a")),
        "b": _with_models(b_objects),
        "city": _with_models(_city_objects(b_objects, city_user=city_user)),
    }


def test_operator_is_refused_every_admin_url_on_objects_of_another_site_and_the_city(world):
    client = Client()
    client.force_login(world["operator_a"])
    urls = [url for url in admin_urls() if url.name not in BEFORE_LOGIN and any(
        url.kind(argument) not in (None, "app_label", "model_name")
        for argument in url.arguments)]
    assert len(urls) > 100
    unfillable = [url.name for url in urls
                  if any(url.kind(argument) is None and argument not in FIXED_ARGUMENTS
                         for argument in url.arguments)]
    assert unfillable == [], "teach this test what these URL arguments are"
    before = _snapshot(world["b"])
    served = []
    walked = 0
    not_hidden = []
    for target in ("b", "city"):
        for url in urls:
            path = url.path(world[target])
            for method in (client.get, client.post):
                response = method(path)
                walked += 1
                if url.name.startswith("permohonan_admin:") and response.status_code != 404:
                    # Another office's request is not found, not forbidden: even its
                    # existence stays with its office.
                    not_hidden.append(f"{method.__name__.upper()} {path} -> "
                                      f"{response.status_code}")
                if target == "city" and url.name in BROWSE_DOWN_FROM_ABOVE:
                    continue  # the portal is above A's site: see the page chooser test
                if not _refused(response):
                    served.append(f"{method.__name__.upper()} {path} ({url.name}) -> "
                                  f"{response.status_code} {response.get('Location', '')}")
    assert served == [], "\n".join(served)
    assert not_hidden == [], "\n".join(not_hidden)
    assert _snapshot(world["b"]) == before
    # 0 cross-site reads: nothing of a resident of B was shown to A's operator.
    assert not SecurityEvent.objects.filter(
        actor=world["operator_a"], kind__startswith="personal_data").exists()
    assert walked == len(urls) * 4


def test_listings_choosers_search_and_reports_show_nothing_of_another_site(world):
    client = Client()
    client.force_login(world["operator_a"])
    # (Wagtail's error-test URL raises on purpose, to try the 500 page.)
    urls = [url for url in admin_urls() if url.name not in BEFORE_LOGIN and all(
        url.kind(argument) in ("app_label", "model_name") or argument in FIXED_ARGUMENTS
        for argument in url.arguments)
        and url.name not in ("wagtailadmin_logout", "wagtailadmin_error_test")]
    leaks = []
    for url in urls:
        path = url.path(world["own"])
        # Unfiltered, then searching for words in the names of B's objects (not the secret
        # itself, which a search box would echo back).
        for query in ({}, *({"q": word, "search": word}
                            for word in ("Profil", "Berita", "Gambar", "Dokumen"))):
            response = client.get(path, query)
            if response.status_code == 200 and SECRET in response.content.decode(
                    errors="replace"):
                leaks.append(f"{path} {query} ({url.name})")
                break
    assert leaks == [], "\n".join(leaks)


def test_the_same_walk_over_the_operators_own_site_opens_what_they_need(world):
    client = Client()
    client.force_login(world["operator_a"])
    urls = [url for url in admin_urls() if url.arguments and url.name not in BEFORE_LOGIN]
    opened, refused = set(), set()
    for url in urls:
        response = client.get(url.path(world["own"]))
        if response.status_code == 405:  # an action taken by POST only: try it, undo it
            with transaction.atomic():
                response = client.post(url.path(world["own"]))
                transaction.set_rollback(True)
        (refused if _refused(response) else opened).add(url.name)
    assert OPERATOR_DAILY <= opened, sorted(OPERATOR_DAILY - opened)
    # Everything else refused on the operator's own objects is the city office's alone.
    unexpected = sorted(name for name in refused if not CITY_ONLY.match(name))
    assert unexpected == [], unexpected



def test_page_chooser_offers_the_own_site_and_the_way_down_to_it(world):
    client = Client()
    client.force_login(world["operator_a"])
    portal = PortalPage.objects.get()
    top = client.get(f"/admin/choose-page/{portal.pk}/").content.decode()
    assert "Kecamatan Citangkil" in top and "Kecamatan Cibeber" not in top
    search = client.get("/admin/choose-page/search/", {"q": "Profil"}).content.decode()
    assert "Profil milik-a" in search and SECRET not in search


def test_an_operators_upload_lands_in_their_own_collection(world):


    client = Client()
    client.force_login(world["operator_a"])
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "green").save(buffer, "PNG")
    upload = ContentFile(buffer.getvalue(), name="kantor.png")
    response = client.post("/admin/images/add/", {
        "title": "Kantor kelurahan", "description": "Gedung kantor kelurahan",
        "file": upload})
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Kantor kelurahan")
    assert image.collection_id == world["own"]["collection"]
    assert image.uploaded_by_user == world["operator_a"]
