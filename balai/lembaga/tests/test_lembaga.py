"""An office's organisation pages (LPM, PKK, Karang Taruna …): the list and each page with
its officers render on their own host, an empty list says so, and the list needs the same
number of queries however many organisations there are."""

import pytest
from django.test import override_settings

from balai.conftest import WARNASARI
from balai.testing.builders import DRINGO, kelurahan_site, lembaga
from balai.testing.pages import count_queries, layout_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    site = kelurahan_site(DRINGO)
    lembaga(site, "Karang Taruna Tunas Harapan", kind="karang_taruna",
            summary="Pemuda Dringo untuk olahraga dan kerja bakti.",
            officers=[("Ketua", "Rudi Hartono"), ("Sekretaris", "Dewi Lestari")])
    return site


@pytest.mark.parametrize("path", ["/lembaga/", "/lembaga/karang-taruna-tunas-harapan/"])
def test_lembaga_pages_render_with_content_and_load_nothing_external(site, path):
    response = site.client.get(path)
    assert response.status_code == 200, path
    assert layout_problems(response.text, "kel-dringo.balai.test") == [], path
    assert "Karang Taruna Tunas Harapan" in response.text


def test_a_lembaga_page_names_its_kind_and_officers(site):
    html = site.client.get("/lembaga/karang-taruna-tunas-harapan/").text
    assert '<p class="meta">Karang Taruna</p>' in html
    assert "<dt>Ketua</dt><dd>Rudi Hartono</dd>" in html
    assert "<dt>Sekretaris</dt><dd>Dewi Lestari</dd>" in html


def test_lembaga_index_renders_empty_with_a_message():
    response = kelurahan_site(WARNASARI).client.get("/lembaga/")
    assert response.status_code == 200
    assert 'class="empty-state"' in response.text


@override_settings(BALAI_PAGE_CACHE_SECONDS=0)  # count the page's own queries
def test_lembaga_index_queries_do_not_grow_with_the_organisations(site):
    site.client.get("/lembaga/")
    one = count_queries(site.client, "/lembaga/")
    for number in range(4):
        lembaga(site, f"Kelompok Tani {number}", kind="lainnya",
                officers=[("Ketua", f"Ketua {number}")])
    site.client.get("/lembaga/")
    assert count_queries(site.client, "/lembaga/") == one
