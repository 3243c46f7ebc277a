"""The four roles: city office, kecamatan operator, kelurahan operator, kelurahan
contributor; and that no office's group can reach anything global or another office's."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission
from wagtail.permissions import page_permission_policy

from balai.conftest import CITANGKIL, KEBONSARI
from balai.core.groups import CATALOGUE_APPROVER_GROUP, CITY_ADMIN_GROUP
from balai.home.models import PortalPage
from balai.profil.models import ProfilPage
from balai.provisioning.models import RegionSite

pytestmark = pytest.mark.django_db

KECAMATAN_CITANGKIL = "36.72.08"
CITY_GROUPS = {CITY_ADMIN_GROUP, CATALOGUE_APPROVER_GROUP}


def _record(kode: str) -> RegionSite:
    return RegionSite.objects.select_related(
        "home_page", "operator_group", "contributor_group", "approval_workflow", "collection"
    ).get(region__kode=kode)


def _profil(record: RegionSite) -> ProfilPage:
    return ProfilPage.objects.child_of(record.home_page).get()


def test_no_office_group_holds_any_global_or_foreign_permission():
    records = {record.operator_group_id: record for record in RegionSite.objects.exclude(
        operator_group=None).select_related("home_page", "collection")}
    records |= {record.contributor_group_id: record for record in RegionSite.objects.exclude(
        contributor_group=None).select_related("home_page", "collection")}
    office_groups = Group.objects.exclude(name__in=CITY_GROUPS)
    assert office_groups.count() == 51 + 43 == len(records)
    for group in office_groups:
        record = records[group.pk]
        # Model-wide permissions (users, groups, sites, settings, redirects, workflows,
        # the service catalogue, regions …): none but entering the admin.
        assert [f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()] == [
            "wagtailadmin.access_admin"], group.name
        assert set(GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", flat=True)) == {record.home_page_id}, group.name
        assert set(GroupCollectionPermission.objects.filter(group=group).values_list(
            "collection_id", flat=True)) == {record.collection_id}, group.name


def test_contributor_drafts_and_the_kelurahan_operator_approves(make_user):
    record = _record(CITANGKIL)
    contributor = make_user("kontributor", record.contributor_group)
    operator = make_user("operator", record.operator_group)
    profil = _profil(record)
    tester = profil.permissions_for_user(contributor)
    assert tester.can_edit() and not tester.can_publish()
    assert not _profil(_record(KEBONSARI)).permissions_for_user(contributor).can_edit()

    workflow = profil.get_workflow()
    assert workflow == record.approval_workflow
    assert list(workflow.tasks.get().specific.groups.all()) == [record.operator_group]
    profil.history = "<p>Sejarah yang ditulis kontributor.</p>"
    revision = profil.save_revision(user=contributor)
    workflow.start(profil, contributor)
    profil.refresh_from_db()
    assert "kontributor" not in profil.history  # waiting, not public
    assert profil.current_workflow_task.specific.user_can_access_editor(profil, operator)
    profil.current_workflow_task_state.specific.approve(user=operator)
    profil.refresh_from_db()
    assert profil.live_revision == revision and "kontributor" in profil.history
    # Another kelurahan's operator is not an approver here.
    other_operator = make_user("operator-lain", _record(KEBONSARI).operator_group)
    assert other_operator not in record.approval_workflow.tasks.get().specific.groups.get(
    ).user_set.all()


def test_kecamatan_operator_edits_the_kecamatan_site_and_only_views_its_kelurahan(make_user):
    kecamatan = _record(KECAMATAN_CITANGKIL)
    operator = make_user("operator-kecamatan", kecamatan.operator_group)
    own = _profil(kecamatan).permissions_for_user(operator)
    assert own.can_edit() and own.can_publish()
    assert kecamatan.home_page.specific.permissions_for_user(operator).can_edit()
    kelurahan = _record(CITANGKIL)
    for page in [kelurahan.home_page.specific, _profil(kelurahan)]:
        tester = page.permissions_for_user(operator)
        assert not tester.can_edit() and not tester.can_publish()
        assert not tester.can_delete() and not tester.can_unpublish()
        assert not tester.can_add_subpage() and not tester.can_lock()
    # Viewing: the kelurahan pages are in the explorer.
    explorable = page_permission_policy.explorable_instances(operator)
    assert explorable.filter(pk=kelurahan.home_page_id).exists()


def test_city_office_may_edit_every_page_and_manage_users(make_user):
    admin = make_user("dinas", Group.objects.get(name=CITY_ADMIN_GROUP))
    for page in [PortalPage.objects.get(), _record(KECAMATAN_CITANGKIL).home_page.specific,
                 _profil(_record(CITANGKIL))]:
        assert page.permissions_for_user(admin).can_publish()
    assert admin.has_perm("auth.add_user") and admin.has_perm("auth.change_user")
    assert admin.has_perm("wagtailcore.change_site")
