"""The city catalogue: seeding, provisioning into every office, who may change what, and a
city change reaching every kelurahan page."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import WorkflowContentType
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from balai.conftest import CITANGKIL, KEBONSARI
from balai.core.groups import CATALOGUE_APPROVER_GROUP, CITY_ADMIN_GROUP
from balai.layanan.models import LayananPage, ServiceDefinition
from balai.layanan.services import sample_catalogue, sample_catalogue_load
from balai.provisioning.models import RegionSite
from balai.provisioning.services import sites_provision_all
from balai.testing.builders import draft_definition
from balai.wilayah.models import Region

pytestmark = pytest.mark.django_db

DOMISILI = "surat-keterangan-domisili"


def _definition(slug: str = DOMISILI) -> ServiceDefinition:
    return ServiceDefinition.objects.get(slug=slug)


def _publish(definition: ServiceDefinition) -> None:
    definition.save_revision().publish()


def test_sample_catalogue_has_the_common_kelurahan_services_marked_as_samples():
    slugs = {item["slug"] for item in sample_catalogue()}
    assert len(slugs) >= 15
    for expected in ["surat-pengantar-ktp-el", "surat-pengantar-kartu-keluarga", DOMISILI,
                     "surat-keterangan-tidak-mampu", "surat-keterangan-usaha",
                     "surat-pengantar-nikah", "surat-keterangan-kelahiran",
                     "surat-keterangan-kematian", "surat-pengantar-pindah",
                     "surat-keterangan-pindah-datang", "surat-keterangan-ahli-waris",
                     "surat-pengantar-izin-keramaian", "surat-keterangan-belum-menikah",
                     "surat-pengantar-skck"]:
        assert expected in slugs
    definitions = ServiceDefinition.objects.filter(slug__in=slugs)
    assert definitions.count() == len(slugs)
    assert all(d.is_sample and d.live and d.requirement_values and len(d.steps) >= 3
               for d in definitions)
    # Each is published through a revision, so the city's history starts there.
    assert all(d.latest_revision is not None for d in definitions)


def test_loading_the_sample_again_leaves_the_city_text_alone():
    definition = _definition()
    definition.summary = "Teks yang sudah diperiksa kota."
    definition.is_sample = False
    _publish(definition)
    report = sample_catalogue_load()
    assert (report.created, report.left_alone) == (0, len(sample_catalogue()))
    definition.refresh_from_db()
    assert (definition.summary, definition.is_sample) == ("Teks yang sudah diperiksa kota.",
                                                          False)


def test_every_kelurahan_has_a_page_per_service_and_kecamatan_only_their_services():
    kelurahan_level = ServiceDefinition.objects.filter(
        live=True, level__in=["kelurahan", "keduanya"]).count()
    kecamatan_level = ServiceDefinition.objects.filter(
        live=True, level__in=["kecamatan", "keduanya"]).count()
    for record in RegionSite.objects.select_related("region", "home_page").exclude(
            region__level=Region.Level.KOTA):
        pages = LayananPage.objects.descendant_of(record.home_page).live().filter(
            depth=record.home_page.depth + 2)
        expected = (kelurahan_level if record.region.level == Region.Level.KELURAHAN
                    else kecamatan_level)
        assert pages.count() == expected, record.region.kode
    assert kecamatan_level == 2  # ahli waris and izin keramaian, also confirmed by the camat


def test_a_newly_published_definition_reaches_every_office_that_gives_it():
    new = draft_definition(like=DOMISILI, name="Surat Keterangan Janda/Duda",
                           slug="surat-keterangan-janda-duda")
    assert not LayananPage.objects.filter(definition=new).exists()  # drafts reach nobody
    _publish(new)
    pages = LayananPage.objects.filter(definition=new)
    assert pages.count() == 43
    assert all(page.live and page.title == new.name for page in pages)


def test_a_service_page_deleted_by_an_operator_is_not_recreated():
    record = RegionSite.objects.get(region__kode=CITANGKIL)
    page = LayananPage.objects.descendant_of(record.home_page).get(definition=_definition())
    page.delete()
    assert sites_provision_all().created == []
    _publish(_definition())
    assert not LayananPage.objects.descendant_of(record.home_page).filter(
        definition__slug=DOMISILI).exists()


def test_renaming_a_definition_renames_every_page_that_shows_it():
    definition = _definition()
    definition.name = "Surat Keterangan Tempat Tinggal"
    _publish(definition)
    titles = set(LayananPage.objects.filter(definition=definition).values_list(
        "title", "draft_title"))
    assert titles == {("Surat Keterangan Tempat Tinggal", "Surat Keterangan Tempat Tinggal")}


def test_editing_one_requirement_changes_the_page_of_all_43_kelurahan(site_client):
    definition = _definition()
    requirements = definition.requirements.raw_data
    old = requirements[1]["value"]["document"]
    requirements[1]["value"]["document"] = "KTP elektronik pemohon yang masih berlaku"
    definition.requirements = requirements
    draft = definition.save_revision()
    records = list(RegionSite.objects.filter(region__level=Region.Level.KELURAHAN)
                   .select_related("site", "home_page"))
    assert len(records) == 43
    page_urls = {record.pk: LayananPage.objects.descendant_of(record.home_page).get(
        definition=definition).url_path[len(record.home_page.url_path) - 1:]
        for record in records}

    def rendered(record) -> str:
        response = site_client(record.site).get(page_urls[record.pk])
        assert response.status_code == 200
        return response.text

    # A draft is not shown to residents.
    assert "yang masih berlaku" not in rendered(records[0])
    draft.publish()
    for record in records:
        html = rendered(record)
        assert "<strong>KTP elektronik pemohon yang masih berlaku</strong>" in html
        assert f"<strong>{old}</strong>" not in html


def test_unpublishing_a_definition_hides_it_from_every_site(site_of):
    client, _home = site_of(CITANGKIL)
    assert client.get(f"/layanan/{DOMISILI}/").status_code == 200
    _definition().unpublish()
    assert client.get(f"/layanan/{DOMISILI}/").status_code == 404
    assert "Surat Keterangan Domisili" not in client.get("/layanan/").text


def test_operator_cannot_edit_the_city_definition_only_the_local_fields(make_user, client):
    own = RegionSite.objects.select_related("operator_group", "home_page").get(
        region__kode=CITANGKIL)
    other = RegionSite.objects.select_related("home_page").get(region__kode=KEBONSARI)
    operator = make_user("op-citangkil", own.operator_group)
    definition = _definition()
    policy = ServiceDefinition.snippet_viewset.permission_policy
    for action in ["add", "change", "delete", "publish", "lock"]:
        assert not policy.user_has_permission(operator, action)

    client.force_login(operator)
    edit_url = reverse(definition.snippet_viewset.get_url_name("edit"), args=[definition.pk])
    assert client.get(edit_url).status_code in (302, 403)
    response = client.post(edit_url, {"name": "Diubah operator"})
    assert response.status_code in (302, 403)
    definition.refresh_from_db()
    assert definition.name == "Surat Keterangan Domisili"
    assert client.get(reverse(definition.snippet_viewset.get_url_name("list"))
                      ).status_code in (302, 403)

    own_page = LayananPage.objects.descendant_of(own.home_page).get(definition=definition)
    other_page = LayananPage.objects.descendant_of(other.home_page).get(definition=definition)
    assert own_page.permissions_for_user(operator).can_publish()
    assert not other_page.permissions_for_user(operator).can_edit()
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[own_page.pk]))
    assert edit_page.status_code == 200
    assert 'name="local_notes"' in edit_page.text and 'name="officer"' in edit_page.text
    # The requirements are not part of the page form: the operator sees them nowhere to edit.
    assert 'name="requirements' not in edit_page.text
    assert client.get(reverse("wagtailadmin_pages:edit", args=[other_page.pk])
                      ).status_code in (302, 403)


def test_city_editors_draft_and_approvers_publish_through_the_workflow(make_user):
    editors, approvers = (Group.objects.get(name=CITY_ADMIN_GROUP),
                          Group.objects.get(name=CATALOGUE_APPROVER_GROUP))
    editor, approver = make_user("dinas-1", editors), make_user("dinas-2", approvers)
    policy = ServiceDefinition.snippet_viewset.permission_policy
    assert policy.user_has_permission(editor, "change")
    assert not policy.user_has_permission(editor, "publish")
    assert policy.user_has_permission(approver, "publish")
    definition = _definition()
    workflow = definition.get_workflow()
    assert workflow is not None and workflow.active
    assert WorkflowContentType.objects.get(workflow=workflow).content_type.model_class() is (
        ServiceDefinition)
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [approvers]

    # An editor submits a change; residents see it only after the approver approves it.
    definition.summary = "Ringkasan baru dari dinas."
    revision = definition.save_revision(user=editor)
    workflow.start(definition, editor)
    definition.refresh_from_db()
    assert definition.summary != "Ringkasan baru dari dinas."
    state = definition.current_workflow_task_state.specific
    assert state.task.specific.user_can_access_editor(definition, approver)
    state.approve(user=approver)
    definition.refresh_from_db()
    assert definition.summary == "Ringkasan baru dari dinas."
    assert definition.live_revision == revision


def test_operator_saves_local_fields_through_the_admin_form(make_user, client):

    own = RegionSite.objects.select_related("operator_group", "home_page").get(
        region__kode=CITANGKIL)
    operator = make_user("op-citangkil", own.operator_group)
    page = LayananPage.objects.descendant_of(own.home_page).get(
        definition__slug="surat-pengantar-skck")
    client.force_login(operator)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), nested_form_data({
        "definition": page.definition_id, "offered": "on", "officer": "Ibu Sari, loket 2",
        "service_hours": "Senin–Jumat 08.00–12.00",
        "local_notes": rich_text("<p>Pas foto boleh hitam putih.</p>"),
        "slug": page.slug, "comments": inline_formset([]), "action-publish": "publish",
    }))
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert (page.officer, page.service_hours) == ("Ibu Sari, loket 2", "Senin–Jumat 08.00–12.00")
    assert page.title == "Surat Pengantar SKCK"  # the title follows the city's name
    assert page.latest_revision.user == operator


def test_city_office_uses_the_catalogue_in_the_admin(make_user, client):
    editor = make_user("dinas-1", Group.objects.get(name=CITY_ADMIN_GROUP))
    client.force_login(editor)
    definition = _definition()
    viewset = definition.snippet_viewset
    listing = client.get(reverse(viewset.get_url_name("list")))
    assert listing.status_code == 200 and "Surat Keterangan Domisili" in listing.text
    edit = client.get(reverse(viewset.get_url_name("edit"), args=[definition.pk]))
    assert edit.status_code == 200
    assert "Yang perlu dibawa" in edit.text or "yang perlu dibawa" in edit.text
    request = RequestFactory().get("/")
    request.user = editor
    preview = definition.serve_preview(request, definition.default_preview_mode)
    preview.render()
    assert "<strong>Surat pengantar RT dan RW</strong>" in preview.content.decode()


def test_a_service_page_cannot_be_switched_to_another_service():

    record = RegionSite.objects.get(region__kode=CITANGKIL)
    page = LayananPage.objects.descendant_of(record.home_page).get(definition__slug=DOMISILI)
    page.definition = _definition("surat-pengantar-skck")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "definition" in error.value.message_dict
