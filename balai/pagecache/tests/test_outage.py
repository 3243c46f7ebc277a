"""A database outage: anonymous visitors get the last copy of a page or an Indonesian 503
with Retry-After, editors are told their change is not saved, nothing answers 500, and
everything is normal again as soon as the database answers."""

import contextlib
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from balai.berita.models import BeritaIndexPage, BeritaPage
from balai.conftest import CITANGKIL, KEBONSARI, host_of
from balai.pagecache.versions import GENERATION, page_cache
from balai.provisioning.models import RegionSite
from balai.testing.builders import publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_stale_copies_from_other_tests():
    # Stale copies outlive the generation token the shared fixture replaces.
    page_cache().clear()


@contextlib.contextmanager
def database_down(error=OperationalError):
    """Every attempt to use the database fails the way a stopped server makes it fail:
    when the connection is made or reused (Django checks it before each cursor)."""
    refused = error('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
    with mock.patch.object(connection, "ensure_connection", side_effect=refused):
        yield


def _client(kode: str, **extra) -> tuple[Client, object]:

    record = RegionSite.objects.select_related("site", "home_page").get(region__kode=kode)
    # A 500 must show up as a response here, not as an exception raised into the test.
    client = Client(HTTP_HOST=host_of(record.site), raise_request_exception=False, **extra)
    return client, record.home_page.specific


def _add_news(home) -> BeritaPage:
    """A news item of the test's own, published on the site of ``home``."""
    return publish(BeritaIndexPage.objects.child_of(home).get(), BeritaPage,
                   title="Kabar saat gangguan", summary="Ringkasan kabar uji.",
                   body="<p>Isi kabar uji.</p>")


def _news_path(home, news: BeritaPage | None = None) -> str:
    """The address of ``news`` (a new one of the test's own if none) on its site's host."""
    news = news or _add_news(home)
    return news.url_path[len(home.url_path) - 1:]


def _expire_fresh_copies():
    """As if BALAI_PAGE_CACHE_SECONDS had passed: the fresh entries are gone."""
    page_cache().delete(GENERATION)


def _assert_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"


def test_a_page_rendered_before_the_outage_is_served_stale():
    client, _home = _client(CITANGKIL)
    before = client.get("/")
    assert before.status_code == 200 and before["X-Balai-Cache"] == "miss"
    _expire_fresh_copies()
    with database_down():
        during = client.get("/")
    assert during.status_code == 200
    assert during["X-Balai-Cache"] == "stale"
    assert during["Cache-Control"] == "public, max-age=5"
    assert during.content == before.content


def test_a_fresh_copy_needs_no_database_at_all():
    client, _home = _client(CITANGKIL)
    client.get("/")
    with database_down():
        response = client.get("/")
    assert response.status_code == 200 and response["X-Balai-Cache"] == "hit"


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_never_rendered_gives_the_indonesian_503(error):
    client, home = _client(CITANGKIL)
    path = _news_path(home)
    with database_down(error):
        response = client.get(path)
    _assert_unavailable(response)
    html = response.content.decode()
    assert "<h1>Sementara tidak tersedia</h1>" in html and 'lang="id"' in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_the_stale_copy_of_one_site_is_not_served_on_another():
    client, _home = _client(CITANGKIL)
    other, _other_home = _client(KEBONSARI)
    client.get("/")
    with database_down():
        _assert_unavailable(other.get("/"))


def test_an_editor_is_told_the_change_is_not_saved(make_user):

    client, home = _client(CITANGKIL)
    client.force_login(make_user("operator", RegionSite.objects.get(
        region__kode=CITANGKIL).operator_group))
    with database_down():
        page = client.get(f"/admin/pages/{home.pk}/edit/")
        saved = client.post(f"/admin/pages/{home.pk}/edit/", {"title": "Baru"})
        autosaved = client.post(f"/admin/pages/{home.pk}/edit/", {"title": "Baru"},
                                HTTP_ACCEPT="application/json")
        # A resident's page with a session cookie is never served from a stale copy.
        public = client.get("/")
    for response in (page, saved, public):
        _assert_unavailable(response)
    assert "perubahan Anda belum tersimpan" in page.content.decode()
    assert "Jangan tutup halaman ini" in saved.content.decode()
    _assert_unavailable(autosaved)
    assert autosaved.json()["error_code"] == "database_unavailable"
    assert "belum tersimpan" in autosaved.json()["error_message"]


def test_nothing_answers_500_during_the_outage():
    client, home = _client(CITANGKIL)
    paths = ["/", "/layanan/", _news_path(home), "/berita/", "/tidak-ada/", "/api/v1/",
             "/admin/", "/admin/login/", "/sitemap.xml", "/healthz"]
    client.get("/layanan/")
    _expire_fresh_copies()
    with database_down():
        responses = {path: client.get(path) for path in paths}
        responses["POST /admin/login/"] = client.post(
            "/admin/login/", {"username": "a", "password": "b"})
    # The admin sends an anonymous visitor to its login page without asking the database.
    assert responses.pop("/admin/")["Location"] == "/admin/login/?next=/admin/"
    for path, response in responses.items():
        assert response.status_code in (200, 503), path
        if response.status_code == 200:
            assert response["X-Balai-Cache"] == "stale", path
    assert responses["/layanan/"].status_code == 200
    assert responses["/healthz"].status_code == 503
    assert responses["/healthz"].json()["database"] == "unavailable"


def test_everything_is_normal_once_the_database_answers_again():
    client, home = _client(CITANGKIL)
    path = _news_path(home)
    client.get("/")
    _expire_fresh_copies()
    with database_down():
        assert client.get("/")["X-Balai-Cache"] == "stale"
        _assert_unavailable(client.get(path))
    after = client.get("/")
    assert after.status_code == 200 and after["X-Balai-Cache"] == "miss"
    news = client.get(path)
    assert news.status_code == 200 and "Retry-After" not in news
    assert client.get("/healthz").json()["database"] == "ok"


@pytest.mark.parametrize("take_down", ["unpublish", "delete"])
def test_a_page_taken_down_does_not_come_back_during_an_outage(take_down):
    client, home = _client(CITANGKIL)
    news = _add_news(home)
    path = _news_path(home, news)
    assert client.get(path).status_code == 200
    getattr(news, take_down)()
    with database_down():
        _assert_unavailable(client.get(path))
