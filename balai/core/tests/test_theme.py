"""Every public page type, on a site with content and on an empty one: renders, loads
nothing from another host, carries canonical/Open Graph/JSON-LD metadata, and needs a
number of queries that does not grow with the content. The organisation, programme and
public-information pages have the same checks in their own apps' tests."""

import datetime
import json
import re

import pytest
from defusedxml import ElementTree as ET
from django.test import Client, override_settings
from django.utils import timezone

from balai.conftest import CITANGKIL, WARNASARI
from balai.profil.models import ProfilPage
from balai.testing.builders import (
    DRINGO,
    TestSite,
    days_from_now,
    event,
    image,
    kelurahan_site,
    kontak,
    lembaga,
    news,
    person,
    rt,
    rt_rw,
    rw,
    staff,
    update,
)
from balai.testing.pages import count_queries, layout_problems, resources

pytestmark = pytest.mark.django_db

# One URL per page type on a kelurahan site.
PAGE_TYPES = {
    "home": "/",
    "profil": "/profil/",
    "struktur": "/struktur-pegawai/",
    "layanan index": "/layanan/",
    "rtrw": "/rt-rw/",
    "berita index": "/berita/",
    "agenda index": "/agenda/",
    "kontak": "/kontak/",
    "search": "/cari/?q=posyandu",
}
DETAIL_PAGES = {
    "berita": "/berita/posyandu-mawar-bulan-ini/",
    "agenda": "/agenda/posyandu-mawar/",
}
HOURS = [(day, datetime.time(8), datetime.time(16)) for day in (1, 2, 3, 4, 5)]


def fill(site: TestSite, count: int) -> TestSite:
    """Give every section of ``site`` content: ``count`` items where a section lists several
    (news, events, RWs and their RTs, units, organisations)."""
    update(site.section(ProfilPage), intro="<p>Profil kelurahan.</p>", area_km2=2,
           population_total=9000, households=2500)
    staff(site, leader="Ibu Lurah Uji", leader_photo=image(site, "Foto lurah"),
          units=[(f"Seksi {number}", person(f"Kepala {number}"), [person(f"Staf {number}")])
                 for number in range(count)])
    rt_rw(site, *[rw(number, f"Ketua RW {number}", *[rt(r, f"Ketua RT {r}/{number}")
                                                     for r in range(1, count + 1)])
                  for number in range(1, count + 1)])
    for number in range(count):
        lembaga(site, f"Organisasi {number}", officers=[("Ketua", f"Ketua {number}")])
        news(site, "Posyandu Mawar bulan ini" if number == 0 else f"Kabar warga {number}",
             tags=["posyandu"], image=image(site, f"Foto kabar {number}"),
             date=timezone.localdate() - datetime.timedelta(days=number))
        event(site, "Posyandu Mawar" if number == 0 else f"Kegiatan {number}",
              start=days_from_now(3 + number), location="Balai warga RW 01")
    kontak(site, address="Jl. Uji Coba No. 5", phone="0254 123456", hours=HOURS)
    return site


@pytest.fixture
def full_site() -> TestSite:
    return fill(kelurahan_site(DRINGO), 3)


@pytest.mark.parametrize("path", [*PAGE_TYPES.values(), *DETAIL_PAGES.values()])
def test_every_page_type_renders_with_content_and_loads_nothing_external(full_site, path):
    response = full_site.client.get(path)
    assert response.status_code == 200, path
    assert layout_problems(response.text, "kel-dringo.balai.test") == [], path


def test_resource_scan_sees_stylesheets_and_responsive_images(full_site):
    found = resources(full_site.client.get(DETAIL_PAGES["berita"]).text)
    assert "/static/balai/balai.css" in found
    assert any(url.endswith(".webp") for url in found)
    assert any(url.startswith("/media/images/") and url.endswith(".jpg") for url in found)


