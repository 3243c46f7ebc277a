"""The residents' side of online service requests, through a site's client as a resident
uses it: where the form is offered, what it asks and says, the PIN shown once, the details
only with the PIN, sending again what is missing."""

import datetime
import re
from urllib.parse import urlparse

import pytest
from django.test import Client

from balai.conftest import CITANGKIL, KEBONSARI
from balai.permohonan import services
from balai.permohonan.models import RequestDocument, ServiceRequest
from balai.testing.builders import (
    NIK,
    SKTM,
    city_contact,
    kelurahan_site,
    online_service,
    region_site,
    service,
    service_request_of,
)

from .resident import (
    PHONE,
    definition,
    form_data,
    form_url,
    photo,
    question_id,
    requirement_id,
    shown_pin,
    status_url,
)

pytestmark = pytest.mark.django_db
State = RequestDocument.State
FAMILY_CARD = "Kartu Keluarga"
SCHOOL_LETTER = "Surat keterangan dari sekolah atau rumah sakit"


@pytest.fixture
def site():
    return kelurahan_site()


def fresh(site) -> Client:
    """Another browser on the same site (no cookies)."""
    return Client(HTTP_HOST=site.client.defaults["HTTP_HOST"])


def opened(client, site, service_request, pin) -> Client:
    answer = client.post(status_url(site, service_request), {"pin": pin})
    assert answer.status_code == 303
    return client


def test_the_service_page_offers_the_form_only_where_the_office_takes_online_requests(site):
    page = service(site, SKTM, offered=True, online=False)
    html = site.client.get(page.url).content.decode()
    assert "permohonan/ajukan/" not in html and "Ajukan online" not in html
    assert site.client.get(form_url(site)).status_code == 404
    page = online_service(site)
    html = site.client.get(page.url).content.decode()
    link = re.search(r'<a class="button button--large" href="([^"]+)">Ajukan online</a>', html)
    assert link and link.group(1).endswith(f"permohonan/ajukan/{SKTM}/")
    # The button comes right after the requirements.
    assert html.index("Yang perlu dibawa") < html.index("Ajukan online") < html.index("Langkah")
    assert site.client.get(link.group(1)).status_code == 200
    # A service the office does not give, or that the city no longer offers online: 404.
    service(site, SKTM, offered=False, online=False)
    assert site.client.get(form_url(site)).status_code == 404
    assert site.client.get(form_url(site, "tidak-ada")).status_code == 404


def test_the_form_is_a_404_on_another_office_that_does_not_take_it(site):
    online_service(site)
    other = region_site(KEBONSARI)
    assert other.client.get(form_url(other)).status_code == 404
    assert other.client.get(f"{other.home.url}permohonan/").status_code == 200


def test_a_kecamatan_site_does_not_take_requests_for_its_kelurahan_services(site):
    online_service(site)
    kecamatan = region_site(site.home.region.parent.kode)
    assert kecamatan.home.region.level == "kecamatan"
    assert kecamatan.client.get(form_url(kecamatan)).status_code == 404
    html = kecamatan.client.get(f"{kecamatan.home.url}permohonan/").content.decode()
    assert "permohonan/ajukan/" not in html


def test_the_index_lists_the_services_taking_requests_with_how_it_works(site):
    page = site.client.get(f"{site.home.url}permohonan/")
    html = page.content.decode()
    assert page.status_code == 200 and "belum menerima permohonan online" in html
    assert "no-cache" in page["Cache-Control"]
    online_service(site)
    html = site.client.get(f"{site.home.url}permohonan/").content.decode()
    assert "Cara kerjanya" in html and definition().name in html
    assert f"permohonan/ajukan/{SKTM}/" in html
    assert 'name="kode_permohonan"' in html
    # The footer links it on every page of an office's site, and the site's search finds it.
    home = site.client.get(site.home.url).content.decode()
    assert "Permohonan online" in home and "permohonan/" in home
    for words in ("permohonan", "ajukan surat online", "surat daring"):
        found = site.client.get(f"{site.home.url}cari/", {"q": words}).content.decode()
        results = found[found.index("<main"):found.index("</main>")]
        assert re.search(r'href="[^"]*/permohonan/"', results), words


