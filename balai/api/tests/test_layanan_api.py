import csv
import io

import pytest
from django.test import Client

from balai.conftest import CITANGKIL, KEBONSARI
from balai.layanan.models import ServiceDefinition

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


def test_one_kelurahan_with_its_local_notes():
    data = _get(f"?kelurahan={CITANGKIL}").json()
    assert data["kelurahan"] == {"kode": CITANGKIL, "nama": "Kelurahan Citangkil"}
    assert data["count"] == 17
    assert all(set(item) == FIELDS | {"lokal"} and set(item["lokal"]) == LOCAL_FIELDS
               for item in data["results"])
    domisili = next(i for i in data["results"] if i["kode"] == "surat-keterangan-domisili")
    assert domisili["lokal"] == {
        "ditawarkan": True,
        "catatan": "(Contoh catatan kelurahan) Pendatang yang mengontrak cukup membawa surat "
                   "keterangan dari pemilik kontrakan; formulirnya tersedia di loket.",
        "petugas": "Kasi Pemerintahan (contoh)",
        "jam_layanan": "Senin–Kamis 08.00–14.00 (contoh)",
        "url": "http://kel-citangkil.balai.test/layanan/surat-keterangan-domisili/",
    }
    assert Client().get(domisili["lokal"]["url"].replace(
        "http://kel-citangkil.balai.test", ""), HTTP_HOST="kel-citangkil.balai.test"
    ).status_code == 200
    kebonsari = _get(f"?kelurahan={KEBONSARI}").json()["results"]
    tanah = next(i for i in kebonsari if i["kode"] == "surat-keterangan-riwayat-tanah")
    assert tanah["lokal"]["ditawarkan"] is False


def test_kecamatan_code_gives_its_own_services_and_unknown_code_is_an_error():
    kecamatan = _get("?kelurahan=36.72.08").json()
    assert sorted(i["kode"] for i in kecamatan["results"]) == [
        "surat-keterangan-ahli-waris", "surat-pengantar-izin-keramaian"]
    assert _get("?kelurahan=99.99", status=404).json() == {
        "error": "no site for region code 99.99"}
    assert _get("?format=xml", status=400).json()["error"] == "format must be json or csv"


def test_csv_export_of_the_catalogue_and_of_one_kelurahan():
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
        _get(f"?kelurahan={CITANGKIL}&format=csv").content.decode("utf-8-sig"))))
    domisili = next(r for r in local if r["kode"] == "surat-keterangan-domisili")
    assert (domisili["ditawarkan"], domisili["petugas"]) == ("ya", "Kasi Pemerintahan (contoh)")
