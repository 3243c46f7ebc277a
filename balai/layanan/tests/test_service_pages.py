"""What residents see: the service page, the services index and its search, the site search,
the printable checklist, the QR poster and the GovernmentService data."""

import datetime
import io
import json
import re

import pytest
import zxingcpp
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image

from balai.conftest import CITANGKIL, WARNASARI
from balai.layanan.models import LayananPage
from balai.testing.builders import DRINGO, TestSite, kelurahan_site, kontak, service

pytestmark = pytest.mark.django_db

SKTM = "/layanan/surat-keterangan-tidak-mampu/"
HOURS = [*[(day, datetime.time(8), datetime.time(16)) for day in (1, 2, 3, 4)],
         (5, datetime.time(8), datetime.time(16, 30))]


@pytest.fixture
def site() -> TestSite:
    """Warnasari with office hours and its own officer and note on the SKTM service."""
    site = kelurahan_site()
    kontak(site, address="Jl. Raya Warnasari No. 7", hours=HOURS)
    service(site, "surat-keterangan-tidak-mampu", officer="Kasi Kesos Ibu Ratna",
            local_notes="<p>Untuk berobat, bawa juga kartu BPJS Kesehatan.</p>")
    return site


def _index_results(html: str) -> list[str]:
    return re.findall(r'<li><a href="/layanan/([^/"]+)/">', html)


def test_service_page_follows_the_resident_pattern(site):
    html = site.client.get(SKTM).text
    order = [html.index(marker) for marker in [
        "<h1>Surat Keterangan Tidak Mampu (SKTM)</h1>", "Teks contoh.",
        'class="facts summary-box"', "Siapa yang bisa mengajukan", 'id="yang-perlu-dibawa"',
        "Catatan dari Kantor Kelurahan", "Langkah-langkah", "Yang Anda terima",
        "Jika ada keluhan", "Cetak daftar yang perlu dibawa"]]
    assert order == sorted(order)
    assert "<dd><strong>Gratis</strong>" in html
    assert "Kasi Kesos Ibu Ratna" in html  # the local officer
    assert "Senin–Kamis 08.00–16.00; Jumat 08.00–16.30" in html  # office hours, summarised
    # Every requirement is a checklist item; conditional ones say when they apply.
    checklist = html.split('id="yang-perlu-dibawa"')[1].split("Catatan dari Kantor")[0]
    assert checklist.count('class="checkbox"') == 5
    assert "Hanya bila berlaku bagi Anda" in checklist
    assert "Hanya jika untuk sekolah atau berobat" in checklist
    assert "<strong>Surat pengantar RT dan RW</strong> <span class=\"req-form\">(asli)" in checklist
    assert html.count('<ol class="steps">') == 1
    assert ('href="https://wa.me/?text=Surat%20Keterangan%20Tidak%20Mampu%20%28SKTM%29%20'
            'http%3A%2F%2Fkel-warnasari.balai.test%2Flayanan%2F') in html
    assert f'href="{SKTM}cetak/"' in html and f'href="{SKTM}poster/"' in html


def test_the_same_service_elsewhere_has_the_city_text_without_another_offices_notes(site):
    html = kelurahan_site(DRINGO).client.get(SKTM).text
    assert "Surat pengantar RT dan RW" in html
    assert "Catatan dari Kantor" not in html and "BPJS" not in html


def test_a_service_the_office_does_not_give_says_so_instead_of_a_checklist():
    site = kelurahan_site(DRINGO)
    service(site, "surat-keterangan-riwayat-tanah", offered=False,
            local_notes="<p>Sementara dilayani di Kantor Kecamatan Citangkil.</p>")
    client = site.client
    html = client.get("/layanan/surat-keterangan-riwayat-tanah/").text
    assert "Kelurahan Dringo tidak memberikan layanan ini." in html
    assert "Sementara dilayani di Kantor Kecamatan Citangkil" in html
    assert 'class="checkbox"' not in html
    index = client.get("/layanan/").text
    assert "Tidak dilayani di kantor ini" in index
    assert index.index("Tidak dilayani di kantor ini") < index.index(
        "surat-keterangan-riwayat-tanah")


@pytest.mark.parametrize(("words", "expected"), [
    ("sktm", ["surat-keterangan-tidak-mampu"]),
    ("SKTM", ["surat-keterangan-tidak-mampu"]),
    ("KTP hilang", ["surat-pengantar-ktp-el"]),
    ("domisili", ["surat-keterangan-domisili"]),
    ("skck", ["surat-pengantar-skck"]),
    ("akte", ["surat-keterangan-kelahiran", "surat-keterangan-kematian"]),
])
def test_services_index_finds_services_by_the_words_residents_use(site_of, words, expected):
    client, _home = site_of(CITANGKIL)
    html = client.get("/layanan/", {"q": words}).text
    assert sorted(_index_results(html)) == sorted(expected)
    assert f"{len(expected)} layanan ditemukan." in html


def test_search_results_put_the_best_match_first(site_of):
    client, _home = site_of(CITANGKIL)
    html = client.get("/layanan/", {"q": "nikah"}).text
    results = _index_results(html)
    assert results[0] == "surat-pengantar-nikah"
    # 'menikah' and a wedding party ('pesta pernikahan') are what a resident may also need.
    assert set(results[1:]) == {"surat-keterangan-belum-menikah",
                                "surat-pengantar-izin-keramaian"}
    assert 'id="kategori-' not in html