def test_the_form_asks_the_questions_then_each_requirement_as_the_catalogue_says(site):
    online_service(site)
    city_contact(privacy_contact="Pejabat PDP Diskominfo Kota Cilegon",
                 privacy_email="pdp@cilegon.go.id")
    html = site.client.get(form_url(site)).content.decode()
    for child in definition().request_fields:
        assert f'name="q-{child.id}"' in html
    for child in definition().requirements:
        words, mode = child.value["document"], child.value["online"]
        if mode == "unggah":
            assert re.search(rf'<input type="file" name="doc-{child.id}" accept="image/jpeg,'
                             rf'image/png,image/webp,application/pdf"', html)
            assert f'name="bawa-{child.id}"' in html
        else:
            assert f'name="doc-{child.id}"' not in html and f'name="bawa-{child.id}"' not in html
        assert words in html
    assert "Saya bawa ke kantor" in html
    assert "Diganti NIK yang Anda isi" in html and "SE Mendagri 471.13/1826/SJ" in html
    assert "Dibawa ke kantor saat Anda mengambil surat." in html
    assert "Hanya jika untuk sekolah atau berobat. Jika tidak berlaku bagi Anda, biarkan " \
           "kosong." in html
    # The consent: what, for which service, who sees it, how long, whom to ask.
    assert "jawaban Anda di atas (termasuk NIK)" in html
    assert f"permohonan {definition().name} Anda" in html
    assert f"hanya petugas {site.home.title} yang dapat melihatnya" in html
    assert "dokumen dihapus 30 hari" in html and "365 hari setelahnya" in html
    assert "meminta kantor menghapusnya" in html
    assert "Pejabat PDP Diskominfo Kota Cilegon" in html and "pdp@cilegon.go.id" in html
    assert 'name="persetujuan"' in html and 'name="website"' in html
    assert 'name="phone"' in html and 'type="tel"' in html
    assert "no-cache" in site.client.get(form_url(site))["Cache-Control"]


def test_without_a_city_privacy_contact_the_office_is_named(site):
    city_contact(privacy_contact="", privacy_email="")  # the demo, when loaded, sets one
    online_service(site)
    html = site.client.get(form_url(site)).content.decode()
    assert "Pertanyaan tentang data pribadi Anda:" in html
    consent = html[html.index("Pertanyaan tentang data pribadi"):]
    assert site.home.title in consent[:400]


