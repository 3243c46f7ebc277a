"""The office's queue of service requests on an operator's phone (360×740): from the
dashboard to the request, asking for a missing document with its reason, reading a document
and the full data, saying when to collect it, closing it. axe-core finds no WCAG violation
on any screen, nothing is narrower than a thumb or wider than the phone. Pictures go to
``functional_tests/screenshots/permohonan-operator-*.png``."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from .accounts import office_account
from .conftest import PHONE, SCREENSHOTS
from .test_pengaduan import _axe, _no_sideways, _thumb_sized
from .two_factor import sign_in

pytestmark = pytest.mark.browser

KODE = "36.72.08.1007"  # Kelurahan Citangkil
RESIDENT_PHONE = "0812 7777 4321"
JAKARTA = ZoneInfo("Asia/Jakarta")

# A resident's SKTM request with photos of the RT/RW letter and the KK, as the public form
# saves it (balai.testing.builders.service_request_of); prints its id and code.
SEND_REQUEST = """
import os
from balai.testing.builders import region_site, service_request_of

request, _pin = service_request_of(region_site(os.environ["BALAI_TEST_KODE"]),
                                   phone=os.environ["BALAI_TEST_PHONE"], email="")
print("REQUEST", request.pk, request.code_display)
"""

# Resolves when every finite animation or transition on the page has finished.
SETTLED = """() => Promise.all(document.getAnimations()
  .filter(animation => animation.effect.getTiming().iterations !== Infinity)
  .map(animation => animation.finished))"""


def test_an_operator_handles_a_request_on_a_phone(browser, balai_server):
    output = balai_server.command("shell", "-c", SEND_REQUEST, BALAI_TEST_KODE=KODE,
                                  BALAI_TEST_PHONE=RESIDENT_PHONE)
    _word, pk, code = re.search(r"REQUEST (\d+) (\S+)", output).group(0).split()
    person = office_account(balai_server, KODE, prefix="operator-permohonan")
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(15_000)
    page = context.new_page()

    def check(name: str) -> None:
        # Wagtail's message slides in: judged once it has arrived.
        page.evaluate(SETTLED)
        page.screenshot(path=SCREENSHOTS / f"permohonan-operator-{name}.png", full_page=True)
        _no_sideways(page)
        _thumb_sized(page)
        assert _axe(page) == []

    try:
        sign_in(page, balai_server.url(path="/admin/login/"), person.username, person.password)
        # The dashboard: the request waits, its NIK masked.
        panel = page.locator("section", has=page.locator("#permohonan-panel-title"))
        expect(panel).to_contain_text(code)
        expect(panel).to_contain_text("3672**********07")
        check("dashboard")
        panel.get_by_role("link", name="Semua permohonan layanan").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Permohonan layanan")
        check("queue")
        page.get_by_role("link", name=re.compile(code)).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(code)
        assert RESIDENT_PHONE not in page.content()
        check("detail")

        page.get_by_role("button", name="Mulai periksa").click()
        expect(page.get_by_text("Anda sekarang memeriksa permohonan ini.")).to_be_visible()

        # A document, on its own page, fits the phone's width.
        page.get_by_role("link", name="Lihat dokumen: Kartu Keluarga").click()
        picture = page.get_by_role("img", name="Dokumen warga: Kartu Keluarga")
        expect(picture).to_be_visible()
        box = picture.bounding_box()
        assert picture.evaluate("image => image.naturalWidth") > 0
        assert box["width"] <= PHONE["width"]
        check("document")
        page.go_back()

        # The full data, on request.
        page.get_by_role("link", name="Lihat data lengkap").click()
        expect(page.get_by_text(RESIDENT_PHONE)).to_be_visible()
        expect(page.get_by_text("3672011205900007")).to_be_visible()
        check("data")
        page.go_back()

        # Minta dilengkapi: the KK is blurred.
        family = page.locator("fieldset", has_text="Kartu Keluarga")
        family.get_by_label("Kartu Keluarga").check()
        family.get_by_label("Apa yang salah").fill("Foto buram, nomor KK tidak terbaca")
        page.get_by_role("button", name="Minta warga melengkapi").click()
        whatsapp = page.get_by_role("link", name="Kirim lewat WhatsApp")
        expect(whatsapp).to_have_attribute("href", re.compile(r"^https://wa\.me/6281277774321"))
        check("asked")

        # Siap diambil: the day after tomorrow, the originals prefilled.
        pickup = datetime.datetime.now(JAKARTA).date() + datetime.timedelta(days=2)
        page.get_by_label("Diambil pada").fill(pickup.isoformat())
        expect(page.get_by_label("Yang perlu dibawa")).to_have_value(re.compile(r"\(asli\)"))
        page.get_by_role("button", name="Beri tahu warga bahwa surat siap").click()
        expect(page.get_by_role("link", name="Kirim lewat WhatsApp")).to_be_visible()
        check("ready")

        page.get_by_role("button", name="Tandai selesai").click()
        expect(page.get_by_text("Permohonan selesai: warga sudah mengambilnya.")).to_be_visible()
        check("done")

        # The resident's request to delete their data: the confirmation screen.
        page.get_by_role("link", name=re.compile("Hapus data")).click()
        expect(page.get_by_role("button", name=re.compile("Hapus data"))).to_be_visible()
        check("erase")
    finally:
        context.close()
    assert pk.isdigit()
