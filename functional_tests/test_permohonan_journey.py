"""The whole life of an online SKTM request, on two phones: a resident sends it with photos
of two documents; the operator, on their phone, finds the family card unreadable and asks
for it again; the resident opens the request with the code and PIN (without JavaScript),
reads what is missing and why, sends a new photo; the operator sees it sent again and says
when to collect the letter; the resident reads "Siap diambil", the day and what to bring.
Pictures go to ``functional_tests/screenshots/permohonan-journey-*.png``."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from balai.testing.builders import photo_bytes

from .accounts import office_account
from .conftest import PHONE, SCREENSHOTS
from .test_pengaduan import _axe, _no_sideways, _thumb_sized
from .test_permohonan_public import KELURAHAN, KODE, TAKE_ONLINE, fill_in_and_send_sktm
from .test_permohonan_queue import SETTLED
from .two_factor import sign_in

pytestmark = pytest.mark.browser

JAKARTA = ZoneInfo("Asia/Jakarta")
BLURRED = "Foto buram, nomor KK tidak terbaca"


@pytest.fixture(scope="module")
def sktm_url(balai_server) -> str:
    """The demo kelurahan takes online requests for the SKTM: its page's address."""
    address = balai_server.command("shell", "-c", TAKE_ONLINE).strip().splitlines()[-1]
    return address if address.startswith("http") else balai_server.url(KELURAHAN, address)


def _operator_page(browser, balai_server):
    person = office_account(balai_server, KODE, prefix="operator-sktm")
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, balai_server.url(path="/admin/login/"), person.username, person.password)
    return context, page


def _look(page, name: str) -> None:
    page.evaluate(SETTLED)
    page.screenshot(path=SCREENSHOTS / f"permohonan-journey-{name}.png", full_page=True)
    _no_sideways(page)
    assert _axe(page) == []


def test_sktm_from_the_phone_missing_document_sent_again_ready_to_collect(
        phone, phone_without_js, browser, balai_server, settle, tmp_path, sktm_url):
    resident, traffic = phone
    resident.goto(sktm_url)
    resident.get_by_role("link", name="Ajukan online").click()
    code, pin = fill_in_and_send_sktm(resident, tmp_path, phone="0812 5555 0101")
    settle(resident, traffic, "permohonan-journey-sent", KELURAHAN)

    # The operator, on their phone: the KK's photo is unreadable.
    context, office = _operator_page(browser, balai_server)
    try:
        office.goto(balai_server.url(path="/admin/permohonan/"))
        office.get_by_role("link", name=re.compile(code)).click()
        expect(office.get_by_role("heading", level=1)).to_contain_text(code)
        office.get_by_role("button", name="Mulai periksa").click()
        family = office.locator("fieldset", has_text="Kartu Keluarga")
        family.get_by_label("Kartu Keluarga").check()
        family.get_by_label("Apa yang salah").fill(BLURRED)
        office.get_by_role("button", name="Minta warga melengkapi").click()
        expect(office.get_by_role("link", name="Kirim lewat WhatsApp")).to_have_attribute(
            "href", re.compile(r"^https://wa\.me/6281255550101\?text=.*Kartu%20Keluarga"))
        _thumb_sized(office)
        _look(office, "operator-asked")
    finally:
        context.close()

    # The resident, later, on a phone without JavaScript: the code alone says what is
    # missing and why; the PIN opens the form to send it again.
    again, again_traffic = phone_without_js
    again.goto(balai_server.url(KELURAHAN, f"/permohonan/{code}/"))
    expect(again.locator(".status")).to_have_text("Perlu dilengkapi")
    missing = again.locator(".missing-list")
    expect(missing).to_contain_text("Kartu Keluarga")
    expect(missing).to_contain_text(BLURRED)
    assert "Siti Aminah" not in again.content()
    again.get_by_label("PIN").fill(pin)
    again.get_by_role("button", name="Buka").click()
    new_photo = tmp_path / "KK-jelas.jpg"
    new_photo.write_bytes(photo_bytes(size=(1600, 1200)))
    again.get_by_label("Kartu Keluarga").set_input_files(new_photo)
    settle(again, again_traffic, "permohonan-journey-send-again", KELURAHAN)
    again.get_by_role("button", name="Kirim", exact=True).click()
    expect(again.locator(".status")).to_have_text("Sedang diperiksa")
    expect(again.locator(".missing-list")).to_have_count(0)
    settle(again, again_traffic, "permohonan-journey-sent-again", KELURAHAN)

    # The operator sees the new photo and says when to collect the letter.
    context, office = _operator_page(browser, balai_server)
    try:
        office.goto(balai_server.url(path="/admin/permohonan/"))
        office.get_by_role("link", name=re.compile(code)).click()
        expect(office.get_by_text("Warga sudah mengirim lagi yang kurang.")).to_be_visible()
        office.get_by_role("link", name="Lihat dokumen: Kartu Keluarga").click()
        picture = office.get_by_role("img", name="Dokumen warga: Kartu Keluarga")
        expect(picture).to_be_visible()
        # The new photo (1600 × 1200, taken sideways: shown upright), not the first (900 wide).
        assert picture.evaluate("image => image.naturalWidth") == 1200
        office.go_back()
        pickup = datetime.datetime.now(JAKARTA).date() + datetime.timedelta(days=1)
        office.get_by_label("Diambil pada").fill(pickup.isoformat())
        office.get_by_role("button", name="Beri tahu warga bahwa surat siap").click()
        expect(office.get_by_role("link", name="Kirim lewat WhatsApp")).to_be_visible()
        _thumb_sized(office)
        _look(office, "operator-ready")
    finally:
        context.close()

    # The resident reads that the letter is ready, the day and what to bring.
    again.goto(balai_server.url(KELURAHAN, f"/permohonan/{code}/"))
    expect(again.locator(".status")).to_have_text("Siap diambil")
    expect(again.get_by_text(re.compile(r"^Ambil pada \w+, \d{1,2} \w+ \d{4}\.$"))).to_be_visible()
    expect(again.get_by_text("Bawa:")).to_be_visible()
    settle(again, again_traffic, "permohonan-journey-ready", KELURAHAN)
