"""The online requests' open data (/api/v1/permohonan/): per office and city-wide, the
requests in a period, the share complete at first submission, the median days to "siap
diambil", by service and status, as JSON or CSV. Aggregates only: never a request, its code,
the resident's answers or documents."""

import csv
import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from balai.conftest import CITANGKIL, KEBONSARI
from balai.permohonan import services
from balai.permohonan.models import RequestDocument, ServiceRequest
from balai.status.selectors import year_start
from balai.testing.builders import NIK, photo_bytes, region_site, service_request_of

pytestmark = pytest.mark.django_db
DOMISILI = "surat-keterangan-domisili"
NAME = "Siti Aminah Qoriatul"
PHONE = "0812 7766 5544"
STATUSES = ["diajukan", "diperiksa", "perlu_dilengkapi", "siap_diambil", "selesai", "ditolak"]


@pytest.fixture
def api():
    return Client(HTTP_HOST="balai.test")


def _at(service_request, submitted: datetime.datetime, ready_after_days=None) -> None:
    changes = {"submitted_at": submitted}
    if ready_after_days is not None:
        changes["ready_at"] = submitted + datetime.timedelta(days=ready_after_days)
    ServiceRequest.objects.filter(pk=service_request.pk).update(**changes)


@pytest.fixture
def requests_made():
    """Citangkil this year: SKTM found incomplete, sent again, ready after 4 days; SKTM
    complete, ready after 2 days and collected; domisili only submitted. One SKTM of last
    year. Kebonsari: none."""
    citangkil = region_site(CITANGKIL)
    this_year = year_start() + datetime.timedelta(hours=9)
    first, _pin = service_request_of(citangkil, phone=PHONE, **{"Nama lengkap": NAME})
    missing = first.documents.filter(state=RequestDocument.State.UPLOADED).first()
    services.ask_to_complete(service_request=first, user=None,
                             missing={missing.pk: "Foto terpotong."})
    services.complete(service_request=first, files={
        missing.pk: (ContentFile(photo_bytes(), name="ulang.jpg"), 1)})
    services.mark_ready(service_request=first, user=None, pickup_on=timezone.localdate(),
                        bring_note="KK asli")
    _at(first, this_year, ready_after_days=4)
    second, _pin = service_request_of(citangkil)
    services.start_checking(service_request=second, user=None)
    services.mark_ready(service_request=second, user=None, pickup_on=timezone.localdate(),
                        bring_note="")
    services.finish(service_request=second, user=None)
    _at(second, this_year, ready_after_days=2)
    _at(service_request_of(citangkil, DOMISILI)[0], this_year)
    _at(service_request_of(citangkil)[0], year_start() - datetime.timedelta(days=10))
    return citangkil


def test_every_office_and_the_city_this_year(api, requests_made):
    response = api.get("/api/v1/permohonan/")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    year = str(timezone.localdate().year)
    assert data["periode"] == {"kode": year, "dari": f"{year}-01-01", "sampai": f"{year}-12-31"}
    by_code = {row["kode"]: row for row in data["results"]}
    assert data["count"] == len(by_code) == 51  # 8 kecamatan and 43 kelurahan
    sktm = ServiceRequest.objects.filter(service__slug="surat-keterangan-tidak-mampu") \
        .first().service_name
    domisili = ServiceRequest.objects.filter(service__slug=DOMISILI).first().service_name
    citangkil = by_code[CITANGKIL]
    # 3 this year; both decided, one complete at first: 50%; ready after 4 and 2 days: 3.0.
    assert {key: citangkil[key] for key in (
        "permohonan", "diputuskan", "lengkap_sejak_awal", "persen_lengkap_sejak_awal",
        "diputuskan_siap_diambil", "median_hari_siap_diambil")} == {
        "permohonan": 3, "diputuskan": 2, "lengkap_sejak_awal": 1,
        "persen_lengkap_sejak_awal": 50, "diputuskan_siap_diambil": 2,
        "median_hari_siap_diambil": 3.0}
    assert citangkil["status"] == dict(zip(STATUSES, [1, 0, 0, 1, 1, 0], strict=True))
    assert citangkil["layanan"] == [
        {"nama": sktm, "permohonan": 2,
         "status": dict(zip(STATUSES, [0, 0, 0, 1, 1, 0], strict=True))},
        {"nama": domisili, "permohonan": 1,
         "status": dict(zip(STATUSES, [1, 0, 0, 0, 0, 0], strict=True))}]
    assert by_code[KEBONSARI]["permohonan"] == 0
    assert by_code[KEBONSARI]["persen_lengkap_sejak_awal"] is None
    assert by_code[KEBONSARI]["median_hari_siap_diambil"] is None
    assert by_code[KEBONSARI]["layanan"] == []
    assert data["kota"]["permohonan"] == 3 and data["kota"]["median_hari_siap_diambil"] == 3.0

    # Nothing of a request itself.
    text = response.content.decode()
    for request in ServiceRequest.objects.all():
        assert request.code not in text and request.code_display not in text
    assert NAME not in text and PHONE not in text and NIK not in text
    assert "3672**********07" not in text and "KK asli" not in text


def test_a_period_and_one_office(api, requests_made):
    last_year = str(timezone.localdate().year - 1)
    data = api.get(f"/api/v1/permohonan/?periode={last_year}&kode={CITANGKIL}").json()
    assert [row["kode"] for row in data["results"]] == [CITANGKIL]
    assert data["results"][0]["permohonan"] == 1 and "kota" not in data
    first_day = year_start().date().isoformat()
    one_day = api.get(f"/api/v1/permohonan/?dari={first_day}&sampai={first_day}").json()
    assert one_day["kota"]["permohonan"] == 3


def test_csv(api, requests_made):
    response = api.get("/api/v1/permohonan/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = {row["kode"]: row for row in
            csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}
    assert len(rows) == 51
    assert (rows[CITANGKIL]["permohonan"], rows[CITANGKIL]["persen_lengkap_sejak_awal"],
            rows[CITANGKIL]["median_hari_siap_diambil"], rows[CITANGKIL]["selesai"]) == \
        ("3", "50", "3.0", "1")
    assert rows[KEBONSARI]["median_hari_siap_diambil"] == ""
    assert NAME not in response.content.decode()


@pytest.mark.parametrize("query", [
    "periode=semester", "periode=1999", "dari=2026-02-30", "kode=abc", "format=xml",
    "dari=2026-07-02&sampai=2026-07-01", "kode=99.99.99.9999", "periode=2026&periode=2025",
    "dari=2026-01-01%00", "kode=36.72",
])
def test_wrong_questions_are_answered_in_words_not_a_500(api, query):
    response = api.get(f"/api/v1/permohonan/?{query}")
    assert response.status_code in (400, 404)
    assert response.json()["error"]


def test_the_number_of_queries_does_not_grow_with_the_requests(
        api, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # the sites, the offices' figures, the city's
        api.get("/api/v1/permohonan/")
    service_request_of(region_site(CITANGKIL))
    service_request_of(region_site(KEBONSARI))
    with django_assert_max_num_queries(3):
        api.get("/api/v1/permohonan/")
