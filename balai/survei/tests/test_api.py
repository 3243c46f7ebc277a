"""The survey's open data: aggregates per office and period, JSON and CSV; never a response,
a suggestion or a profile."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone

from balai.conftest import CITANGKIL, KEBONSARI
from balai.survei import periods
from balai.survei.models import SurveyResponse
from balai.testing.builders import region_site

from .builders import answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return Client(HTTP_HOST="balai.test")


def _fill():
    region_site(CITANGKIL).client.post("/survei/", answers(4, suggestion="Saran pribadi"))
    region_site(CITANGKIL).client.post("/survei/", answers(3))
    region_site(KEBONSARI).client.post("/survei/", answers(2))


def test_every_office_with_its_index_for_the_current_semester(api):
    _fill()
    response = api.get("/api/v1/survei/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    current = periods.current_semester()
    assert data["periode"] == {"kode": current.code, "dari": current.start.isoformat(),
                               "sampai": current.end.isoformat()}
    by_code = {row["kode"]: row for row in data["results"]}
    assert data["count"] == len(by_code) == 51  # 8 kecamatan and 43 kelurahan
    # Citangkil: NRR 3.5 on every element -> 31.5 × 25 / 9 = 87.5 -> 87.50, B.
    assert by_code[CITANGKIL] | {"nrr": None} == {
        "kode": CITANGKIL, "nama": by_code[CITANGKIL]["nama"], "tingkat": "kelurahan",
        "dari": current.start.isoformat(), "sampai": current.end.isoformat(),
        "responden": 2, "ikm": 87.5, "mutu": "B", "mutu_keterangan": "Baik", "nrr": None}
    assert by_code[CITANGKIL]["nrr"] == {f"u{n}": 3.5 for n in range(1, 10)}
    assert by_code[KEBONSARI]["ikm"] == 50.0
    assert by_code["36.72.08.1001"]["responden"] == 0
    assert by_code["36.72.08.1001"]["ikm"] is None
    assert "Saran pribadi" not in response.text
    assert "wirausaha" not in response.text and "30-39" not in response.text


def test_one_office_with_its_services(api):
    _fill()
    data = api.get(f"/api/v1/survei/?kode={CITANGKIL}").json()
    assert [row["kode"] for row in data["results"]] == [CITANGKIL]
    assert data["layanan"] == [{"nama": "Layanan lain", "responden": 2, "ikm": 87.5,
                                "mutu": "B", "mutu_keterangan": "Baik",
                                "nrr": {f"u{n}": 3.5 for n in range(1, 10)}}]


def test_a_period_filter(api):
    _fill()
    old = SurveyResponse.objects.filter(region__kode=KEBONSARI).get()
    old.submitted_at = datetime.datetime(2025, 2, 1, 10, tzinfo=timezone.get_default_timezone())
    old.save()
    by_year = {row["kode"]: row for row in api.get("/api/v1/survei/?periode=2025").json()[
        "results"]}
    assert by_year[KEBONSARI]["responden"] == 1
    assert by_year[CITANGKIL]["responden"] == 0
    by_days = api.get(f"/api/v1/survei/?kode={KEBONSARI}&dari=2025-02-01&sampai=2025-02-01")
    assert by_days.json()["results"][0]["ikm"] == 50.0


def test_csv(api):
    _fill()
    response = api.get(f"/api/v1/survei/?kode={CITANGKIL}&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["kode"] == CITANGKIL and rows[0]["ikm"] == "87.5"
    assert rows[0]["mutu"] == "B" and rows[0]["u1"] == "3.5"
    assert "Saran pribadi" not in response.content.decode()


@pytest.mark.parametrize("query", [
    "periode=semester", "periode=1999", "dari=2026-02-30", "sampai=besok", "kode=abc",
    "format=xml", "dari=2026-07-02&sampai=2026-07-01", "kode=99.99.99.9999",
    "periode=2026&periode=2025", "dari=2026-01-01%00",
])
def test_wrong_questions_are_answered_in_words_not_a_500(api, query):
    response = api.get(f"/api/v1/survei/?{query}")
    assert response.status_code in (400, 404)
    assert response.json()["error"]


def test_the_number_of_queries_does_not_grow_with_the_responses(api,
                                                                django_assert_max_num_queries):
    _fill()
    with django_assert_max_num_queries(3):
        api.get("/api/v1/survei/")
