import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.images.permissions import permission_policy as image_policy
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Revision,
    Site,
)

from balai.home.models import KecamatanPage, KelurahanPage, PortalPage
from balai.profil.models import ProfilPage
from balai.program.models import ProgramIndexPage
from balai.provisioning.models import RegionSite
from balai.provisioning.services import ProvisionReport, site_provision, sites_provision_all
from balai.rtrw.models import RtRwPage
from balai.wilayah.models import Region

pytestmark = pytest.mark.django_db


def _record(kode: str) -> RegionSite:
    return RegionSite.objects.select_related("site", "home_page", "operator_group",
                                             "collection").get(region__kode=kode)


def _state() -> dict:
    """Everything provisioning may create, to compare two runs."""
    return {
        "pages": list(Page.objects.values_list("id", "path", "title", "slug", "live")),
        "sites": list(Site.objects.values_list("id", "hostname", "port", "root_page_id",
                                               "is_default_site")),
        "groups": list(Group.objects.values_list("id", "name")),
        "group_page_permissions": GroupPagePermission.objects.count(),
        "group_collection_permissions": GroupCollectionPermission.objects.count(),
        "collections": list(Collection.objects.values_list("id", "path", "name")),
        "records": list(RegionSite.objects.values_list(
            "region_id", "site_id", "home_page_id", "operator_group_id", "collection_id",
            "sections_created")),
        "revisions": Revision.objects.count(),
        "log_entries": PageLogEntry.objects.count(),
    }


def test_every_region_has_a_site_with_its_hostname():
    assert Site.objects.count() == 52
    portal = _record("36.72")
    assert portal.site.hostname == "balai.test" and portal.site.is_default_site
    assert isinstance(portal.home_page.specific, PortalPage)
    kecamatan = _record("36.72.08")
    assert kecamatan.site.hostname == "kec-citangkil.balai.test"
    assert isinstance(kecamatan.site.root_page.specific, KecamatanPage)
    kelurahan = _record("36.72.08.1007")
    assert kelurahan.site.hostname == "kel-citangkil.balai.test"
    assert kelurahan.site.root_page.specific.region.kode == "36.72.08.1007"
    assert kelurahan.site.site_name == "Kelurahan Citangkil"
    hostnames = list(Site.objects.values_list("hostname", flat=True))
    assert len(set(hostnames)) == 52


def test_pages_form_one_tree_city_kecamatan_kelurahan():
    portal = PortalPage.objects.get()
    assert portal.depth == 2
    assert KecamatanPage.objects.child_of(portal).count() == 8
    for kelurahan in KelurahanPage.objects.select_related("region"):
        parent = kelurahan.get_parent().specific
        assert isinstance(parent, KecamatanPage)
        assert parent.region == kelurahan.region.parent
    assert KelurahanPage.objects.get(region__kode="36.72.08.1007").url_path == (
        f"{portal.url_path}citangkil/citangkil/"
    )
    # Wagtail's stock welcome page is gone; the portal is the default site's root.
    assert not Page.objects.filter(depth=2).exclude(pk=portal.pk).exists()


def test_each_site_starts_with_its_standard_sections():
    kelurahan = KelurahanPage.objects.get(region__kode="36.72.08.1007")
    slugs = list(kelurahan.get_children().values_list("slug", flat=True))
    assert slugs == ["profil", "struktur-pegawai", "lembaga", "rt-rw", "layanan", "program",
                     "berita", "agenda", "dokumen", "kontak"]
    assert all(page.live for page in kelurahan.get_children())
    assert isinstance(kelurahan.get_children().get(slug="rt-rw").specific, RtRwPage)
    kecamatan = KecamatanPage.objects.get(region__kode="36.72.08")
    sections = kecamatan.get_children().not_type(KelurahanPage)
    assert sections.count() == 9
    assert not sections.type(RtRwPage).exists()


