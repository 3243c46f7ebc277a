import csv
import io

import pytest
from django.test import Client

from balai.layanan.models import ServiceDefinition
from balai.testing.builders import DRINGO, WARNASARI, kelurahan_site, service

pytestmark = pytest.mark.django_db

FIELDS = {"kode", "nama", "kategori", "tingkat", "ringkasan", "pemohon", "persyaratan",
          "prosedur", "jangka_waktu", "biaya", "gratis", "biaya_keterangan", "produk",
          "pengaduan", "dasar_hukum", "formulir", "kata_kunci", "contoh", "diperbarui"}
LOCAL_FIELDS = {"ditawarkan", "catatan", "petugas", "jam_layanan", "url"}


def _get(query: str = "", status: int = 200):
    response = Client(HTTP_HOST="balai.test").get("/api/v1/layanan/" + query)
    assert response.status_code == status
    return response


def test_catalogue_lists_every_live_definition_with_stable_fields():
    data = _get().json()
    assert data["count"] == ServiceDefinition.objects.filter(live=True).count() == 17
    assert all(set(item) == FIELDS for item in data["results"])
    sktm = next(i for i in data["results"] if i["kode"] == "surat-keterangan-tidak-mampu")
    assert sktm["nama"] == "Surat Keterangan Tidak Mampu (SKTM)"
    assert sktm["kategori"] == {"kode": "sosial", "nama": "Sosial dan kesejahteraan"}
    assert sktm["tingkat"] == "kelurahan"
    assert (sktm["biaya"], sktm["gratis"], sktm["contoh"]) == (0, True, True)
    assert sktm["persyaratan"][0] == {"dokumen": "Surat pengantar RT dan RW", "bentuk": "asli",
                                      "jumlah": 1, "bersyarat": False, "syarat": None,
                                      "keterangan": "Menerangkan keadaan ekonomi keluarga"}
    conditional = [r for r in sktm["persyaratan"] if r["bersyarat"]]
    assert [r["syarat"] for r in conditional] == ["jika untuk sekolah atau berobat"]
    assert [s["urutan"] for s in sktm["prosedur"]] == [1, 2, 3, 4, 5]
    assert sktm["prosedur"][0]["pelaksana"] == "Pemohon"
    assert "SKTM" in sktm["kata_kunci"]
    assert sktm["dasar_hukum"][0].startswith("Undang-Undang Nomor 13 Tahun 2011")


def test_unpublished_definitions_are_not_open_data():
    ServiceDefinition.objects.get(slug="surat-pengantar-skck").unpublish()
    kodes = [item["kode"] for item in _get().json()["results"]]
    assert "surat-pengantar-skck" not in kodes and len(kodes) == 16


@pytest.fixture
def local_details():
    """Warnasari's own details on the domisili service; Dringo does not give one service."""
    service(kelurahan_site(WARNASARI), "surat-keterangan-domisili", officer="Kasi Pem Pak Eko",
            service_hours="Senin–Kamis 08.00–12.00",
            local_notes="<p>Pendatang membawa surat dari pemilik kontrakan.</p>")
    service(kelurahan_site(DRINGO), "surat-keterangan-riwayat-tanah", offered=False)


def test_one_kelurahan_with_its_local_notes(local_details):
    data = _get(f"?kelurahan={WARNASARI}").json()
    assert data["kelurahan"] == {"kode": WARNASARI, "nama": "Kelurahan Warnasari"}
    assert data["count"] == 17
    assert all(set(item) == FIELDS | {"lokal"} and set(item["lokal"]) == LOCAL_FIELDS
               for item in data["results"])
    domisili = next(i for i in data["results"] if i["kode"] == "surat-keterangan-domisili")
    assert domisili["lokal"] == {
        "ditawarkan": True,
        "catatan": "Pendatang membawa surat dari pemilik kontrakan.",
        "petugas": "Kasi Pem Pak Eko",
        "jam_layanan": "Senin–Kamis 08.00–12.00",
        "url": "http://kel-warnasari.balai.test/layanan/surat-keterangan-domisili/",
    }
    assert Client().get(domisili["lokal"]["url"].replace(
        "http://kel-warnasari.balai.test", ""), HTTP_HOST="kel-warnasari.balai.test"
    ).status_code == 200
    dringo = _get(f"?kelurahan={DRINGO}").json()["results"]
    tanah = next(i for i in dringo if i["kode"] == "surat-keterangan-riwayat-tanah")
    assert tanah["lokal"]["ditawarkan"] is False


def test_kecamatan_code_gives_its_own_services_and_unknown_code_is_an_error():
    kecamatan = _get("?kelurahan=36.72.08").json()
    assert sorted(i["kode"] for i in kecamatan["results"]) == [
        "surat-keterangan-ahli-waris", "surat-pengantar-izin-keramaian"]
    assert _get("?kelurahan=99.99", status=404).json() == {
        "error": "no site for region code 99.99"}
    assert _get("?format=xml", status=400).json()["error"] == "format must be json or csv"


def test_csv_export_of_the_catalogue_and_of_one_kelurahan(local_details):
    response = _get("?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="layanan-kota-cilegon.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 17
    assert list(rows[0]) == ["kode", "nama", "kategori", "tingkat", "ringkasan", "pemohon",
                             "persyaratan", "prosedur", "jangka_waktu", "biaya", "produk",
                             "pengaduan", "dasar_hukum", "kata_kunci", "contoh", "diperbarui"]
    sktm = next(r for r in rows if r["kode"] == "surat-keterangan-tidak-mampu")
    assert sktm["persyaratan"].startswith("Surat pengantar RT dan RW (asli, 1) | ")
    assert "[jika jika untuk sekolah atau berobat]" not in sktm["persyaratan"]
    assert sktm["persyaratan"].endswith("(fotokopi, 1) [jika untuk sekolah atau berobat]")
    assert sktm["contoh"] == "ya"
    local = list(csv.DictReader(io.StringIO(
        _get(f"?kelurahan={WARNASARI}&format=csv").content.decode("utf-8-sig"))))
    domisili = next(r for r in local if r["kode"] == "surat-keterangan-domisili")
    assert (domisili["ditawarkan"], domisili["petugas"]) == ("ya", "Kasi Pem Pak Eko")
