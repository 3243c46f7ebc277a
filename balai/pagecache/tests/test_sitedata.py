"""Data every page of a site shows, kept once per site (balai/pagecache/sitedata.py): pages
rendered anew reuse it, every change residents could see drops it exactly as it drops the
site's cached pages, and editors and previews never read or fill it."""

from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balai.berita.models import BeritaIndexPage, BeritaPage
from balai.conftest import CITANGKIL, KEBONSARI
from balai.core.groups import CITY_ADMIN_GROUP
from balai.core.models import BalaiImage
from balai.home.models import KecamatanPage
from balai.pagecache.versions import page_cache, site_data_key
from balai.profil.models import KontakPage
from balai.testing.builders import image as new_image
from balai.testing.builders import kelurahan_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_always_rendered(settings):
    """No cached pages: every request renders, so what is measured is the site data."""
    settings.BALAI_PAGE_CACHE_SECONDS = 0
    settings.BALAI_SITE_DATA_CACHE_SECONDS = 300


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def _chrome_key(client, home) -> str:
    request = RequestFactory().get("/", HTTP_HOST=client.defaults["HTTP_HOST"])
    return site_data_key(request, f"chrome:{home.pk}")


def test_pages_rendered_anew_share_what_the_site_shows_on_every_page(site_of, settings):
    client, _home = site_of(CITANGKIL)
    settings.BALAI_SITE_DATA_CACHE_SECONDS = 0
    client.get("/profil/")
    every_time = _queries(client, "/profil/")
    home_every_time = _queries(client, "/")
    settings.BALAI_SITE_DATA_CACHE_SECONDS = 300
    client.get("/")  # any page of the site keeps the menu and footer for the others
    shared = _queries(client, "/profil/")
    assert shared <= every_time - 4
    # A home also keeps its news, events, leader and service buttons.
    assert _queries(client, "/") <= home_every_time - 10


def test_published_news_shows_on_the_home_at_once(site_of):
    client, home = site_of(CITANGKIL)
    assert "Kabar terbaru dari lurah" not in client.get("/").text
    index = BeritaIndexPage.objects.child_of(home).get()
    news = index.add_child(instance=BeritaPage(
        title="Kabar terbaru dari lurah", date=timezone.localdate(), summary="Ringkas.",
        body="<p>Isi.</p>", live=False))
    news.save_revision().publish()
    assert "Kabar terbaru dari lurah" in client.get("/").text


def _shows_after_publishing(page, field: str, value: str, *, on: list) -> None:
    """Render each (client, path) of ``on``, publish ``value`` as the page's ``field``, and
    find it on each of them at the next request."""
    for client, path in on:
        client.get(path)
    setattr(page, field, value)
    page.save_revision().publish()
    for client, path in on:
        assert value in client.get(path).text, path


def test_a_new_address_shows_in_the_footer_of_every_page(site_of):
    client, home = site_of(CITANGKIL)
    _shows_after_publishing(KontakPage.objects.child_of(home).get(), "address",
                            "Jalan Baru Dipugar No. 7", on=[(client, "/"), (client, "/profil/")])


def test_a_renamed_kecamatan_shows_in_the_header_of_each_of_its_kelurahan(site_of):
    client, home = site_of(CITANGKIL)
    other_client, _other = site_of(KEBONSARI)
    _shows_after_publishing(KecamatanPage.objects.get(pk=home.get_parent().pk), "title",
                            "Kecamatan Citangkil Raya",
                            on=[(client, "/profil/"), (other_client, "/profil/")])


def test_a_change_on_one_kelurahan_keeps_the_data_of_another(site_of):
    client, home = site_of(CITANGKIL)
    other_client, other = site_of(KEBONSARI)
    other_client.get("/")
    kept, dropped = _chrome_key(other_client, other), _chrome_key(client, home)
    home.title = "Kelurahan Citangkil Baru"
    home.save_revision().publish()
    assert _chrome_key(other_client, other) == kept
    assert _chrome_key(client, home) != dropped


def test_an_editor_never_reads_nor_fills_the_site_data(site_of, make_user):
    client, home = site_of(CITANGKIL)
    editor = Client(HTTP_HOST=client.defaults["HTTP_HOST"])
    editor.force_login(make_user("kota", Group.objects.get(name=CITY_ADMIN_GROUP)))
    editor.get("/profil/")
    key = _chrome_key(client, home)
    assert page_cache().get(key) is None
    client.get("/profil/")
    assert page_cache().get(key) is not None
    # A change that bypasses publishing (so nothing drops the kept data): the editor sees it.
    KontakPage.objects.child_of(home).update(address="Alamat yang hanya editor lihat")
    assert "Alamat yang hanya editor lihat" in editor.get("/profil/").text
    assert "Alamat yang hanya editor lihat" not in client.get("/profil/").text


def test_a_preview_shows_the_draft_home_not_the_kept_one(site_of):
    client, home = site_of(CITANGKIL)
    client.get("/")
    client.get("/profil/")
    home.title = "Kelurahan Citangkil (draf)"
    draft = home.save_revision().as_object()
    response = draft.make_preview_request()
    assert "Kelurahan Citangkil (draf)" in response.content.decode()
    assert "(draf)" not in client.get("/").text


def test_a_picture_found_in_the_cache_is_not_written_back():
    image = new_image(kelurahan_site(), "Foto uji tembolok")
    image.get_renditions("fill-40x30")  # made, and kept in the cache
    again = BalaiImage.objects.get(pk=image.pk)
    with mock.patch.object(LocMemCache, "set_many") as set_many, \
            mock.patch.object(LocMemCache, "set") as set_one:
        again.get_renditions("fill-40x30")
    set_many.assert_not_called()
    set_one.assert_not_called()
