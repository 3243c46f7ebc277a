"""Cached public pages: a second anonymous request is a hit, every kind of change shows at
the next anonymous request (on every host that serves the page), other sites keep their
cache, and editors never read or fill it."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, PageViewRestriction, Site

from balai.berita.models import BeritaIndexPage, BeritaPage
from balai.conftest import CITANGKIL, KEBONSARI, host_of
from balai.core.groups import CITY_ADMIN_GROUP
from balai.dokumen.models import PublicDocument
from balai.layanan.models import ServiceDefinition
from balai.testing.builders import documents, draft_definition, image, pdf, publish, region_site
from balai.testing.builders import news as add_news

pytestmark = pytest.mark.django_db

DOMISILI = "surat-keterangan-domisili"


def _cache_state(response) -> str:
    return response["X-Balai-Cache"]


def _warm(client, path: str = "/") -> str:
    """Request a page twice as a resident; the second answer must come from the cache."""
    first = client.get(path)
    assert first.status_code == 200
    second = client.get(path)
    assert _cache_state(second) == "hit"
    assert second.content == first.content
    return second.text


def _news(home) -> BeritaPage:
    """A news item of the test's own, published on the site of ``home``."""
    return publish(BeritaIndexPage.objects.child_of(home).get(), BeritaPage,
                   title="Kabar uji tembolok", summary="Ringkasan kabar uji.",
                   body="<p>Isi kabar uji.</p>")


def _news_path(home, page) -> str:
    return page.url_path[len(home.url_path) - 1:]


def test_second_anonymous_request_is_a_hit_without_any_query(site_of,
                                                             django_assert_num_queries):
    client, _home = site_of(CITANGKIL)
    first = client.get("/")
    assert _cache_state(first) == "miss"
    assert first["Cache-Control"] == "public, max-age=1"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert _cache_state(second) == "hit"
    assert second.content == first.content
    assert _cache_state(client.head("/")) == "hit"


def test_publishing_a_page_shows_on_its_site_and_on_the_sites_above(site_of):
    client, home = site_of(CITANGKIL)
    kecamatan_client, kecamatan = site_of(CITANGKIL[:8])
    portal = Client(HTTP_HOST="balai.test")
    by_path = "/" + home.url_path.split("/", 2)[2]  # the kelurahan under the portal
    _warm(client)
    _warm(portal, by_path)
    _warm(kecamatan_client)
    home.intro = "<p>Selamat datang di kantor yang baru dipugar.</p>"
    home.save_revision().publish()
    assert "baru dipugar" in client.get("/").text
    assert "baru dipugar" in portal.get(by_path).text
    # The kecamatan's home lists its kelurahan, so its cache was dropped too.
    assert _cache_state(kecamatan_client.get("/")) == "miss"


def test_a_change_on_one_kelurahan_leaves_the_cache_of_another_alone(site_of):
    client, home = site_of(CITANGKIL)
    other_client, _other = site_of(KEBONSARI)
    _warm(other_client)
    home.intro = "<p>Hanya untuk Citangkil.</p>"
    home.save_revision().publish()
    assert _cache_state(other_client.get("/")) == "hit"


def test_unpublishing_a_page_removes_it_at_the_next_request(site_of):
    client, home = site_of(CITANGKIL)
    news = _news(home)
    path = _news_path(home, news)
    _warm(client, path)
    assert news.title in _warm(client, "/berita/")
    news.unpublish()
    assert client.get(path).status_code == 404
    assert news.title not in client.get("/berita/").text


def test_moving_a_page_shows_it_at_its_new_place_only(site_of):
    client, home = site_of(CITANGKIL)
    other_client, other_home = site_of(KEBONSARI)
    news = _news(home)
    old_path = _news_path(home, news)
    _warm(client, old_path)
    _warm(client, "/berita/")
    _warm(other_client, "/berita/")
    news.move(BeritaIndexPage.objects.child_of(other_home).get(), pos="last-child")
    news.refresh_from_db()
    assert client.get(old_path).status_code == 404
    assert news.title not in client.get("/berita/").text
    assert news.title in other_client.get("/berita/").text
    assert other_client.get(_news_path(other_home, news)).status_code == 200


def test_deleting_a_page_removes_it_at_the_next_request(site_of):
    client, home = site_of(CITANGKIL)
    news = _news(home)
    path = _news_path(home, news)
    _warm(client, path)
    _warm(client, "/berita/")
    news.delete()
    assert client.get(path).status_code == 404
    assert news.title not in client.get("/berita/").text


@pytest.fixture
def forget_site_root_paths():
    """Wagtail caches every Site's root URL; a Site changed in a test is rolled back without
    telling it, so the next tests would link to the changed host name."""
    yield
    Site.clear_site_root_paths_cache()


def test_changing_a_site_host_name_drops_what_the_old_name_served(site_of,
                                                                  forget_site_root_paths):
    client, home = site_of(CITANGKIL)
    old_host = client.defaults["HTTP_HOST"]
    kelurahan_home = _warm(client)
    site = Site.objects.get(root_page=home)
    site.hostname = "kel-citangkil-kota.balai.test"
    site.save()
    # The old name now falls back to the city portal instead of the cached kelurahan home.
    assert Client(HTTP_HOST=old_host).get("/").text != kelurahan_home
    assert home.title in Client(HTTP_HOST=host_of(site)).get("/").text