@pytest.mark.parametrize("path", PAGE_TYPES.values())
def test_every_page_type_renders_empty_with_a_message(site_of, path):
    client, _home = site_of(WARNASARI)
    response = client.get(path)
    assert response.status_code == 200, path
    if path not in ("/", "/cari/?q=posyandu", "/layanan/"):
        assert 'class="empty-state"' in response.text, path


def test_canonical_and_open_graph_point_at_the_site_host_even_by_path(full_site):
    html = Client(HTTP_HOST="balai.test").get(
        "/citangkil/dringo" + DETAIL_PAGES["berita"]).text
    canonical = "http://kel-dringo.balai.test" + DETAIL_PAGES["berita"]
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


def test_json_ld_describes_the_office_news_and_events(full_site):
    client = full_site.client
    office = _json_ld(client.get("/").text)
    assert office["@type"] == "GovernmentOrganization"
    assert office["name"] == "Kantor Kelurahan Dringo"
    assert office["areaServed"]["identifier"] == DRINGO
    assert office["address"]["postalCode"] == "42444"
    assert office["parentOrganization"]["url"] == "http://kec-citangkil.balai.test/"
    assert office["openingHoursSpecification"][0] == {
        "@type": "OpeningHoursSpecification", "dayOfWeek": "https://schema.org/Monday",
        "opens": "08:00", "closes": "16:00"}
    article = _json_ld(client.get(DETAIL_PAGES["berita"]).text)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Posyandu Mawar bulan ini"
    assert article["image"][0].startswith("http://kel-dringo.balai.test/media/")
    event = _json_ld(client.get(DETAIL_PAGES["agenda"]).text)
    assert event["@type"] == "Event" and event["location"]["name"] == "Balai warga RW 01"


def test_json_ld_cannot_be_broken_out_of(site_of):
    client, home = site_of(CITANGKIL)
    home.title = "</script><script>alert(1)</script>"
    home.save()
    html = client.get("/").text
    assert "<script>alert(1)" not in html
    assert _json_ld(html)["name"] == "Kantor </script><script>alert(1)</script>"


def test_sitemap_lists_only_the_sites_own_pages(full_site):
    root = ET.fromstring(full_site.client.get("/sitemap.xml").content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [node.text for node in root.findall("s:url/s:loc", namespace)]
    assert "http://kel-dringo.balai.test/" in locations
    assert "http://kel-dringo.balai.test" + DETAIL_PAGES["berita"] in locations
    assert all(url.startswith("http://kel-dringo.balai.test/") for url in locations)
    kecamatan = Client(HTTP_HOST="kec-citangkil.balai.test").get("/sitemap.xml").text
    assert "kel-dringo" not in kecamatan and "/dringo/" not in kecamatan


def test_robots_txt_points_to_the_sitemap(site_of):
    client, _home = site_of(CITANGKIL)
    body = client.get("/robots.txt").text
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://kel-citangkil.balai.test/sitemap.xml" in body


def test_language_switch_works_with_a_plain_link(full_site):
    client = full_site.client
    response = client.get("/bahasa/en/?next=/profil/")
    assert response.status_code == 302 and response["Location"] == "/profil/"
    assert "Area and population" in client.get("/profil/").text
    assert client.get("/bahasa/en/?next=https://evil.example/")["Location"] == "/"
    client.get("/bahasa/id/?next=/")
    assert "Luas wilayah dan penduduk" in client.get("/profil/").text


@override_settings(BALAI_PAGE_CACHE_SECONDS=0)  # count the pages' own queries
def test_queries_per_page_type_do_not_grow_with_the_content():
    """One site with one item in every section, another with four: the same page types
    must need the same number of queries on both."""
    little, more = fill(kelurahan_site(WARNASARI), 1), fill(kelurahan_site(DRINGO), 4)
    for path in ["/", "/profil/", "/struktur-pegawai/", "/rt-rw/", "/berita/", "/agenda/",
                 "/kontak/"]:
        little.client.get(path)  # renditions are made on first view, then reused
        more.client.get(path)
        assert count_queries(more.client, path) == count_queries(little.client, path), path
