"""A resident on a 360×740 phone, on a kelurahan site nobody has filled in yet (Kedaleman, in
Kecamatan Cibeber, whose site is empty too): from the home page, the RT/RW page, the Kontak
page and a service page, an office that can help (here the city's public-service contacts,
a sample in the demo) gives its phone number on the page itself, named as that office's,
and the footer says the kelurahan has not filled in its own contacts.

Each page is saved to functional_tests/screenshots/ for a person to look at.
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EMPTY = "kel-kedaleman.localhost"
CITY = "Pemerintah Kota Cilegon — Layanan Informasi (contoh)"
CITY_PHONE = "0254 000000"
NOT_OWN = "Kantor ini belum mengisi kontaknya. Anda dapat bertanya ke:"
PAGES = [
    ("30-empty-home-360", "/", "Kelurahan Kedaleman"),
    ("31-empty-rt-rw-360", "/rt-rw/", "RT/RW"),
    ("32-empty-kontak-360", "/kontak/", "Kontak"),
    ("33-empty-layanan-360", "/layanan/surat-keterangan-tidak-mampu/",
     "Surat Keterangan Tidak Mampu (SKTM)"),
]


def _expect_city_help_in(region) -> None:
    """The city's service, by name, with a number to call: visible, no tap needed."""
    office = region.locator(".help-office").filter(has_text=CITY)
    expect(office.first).to_be_visible()
    phone = office.first.get_by_role("link", name=CITY_PHONE)
    expect(phone).to_be_visible()
    expect(phone).to_have_attribute("href", "tel:0254000000")


@pytest.mark.parametrize(("name", "path", "heading"), PAGES, ids=[p[1] for p in PAGES])
def test_an_empty_kelurahan_gives_a_number_to_call_on_every_page(phone, balai_server, settle,
                                                                  name, path, heading):
    page, traffic = phone
    page.goto(balai_server.url(host=EMPTY, path=path))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    _expect_city_help_in(page.get_by_role("main"))
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_text(NOT_OWN)).to_be_visible()
    expect(footer.get_by_role("link", name=CITY_PHONE)).to_be_visible()
    # Kecamatan Cibeber has filled in nothing: it is not offered.
    expect(page.get_by_text("Kantor Kecamatan Cibeber")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    settle(page, traffic, name, EMPTY)


def test_the_menu_leads_from_the_home_to_rt_rw_and_kontak_in_one_tap(phone, balai_server,
                                                                       settle):
    page, traffic = phone
    page.goto(balai_server.url(host=EMPTY, path="/"))
    menu = page.get_by_role("navigation", name="Menu utama").locator(":scope > details")
    menu.get_by_text("Menu", exact=True).click()
    expect(menu.get_by_role("link")).to_have_text(
        ["Layanan", "RT/RW", "Kontak", "Struktur Pegawai", "Berita", "Profil", "Cari di situs ini"])
    settle(page, traffic, "34-empty-menu-open-360", EMPTY, navigated=False)
    menu.get_by_role("link", name="Kontak", exact=True).click()
    expect(page).to_have_url(balai_server.url(host=EMPTY, path="/kontak/"))
    _expect_city_help_in(page.get_by_role("main"))
    traffic.check(balai_server.netloc(EMPTY))