def test_operator_groups_have_page_permissions_only_on_their_own_home():
    assert Group.objects.filter(name__startswith="Operator ").count() == 51
    record = _record("36.72.08.1007")
    group = record.operator_group
    assert group.name == "Operator Kelurahan Citangkil (36.72.08.1007)"
    permissions = GroupPagePermission.objects.filter(group=group)
    assert {p.page_id for p in permissions} == {record.home_page_id}
    assert {p.permission.codename for p in permissions} == {
        "add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
    assert group.permissions.filter(codename="access_admin").exists()
    # No global permissions beyond entering the admin.
    assert group.permissions.count() == 1


def test_operator_can_edit_own_site_and_not_another(make_user):
    own = _record("36.72.08.1007")
    operator = make_user("op-citangkil", own.operator_group)
    own_home = own.home_page.specific
    own_profil = ProfilPage.objects.child_of(own_home).get()
    other_home = _record("36.72.08.1005").home_page.specific
    other_profil = ProfilPage.objects.child_of(other_home).get()
    assert own_home.permissions_for_user(operator).can_edit()
    assert own_profil.permissions_for_user(operator).can_publish()
    assert not other_home.permissions_for_user(operator).can_edit()
    assert not other_profil.permissions_for_user(operator).can_edit()
    assert not PortalPage.objects.get().permissions_for_user(operator).can_edit()
    assert not own.home_page.get_parent().specific.permissions_for_user(operator).can_edit()


def test_collections_are_per_site_and_only_the_own_one_is_writable(make_user):
    city = _record("36.72").collection
    assert city.get_parent() == Collection.get_first_root_node()
    assert city.get_children().count() == 51
    own = _record("36.72.08.1007")
    kecamatan = _record("36.72.08")
    assert own.collection.get_parent() == city and kecamatan.collection.get_parent() == city
    operator = make_user("op-citangkil", own.operator_group)
    writable = image_policy.collections_user_has_permission_for(operator, "add")
    assert list(writable) == [own.collection]
    kec_operator = make_user("op-kec", kecamatan.operator_group)
    assert list(image_policy.collections_user_has_permission_for(kec_operator, "add")) == [
        kecamatan.collection]


def test_second_run_changes_nothing(capsys):
    before = _state()
    call_command("provision", all=True)
    assert _state() == before
    out = capsys.readouterr().out
    assert "created " not in out
    assert "Provisioned 52 regions: 0 things created" in out
    assert "left alone  36.72.08.1007 site kel-citangkil.balai.test:80" in out


def test_operator_edits_survive_a_rerun(make_user):
    record = _record("36.72.08.1007")
    operator = make_user("op-citangkil", record.operator_group)
    profil = ProfilPage.objects.child_of(record.home_page).get()
    profil.title = "Profil Kelurahan Kami"
    profil.intro = "<p>Ditulis operator.</p>"
    profil.save_revision(user=operator).publish(user=operator)
    record.site.hostname = "citangkil.example.go.id"
    record.site.save()
    report = sites_provision_all()
    assert report.created == []
    profil.refresh_from_db()
    assert (profil.title, profil.intro) == ("Profil Kelurahan Kami", "<p>Ditulis operator.</p>")
    assert Site.objects.get(pk=record.site_id).hostname == "citangkil.example.go.id"


def test_a_section_deleted_by_an_editor_is_not_recreated():
    record = _record("36.72.08.1007")
    RtRwPage.objects.child_of(record.home_page).get().delete()
    report = ProvisionReport()
    site_provision(region=record.region, report=report)
    assert not RtRwPage.objects.child_of(record.home_page).exists()
    assert "36.72.08.1007 section 'rt-rw' (deleted by an editor, not recreated)" in (
        report.left_alone)


def test_provisioning_one_region_creates_what_is_missing(capsys):
    record = _record("36.72.08.1007")
    home = record.home_page
    group, site = record.operator_group, record.site
    record.delete()
    site.delete()
    group.delete()
    home.delete()
    call_command("provision", "36.72.08.1007")
    out = capsys.readouterr().out
    assert "created     36.72.08.1007 home page 'Kelurahan Citangkil'" in out
    assert "left alone  36.72.08 home page 'Kecamatan Citangkil'" in out
    new = _record("36.72.08.1007")
    assert new.site.hostname == "kel-citangkil.balai.test"
    assert new.home_page.get_children().count() == 10
    assert GroupPagePermission.objects.filter(group=new.operator_group,
                                              page=new.home_page).count() == 5


def test_a_second_kelurahan_with_the_same_name_gets_a_distinct_hostname():
    cibeber = Region.objects.get(kode="36.72.01")
    region = Region.objects.create(kode="36.72.01.1099", name="Citangkil", level="kelurahan",
                                   parent=cibeber, parent_kode="36.72.01")
    record = site_provision(region=region)
    assert record.site.hostname == "kel-citangkil-cibeber.balai.test"
    assert record.home_page.url_path.endswith("/cibeber/citangkil/")


def test_unknown_code_is_an_error():
    with pytest.raises(Exception, match="Unknown region code: 99.99"):
        call_command("provision", "99.99")


def test_a_section_type_added_later_reaches_existing_sites_on_the_next_run():
    # A site provisioned before the Program section existed has neither the page
    # nor the key in its record; the next run adds just that page.

    record = _record("36.72.08.1007")
    ProgramIndexPage.objects.child_of(record.home_page).get().delete()
    record.sections_created = [key for key in record.sections_created if key != "program"]
    record.save()
    report = ProvisionReport()
    site_provision(region=record.region, report=report)
    assert report.created == [
        "36.72.08.1007 section 'program' at /kota-cilegon/citangkil/citangkil/program/"]
    assert ProgramIndexPage.objects.child_of(record.home_page).get().title == "Program"