def test_publishing_a_city_service_shows_on_every_office_page(site_of):
    client, _home = site_of(CITANGKIL)
    other_client, _other = site_of(KEBONSARI)
    path = f"/layanan/{DOMISILI}/"
    _warm(client, path)
    _warm(other_client, path)
    definition = ServiceDefinition.objects.get(slug=DOMISILI)
    definition.summary = "Ringkasan baru dari kantor kota."
    revision = definition.save_revision()
    assert "Ringkasan baru" not in client.get(path).text  # a draft changes nothing
    revision.publish()
    assert "Ringkasan baru" in client.get(path).text
    assert "Ringkasan baru" in other_client.get(path).text


def test_a_new_city_service_is_listed_at_once_by_every_office(site_of):
    """Publishing a new service of the city catalogue gives each office its page
    (balai/provisioning/changes.py) and drops the services page each office had cached."""
    client, _home = site_of(CITANGKIL)
    assert "Surat Keterangan Janda/Duda" not in _warm(client, "/layanan/")
    draft_definition(like=DOMISILI, name="Surat Keterangan Janda/Duda",
                     slug="surat-keterangan-janda-duda").save_revision().publish()
    assert "Surat Keterangan Janda/Duda" in client.get("/layanan/").text


def test_changing_an_image_shows_on_the_pages_that_use_it(site_of):
    client, home = site_of(CITANGKIL)
    site = region_site(CITANGKIL)
    news = add_news(site, "Kabar berfoto", image=image(site, "Foto kerja bakti"))
    path = _news_path(home, news)
    _warm(client, path)
    news.image.description = "Foto pengganti dari operator"
    news.image.save()
    assert 'alt="Foto pengganti dari operator"' in client.get(path).text


def test_an_editor_is_never_served_from_the_cache_nor_fills_it(site_of, make_user):
    client, home = site_of(CITANGKIL)
    editor = Client(HTTP_HOST=client.defaults["HTTP_HOST"])
    editor.force_login(make_user("kota", Group.objects.get(name=CITY_ADMIN_GROUP)))
    # The editor's visit first: it must not leave a page for residents.
    response = editor.get("/")
    assert _cache_state(response) == "bypass"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert _cache_state(client.get("/")) == "miss"
    assert _cache_state(client.get("/")) == "hit"
    # A change that bypasses publishing (so nothing drops the cache): the editor sees it.
    Page.objects.filter(pk=home.pk).update(title="Kelurahan Citangkil (diubah)")
    assert "(diubah)" in editor.get("/").text
    assert _cache_state(editor.get("/")) == "bypass"


def test_each_language_has_its_own_cached_page(site_of):
    client, _home = site_of(CITANGKIL)
    indonesian = _warm(client)
    client.cookies["django_language"] = "en"
    english = client.get("/")
    assert _cache_state(english) == "miss"
    assert english.text != indonesian


def test_a_host_that_falls_back_to_the_portal_is_not_cached():
    client = Client(HTTP_HOST="tidak-dikenal.balai.test")
    assert client.get("/").status_code == 200
    assert _cache_state(client.get("/")) == "bypass"


def test_the_admin_and_posts_never_touch_the_cache(site_of):
    client, _home = site_of(CITANGKIL)
    assert "X-Balai-Cache" not in client.get("/admin/login/")
    assert _cache_state(client.post("/")) == "bypass"


def test_clearing_the_page_cache_drops_every_host(site_of):

    client, _home = site_of(CITANGKIL)
    portal = Client(HTTP_HOST="balai.test")
    _warm(client)
    _warm(portal)
    call_command("clear_page_cache", stdout=open("/dev/null", "w"))
    assert _cache_state(client.get("/")) == "miss"
    assert _cache_state(portal.get("/")) == "miss"


def test_making_a_page_private_hides_the_cached_copy(site_of):

    client, home = site_of(CITANGKIL)
    news = _news(home)
    path = _news_path(home, news)
    public = _warm(client, path)
    PageViewRestriction.objects.create(
        page=news, restriction_type=PageViewRestriction.PASSWORD, password="rahasia-kantor")
    response = client.get(path)
    assert _cache_state(response) != "hit"
    assert response.text != public
    # The password form carries a CSRF token and sets its cookie: it is never stored.
    assert response.cookies
    assert _cache_state(client.get(path)) == "bypass"


def test_replacing_a_document_shows_its_new_link_on_the_documents_page(site_of):

    client, home = site_of(CITANGKIL)
    site = region_site(CITANGKIL)
    documents(site, ("Laporan uji", "berkala", pdf(site, "Laporan uji")))
    item = PublicDocument.objects.filter(page__in=Page.objects.descendant_of(home)).get()
    path = "/" + item.page.url_path[len(home.url_path):]
    _warm(client, path)
    item.document.file.name = "documents/laporan-pengganti.pdf"
    item.document.save()
    assert "/laporan-pengganti.pdf" in client.get(path).text
