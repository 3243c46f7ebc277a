from urllib.parse import urlsplit

import pytest
from django.test import Client

from balai.home.models import KelurahanPage

pytestmark = pytest.mark.django_db

FIELDS = {"kode", "nama", "nama_lengkap", "tingkat", "kode_induk", "kode_pos", "lat", "lon",
          "hostname", "url", "path_url", "live"}


def _get(query: str = "") -> dict:
    response = Client(HTTP_HOST="balai.test").get("/api/v1/sites/" + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_lists_city_8_kecamatan_43_kelurahan_with_stable_fields():
    data = _get()
    assert data["count"] == 52 == len(data["results"])
    assert all(set(item) == FIELDS for item in data["results"])
    levels = [item["tingkat"] for item in data["results"]]
    assert (levels.count("kota"), levels.count("kecamatan"), levels.count("kelurahan")) == (
        1, 8, 43)
    citangkil = next(i for i in data["results"] if i["kode"] == "36.72.08.1007")
    assert citangkil == {
        "kode": "36.72.08.1007",
        "nama": "Citangkil",
        "nama_lengkap": "Kelurahan Citangkil",
        "tingkat": "kelurahan",
        "kode_induk": "36.72.08",
        "kode_pos": "42441",
        "lat": citangkil["lat"],
        "lon": citangkil["lon"],
        "hostname": "kel-citangkil.balai.test",
        "url": "http://kel-citangkil.balai.test/",
        "path_url": "http://balai.test/citangkil/citangkil/",
        "live": True,
    }
    kota = data["results"][0]
    assert (kota["kode"], kota["kode_induk"], kota["url"], kota["path_url"]) == (
        "36.72", "36", "http://balai.test/", "http://balai.test/")


def test_every_url_and_path_url_answers():
    for item in _get()["results"]:
        for key in ("url", "path_url"):
            url = urlsplit(item[key])
            response = Client(HTTP_HOST=url.netloc).get(url.path)
            assert response.status_code == 200, item[key]
            assert item["nama"] in response.text


def test_filters_by_level_and_parent():
    kecamatan = _get("?tingkat=kecamatan")
    assert kecamatan["count"] == 8
    assert {item["kode_induk"] for item in kecamatan["results"]} == {"36.72"}
    children = _get("?kode_induk=36.72.08")
    assert [item["nama"] for item in children["results"]] == [
        "Warnasari", "Dringo", "Lebak Denok", "Taman Baru", "Kebonsari", "Samangraya",
        "Citangkil"]
    assert _get("?tingkat=kelurahan&kode_induk=36.72.03")["count"] == 4
    assert _get("?kode_induk=99")["count"] == 0


def test_unpublished_site_is_listed_as_not_live():

    KelurahanPage.objects.get(region__kode="36.72.08.1007").unpublish()
    item = next(i for i in _get()["results"] if i["kode"] == "36.72.08.1007")
    assert item["live"] is False


def test_invalid_level_is_a_clear_400():
    response = Client(HTTP_HOST="balai.test").get("/api/v1/sites/?tingkat=desa")
    assert response.status_code == 400
    assert response.json() == {"error": "tingkat must be one of: kota, kecamatan, kelurahan"}


def test_only_get(django_assert_max_num_queries):
    assert Client(HTTP_HOST="balai.test").post("/api/v1/sites/").status_code == 405
    with django_assert_max_num_queries(3):
        _get()
