"""A page's site is found without testing every site, with the same answer as Wagtail's."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from balai.conftest import CITANGKIL
from balai.core import siteroots

pytestmark = pytest.mark.django_db


def wagtails_answer(page):
    return tuple(root for root in Site.get_site_root_paths()
                 if page.url_path.startswith(root.root_path))


def test_same_sites_as_wagtail_for_every_page():
    pages = list(Page.objects.filter(depth__gt=1))
    assert len(pages) > 500
    for page in pages:
        assert siteroots.relevant_site_root_paths(page.url_path) == wagtails_answer(page)


def test_a_new_site_is_seen_at_once(site_of):
    _client, home = site_of(CITANGKIL)
    news = home.get_children().get(slug="berita").specific
    before = news.get_url_parts()
    Site.objects.create(hostname="berita-citangkil.balai.test", port=80, root_page=news)
    assert news.get_url_parts() != before
    assert news.get_url_parts()[1] == "http://berita-citangkil.balai.test"


def test_the_index_is_used_not_rebuilt(site_of, django_assert_max_num_queries):
    client, home = site_of(CITANGKIL)
    client.get("/")  # warm
    pages = list(home.get_descendants().specific()[:40])
    with CaptureQueriesContext(connection) as queries:
        for page in pages:
            page.get_url_parts()
    assert not [q for q in queries.captured_queries if "wagtailcore_site" in q["sql"]]


def test_the_default_site_has_an_index():
    with connection.cursor() as cursor:
        names = set(connection.introspection.get_constraints(cursor, "wagtailcore_site"))
    assert "balai_site_default_idx" in names


def _site_queries(client, path: str = "/profil/") -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len([q for q in queries.captured_queries if '"wagtailcore_site"' in q["sql"]])


def test_the_site_of_a_host_is_looked_up_once(site_of, settings):
    settings.BALAI_PAGE_CACHE_SECONDS = 0
    client, _home = site_of(CITANGKIL)
    client.get("/")
    assert _site_queries(client) == 0
    assert _site_queries(client, "/layanan/") == 0


def test_a_changed_site_is_followed_at_the_next_request(site_of, settings):
    settings.BALAI_PAGE_CACHE_SECONDS = 0
    client, home = site_of(CITANGKIL)
    client.get("/")
    site = Site.objects.get(root_page=home)
    site.root_page = home.get_children().get(slug="berita")
    site.save()
    response = client.get("/")
    assert response.status_code == 200
    assert "<h1>Berita</h1>" in response.text
    home.title = "Kelurahan Citangkil Sejahtera"
    home.save_revision().publish()
    site.root_page = home
    site.save()
    assert "Kelurahan Citangkil Sejahtera" in client.get("/").text


def test_an_unknown_host_is_not_remembered(settings):
    settings.BALAI_PAGE_CACHE_SECONDS = 0
    for hostname in ["balai.test", "tidak-ada-1.balai.test", "tidak-ada-2.balai.test"]:
        assert Client(HTTP_HOST=hostname).get("/").status_code == 200
    # Each unknown name falls back to the portal, but only the portal's own name is kept.
    assert [hostname for hostname, _port in siteroots._current().sites] == ["balai.test"]