def test_services_index_groups_by_category_and_filters_by_one(site_of):
    client, _home = site_of(CITANGKIL)
    html = client.get("/layanan/").text
    assert len(_index_results(html)) == 17
    headings = re.findall(r'<h2 id="kategori-([a-z]+)">', html)
    assert headings == ["kependudukan", "pernikahan", "sosial", "usaha", "pertanahan",
                        "ketertiban"]
    usaha = client.get("/layanan/", {"kategori": "usaha"}).text
    assert _index_results(usaha) == ["surat-keterangan-usaha"]
    nothing = client.get("/layanan/", {"q": "paspor"}).text
    assert _index_results(nothing) == [] and "Tidak ada layanan yang cocok" in nothing


def test_kecamatan_services_index_lists_its_own_services_and_points_to_kelurahan(site_client):

    html = Client(HTTP_HOST="kec-citangkil.balai.test").get("/layanan/").text
    assert sorted(_index_results(html)) == ["surat-keterangan-ahli-waris",
                                            "surat-pengantar-izin-keramaian"]
    assert "Sebagian besar surat untuk warga diberikan oleh kelurahan" in html


def test_site_search_puts_matching_services_first(site_of):
    client, _home = site_of(CITANGKIL)
    html = client.get("/cari/", {"q": "SKTM"}).text
    listing = html.split('<ol class="item-list">')[1].split("</ol>")[0]
    results = re.findall(r'<li><a href="([^"]+)">', listing)
    assert results[0] == SKTM


def test_index_and_service_page_queries_do_not_grow_with_the_catalogue(site_of, settings):
    settings.BALAI_PAGE_CACHE_SECONDS = 0  # every request renders: renders are measured
    client, _home = site_of(CITANGKIL)
    client.get("/layanan/")  # the first request after a change of sites reads their list
    with CaptureQueriesContext(connection) as index_queries:
        client.get("/layanan/")
    with CaptureQueriesContext(connection) as filtered_queries:
        client.get("/layanan/", {"q": "surat"})
    assert len(index_queries) == len(filtered_queries) <= 20
    with CaptureQueriesContext(connection) as page_queries:
        client.get(SKTM)
    with CaptureQueriesContext(connection) as other_queries:
        client.get("/layanan/surat-pengantar-nikah/")  # 8 requirements instead of 5
    assert len(page_queries) == len(other_queries) <= 20


def test_government_service_json_ld(site):
    html = site.client.get("/layanan/surat-keterangan-domisili/").text
    blocks = [json.loads(text) for text in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    described = next(block for block in blocks if block["@type"] == "GovernmentService")
    assert described["@context"] == "https://schema.org"
    assert described["name"] == "Surat Keterangan Domisili"
    assert described["url"] == "http://kel-warnasari.balai.test/layanan/surat-keterangan-domisili/"
    assert described["provider"] == {"@type": "GovernmentOrganization",
                                     "name": "Kantor Kelurahan Warnasari",
                                     "url": "http://kel-warnasari.balai.test/"}
    assert described["areaServed"]["identifier"] == site.record.region.kode
    assert described["serviceType"] == "Kependudukan"
    assert described["offers"] == {"@type": "Offer", "price": "0", "priceCurrency": "IDR"}
    location = described["availableChannel"]["serviceLocation"]
    assert location["@type"] == "GovernmentOffice"
    assert location["openingHoursSpecification"][0]["dayOfWeek"] == "https://schema.org/Monday"


def test_checklist_page_is_a_print_sheet_with_the_requirements_and_a_qr_code(site):
    html = site.client.get(SKTM + "cetak/").text
    assert '<meta name="robots" content="noindex">' in html
    assert 'class="site-nav"' not in html  # no menu on the sheet
    assert html.count('class="checkbox"') == 5
    assert "Kasi Kesos Ibu Ratna" in html
    assert f'src="{SKTM}qr/"' in html
    assert "http://kel-warnasari.balai.test" + SKTM in html


def test_poster_qr_code_decodes_to_the_page_url(site_of):
    client, home = site_of(CITANGKIL)
    page = LayananPage.objects.descendant_of(home).get(definition__slug="surat-pengantar-nikah")
    poster = client.get(page.url_path[len(home.url_path) - 1:] + "poster/").text
    src = re.search(r'<img class="poster-qr" src="([^"]+)"', poster).group(1)
    response = client.get(src)
    assert response["Content-Type"] == "image/png"
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.content)))
    assert [code.text for code in decoded] == [
        "http://kel-citangkil.balai.test/layanan/surat-pengantar-nikah/"]
    assert "Pindai untuk melihat yang perlu dibawa" in poster
    assert "Pas foto 2x3 dan 4x6 latar biru" in poster


def test_service_text_typed_in_the_catalogue_is_escaped(site_of):
    client, home = site_of(CITANGKIL)
    page = LayananPage.objects.descendant_of(home).get(definition__slug="surat-keterangan-usaha")
    definition = page.definition
    definition.summary = '<script>alert("x")</script>'
    definition.save_revision().publish()
    html = client.get("/layanan/surat-keterangan-usaha/").text
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_home_whose_operator_chose_no_links_shows_the_most_used_city_services(site_of):

    client, _home = site_of(WARNASARI)
    html = client.get("/").text
    cards = html.split('id="layanan-utama"')[1].split("</section>")[0]
    links = re.findall(r'<a href="(/layanan/[^"]+)">', cards)
    assert "/layanan/surat-keterangan-domisili/" in links
    assert "/layanan/surat-keterangan-tidak-mampu/" in links
    assert len(links) == 6
