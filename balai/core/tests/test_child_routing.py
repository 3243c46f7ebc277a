"""Routing to a child of the only page type allowed under a page (balai/core/models.py):
one query for the child, the same answers as Wagtail's routing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balai.berita.models import BeritaIndexPage, BeritaPage
from balai.profil.models import ProfilPage
from balai.testing.builders import kelurahan_site, news

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_site(settings):
    settings.BALAI_PAGE_CACHE_SECONDS = settings.BALAI_SITE_DATA_CACHE_SECONDS = 0
    site = kelurahan_site()
    for title in ("Rapat RT 01", "Rapat RT 02"):
        news(site, title)
    return site.client, site.section(BeritaIndexPage)


def test_a_news_item_is_found_with_one_query_for_itself(news_site, rf):
    _client, index = news_site
    news = BeritaPage.objects.child_of(index).live().first()
    with CaptureQueriesContext(connection) as queries:
        result = index.route(rf.get("/"), [news.slug])
    assert len(queries) == 1
    assert type(result.page) is BeritaPage
    assert result.page.pk == news.pk
    assert result.page.get_parent() is index  # known without asking the database


def test_other_types_missing_and_unpublished_children_route_as_in_wagtail(news_site):
    client, index = news_site
    # A page of another type, left under the index from before its rules (or by a script).
    stray = index.add_child(instance=ProfilPage(title="Catatan lama", slug="catatan-lama"))
    assert client.get("/berita/catatan-lama/").status_code == 200
    assert stray.title in client.get("/berita/catatan-lama/").text
    assert client.get("/berita/tidak-ada/").status_code == 404
    news = BeritaPage.objects.child_of(index).live().first()
    news.unpublish()
    assert client.get(f"/berita/{news.slug}/").status_code == 404
