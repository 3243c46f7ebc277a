"""A resident finds what to bring for a letter, and the office prints the checklist and the
QR poster: every one of them fits one A4 page."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

KELURAHAN = "kel-citangkil.localhost"
PDF_PAGE = re.compile(rb"/Type\s*/Page[^s]")


def _pdf_pages(page) -> int:
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.emulate_media(media="screen")
    return len(PDF_PAGE.findall(pdf))


def test_resident_searches_a_service_and_prints_its_checklist(phone, balai_server, settle):
    page, traffic = phone
    page.goto(balai_server.url(KELURAHAN, "/layanan/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Layanan")
    page.get_by_label("Apa yang Anda perlukan? Misalnya KTP, domisili, SKTM").fill("sktm")
    page.get_by_role("button", name="Cari").click()
    expect(page.get_by_role("status")).to_contain_text("1 layanan ditemukan.")
    page.get_by_role("link", name="Surat Keterangan Tidak Mampu (SKTM)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Surat Keterangan Tidak Mampu (SKTM)")
    checklist = page.locator(".checklist li")
    expect(checklist).to_have_count(5)
    expect(checklist.first).to_be_visible()
    expect(page.get_by_text("Catatan dari Kantor Kelurahan Citangkil")).to_be_visible()
    settle(page, traffic, "layanan-sktm-phone", KELURAHAN)
    page.get_by_role("link", name="Cetak daftar yang perlu dibawa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Surat Keterangan Tidak Mampu (SKTM)")
    expect(page.locator(".site-nav")).to_have_count(0)
    settle(page, traffic, "layanan-sktm-checklist-phone", KELURAHAN)


def test_every_checklist_and_poster_prints_on_one_a4_page(browser, balai_server):
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    page.goto(balai_server.url(KELURAHAN, "/layanan/"))
    links = page.locator(".service-list a")
    paths = sorted({link.get_attribute("href") for link in links.all()})
    assert len(paths) == 17
    pages = {}
    for path in paths:
        for sheet in ("cetak/", "poster/"):
            page.goto(balai_server.url(KELURAHAN, path + sheet))
            pages[path + sheet] = _pdf_pages(page)
    assert set(pages.values()) == {1}, {url: n for url, n in pages.items() if n != 1}
    # The longest checklist, to look at.
    page.goto(balai_server.url(KELURAHAN, "/layanan/surat-pengantar-nikah/cetak/"))
    page.emulate_media(media="print")
    page.screenshot(path=SCREENSHOTS / "layanan-nikah-checklist-print.png", full_page=True)
    context.close()
