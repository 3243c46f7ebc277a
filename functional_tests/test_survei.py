"""A resident answers the satisfaction survey on a phone at 360×740, sees the thank-you page
and the results; the office prints the counter poster on one A4 page and reads its results
in the admin. axe-core finds no WCAG 2.x A/AA violation on any of these pages."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .accounts import office_account
from .conftest import PHONE, SCREENSHOTS
from .test_accessibility import AXE_TAGS
from .two_factor import sign_in

pytestmark = pytest.mark.browser

KODE = "36.72.08.1007"
KELURAHAN = "kel-citangkil.localhost"
PDF_PAGE = re.compile(rb"/Type\s*/Page[^s]")
# The answer to each element (U1…U9) the resident taps, as the form words it.
ANSWERS = ["Sesuai", "Sangat mudah", "Cepat", "Gratis", "Sesuai", "Kompeten",
           "Sangat sopan dan ramah", "Berfungsi kurang maksimal", "Baik"]


def _axe(page) -> list:
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [(violation["id"], [node["target"] for node in violation["nodes"]])
            for violation in result.response["violations"]]


def test_resident_answers_the_survey_and_sees_the_results(phone, balai_server, settle):
    page, traffic = phone
    page.goto(balai_server.url(KELURAHAN, "/survei/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Survei kepuasan")
    assert _axe(page) == []
    settle(page, traffic, "survei-form-phone", KELURAHAN)

    # Sent with nothing chosen: every missing answer is named, at the top and beside it.
    page.get_by_role("button", name="Kirim jawaban").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Ada jawaban yang belum diisi")
    expect(summary).to_contain_text("Pilih jawaban untuk pertanyaan U9.")
    assert _axe(page) == []
    settle(page, traffic, "survei-form-errors-phone", KELURAHAN)

    page.get_by_label("Layanan apa yang Anda terima?").select_option(
        label="Surat Keterangan Domisili")
    page.locator("#umur").get_by_label("30–39 tahun").check()
    page.locator("#jenis_kelamin").get_by_label("Perempuan").check()
    page.locator("#pendidikan").get_by_label("SMA/SMK").check()
    page.locator("#pekerjaan").get_by_label("Wirausaha").check()
    for number, answer in enumerate(ANSWERS, start=1):
        page.locator(f"#u{number}").get_by_label(answer, exact=True).check()
    page.get_by_label("Saran untuk kantor (boleh dikosongkan)").fill(
        "Mohon ruang tunggu diberi kipas angin.")
    page.get_by_role("button", name="Kirim jawaban").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Terima kasih")
    assert _axe(page) == []
    settle(page, traffic, "survei-thanks-phone", KELURAHAN)

    # The counter kiosk: the next respondent gets an empty form.
    page.get_by_role("link", name="Responden berikutnya: mulai survei baru").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Survei kepuasan")
    expect(page.locator("input[type=radio]:checked")).to_have_count(0)
    expect(page.get_by_label("Layanan apa yang Anda terima?")).to_have_value("")

    page.get_by_role("link", name="Lihat hasil survei").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hasil survei kepuasan masyarakat")
    expect(page.locator(".ikm-score")).to_contain_text("Mutu")
    expect(page.locator(".ikm-services")).to_contain_text("Surat Keterangan Domisili")
    expect(page.get_by_text("Mohon ruang tunggu")).to_have_count(0)  # suggestions stay inside
    assert _axe(page) == []
    settle(page, traffic, "survei-results-phone", KELURAHAN)


def test_the_survey_works_without_javascript(phone_without_js, balai_server, settle):
    page, traffic = phone_without_js
    page.goto(balai_server.url(KELURAHAN, "/survei/"))
    page.get_by_label("Layanan apa yang Anda terima?").select_option(label="Layanan lain")
    for field, answer in (("umur", "60 tahun ke atas"), ("jenis_kelamin", "Laki-laki"),
                          ("pendidikan", "S1"), ("pekerjaan", "PNS")):
        page.locator(f"#{field}").get_by_label(answer, exact=True).check()
    for number in range(1, 10):
        page.locator(f"#u{number} input[value='4']").check()
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terima kasih")
    settle(page, traffic, "survei-thanks-no-js-phone", KELURAHAN)


def test_the_counter_poster_prints_on_one_a4_page(phone, balai_server, settle):
    page, traffic = phone
    page.goto(balai_server.url(KELURAHAN, "/survei/poster/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bagaimana pelayanan kami hari ini?")
    expect(page.get_by_text(f"http://{balai_server.netloc(KELURAHAN)}/survei/")).to_be_visible()
    assert _axe(page) == []
    settle(page, traffic, "survei-poster-phone", KELURAHAN)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    assert len(PDF_PAGE.findall(pdf)) == 1
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi, to look at
    page.screenshot(path=SCREENSHOTS / "survei-poster-print.png", full_page=True)


def test_the_operator_reads_the_results_and_enters_service_users(browser, balai_server):
    person = office_account(balai_server, KODE, prefix="operator-survei")
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        sign_in(page, balai_server.url(path="/admin/login/"), person.username,
                person.password)
        page.goto(balai_server.url(path="/admin/survei/"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("Survei kepuasan")
        assert _axe(page) == []
        page.screenshot(path=SCREENSHOTS / "survei-admin-results-phone.png", full_page=True)
        page.get_by_role("link", name="Isi jumlah pengguna layanan").click()
        page.get_by_label("Jumlah pengguna layanan", exact=True).fill("abc")
        page.get_by_role("button", name="Simpan").click()
        expect(page.get_by_text("Tulis bilangan bulat, misalnya 1250.")).to_be_visible()
        assert _axe(page) == []
        page.screenshot(path=SCREENSHOTS / "survei-admin-population-phone.png", full_page=True)
        page.get_by_label("Jumlah pengguna layanan", exact=True).fill("1250")
        page.get_by_role("button", name="Simpan").click()
        expect(page.get_by_text("Sampel minimumnya 297 responden")).to_be_visible()
    finally:
        context.close()
