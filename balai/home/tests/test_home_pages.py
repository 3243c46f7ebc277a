import re

import pytest
from django.test import Client

from balai.conftest import CITANGKIL, KEBONSARI

pytestmark = pytest.mark.django_db


def test_kelurahan_home_leads_with_services_then_hours_news_and_greeting(site_of):
    client, _home = site_of(CITANGKIL)
    html = client.get("/").text
    order = [html.index(marker) for marker in [
        'role="search"', "Layanan yang paling sering dicari", 'id="jam-buka"',
        'id="berita-terbaru"', 'id="agenda-terdekat"', 'id="sambutan"']]
    assert order == sorted(order)
    assert re.search(r"(Buka sekarang · tutup pukul 16\.[03]0|Tutup sekarang · buka lagi"
                     r"|Hari ini libur: )", html)
    assert "Kerja bakti membersihkan saluran air (contoh)" in html
    assert "Posyandu balita (contoh)" in html
    assert "Nama Contoh A (contoh)" in html  # the lurah, from the struktur page


def test_search_finds_pages_of_this_site_only(site_of):
    citangkil, _ = site_of(CITANGKIL)
    html = citangkil.get("/cari/?q=posyandu").text
    listing = html.split('<ol class="item-list">')[1].split("</ol>")[0]
    results = re.findall(r'<li><a href="([^"]+)">', listing)
    assert "/berita/posyandu-balita-bulan-ini-contoh/" in results
    assert all(url.startswith("/") for url in results)
    kebonsari, _ = site_of(KEBONSARI)
    other = kebonsari.get("/cari/?q=lansia").text
    assert "Tidak ada hasil untuk “lansia”" in other  # that news exists only in Citangkil
    kecamatan = Client(HTTP_HOST="kec-citangkil.balai.test").get("/cari/?q=lansia").text
    assert "kel-citangkil" not in kecamatan and "Tidak ada hasil" in kecamatan


def test_portal_aggregates_news_and_programs_and_draws_the_city_map():
    html = Client(HTTP_HOST="balai.test").get("/").text
    news = html.split("Berita terbaru dari semua kantor")[1]
    assert "Kelurahan Citangkil · " in news and "Kecamatan Citangkil · " in news
    programs = html.split("Program menurut dimensi Smart City")[1]
    assert "Tata kelola cerdas" in programs and "(3 program)" in programs
    # three sites run a program of the same name: each says which office runs it
    governance = programs.split("Tata kelola cerdas")[1].split("</ul>")[0]
    offices = re.findall(r'Layanan Surat Tanpa Antre \(contoh\)</a> <span class="meta">'
                         r'([A-Za-z ]+) · <span class="nowrap">Sedang berjalan</span>',
                         governance)
    assert sorted(offices) == ["Kecamatan Citangkil", "Kelurahan Citangkil",
                               "Kelurahan Kebonsari"]
    # The map: each of the 8 kecamatan is one link (a kelurahan is too small to tap on a
    # phone), with a numbered marker; the legend below lists the numbers in the same order.
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert svg.count("<a href=") == 8
    assert '<a href="/citangkil/"><title>Kecamatan Citangkil</title>' in svg
    assert svg.count('<path class="map-shape"') == 8 and svg.count("map-outline") == 1
    numbers = re.findall(r'dominant-baseline="central">(\d+)</text>', svg)
    assert numbers == [str(n) for n in range(1, 9)]
    legend = html.split('<ol class="map-legend map-legend--links">')[1].split("</ol>")[0]
    names = re.findall(r'<li><a href="/[a-z]+/">Kecamatan ([A-Za-z]+)</a></li>', legend)
    assert names == ["Cibeber", "Cilegon", "Pulomerak", "Ciwandan", "Jombang", "Gerogol",
                     "Purwakarta", "Citangkil"]


def test_struktur_has_one_name_in_the_menu_the_card_and_the_heading(site_of):
    client, _home = site_of(CITANGKIL)
    html = client.get("/").text
    menu = html.split('aria-label="Menu utama"')[1].split("</nav>")[0]
    assert menu.count('<a href="/struktur-pegawai/">Struktur Pegawai</a>') == 2  # wide, narrow
    assert ('<a href="/struktur-pegawai/"><span class="card-title">Struktur Pegawai</span>'
            in html)
    assert "Pemerintahan" not in menu
    assert "<h1>Struktur Pegawai</h1>" in client.get("/struktur-pegawai/").text
