"""A resident finds their kelurahan's website, on a phone, a desktop and without JavaScript.

The server is the demo installation ``setup-dev`` makes (see conftest.py): 8 kecamatan and
43 kelurahan of Kota Cilegon, sample content in Kecamatan Citangkil, Kelurahan Citangkil
and Kelurahan Kebonsari.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

KECAMATAN = [
    "Kecamatan Cibeber",
    "Kecamatan Cilegon",
    "Kecamatan Citangkil",
    "Kecamatan Ciwandan",
    "Kecamatan Gerogol",
    "Kecamatan Jombang",
    "Kecamatan Pulomerak",
    "Kecamatan Purwakarta",
]
KELURAHAN_IN_CITANGKIL = [
    "Kelurahan Citangkil",
    "Kelurahan Dringo",
    "Kelurahan Kebonsari",
    "Kelurahan Lebak Denok",
    "Kelurahan Samangraya",
    "Kelurahan Taman Baru",
    "Kelurahan Warnasari",
]
KELURAHAN_IN_CITY = 43
MENU = ["Layanan", "RT/RW", "Kontak", "Struktur Pegawai", "Berita", "Profil"]
ABOVE_CITANGKIL = "Kecamatan Citangkil · Kota Cilegon"
PROFIL_SAMPLE = (
    "Kelurahan Citangkil adalah salah satu kelurahan di Kecamatan Citangkil, "
    "Kota Cilegon, Provinsi Banten"
)
KELURAHAN_HOST = "kel-citangkil.localhost"


def _texts(locator) -> list[str]:
    return sorted(text.strip() for text in locator.all_inner_texts())


def _expect_kelurahan_citangkil_home(page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kelurahan Citangkil")
    expect(page.get_by_role("banner").get_by_text(ABOVE_CITANGKIL, exact=True)).to_be_visible()


def _menu(page):
    """The main menu: (the plain list shown on wide screens, the narrow-screen disclosure)."""
    nav = page.get_by_role("navigation", name="Menu utama")
    return nav.locator(":scope > ul"), nav.locator(":scope > details")


def test_resident_finds_their_kelurahan_on_a_phone(phone, balai_server, settle):
    page, traffic = phone

    # The city portal, in Indonesian, lists every kecamatan with its kelurahan.
    page.goto(balai_server.url(path="/"))
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", name="Kecamatan dan kelurahan", exact=True)).to_be_visible()
    directory = page.locator("ul.directory > li")
    expect(directory).to_have_count(len(KECAMATAN))
    assert _texts(directory.get_by_role("heading", level=3)) == KECAMATAN
    expect(directory.locator("ul > li")).to_have_count(KELURAHAN_IN_CITY)
    settle(page, traffic, "01-portal-360")

    # The kecamatan site lists its kelurahan.
    page.get_by_role("heading", name="Kecamatan Citangkil", exact=True).get_by_role(
        "link").click()
    expect(page).to_have_url(balai_server.url(path="/citangkil/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kecamatan Citangkil")
    kelurahan_list = page.get_by_role("region", name="7 kelurahan di Kecamatan Citangkil",
                                      exact=True).get_by_role("link")
    expect(kelurahan_list).to_have_count(len(KELURAHAN_IN_CITANGKIL))
    assert _texts(kelurahan_list) == KELURAHAN_IN_CITANGKIL
    settle(page, traffic, "02-kecamatan-citangkil-360")

    # The kelurahan site says where it belongs; on a phone its menu is folded away.
    kelurahan_list.filter(has_text=re.compile(r"^Kelurahan Citangkil$")).click()
    expect(page).to_have_url(balai_server.url(path="/citangkil/citangkil/"))
    _expect_kelurahan_citangkil_home(page)
    wide_menu, narrow_menu = _menu(page)
    expect(wide_menu).to_be_hidden()
    expect(narrow_menu).to_be_visible()
    expect(narrow_menu.get_by_role("link", name="Profil", exact=True)).to_be_hidden()
    settle(page, traffic, "03-kelurahan-citangkil-360")

    narrow_menu.get_by_text("Menu", exact=True).click()
    expect(narrow_menu).to_have_attribute("open", "")
    # Every section, then the site search.
    menu_links = narrow_menu.get_by_role("link")
    expect(menu_links).to_have_text([*MENU, re.compile(r"\w")])
    expect(menu_links.last).to_have_attribute("href", "/citangkil/citangkil/cari/")
    settle(page, traffic, "04-kelurahan-citangkil-menu-open-360", navigated=False)

    narrow_menu.get_by_role("link", name="Profil", exact=True).click()
    expect(page).to_have_url(balai_server.url(path="/citangkil/citangkil/profil/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Profil")
    expect(page.get_by_text(PROFIL_SAMPLE)).to_be_visible()
    expect(page.get_by_text("Contoh isi.", exact=True)).to_be_visible()
    settle(page, traffic, "05-kelurahan-citangkil-profil-360")

    # The same kelurahan under its own host name: links stay on that host.
    page.goto(balai_server.url(host=KELURAHAN_HOST, path="/"))
    _expect_kelurahan_citangkil_home(page)
    settle(page, traffic, "06-kel-citangkil-host-360", host=KELURAHAN_HOST)
    _, narrow_menu = _menu(page)
    narrow_menu.get_by_text("Menu", exact=True).click()
    narrow_menu.get_by_role("link", name="Profil", exact=True).click()
    expect(page).to_have_url(balai_server.url(host=KELURAHAN_HOST, path="/profil/"))
    expect(page.get_by_text(PROFIL_SAMPLE)).to_be_visible()
    settle(page, traffic, "07-kel-citangkil-host-profil-360", host=KELURAHAN_HOST)


def test_wide_screen_shows_the_plain_menu(desktop, balai_server, settle):
    page, traffic = desktop
    page.goto(balai_server.url(host=KELURAHAN_HOST, path="/"))
    _expect_kelurahan_citangkil_home(page)
    wide_menu, narrow_menu = _menu(page)
    expect(wide_menu).to_be_visible()
    expect(wide_menu.get_by_role("link")).to_have_text(MENU)
    expect(narrow_menu).to_be_hidden()
    settle(page, traffic, "08-kel-citangkil-host-1280", host=KELURAHAN_HOST)

    wide_menu.get_by_role("link", name="Profil", exact=True).click()
    expect(page).to_have_url(balai_server.url(host=KELURAHAN_HOST, path="/profil/"))
    expect(wide_menu.get_by_role("link", name="Profil", exact=True)).to_have_attribute(
        "aria-current", "page")
    expect(page.get_by_text(PROFIL_SAMPLE)).to_be_visible()
    settle(page, traffic, "09-kel-citangkil-host-profil-1280", host=KELURAHAN_HOST)


def test_menu_opens_without_javascript(phone_without_js, balai_server, settle):
    page, traffic = phone_without_js
    page.goto(balai_server.url(path="/citangkil/citangkil/"))
    _expect_kelurahan_citangkil_home(page)
    _, narrow_menu = _menu(page)
    profil = narrow_menu.get_by_role("link", name="Profil", exact=True)
    expect(profil).to_be_hidden()
    settle(page, traffic, "10-kelurahan-citangkil-nojs-360")

    narrow_menu.get_by_text("Menu", exact=True).click()
    expect(profil).to_be_visible()
    settle(page, traffic, "11-kelurahan-citangkil-nojs-menu-open-360", navigated=False)

    profil.click()
    expect(page).to_have_url(balai_server.url(path="/citangkil/citangkil/profil/"))
    expect(page.get_by_text(PROFIL_SAMPLE)).to_be_visible()
    settle(page, traffic, "12-kelurahan-citangkil-nojs-profil-360")
