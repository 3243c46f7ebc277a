"""Printing a kelurahan page gives its content, without the site's menus and forms.

The print stylesheet is checked twice: with the print media emulated (what is shown and
hidden), and through Chromium's own PDF output (how many A4 pages).
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

KELURAHAN = "kel-citangkil.localhost"


def _pdf_pages(page) -> int:
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-")
    return int(re.search(rb"/Type\s*/Pages\b[^>]*?/Count (\d+)", pdf, re.S).group(1))


def test_print_hides_menus_forms_and_footer_links_but_keeps_the_content(desktop,
                                                                       balai_server):
    page, traffic = desktop
    page.goto(balai_server.url(host=KELURAHAN, path="/rt-rw/?rw=2"))
    menu = page.get_by_role("navigation", name="Menu utama")
    breadcrumb = page.get_by_role("navigation", name="Posisi Anda")
    form = page.get_by_role("group", name="Cari RT Anda")
    footer = page.get_by_role("contentinfo")
    chrome = [menu, breadcrumb, form, page.get_by_role("link", name="Tampilkan semua RW dan RT"),
              footer.get_by_role("link", name="Pengaduan: SP4N-LAPOR!"),
              footer.get_by_role("link", name="English")]
    for part in chrome:
        expect(part).to_be_visible()  # on screen

    page.emulate_media(media="print")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "print-rt-rw-rw-002.png", full_page=True)
    for part in chrome:
        expect(part).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text("RT/RW")
    expect(page.get_by_text("Ketua RW 02 (contoh)", exact=True)).to_be_visible()
    expect(page.get_by_role("table", name="RT di RW 002")).to_be_visible()
    # The office's address stays at the bottom of the paper.
    expect(footer.get_by_text("Alamat kantor Kelurahan Citangkil (contoh)")).to_be_visible()
    expect(page.get_by_role("banner").get_by_text("Kelurahan Citangkil", exact=True)
           ).to_be_visible()
    assert _pdf_pages(page) == 1
    traffic.check(balai_server.netloc(KELURAHAN))


def test_print_spells_out_links_to_other_websites(desktop, balai_server):
    page, _traffic = desktop
    page.goto(balai_server.url(host=KELURAHAN, path="/kontak/"))
    lapor = page.get_by_role("main").get_by_role("link", name="Kirim pengaduan lewat SP4N-LAPOR!")

    def printed_after(link) -> str:
        return link.evaluate("link => getComputedStyle(link, '::after').content")

    assert printed_after(lapor) == "none"  # on screen
    page.emulate_media(media="print")
    assert printed_after(lapor) == '" (https://www.lapor.go.id/)"'
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "print-kontak.png", full_page=True)
    assert _pdf_pages(page) == 1


def test_the_kelurahan_home_prints_without_its_navigation_cards(desktop, balai_server):
    page, _traffic = desktop
    page.goto(balai_server.url(host=KELURAHAN, path="/"))
    cards = page.get_by_role("region", name="Yang bisa Anda temukan di sini")
    search = page.get_by_role("search")
    expect(cards).to_be_visible()
    page.emulate_media(media="print")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "print-kelurahan-home.png", full_page=True)
    expect(cards).to_be_hidden()
    expect(search).to_be_hidden()
    expect(page.get_by_role("heading", name="Berita terbaru")).to_be_visible()
    expect(page.get_by_role("link", name="Semua berita")).to_be_hidden()
    assert _pdf_pages(page) <= 2
