"""An online service request on a phone, as a resident sends it: from the service page's
button to the form, sent once with mistakes, then sent, the PIN shown once, the details
opened again with the PIN. axe-core finds no WCAG violation and no page is wider than the
phone. Pictures go to ``functional_tests/screenshots/permohonan-*.png``."""

import re

import pytest
from playwright.sync_api import expect

from balai.testing.builders import NIK, photo_bytes

from .test_pengaduan import _axe, _no_sideways

pytestmark = pytest.mark.browser

KELURAHAN = "kel-citangkil.localhost"
KODE = "36.72.08.1007"
CODE = re.compile(r"/permohonan/([2-9A-Z]{4}-[2-9A-Z]{4})/$")
TAKE_ONLINE = f"""
from balai.testing.builders import online_service, region_site
print(online_service(region_site("{KODE}")).url)
"""


@pytest.fixture(scope="module")
def service_url(balai_server) -> str:
    """The demo kelurahan takes online requests for the SKTM: its page's address."""
    return balai_server.command("shell", "-c", TAKE_ONLINE).strip().splitlines()[-1]


def fill_in_and_send_sktm(page, tmp_path, *, phone: str = "0812 7777 1234") -> tuple[str, str]:
    """On the SKTM's request form: answer as Siti Aminah, send photos of the RT/RW letter
    and the family card (KK), agree and send; the code and the PIN the page then shows."""
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(photo_bytes())
    page.get_by_label("NIK pemohon").fill(NIK)
    page.get_by_label("Nama lengkap").fill("Siti Aminah")
    page.get_by_label("Alamat").fill("Jl. Ahmad Yani No. 5, RT 03/RW 05")
    page.get_by_label("Jumlah anggota keluarga").fill("4")
    page.get_by_label("Berobat").check()
    for document in ("Surat pengantar RT dan RW", "Kartu Keluarga"):
        page.get_by_role("group", name=document).get_by_label("Foto atau PDF").set_input_files(
            photo)
    page.get_by_label("Nomor telepon atau WhatsApp").fill(phone)
    page.get_by_text("Saya sudah membaca keterangan di atas").click()
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_url(CODE)
    code = CODE.search(page.url).group(1)
    pin = page.locator(".pin").inner_text()
    assert re.fullmatch(r"\d{6}", pin)
    return code, pin


def test_a_resident_requests_a_letter_online_and_opens_it_again_with_the_pin(
        phone, balai_server, settle, tmp_path, service_url):
    page, traffic = phone
    page.goto(service_url if service_url.startswith("http")
              else balai_server.url(KELURAHAN, service_url))
    page.get_by_role("link", name="Ajukan online").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ajukan Surat Keterangan Tidak Mampu (SKTM) secara online")
    settle(page, traffic, "permohonan-form", KELURAHAN)
    _no_sideways(page)
    assert _axe(page) == []

    # Sent with a NIK typed wrongly and nothing else: each error next to its field.
    page.get_by_label("NIK pemohon").fill("3672 0112 0590")
    page.get_by_role("button", name="Kirim permohonan").click()
    expect(page.get_by_text("NIK terdiri dari tepat 16 angka")).to_be_visible()
    expect(page.get_by_text("Centang kotak ini untuk mengirim permohonan")).to_be_visible()
    expect(page.get_by_label("NIK pemohon")).to_have_value("3672 0112 0590")
    settle(page, traffic, "permohonan-form-errors", KELURAHAN)
    _no_sideways(page)
    assert _axe(page) == []

    code, pin = fill_in_and_send_sktm(page, tmp_path)
    expect(page.get_by_text("Simpan kode dan PIN ini")).to_be_visible()
    expect(page.get_by_text("Siti Aminah")).to_be_visible()
    assert NIK not in page.content() and "3672**********07" in page.content()
    settle(page, traffic, "permohonan-pin", KELURAHAN)
    _no_sideways(page)
    assert _axe(page) == []

    # Closed, then opened again with the code and the PIN.
    page.get_by_role("button", name="Tutup rincian").click()
    expect(page.get_by_label("PIN")).to_be_visible()
    assert "Siti Aminah" not in page.content() and pin not in page.content()
    settle(page, traffic, "permohonan-status", KELURAHAN)
    _no_sideways(page)
    assert _axe(page) == []
    page.goto(balai_server.url(KELURAHAN, "/permohonan/"))
    settle(page, traffic, "permohonan-index", KELURAHAN)
    _no_sideways(page)
    assert _axe(page) == []
    # A code typed wrongly: said next to the field, on the look-up page.
    page.get_by_label("Kode permohonan").fill("ZZZZ-ZZZZ")
    page.get_by_role("button", name="Tampilkan permohonan saya").click()
    expect(page.get_by_text("Tidak ada permohonan dengan kode ini")).to_be_visible()
    settle(page, traffic, "permohonan-lookup-unknown", KELURAHAN)
    _no_sideways(page)
    assert _axe(page) == []
    page.get_by_label("Kode permohonan").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Tampilkan permohonan saya").click()
    expect(page).to_have_url(re.compile(f"/permohonan/{code}/$"))
    page.get_by_label("PIN").fill(pin)
    page.get_by_role("button", name="Buka").click()
    expect(page.get_by_text("Siti Aminah")).to_be_visible()
    expect(page.get_by_role("heading", name="Riwayat permohonan")).to_be_visible()
    settle(page, traffic, "permohonan-details", KELURAHAN)
    _no_sideways(page)
    assert _axe(page) == []
