import datetime
import re

import pytest
from django.test import Client

from balai.conftest import CITANGKIL
from balai.home.models import KelurahanPage
from balai.layanan.models import LayananIndexPage, LayananPage
from balai.testing.builders import (
    DRINGO,
    days_from_now,
    event,
    kelurahan_site,
    kontak,
    news,
    program,
    staff,
    stream,
    update,
)

pytestmark = pytest.mark.django_db


def test_kelurahan_home_leads_with_services_then_hours_news_and_greeting():
    site = kelurahan_site()
    services = LayananPage.objects.child_of(site.section(LayananIndexPage)).live()[:2]
    update(site.home, intro="<p>Selamat datang di Kelurahan Warnasari.</p>",
           quick_links=stream(KelurahanPage, "quick_links",
                              [("link", page.pk) for page in services]))
    kontak(site, address="Jl. Raya Warnasari No. 7",
           hours=[(day, datetime.time(8), datetime.time(16)) for day in range(1, 6)])
    news(site, "Kerja bakti saluran RW 03")
    event(site, "Posyandu Melati", start=days_from_now(3))
    staff(site, leader="Ibu Hj. Nurhasanah")
    html = site.client.get("/").text
    order = [html.index(marker) for marker in [
        'role="search"', "Layanan yang paling sering dicari", 'id="jam-buka"',
        'id="berita-terbaru"', 'id="agenda-terdekat"', 'id="sambutan"']]
    assert order == sorted(order)
    assert all(f'<span class="card-title">{page.title}</span>' in html for page in services)
    assert re.search(r"(Buka sekarang · tutup pukul 16\.00|Tutup sekarang · buka lagi"
                     r"|Hari ini libur: )", html)
    assert "Kerja bakti saluran RW 03" in html
    assert "Posyandu Melati" in html
    assert "Ibu Hj. Nurhasanah" in html  # the lurah, from the struktur page


def test_search_finds_pages_of_this_site_only():
    warnasari, dringo = kelurahan_site(), kelurahan_site(DRINGO)
    article = news(warnasari, "Posyandu Melati bulan ini")
    news(dringo, "Vaksin untuk warga lansia")
    html = warnasari.client.get("/cari/?q=posyandu").text
    listing = html.split('<ol class="item-list">')[1].split("</ol>")[0]
    results = re.findall(r'<li><a href="([^"]+)">', listing)
    assert warnasari.path(article) in results
    assert all(url.startswith("/") for url in results)
    other = warnasari.client.get("/cari/?q=lansia").text
    assert "Tidak ada hasil untuk “lansia”" in other  # that news exists only in Dringo
    kecamatan = Client(HTTP_HOST="kec-citangkil.balai.test").get("/cari/?q=lansia").text
    assert "kel-dringo" not in kecamatan and "Vaksin untuk warga lansia" not in kecamatan


def test_portal_aggregates_news_and_programs_and_draws_the_city_map():
    warnasari, dringo = kelurahan_site(), kelurahan_site(DRINGO)
    news(warnasari, "Warnasari bersih sungai")
    news(dringo, "Dringo bersih sungai")
    for site in (warnasari, dringo):
        program(site, "Surat Keterangan Daring", dimensions=["governance"])
    html = Client(HTTP_HOST="balai.test").get("/").text
    latest = html.split("Berita terbaru dari semua kantor")[1].split("</ul>")[0]
    assert re.search(r"Warnasari bersih sungai</a> <span class=\"meta\">Kelurahan Warnasari · ",
                     latest)
    assert re.search(r"Dringo bersih sungai</a> <span class=\"meta\">Kelurahan Dringo · ",
                     latest)
    programs = html.split("Program menurut dimensi Smart City")[1]
    assert "Tata kelola cerdas" in programs
    # two sites run a program of the same name: each says which office runs it
    governance = programs.split("Tata kelola cerdas")[1].split("</ul>")[0]
    offices = re.findall(r'Surat Keterangan Daring</a> <span class="meta">'
                         r'([A-Za-z ]+) · <span class="nowrap">Sedang berjalan</span>',
                         governance)
    assert sorted(offices) == ["Kelurahan Dringo", "Kelurahan Warnasari"]
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
