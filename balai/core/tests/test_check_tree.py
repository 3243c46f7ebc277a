"""``balai check-tree``: silent and 0 on the demo installation; 1, naming the page, for each
kind of damage a half-finished write or a hand-made SQL change leaves in the tree."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, Revision, Site

from balai.conftest import CITANGKIL

pytestmark = pytest.mark.django_db


def check_tree() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("check_tree", stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def published_pages() -> list[Page]:
    return list(Page.objects.exclude(live_revision=None).filter(live=True).order_by("path"))


def test_the_demo_tree_is_consistent():
    code, out = check_tree()
    assert code == 0, out
    assert "Pohon halaman konsisten" in out


def test_a_wrong_numchild_names_the_page(site_of):
    _client, home = site_of(CITANGKIL)
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 3)
    code, out = check_tree()
    assert code == 1
    assert f'Halaman {home.pk} "{home.title}"' in out
    assert f"numchild menyebut {home.numchild + 3} anak, padahal ada {home.numchild}" in out


def test_a_page_whose_path_has_no_parent(site_of):
    _client, home = site_of(CITANGKIL)
    leaf = home.get_descendants().filter(numchild=0).order_by("path").last()
    # Same depth, but the step above it now names no page.
    orphan_path = leaf.path[:-2 * Page.steplen] + "ZZZZ" + leaf.path[-Page.steplen:]
    Page.objects.filter(pk=leaf.pk).update(path=orphan_path)
    code, out = check_tree()
    assert code == 1
    assert f'Halaman {leaf.pk} "{leaf.title}"' in out
    assert "tidak punya induk" in out
    # Its former parent now counts one child fewer than it says.
    assert f"Halaman {leaf.get_parent().pk} " in out


def test_a_live_revision_of_another_page():
    page, other = published_pages()[:2]
    Page.objects.filter(pk=page.pk).update(live_revision=other.live_revision_id)
    code, out = check_tree()
    assert code == 1
    assert (f'Halaman {page.pk} "{page.title}" ({page.url_path}): revisi tayangnya '
            f"{other.live_revision_id} milik objek lain") in out
    assert f"Halaman {other.pk} " not in out


def test_live_content_that_is_not_its_live_revision():
    page = published_pages()[-1]
    Page.objects.filter(pk=page.pk).update(title="Judul yang tidak pernah diterbitkan")
    code, out = check_tree()
    assert code == 1
    assert f"Halaman {page.pk} " in out and "title" in out


def test_a_published_page_that_lost_its_live_revision():
    page = published_pages()[0]
    Page.objects.filter(pk=page.pk).update(live_revision=None)
    code, out = check_tree()
    assert code == 1
    assert f"Halaman {page.pk} " in out and "tidak punya revisi tayang" in out


def test_a_latest_revision_that_does_not_exist():
    page = published_pages()[0]
    missing = Revision.objects.order_by("-pk").first().pk + 1000
    # The database checks foreign keys at commit: the broken row stays visible to the check,
    # and is put right before the test's end (where Django checks them).
    Page.objects.filter(pk=page.pk).update(latest_revision_id=missing)
    code, out = check_tree()
    Page.objects.filter(pk=page.pk).update(latest_revision_id=page.latest_revision_id)
    assert code == 1
    assert f"{missing} tidak ada" in out


def test_a_site_without_its_root_page():
    site = Site.objects.exclude(is_default_site=True).order_by("hostname").first()
    Site.objects.filter(pk=site.pk).update(root_page_id=Page.objects.order_by("-pk")[0].pk + 1)
    code, out = check_tree()
    Site.objects.filter(pk=site.pk).update(root_page_id=site.root_page_id)
    assert code == 1
    assert f"Situs {site.hostname}" in out


def test_nothing_is_changed_by_the_check(site_of):
    _client, home = site_of(CITANGKIL)
    Page.objects.filter(pk=home.pk).update(numchild=99)
    check_tree()
    check_tree()
    assert Page.objects.get(pk=home.pk).numchild == 99


def test_a_published_page_without_its_own_record_is_reported_not_fatal():
    # A type no other row points to, so that the database accepts the damage.
    page = next(page for page in published_pages() if not [
        field for field in page.specific_class._meta.get_fields(include_parents=False)
        if field.auto_created and not field.concrete])
    model = page.specific_class
    with connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{model._meta.db_table}" WHERE page_ptr_id = %s',  # noqa: S608
                       [page.pk])
    code, out = check_tree()
    assert code == 1
    assert f'Halaman {page.pk} "{page.title}"' in out
    assert model.__name__ in out
