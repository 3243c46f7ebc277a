"""An office's public-information page (PPID): the documents grouped by category render on
their own host, an empty page says so, and the page needs the same number of queries however
many documents it lists."""

import pytest
from django.test import override_settings

from balai.conftest import WARNASARI
from balai.testing.builders import DRINGO, documents, kelurahan_site, pdf
from balai.testing.pages import count_queries, layout_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    site = kelurahan_site(DRINGO)
    documents(site, ("Laporan Keuangan 2025", "berkala", pdf(site, "Laporan Keuangan 2025")))
    return site


def test_dokumen_page_renders_with_content_and_loads_nothing_external(site):
    response = site.client.get("/dokumen/")
    assert response.status_code == 200
    assert layout_problems(response.text, "kel-dringo.balai.test") == []
    item = response.text.split('<ul class="doc-list">')[1].split("</ul>")[0]
    assert ">Laporan Keuangan 2025</a>" in item and "(PDF, " in item


def test_dokumen_page_renders_empty_with_a_message():
    response = kelurahan_site(WARNASARI).client.get("/dokumen/")
    assert response.status_code == 200
    assert 'class="empty-state"' in response.text


@override_settings(BALAI_PAGE_CACHE_SECONDS=0)  # count the page's own queries
def test_dokumen_page_queries_do_not_grow_with_the_documents(site):
    site.client.get("/dokumen/")
    one = count_queries(site.client, "/dokumen/")
    documents(site, *[(f"Pengumuman {number}", category, pdf(site, f"Pengumuman {number}"))
                      for number, category in enumerate(
                          ["berkala", "serta_merta", "setiap_saat", "berkala"])])
    site.client.get("/dokumen/")
    assert count_queries(site.client, "/dokumen/") == one
