"""A resident searches on a 360×740 phone without JavaScript: their RT head from a kelurahan
home, then a service of their own kelurahan from the city portal. Screenshots of each result
page go to functional_tests/screenshots/ for a person to look at."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PORTAL = "localhost"
KELURAHAN = "kel-citangkil.localhost"


def _expect_fits_the_screen(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_a_resident_finds_their_rt_head_from_the_home_page(phone_without_js, balai_server,
                                                           settle):
    page, traffic = phone_without_js
    page.goto(balai_server.url(host=KELURAHAN, path="/"))
    page.get_by_role("search").get_by_role("searchbox").fill("ketua rt 3 rw 2")
    page.get_by_role("search").get_by_role("button", name="Cari").click()
    results = page.get_by_role("main").get_by_role("listitem")
    first = results.first
    expect(first.get_by_role("link")).to_have_text("RT/RW")
    expect(first.get_by_text("RT 003 / RW 002 · Ketua: ")).to_be_visible()
    _expect_fits_the_screen(page)
    settle(page, traffic, "search-rt-head-360", KELURAHAN)
    first.get_by_role("link").click()
    expect(page.get_by_role("heading", name="RW 002")).to_be_visible()
    expect(page.get_by_role("row")).to_have_count(2)  # the header and RT 003
    settle(page, traffic, "search-rt-head-opened-360", KELURAHAN)

    # "pengaduan" leads first to the office's complaint form, then to its contacts.
    page.goto(balai_server.url(host=KELURAHAN, path="/cari/?q=pengaduan"))
    form = page.locator(".search-forms").get_by_role("link", name="Pengaduan", exact=True)
    expect(form).to_have_attribute("href", "/pengaduan/")
    expect(results.first.get_by_role("link")).to_have_text("Kontak")
    settle(page, traffic, "search-pengaduan-360", KELURAHAN)


def test_a_resident_finds_a_service_of_their_kelurahan_from_the_portal(
        phone_without_js, balai_server, settle):
    page, traffic = phone_without_js
    page.goto(balai_server.url(host=PORTAL, path="/"))
    # The portal has two search forms: the finder ("Cari kelurahan Anda") and this one.
    box = page.get_by_role("search", name="Cari layanan dan berita dari semua kantor")
    box.get_by_role("searchbox").fill("ktp")
    box.get_by_role("button", name="Cari").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Cari layanan dan berita semua kantor")
    first = page.get_by_role("main").get_by_role("listitem").first
    expect(first.get_by_text("Surat Pengantar KTP Elektronik", exact=True)).to_be_visible()
    first.get_by_text("Pilih kantor Anda").click()  # <details> opens without JavaScript
    office = first.get_by_role("link", name="Kelurahan Citangkil")
    expect(office).to_be_visible()
    _expect_fits_the_screen(page)
    settle(page, traffic, "search-portal-ktp-360", PORTAL)
    office.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Surat Pengantar KTP Elektronik")
