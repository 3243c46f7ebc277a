"""One kelurahan's site alone: recovered in place without touching any other site, and
moved into a fresh installation (another process with its own database, given only the
regions and the service catalogue, as `balai load-wilayah` and `balai load-layanan` do)."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from balai.berita.models import BeritaPage
from balai.conftest import CITANGKIL, KEBONSARI
from balai.layanan.models import ServiceDefinition
from balai.provisioning.models import RegionSite

from .snapshot import demo_pages, media_checksums, pages_html, site_pages

pytestmark = pytest.mark.django_db

# The recovered site and its neighbour in the same kecamatan, also filled with demo content,
# besides every site's home page; every other page is compared row by row (``_outside``).
RENDERED_SITES = [CITANGKIL, KEBONSARI]


def _export(kode: str, path) -> None:
    call_command("export_site", kode, output=path, stdout=io.StringIO())


def _outside(record: RegionSite) -> dict:
    """Rows a site recovery must leave alone: every other page, image and document."""
    home = record.home_page
    return {
        "pages": list(Page.objects.exclude(path__startswith=home.path).order_by("pk").values()),
        "images": list(get_image_model().objects.exclude(collection=record.collection)
                       .order_by("pk").values()),
        "documents": list(get_document_model().objects.exclude(collection=record.collection)
                          .order_by("pk").values()),
    }


def test_recovering_a_site_in_place_brings_it_back_and_leaves_the_others(tmp_path,
                                                                          media_kept):
    record = RegionSite.objects.select_related("home_page", "collection").get(
        region__kode=CITANGKIL)
    html_before = pages_html(demo_pages(sites=RENDERED_SITES))
    media_before = media_checksums()
    archive = tmp_path / "citangkil.tar.gz"
    _export(CITANGKIL, archive)
    news = BeritaPage.objects.descendant_of(record.home_page).first()
    # A city redirect to one of the site's pages: it must still lead there afterwards.
    profil = Page.objects.child_of(record.home_page).get(slug="profil")
    Redirect.objects.create(old_path="/profil-lama", site=record.site, redirect_page=profil)
    outside_before = _outside(record)
    ids_before = dict(Page.objects.descendant_of(record.home_page).values_list("url_path", "pk"))

    # An operator's account was misused: news deleted, the welcome text defaced, a photo gone.
    news.delete()
    home = record.home_page.specific
    home.intro = "<p>Situs ini telah diretas</p>"
    home.save_revision().publish()
    get_image_model().objects.filter(collection=record.collection).first().delete()

    out = io.StringIO()
    call_command("import_site", archive, stdout=out)
    assert CITANGKIL in out.getvalue()

    assert _outside(record) == outside_before
    # Every page is back under its own id, so links from other sites still lead to it.
    assert dict(Page.objects.descendant_of(record.home_page).values_list(
        "url_path", "pk")) == ids_before
    html_after = pages_html(demo_pages(sites=RENDERED_SITES))
    assert html_after.keys() == html_before.keys()
    assert [url for url in html_before if html_after[url] != html_before[url]] == []
    assert media_checksums() == media_before
    assert Redirect.objects.get(old_path="/profil-lama").redirect_page_id == profil.pk


def test_a_site_moves_into_a_fresh_installation(tmp_path):
    html_before = pages_html(site_pages(CITANGKIL))
    media_before = media_checksums()
    archive = tmp_path / "citangkil.tar.gz"
    _export(CITANGKIL, archive)

    # Its own process: a fresh installation needs what migrations make (root page and
    # collection, service categories …), which a wiped test database no longer has.
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "balai.settings.test"}
    environment.pop("DATABASE_URL", None)  # SQLite there, whatever the suite runs on
    result = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "balai.backup.tests.fresh_import", str(archive)],
        env=environment, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    fresh = json.loads(result.stdout)

    assert fresh["html"].keys() == html_before.keys()
    assert [url for url in html_before if fresh["html"][url] != html_before[url]] == []
    assert fresh["media"] and all(media_before[name] == checksum
                                  for name, checksum in fresh["media"].items())


def test_export_site_refuses_what_it_cannot_export(tmp_path):
    with pytest.raises(CommandError, match="36.72.08"):
        _export("36.72.08", tmp_path / "kecamatan.tar.gz")
    with pytest.raises(CommandError, match="99.99"):
        _export("99.99.99.9999", tmp_path / "none.tar.gz")
    with pytest.raises(CommandError):
        call_command("import_site", tmp_path / "none.tar.gz", stdout=io.StringIO())


def test_import_site_needs_the_services_the_site_uses(tmp_path):
    archive = tmp_path / "citangkil.tar.gz"
    _export(CITANGKIL, archive)
    ServiceDefinition.objects.filter(slug="surat-keterangan-domisili").update(
        slug="domisili-baru")
    with pytest.raises(CommandError, match="surat-keterangan-domisili"):
        call_command("import_site", archive, stdout=io.StringIO())
