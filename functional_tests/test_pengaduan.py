"""Complaints on a phone: a resident files one with a photo and follows it by its code (with
and without JavaScript); an operator answers it on their phone. axe-core finds no WCAG
violation on any of the screens, public or admin, and no page is wider than the phone.
Pictures go to ``functional_tests/screenshots/pengaduan-*.png``."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from balai.testing.builders import photo_bytes

from .accounts import city_office_account, office_account
from .conftest import PHONE, SCREENSHOTS
from .phone_operator import SIDEWAYS
from .test_accessibility import AXE_TAGS
from .test_admin_phone import COMFORTABLE, PROBLEMS
from .two_factor import sign_in

pytestmark = pytest.mark.browser

KELURAHAN = "kel-citangkil.localhost"
KODE = "36.72.08.1007"
CODE = re.compile(r"/pengaduan/([2-9A-Z]{4}-[2-9A-Z]{4})/$")


def _axe(page) -> list:
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [(violation["id"], [node["target"] for node in violation["nodes"]])
            for violation in result.response["violations"]]


def _no_sideways(page) -> None:
    assert page.evaluate(SIDEWAYS) == []


def _thumb_sized(page) -> None:
    """An operator's screen on the phone: every control not in a sentence 44 px or more,
    nothing past the edge (the rules of test_admin_phone)."""
    found = page.evaluate(PROBLEMS, COMFORTABLE)
    assert (found["page"], found["small"], found["outside"]) == (False, [], [])


def file_complaint(page, server, tmp_path, *, text: str, with_photo: bool = True) -> str:
    """From the kelurahan's home page to the complaint's own page; its code."""
    page.goto(server.url(KELURAHAN, "/"))
    page.get_by_role("contentinfo").get_by_role("link", name="Pengaduan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kirim pengaduan")
    page.get_by_label("Jalan, drainase dan penerangan").check()
    page.get_by_label("Apa yang terjadi?").fill(text)
    page.get_by_label("RT/RW (boleh dikosongkan)").fill("RT 03/RW 05")
    page.get_by_label("Di mana? (boleh dikosongkan)").fill("Jl. Ahmad Yani depan SDN 3")
    if with_photo:
        photo = tmp_path / "IMG_2041.jpg"
        photo.write_bytes(photo_bytes())
        page.get_by_label("Foto (boleh dikosongkan)", exact=True).set_input_files(photo)
    page.get_by_label("Nomor telepon atau WhatsApp (boleh dikosongkan)").fill("0812 7777 1234")
    page.get_by_role("button", name="Kirim pengaduan").click()
    page.wait_for_url(CODE)
    return CODE.search(page.url).group(1)


def test_a_resident_files_a_complaint_with_a_photo_and_follows_it_by_code(
        phone, balai_server, settle, tmp_path):
    page, traffic = phone
    page.goto(balai_server.url(KELURAHAN, "/pengaduan/"))
    settle(page, traffic, "pengaduan-form", KELURAHAN)
    _no_sideways(page)
    assert _axe(page) == []

    # Sent empty: every error said next to its field, nothing lost.
    page.get_by_label("Di mana? (boleh dikosongkan)").fill("Gang Melati")
    page.get_by_role("button", name="Kirim pengaduan").click()
    expect(page.get_by_text("Pilih pengaduan Anda tentang apa.")).to_be_visible()
    expect(page.get_by_text("Ceritakan apa yang terjadi.", exact=True)).to_be_visible()
    expect(page.get_by_label("Di mana? (boleh dikosongkan)")).to_have_value("Gang Melati")
    settle(page, traffic, "pengaduan-form-errors", KELURAHAN)
    assert _axe(page) == []

    code = file_complaint(page, balai_server, tmp_path,
                          text="Lampu jalan mati sejak seminggu, gang gelap malam hari.")
    expect(page.locator(".tracking-code")).to_have_text(code)
    expect(page.get_by_text("Lampu jalan mati sejak seminggu")).to_be_visible()
    expect(page.get_by_text("Diterima", exact=True)).to_be_visible()
    assert "0812 7777 1234" not in page.content()
    settle(page, traffic, "pengaduan-tracking", KELURAHAN)
    _no_sideways(page)
    assert _axe(page) == []

    # Later, from the form's link, typing the code as read aloud (small letters, a space).
    page.goto(balai_server.url(KELURAHAN, "/pengaduan/"))
    page.get_by_role("link", name="Sudah mengirim? Ikuti dengan kode Anda").click()
    settle(page, traffic, "pengaduan-lookup", KELURAHAN)
    assert _axe(page) == []
    page.get_by_label("Kode pengaduan").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Tampilkan pengaduan saya").click()
    expect(page).to_have_url(re.compile(f"/pengaduan/{code}/$"))


def test_the_complaint_form_works_without_javascript(phone_without_js, balai_server,
                                                     settle, tmp_path):
    page, traffic = phone_without_js
    code = file_complaint(page, balai_server, tmp_path, with_photo=False,
                          text="Saluran air di RT 02 tersumbat sampah.")
    expect(page.locator(".tracking-code")).to_have_text(code)
    settle(page, traffic, "pengaduan-tracking-no-js", KELURAHAN)


def test_an_operator_answers_a_complaint_on_a_phone(phone, browser, balai_server, settle,
                                                    tmp_path):
    resident, traffic = phone
    code = file_complaint(resident, balai_server, tmp_path,
                          text="Jalan berlubang di depan SDN 3, dua motor sudah jatuh.")
    person = office_account(balai_server, KODE, prefix="operator-aduan")
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        sign_in(page, balai_server.url(path="/admin/login/"), person.username,
                person.password)
        # The dashboard says a complaint waits, and leads to it.
        panel = page.locator("section", has=page.locator("#pengaduan-panel-title"))
        expect(panel).to_contain_text(code)
        page.screenshot(path=SCREENSHOTS / "pengaduan-operator-dashboard.png", full_page=True)
        _thumb_sized(page)
        panel.get_by_role("link", name="Semua pengaduan").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Pengaduan")
        page.screenshot(path=SCREENSHOTS / "pengaduan-operator-inbox.png", full_page=True)
        _no_sideways(page)
        _thumb_sized(page)
        assert _axe(page) == []
        page.get_by_role("link", name=code).click()
        expect(page.get_by_text("Jalan berlubang di depan SDN 3")).to_be_visible()
        assert "0812 7777 1234" not in page.content()
        _no_sideways(page)
        _thumb_sized(page)
        assert _axe(page) == []

        page.get_by_role("link", name="Lihat kontak pelapor").click()
        expect(page.get_by_text("0812 7777 1234")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "pengaduan-operator-contact.png", full_page=True)
        assert _axe(page) == []
        page.go_back()

        page.get_by_label("Balasan", exact=True).fill(
            "Terima kasih. Petugas meninjau lokasi besok pagi.")
        page.get_by_label("Balasan publik", exact=False).check()
        page.get_by_role("button", name="Simpan balasan").click()
        whatsapp = page.get_by_role("link", name="Kirim lewat WhatsApp")
        expect(whatsapp).to_have_attribute("href", re.compile(r"^https://wa\.me/6281277771234"))
        page.screenshot(path=SCREENSHOTS / "pengaduan-operator-replied.png", full_page=True)
        _no_sideways(page)
        assert _axe(page) == []

        # The resident's request to delete their data: the confirmation screen.
        page.get_by_role("link", name="Hapus data pelapor sekarang (atas permintaannya)").click()
        expect(page.get_by_role("button", name="Hapus data pelapor")).to_be_visible()
        _no_sideways(page)
        assert _axe(page) == []
    finally:
        context.close()

    resident.goto(balai_server.url(KELURAHAN, f"/pengaduan/{code}/"))
    expect(resident.get_by_text("Petugas meninjau lokasi besok pagi.")).to_be_visible()
    expect(resident.get_by_text("Diproses", exact=True)).to_be_visible()
    settle(resident, traffic, "pengaduan-tracking-replied", KELURAHAN)


def test_the_city_office_keeps_the_complaint_categories(browser, balai_server):
    person = city_office_account(balai_server)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        sign_in(page, balai_server.url(path="/admin/login/"), person.username, person.password)
        page.goto(balai_server.url(path="/admin/snippets/pengaduan/complaintcategory/"))
        expect(page.get_by_role("link", name="Pelayanan di kantor")).to_be_visible()
        assert _axe(page) == []
        page.get_by_role("link", name="Jalan, drainase dan penerangan").click()
        expect(page.locator("#id_response_days")).to_have_value("5")
        page.screenshot(path=SCREENSHOTS / "pengaduan-city-category.png", full_page=True)
        assert _axe(page) == []
        # The city office's inbox: every site's complaints, no contact details.
        page.goto(balai_server.url(path="/admin/pengaduan/"))
        expect(page.get_by_text("Kantor kota melihat pengaduan semua situs")).to_be_visible()
        assert _axe(page) == []
    finally:
        context.close()
