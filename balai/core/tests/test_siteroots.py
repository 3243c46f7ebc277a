"""A page's site is found without testing every site, with the same answer as Wagtail's."""

import pytest
from django.db import connection
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
