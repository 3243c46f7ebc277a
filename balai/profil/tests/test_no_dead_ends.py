"""An empty site still tells residents whom to ask, on every page: its kecamatan office,
then the city's public-service contacts, each named as such; and the menu leads to the
RT/RW page.

Each test starts with Kecamatan Citangkil's contact page filled (an address and hours, no
phone) and the city's contacts set; Warnasari (in Citangkil) and Bulakan (in Cibeber, whose
kecamatan site is empty) have nothing of their own.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from balai.conftest import WARNASARI
from balai.core.sections import SectionKey
from balai.home.models import KecamatanPage
from balai.layanan.models import LayananPage
from balai.profil.models import KontakPage
from balai.testing.builders import DRINGO, city_contact, kelurahan_site, kontak, region_site

pytestmark = pytest.mark.django_db

BULAKAN = "36.72.01.1003"
KECAMATAN_OFFICE = "Kantor Kecamatan Citangkil"
KECAMATAN_ADDRESS = "Jl. Kecamatan Citangkil No. 2"
CITY = "Layanan Informasi Kota Cilegon"
CITY_PHONE = '<a href="tel:0254391000">0254 391000</a>'
CITY_HOURS = "Senin–Jumat 07.30–16.00"
HOURS = [(day, datetime.time(8), datetime.time(16)) for day in range(1, 6)]


@pytest.fixture(autouse=True)
def _contacts():
    kontak(region_site("36.72.08"), address=KECAMATAN_ADDRESS, hours=HOURS)
    city_contact(name=CITY, address="Jl. Jend. Sudirman, Cilegon", phone="0254 391000",
                 hours=CITY_HOURS, office_hours_default=CITY_HOURS)
PAGES = ["/", "/rt-rw/", "/kontak/", "/struktur-pegawai/", "/profil/", "/lembaga/",
         "/berita/", "/agenda/", "/program/", "/dokumen/"]


def _main(html: str) -> str:
    return html.split('<main id="isi"', 1)[1].split("</main>", 1)[0]


def _footer(html: str) -> str:
    return html.split('<footer class="site-footer">', 1)[1]


def _service_path(home) -> str:
    page = LayananPage.objects.descendant_of(home).live().filter(
        offered=True, service_hours="").order_by("path").first()
    return page.url_path[len(home.url_path) - 1:]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_of_an_empty_kelurahan_names_an_office_that_can_help(site_of, path):
    client, _home = site_of(WARNASARI)
    html = client.get(path).text
    main, footer = _main(html), _footer(html)
    # In the page itself: the kecamatan office with its address and hours, then the city.
    assert KECAMATAN_OFFICE in main and KECAMATAN_ADDRESS in main, path
    assert CITY in main and CITY_PHONE in main, path
    assert re.search(r"(Buka sekarang|Tutup sekarang|Hari ini libur)", main), path
    # And in the footer, saying that these are not the kelurahan's own contacts.
    assert "Kantor ini belum mengisi kontaknya. Anda dapat bertanya ke:" in footer
    assert KECAMATAN_OFFICE in footer and CITY_PHONE in footer


def test_a_service_page_of_an_empty_kelurahan_gives_hours_and_a_number(site_of):
    client, home = site_of(WARNASARI)
    main = _main(client.get(_service_path(home)).text)
    text = re.search(r"<dt>Hari dan jam</dt><dd>(.*?)</dd>", main, re.S).group(1)
    assert text.startswith(CITY_HOURS)
    assert "jam kerja umum kantor di Kota Cilegon; kantor ini belum mengisi jam bukanya" in text
    assert KECAMATAN_ADDRESS in main and CITY_PHONE in main


def test_without_a_kecamatan_contact_the_city_is_offered_alone(site_of):
    client, _home = site_of(BULAKAN)
    for path in ["/", "/rt-rw/", "/kontak/"]:
        main = _main(client.get(path).text)
        assert "Kantor Kecamatan Cibeber" not in main, path
        # Another kecamatan's office is never offered.
        assert KECAMATAN_OFFICE not in main and KECAMATAN_ADDRESS not in main, path
        assert CITY in main and CITY_PHONE in main, path


def test_a_filled_site_shows_its_own_contacts_and_no_one_elses():
    site = kelurahan_site(DRINGO)
    kontak(site, address="Jl. Raya Dringo No. 3", phone="0254 392222", hours=HOURS)
    client = site.client
    for path in ["/", "/kontak/", "/rt-rw/"]:
        html = client.get(path).text
        assert CITY not in html and "belum mengisi kontaknya" not in html, path
        assert "Sementara itu, kantor berikut" not in html, path


def test_an_empty_section_of_a_site_with_contacts_points_to_its_own_office(site_of):
    client, home = site_of(WARNASARI)
    kontak = KontakPage.objects.child_of(home).get()
    kontak.phone = "0254 391234"
    kontak.address = "Jl. Warnasari No. 1"
    kontak.save_revision().publish()
    main = _main(client.get("/struktur-pegawai/").text)
    assert 'Ada pertanyaan? Hubungi kantor: <a href="tel:0254391234">0254 391234</a>' in main
    assert CITY not in main and KECAMATAN_OFFICE not in main


def test_the_kecamatan_publishing_its_phone_reaches_its_kelurahan_at_once(site_of):
    client, _home = site_of(WARNASARI)
    assert "0254 380001" not in client.get("/rt-rw/").text  # now cached
    kecamatan = KecamatanPage.objects.get(region__kode="36.72.08")
    kontak = KontakPage.objects.child_of(kecamatan).get()
    kontak.phone = "0254 380001"
    kontak.save_revision().publish()
    assert '<a href="tel:0254380001">0254 380001</a>' in _main(client.get("/rt-rw/").text)


def test_borrowed_contacts_cost_no_query_once_the_site_data_is_kept(site_of, settings):
    settings.BALAI_PAGE_CACHE_SECONDS = 0  # every request renders
    empty, _home = site_of(WARNASARI)
    site = kelurahan_site(DRINGO)
    kontak(site, address="Jl. Raya Dringo No. 3", phone="0254 392222", hours=HOURS)
    filled = site.client
    for client in (empty, filled):
        client.get("/struktur-pegawai/")

    def queries(client) -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/struktur-pegawai/")
        return len(captured)

    assert queries(empty) <= queries(filled)


def _menu(html: str) -> list[str]:
    nav = html.split('<ul class="menu menu--wide wrap">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="[^"]*"[^>]*>([^<]+)</a>', nav)


def test_the_kelurahan_menu_leads_to_rt_rw_and_the_kecamatan_menu_does_not(site_of):
    client, _home = site_of(WARNASARI)
    html = client.get("/").text
    assert _menu(html) == ["Layanan", "RT/RW", "Kontak", "Struktur Pegawai", "Berita",
                           "Profil"]
    # On a phone the same items in a disclosure that needs no script.
    narrow = html.split('<details class="menu--narrow wrap">', 1)[1].split("</details>")[0]
    assert 'href="/rt-rw/"' in narrow and "<script" not in html.replace(
        '<script type="application/ld+json">', "")
    kecamatan = Client(HTTP_HOST="kec-citangkil.balai.test").get("/").text
    assert "RT/RW" not in _menu(kecamatan) and len(_menu(kecamatan)) == 6
    assert SectionKey.RTRW.label == "RT/RW"


def test_the_city_portal_gives_the_citys_own_contacts():
    footer = _footer(Client(HTTP_HOST="balai.test").get("/").text)
    assert f"<p>{CITY}</p>" in footer and CITY_PHONE in footer
    assert "belum mengisi kontaknya" not in footer
