"""Every public page type, on a site with demo content and on an empty one: renders,
loads nothing from another host, carries canonical/Open Graph/JSON-LD metadata, and
needs a number of queries that does not grow with the content."""

import json
import re
from urllib.parse import urlsplit

import pytest
from defusedxml import ElementTree as ET
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from balai.conftest import CITANGKIL, KEBONSARI, WARNASARI

pytestmark = pytest.mark.django_db

# One URL per page type on a kelurahan site (the demo fills Citangkil).
PAGE_TYPES = {
    "home": "/",
    "profil": "/profil/",
    "struktur": "/struktur-pegawai/",
    "lembaga index": "/lembaga/",
    "layanan index": "/layanan/",
    "rtrw": "/rt-rw/",
    "program index": "/program/",
    "berita index": "/berita/",
    "agenda index": "/agenda/",
    "dokumen": "/dokumen/",
    "kontak": "/kontak/",
    "search": "/cari/?q=posyandu",
}
DETAIL_PAGES = {
    "lembaga": "/lembaga/karang-taruna/",
    "program": "/program/bank-sampah-kelurahan-contoh/",
    "berita": "/berita/kerja-bakti-membersihkan-saluran-air-contoh/",
    "agenda": "/agenda/posyandu-balita-contoh/",
}
RESOURCE = re.compile(r'<(?:script|img|source|link|iframe)\b[^>]*?\s(?:src|srcset|href)="([^"]*)"')


def _resources(html: str) -> list[str]:
    urls = []
    for value in RESOURCE.findall(html):
        urls += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    return urls


@pytest.mark.parametrize("path", [*PAGE_TYPES.values(), *DETAIL_PAGES.values()])
def test_every_page_type_renders_with_content_and_loads_nothing_external(site_of, path):
    client, _home = site_of(CITANGKIL)
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.text
    assert '<html lang="id">' in html and "<main id=\"isi\"" in html
    for url in _resources(html):
        host = urlsplit(url).netloc
        assert host in ("", "kel-citangkil.balai.test"), f"{path} loads {url}"
    assert "<script" not in html.replace('<script type="application/ld+json">', "")


def test_resource_scan_sees_stylesheets_and_responsive_images(site_of):
    client, _home = site_of(CITANGKIL)
    resources = _resources(client.get(DETAIL_PAGES["berita"]).text)
    assert "/static/balai/balai.css" in resources
    assert any(url.endswith(".webp") for url in resources)
    assert any(url.startswith("/media/images/") and url.endswith(".jpg") for url in resources)


@pytest.mark.parametrize("path", PAGE_TYPES.values())
def test_every_page_type_renders_empty_with_a_message(site_of, path):
    client, _home = site_of(WARNASARI)
    response = client.get(path)
    assert response.status_code == 200, path
    if path not in ("/", "/cari/?q=posyandu", "/layanan/"):
        assert 'class="empty-state"' in response.text, path


def test_canonical_and_open_graph_point_at_the_site_host_even_by_path():
    html = Client(HTTP_HOST="balai.test").get(
        "/citangkil/citangkil" + DETAIL_PAGES["berita"]).text
    canonical = "http://kel-citangkil.balai.test" + DETAIL_PAGES["berita"]
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:type" content="article">' in html
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image.startswith("http://balai.test/media/images/") and image.endswith(".jpg")


@pytest.mark.parametrize(("host", "path", "canonical"), [
    ("kel-citangkil.balai.test", "/cari/?q=ktp", "http://kel-citangkil.balai.test/cari/"),
    ("balai.test", "/cari-kelurahan/?q=grogol", "http://balai.test/cari-kelurahan/"),
    ("balai.test", "/status/", "http://balai.test/status/"),
    ("balai.test", "/", "http://balai.test/"),
])
def test_a_route_of_a_home_page_is_its_own_canonical_address(host, path, canonical):
    # Not the home page's: search engines would take /status/ for a copy of the portal.
    html = Client(HTTP_HOST=host).get(path).text
    assert f'<link rel="canonical" href="{canonical}">' in html


def _json_ld(html: str) -> dict:
    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    return json.loads(payload)


def test_json_ld_describes_the_office_news_and_events(site_of):
    client, _home = site_of(CITANGKIL)
    office = _json_ld(client.get("/").text)
    assert office["@type"] == "GovernmentOrganization"
    assert office["name"] == "Kantor Kelurahan Citangkil"
    assert office["areaServed"]["identifier"] == CITANGKIL
    assert office["address"]["postalCode"] == "42441"
    assert office["parentOrganization"]["url"] == "http://kec-citangkil.balai.test/"
    assert office["openingHoursSpecification"][0] == {
        "@type": "OpeningHoursSpecification", "dayOfWeek": "https://schema.org/Monday",
        "opens": "08:00", "closes": "16:00"}
    article = _json_ld(client.get(DETAIL_PAGES["berita"]).text)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Kerja bakti membersihkan saluran air (contoh)"
    assert article["image"][0].startswith("http://kel-citangkil.balai.test/media/")
    event = _json_ld(client.get(DETAIL_PAGES["agenda"]).text)
    assert event["@type"] == "Event" and event["location"]["name"] == "Posyandu RW 01"


def test_json_ld_cannot_be_broken_out_of(site_of):
    client, home = site_of(CITANGKIL)
    home.title = "</script><script>alert(1)</script>"
    home.save()
    html = client.get("/").text
    assert "<script>alert(1)" not in html
    assert _json_ld(html)["name"] == "Kantor </script><script>alert(1)</script>"


def test_sitemap_lists_only_the_sites_own_pages(site_of):
    client, _home = site_of(CITANGKIL)
    root = ET.fromstring(client.get("/sitemap.xml").content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [node.text for node in root.findall("s:url/s:loc", namespace)]
    assert "http://kel-citangkil.balai.test/" in locations
    assert "http://kel-citangkil.balai.test" + DETAIL_PAGES["berita"] in locations
    assert all(url.startswith("http://kel-citangkil.balai.test/") for url in locations)
    kecamatan = Client(HTTP_HOST="kec-citangkil.balai.test").get("/sitemap.xml").text
    assert "kel-citangkil" not in kecamatan and "/citangkil/" not in kecamatan


def test_robots_txt_points_to_the_sitemap(site_of):
    client, _home = site_of(CITANGKIL)
    body = client.get("/robots.txt").text
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://kel-citangkil.balai.test/sitemap.xml" in body


def test_language_switch_works_with_a_plain_link(site_of):
    client, _home = site_of(CITANGKIL)
    response = client.get("/bahasa/en/?next=/profil/")
    assert response.status_code == 302 and response["Location"] == "/profil/"
    assert "Area and population" in client.get("/profil/").text
    assert client.get("/bahasa/en/?next=https://evil.example/")["Location"] == "/"
    client.get("/bahasa/id/?next=/")
    assert "Luas wilayah dan penduduk" in client.get("/profil/").text


def _count_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_queries_per_page_type_do_not_grow_with_the_content(site_of):
    """Kebonsari has a little demo content, Citangkil more (12 news, more RTs): the same
    page types must need the same number of queries on both."""
    citangkil, _ = site_of(CITANGKIL)
    kebonsari, _ = site_of(KEBONSARI)
    for path in ["/", "/profil/", "/struktur-pegawai/", "/rt-rw/", "/berita/", "/agenda/",
                 "/program/", "/lembaga/", "/dokumen/", "/kontak/"]:
        citangkil.get(path)  # renditions are made on first view, then reused
        kebonsari.get(path)
        assert _count_queries(citangkil, path) == _count_queries(kebonsari, path), path

