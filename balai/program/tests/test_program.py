"""An office's programme pages: the list (with status and Smart City dimensions) and each
programme render on their own host, an empty list says so, and the list needs the same
number of queries however many programmes there are."""

import pytest
from django.test import override_settings

from balai.conftest import WARNASARI
from balai.testing.builders import DRINGO, kelurahan_site, program
from balai.testing.pages import count_queries, layout_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    site = kelurahan_site(DRINGO)
    program(site, "Bank Sampah Melati", status="1_running",
            dimensions=["environment", "economy"],
            summary="Warga menabung sampah terpilah di balai RW.")
    return site


@pytest.mark.parametrize("path", ["/program/", "/program/bank-sampah-melati/"])
def test_program_pages_render_with_content_and_load_nothing_external(site, path):
    response = site.client.get(path)
    assert response.status_code == 200, path
    assert layout_problems(response.text, "kel-dringo.balai.test") == [], path
    assert "Bank Sampah Melati" in response.text


def test_program_list_shows_status_and_dimensions(site):
    html = site.client.get("/program/").text
    card = html.split('<span class="card-title">Bank Sampah Melati</span>')[1].split("</li>")[0]
    assert "Warga menabung sampah terpilah di balai RW." in card
    assert '<span class="badge">Sedang berjalan</span>' in card
    assert "Ekonomi cerdas" in card and "Lingkungan cerdas" in card


def test_program_index_renders_empty_with_a_message():
    response = kelurahan_site(WARNASARI).client.get("/program/")
    assert response.status_code == 200
    assert 'class="empty-state"' in response.text


@override_settings(BALAI_PAGE_CACHE_SECONDS=0)  # count the page's own queries
def test_program_index_queries_do_not_grow_with_the_programs(site):
    site.client.get("/program/")
    one = count_queries(site.client, "/program/")
    for number in range(4):
        program(site, f"Program RW {number}", status="2_planned",
                dimensions=["governance", "people"])
    site.client.get("/program/")
    assert count_queries(site.client, "/program/") == one