def test_a_request_is_sent_and_its_pin_shown_once(site):
    online_service(site)
    sent = site.client.post(form_url(site), form_data(
        answers={"Nama lengkap": "Siti Aminah"}))
    assert sent.status_code == 303
    service_request = ServiceRequest.objects.get()
    assert sent["Location"].endswith(f"permohonan/{service_request.code_display}/")
    cookie = sent.cookies["permohonan_pin"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["path"].endswith(f"permohonan/{service_request.code_display}/")
    first = site.client.get(sent["Location"])
    html = first.content.decode()
    pin = shown_pin(html)
    assert pin and services.pin_matches(service_request, pin)
    assert "Simpan kode dan PIN ini" in html and service_request.code_display in html
    assert "PIN hanya ditampilkan sekali ini" in html
    assert first["X-Robots-Tag"] == "noindex" and "no-cache" in first["Cache-Control"]
    # Shown once: the next visit, even in the same browser, has no PIN on it.
    again = site.client.get(sent["Location"]).content.decode()
    assert shown_pin(again) is None and pin not in again
    assert shown_pin(fresh(site).get(sent["Location"]).content.decode()) is None
    # What was sent, as the office reads it.
    states = dict(service_request.documents.values_list("requirement", "state"))
    assert states == {"Surat pengantar RT dan RW": State.UPLOADED,
                      "KTP elektronik pemohon": State.NIK, FAMILY_CARD: State.UPLOADED,
                      "Surat pernyataan tidak mampu bermeterai": State.BRING,
                      SCHOOL_LETTER: State.BRING}
    answers = {answer["label"]: answer["value"] for answer in service_request.answer_list}
    assert answers["Nama lengkap"] == "Siti Aminah" and answers["NIK pemohon"] == NIK
    assert service_request.phone == PHONE and service_request.nik_masked == "3672**********07"


def test_the_status_page_without_the_pin_shows_only_the_service_and_status(site):
    service_request, pin = service_request_of(site, phone=PHONE, email="siti@contoh.id",
                                              **{"Nama lengkap": "Siti Aminah Zulaikha"})
    family = service_request.documents.get(requirement=FAMILY_CARD)
    services.ask_to_complete(service_request=service_request, user=None,
                             missing={family.pk: "Foto buram, tidak terbaca"})
    page = fresh(site).get(status_url(site, service_request))
    html = page.content.decode()
    assert page.status_code == 200 and page["X-Robots-Tag"] == "noindex"
    assert definition().name in html and "Perlu dilengkapi" in html
    assert "Kantor masih memerlukan sesuatu dari Anda" in html
    assert "Kartu Keluarga</strong>: Foto buram, tidak terbaca" in html
    for secret in ("Siti Aminah Zulaikha", NIK, "3672**********07", PHONE, "siti@contoh.id",
                   "Surat pengantar RT dan RW", 'name="doc-'):
        assert secret not in html
    assert 'name="pin"' in html


def test_the_details_open_only_with_the_right_pin_and_close_again(site):
    service_request, pin = service_request_of(site, **{"Nama lengkap": "Siti Aminah"})
    client = fresh(site)
    url = status_url(site, service_request)
    wrong = client.post(url, {"pin": "000000" if pin != "000000" else "111111"})
    assert wrong.status_code == 200 and "PIN ini salah" in wrong.content.decode()
    assert "Siti Aminah" not in wrong.content.decode()
    right = client.post(url, {"pin": pin})
    path = urlparse(url).path
    assert right.status_code == 303 and right["Location"] == path
    cookie = right.cookies["permohonan_akses"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == path
    assert int(cookie["max-age"]) == 30 * 60
    html = client.get(url).content.decode()
    assert "Siti Aminah" in html and "3672**********07" in html and NIK not in html
    assert "Riwayat permohonan" in html and "Diterima" in html
    assert "Surat pengantar RT dan RW" in html and "Diganti NIK" in html
    closed = client.post(url, {"action": "keluar"})
    assert closed.status_code == 303
    assert "Siti Aminah" not in client.get(url).content.decode()


def test_the_cookie_of_one_request_does_not_open_another(site):
    first, first_pin = service_request_of(site, **{"Nama lengkap": "Pemohon Pertama"})
    second, _pin = service_request_of(site, **{"Nama lengkap": "Pemohon Kedua"})
    client = opened(fresh(site), site, first, first_pin)
    value = client.cookies["permohonan_akses"].value
    assert "Pemohon Pertama" in client.get(status_url(site, first)).content.decode()
    other = fresh(site)
    other.cookies["permohonan_akses"] = value
    html = other.get(status_url(site, second)).content.decode()
    assert "Pemohon Kedua" not in html and 'name="pin"' in html
    # The PIN of one request does not open the other either.
    assert other.post(status_url(site, second), {"pin": first_pin}).status_code == 200 \
        or first_pin == _pin
    # Nor does a cookie once the personal data are removed.
    services.remove_personal_data(first)
    assert "Pemohon Pertama" not in client.get(status_url(site, first)).content.decode()


def test_ready_and_rejected_details_are_shown_only_with_the_pin(site):
    ready, ready_pin = service_request_of(site)
    services.mark_ready(service_request=ready, user=None,
                        pickup_on=datetime.date(2026, 12, 9),
                        bring_note="KTP-el asli dan Kartu Keluarga asli")
    rejected, rejected_pin = service_request_of(site)
    services.reject(service_request=rejected, user=None,
                    reason="Alamat di luar wilayah kelurahan")
    for service_request, pin, secret, status in (
            (ready, ready_pin, "KTP-el asli dan Kartu Keluarga asli", "Siap diambil"),
            (rejected, rejected_pin, "Alamat di luar wilayah kelurahan", "Ditolak")):
        client = fresh(site)
        html = client.get(status_url(site, service_request)).content.decode()
        assert status in html and secret not in html and "9 Desember 2026" not in html
        html = opened(client, site, service_request, pin).get(
            status_url(site, service_request)).content.decode()
        assert secret in html
    html = opened(fresh(site), site, ready, ready_pin).get(
        status_url(site, ready)).content.decode()
    assert "Ambil pada Rabu, 9 Desember 2026." in html


def test_only_the_missing_documents_are_sent_again(site):
    service_request, pin = service_request_of(site)
    family = service_request.documents.get(requirement=FAMILY_CARD)
    letter = service_request.documents.get(requirement="Surat pengantar RT dan RW")
    services.ask_to_complete(service_request=service_request, user=None,
                             missing={family.pk: "Foto buram"})
    url = status_url(site, service_request)
    # Without the PIN nothing is taken.
    stranger = fresh(site)
    refused = stranger.post(f"{url}lengkapi/", {f"doc-{family.pk}": photo()})
    assert refused.status_code == 303
    family.refresh_from_db()
    assert family.state == State.MISSING
    client = opened(fresh(site), site, service_request, pin)
    html = client.get(url).content.decode()
    assert f'name="doc-{family.pk}"' in html and f'name="doc-{letter.pk}"' not in html
    assert "Kirim yang kurang" in html
    # Nothing chosen: said plainly.
    empty = client.post(f"{url}lengkapi/", {})
    assert empty.status_code == 200 and "Pilih berkas dari paling sedikit satu" in \
        empty.content.decode()
    letter_file = letter.file.name
    sent = client.post(f"{url}lengkapi/", {f"doc-{family.pk}": photo(),
                                           f"doc-{letter.pk}": photo()})
    assert sent.status_code == 303
    family.refresh_from_db()
    letter.refresh_from_db()
    service_request.refresh_from_db()
    assert family.state == State.UPLOADED and family.resent == 1 and family.reason == ""
    assert letter.resent == 0 and letter.file.name == letter_file
    assert service_request.status == ServiceRequest.Status.CHECKING
    html = client.get(url).content.decode()
    assert "Warga sudah mengirim lagi yang kurang." in html and 'name="doc-' not in html
    # Once completed, another upload is not taken.
    client.post(f"{url}lengkapi/", {f"doc-{family.pk}": photo()})
    family.refresh_from_db()
    assert family.resent == 1
    reloaded = client.get(f"{url}lengkapi/")
    assert reloaded.status_code == 200 and "Riwayat permohonan" in reloaded.content.decode()


def test_consent_and_every_needed_answer_are_required_with_messages_in_indonesian(site):
    online_service(site)
    family = requirement_id(FAMILY_CARD)
    name = question_id("Nama lengkap")
    data = form_data(files={FAMILY_CARD: None}, persetujuan=None, phone="", email="siti@",
                     answers={"Nama lengkap": "   "})
    refused = site.client.post(form_url(site), data)
    html = refused.content.decode()
    assert refused.status_code == 200 and not ServiceRequest.objects.exists()
    assert "Permohonan belum terkirim" in html
    assert "Centang kotak ini untuk mengirim permohonan" in html
    assert "Tulis nomor telepon atau WhatsApp Anda" in html
    assert "Alamat email ini belum lengkap" in html
    assert "Pilih foto atau PDF dokumen ini, atau centang “Saya bawa ke kantor”." in html
    assert f'id="id_doc-{family}-error"' in html
    assert f'id="id_q-{name}-error"' in html
    # The other files were chosen: the resident is told to choose them again.
    assert "pilih lagi foto atau PDF-nya" in html
    # Typed values are kept.
    assert 'value="Jl. Contoh 1"' in html or "Jl. Contoh 1" in html


def test_a_requirement_is_uploaded_or_brought_and_a_conditional_one_may_be_left_out(site):
    online_service(site)
    sent = site.client.post(form_url(site), form_data(
        bring=(FAMILY_CARD,), files={SCHOOL_LETTER: photo("sekolah.jpg")}))
    assert sent.status_code == 303
    states = dict(ServiceRequest.objects.get().documents.values_list("requirement", "state"))
    assert states[FAMILY_CARD] == State.BRING and states[SCHOOL_LETTER] == State.UPLOADED


def test_a_code_is_looked_up_on_its_own_office_only(site):
    service_request, _pin = service_request_of(site)
    lookup = f"{site.home.url}permohonan/lacak/"
    found = site.client.get(lookup, {"kode_permohonan": service_request.code.lower()})
    path = urlparse(status_url(site, service_request)).path
    assert found.status_code == 302 and found["Location"] == path
    assert site.client.get(f"{site.home.url}permohonan/{service_request.code.lower()}/"
                           )["Location"] == path
    missing = site.client.get(lookup, {"kode_permohonan": "K7MP-2QXD"})
    assert missing.status_code == 200
    assert "Tidak ada permohonan dengan kode ini" in missing.content.decode()
    other = region_site(CITANGKIL)
    assert other.client.get(f"{other.home.url}permohonan/{service_request.code_display}/"
                            ).status_code == 404


def test_lookup_failures_are_limited_per_address(site):
    service_request, _pin = service_request_of(site)
    lookup = f"{site.home.url}permohonan/lacak/"
    for number in range(30):
        site.client.get(lookup, {"kode_permohonan": f"ABCD-{number:04d}".replace("0", "2")})
    limited = site.client.get(lookup, {"kode_permohonan": service_request.code_display})
    assert "Terlalu banyak kode yang tidak ada" in limited.content.decode()
    assert site.client.get(status_url(site, service_request)).status_code == 404
    other = Client(HTTP_HOST=site.client.defaults["HTTP_HOST"], REMOTE_ADDR="10.9.9.9")
    assert other.get(status_url(site, service_request)).status_code == 200


def test_wrong_pins_close_the_request_for_the_hour_from_every_address(site):
    service_request, pin = service_request_of(site)
    url = status_url(site, service_request)
    wrong = "000000" if pin != "000000" else "111111"
    messages = []
    for number in range(5):
        client = Client(HTTP_HOST=site.client.defaults["HTTP_HOST"],
                        REMOTE_ADDR=f"10.0.0.{number + 1}")
        messages.append(client.post(url, {"pin": wrong}).content.decode())
    assert "4 kali lagi" in messages[0] and "1 kali lagi" in messages[3]
    assert "tidak dapat dibuka selama satu jam" in messages[4]
    late = Client(HTTP_HOST=site.client.defaults["HTTP_HOST"], REMOTE_ADDR="10.0.1.1")
    refused = late.post(url, {"pin": pin})
    assert refused.status_code == 200 and "permohonan_akses" not in refused.cookies
    assert "tidak dapat dibuka selama satu jam" in refused.content.decode()
    assert 'name="pin"' not in late.get(url).content.decode()
