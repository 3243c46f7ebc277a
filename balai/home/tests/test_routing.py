import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from balai.home.models import KelurahanPage, PortalPage
from balai.provisioning.models import RegionSite
from balai.provisioning.services import site_provision
from balai.testing.builders import DRINGO, kelurahan_site, kontak
from balai.wilayah.models import Region

pytestmark = pytest.mark.django_db


def _h1(html: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", html).group(1)


def test_every_site_answers_by_hostname_and_by_path(site_client):
    portal = PortalPage.objects.get()
    client = Client(HTTP_HOST="balai.test")
    records = RegionSite.objects.select_related("site", "home_page", "region")
    assert records.count() == 52
    for record in records:
        by_host = site_client(record.site).get("/")
        assert by_host.status_code == 200, record.site.hostname
        assert _h1(by_host.text) == record.region.full_name
        path = "/" + record.home_page.url_path[len(portal.url_path):]
        by_path = client.get(path)
        assert by_path.status_code == 200, path
        assert _h1(by_path.text) == record.region.full_name


def test_portal_lists_8_kecamatan_with_their_kelurahan():
    response = Client(HTTP_HOST="balai.test").get("/")
    html = response.text
    assert response["Content-Language"] == "id"
    assert '<html lang="id">' in html
    assert "Kecamatan dan kelurahan" in html
    directory = html.split('<ul class="directory">')[1]
    assert len(re.findall(r'<h3><a href="/[a-z-]+/">Kecamatan ', directory)) == 8
    assert '<a href="/citangkil/">Kecamatan Citangkil</a>' in html
    assert '<a href="/citangkil/citangkil/">Kelurahan Citangkil</a>' in html
    assert len(re.findall(r'href="/[a-z-]+/[a-z-]+/">Kelurahan ', html)) == 43


def test_kecamatan_home_lists_only_its_own_kelurahan(site_client):
    record = RegionSite.objects.select_related("site").get(region__kode="36.72.08")
    html = site_client(record.site).get("/").text
    assert "7 kelurahan di Kecamatan Citangkil" in html
    names = re.findall(r'<li><a href="/[a-z-]+/">Kelurahan ([A-Za-z ]+)</a></li>', html)
    assert names == ["Warnasari", "Dringo", "Lebak Denok", "Taman Baru", "Kebonsari",
                     "Samangraya", "Citangkil"]


def test_kelurahan_home_in_indonesian_with_header_menu_and_footer():
    site = kelurahan_site()
    kontak(site, address="Jl. Raya Warnasari No. 7",
           hours=[*[(day, datetime.time(8), datetime.time(16)) for day in (1, 2, 3, 4)],
                  (5, datetime.time(8), datetime.time(16, 30))])
    html = site.client.get("/").text
    assert "Situs resmi kantor kelurahan di Kecamatan Citangkil, Kota Cilegon." in html
    assert ('<a href="http://kec-citangkil.balai.test/">Kecamatan Citangkil</a> · '
            '<a href="http://balai.test/">Kota Cilegon</a>') in html
    for label, slug in [("Profil", "profil"), ("Layanan", "layanan"), ("RT/RW", "rt-rw"),
                        ("Struktur Pegawai", "struktur-pegawai"),
                        ("Berita", "berita"), ("Kontak", "kontak")]:
        assert f'<a href="/{slug}/">{label}</a>' in html
    assert "Jl. Raya Warnasari No. 7<br>42443" in html
    assert ('Buka: <span class="nowrap">Senin–Kamis 08.00–16.00</span>; '
            '<span class="nowrap">Jumat 08.00–16.30</span>') in html
    assert "Pengaduan: SP4N-LAPOR!" in html
    assert "Kode pos 42444" in kelurahan_site(DRINGO).client.get("/").text


def test_english_is_selectable(site_client):
    record = RegionSite.objects.select_related("site").get(region__kode="36.72.08.1007")
    html = site_client(record.site).get("/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "Official website of the kelurahan office in Kecamatan Citangkil" in html


def test_section_page_shows_an_empty_state_and_a_breadcrumb(site_client):
    record = RegionSite.objects.select_related("site").get(region__kode="36.72.08.1001")
    response = site_client(record.site).get("/rt-rw/")
    assert response.status_code == 200
    assert "Ketua RW dan RT belum dicantumkan." in response.text
    assert '<li><a href="/">Beranda</a></li><li aria-current="page">RT/RW</li>' in response.text


def test_a_page_of_another_site_is_not_served_under_this_host(site_client):
    record = RegionSite.objects.select_related("site").get(region__kode="36.72.08.1007")
    # Kebonsari's pages are not part of Citangkil's tree.
    assert site_client(record.site).get("/kebonsari/").status_code == 404
    assert site_client(record.site).get("/citangkil/citangkil/").status_code == 404


def test_unknown_host_is_refused():
    assert Client(HTTP_HOST="evil.example").get("/").status_code == 400


def test_editor_text_is_escaped_in_titles(site_client):
    record = RegionSite.objects.select_related("site").get(region__kode="36.72.08.1007")
    home = KelurahanPage.objects.get(pk=record.home_page_id)
    home.title = '<script>alert("x")</script>'
    home.save()
    html = site_client(record.site).get("/").text
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def _query_counts(urls: list[str]) -> list[int]:
    """Queries per render, once the process knows the current sites (after a change of
    sites, the first request reads their list once: balai/core/siteroots.py)."""
    client = Client(HTTP_HOST="balai.test")
    client.get(urls[0])
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts.append(len(queries))
    return counts


def test_render_queries_do_not_grow_with_the_number_of_sites(settings):
    # Every request renders everything: full renders are measured.
    settings.BALAI_PAGE_CACHE_SECONDS = settings.BALAI_SITE_DATA_CACHE_SECONDS = 0
    urls = ["/", "/citangkil/", "/citangkil/citangkil/", "/citangkil/citangkil/profil/"]
    # Once first, as any earlier test would: the per-process caches every request shares
    # (content types, the index of site roots) are then warm, whichever test runs first.
    _query_counts(urls)
    before = _query_counts(urls)
    kecamatan = Region.objects.get(kode="36.72.08")
    for number in range(1, 6):
        region = Region.objects.create(
            kode=f"36.72.08.20{number:02d}", name=f"Baru {number}", level="kelurahan",
            parent=kecamatan, parent_kode=kecamatan.kode)
        site_provision(region=region)
    assert "Kelurahan Baru 5" in Client(HTTP_HOST="balai.test").get("/citangkil/").text
    assert _query_counts(urls) == before
    assert max(before) <= 24
