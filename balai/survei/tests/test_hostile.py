"""Hostile input to the survey: script payloads in every field, NUL bytes, values out of
range, a 10 MB body, 200 sends from one address. Nothing is a 500, nothing typed is
rendered unescaped, nothing wrong is stored."""

import pytest
from django.test import override_settings

from balai.survei.models import SurveyResponse
from balai.testing.builders import kelurahan_site

from .builders import answers, chosen

pytestmark = pytest.mark.django_db

SCRIPT = '"><script>alert(1)</script>'
FIELDS = ["layanan", "umur", "jenis_kelamin", "pendidikan", "pekerjaan", "saran",
          *(f"u{n}" for n in range(1, 10))]


@pytest.mark.parametrize("field", FIELDS)
def test_a_script_in_any_field_is_refused_or_kept_escaped(field):
    site = kelurahan_site()
    response = site.client.post("/survei/", answers(3, **{field: SCRIPT}))
    assert response.status_code in (200, 302)
    assert "<script>alert(1)" not in response.text
    if field == "saran":
        assert response.status_code == 302  # a suggestion may hold any text
        assert SurveyResponse.objects.get().suggestion == SCRIPT
        assert "<script>alert(1)" not in site.client.get("/survei/hasil/").text
    else:
        assert SurveyResponse.objects.count() == 0
        assert "&lt;script&gt;" not in response.text or field == "saran"


@pytest.mark.parametrize("value", ["0", "5", "-1", "3.5", "", " 3", "99999999999999999999",
                                   "3\x00", "\x00", "٣"])
def test_answers_out_of_range_are_refused(value):
    site = kelurahan_site()
    response = site.client.post("/survei/", answers(3, u5=value))
    assert response.status_code == 200
    assert "pertanyaan U5" in response.text
    assert SurveyResponse.objects.count() == 0


def test_a_nul_byte_in_the_suggestion_is_refused_in_words():
    response = kelurahan_site().client.post("/survei/", answers(3, saran="Bagus\x00sekali"))
    assert response.status_code == 200
    assert "Karakter null tidak diizinkan" in response.text or "null" in response.text.lower()
    assert SurveyResponse.objects.count() == 0


def test_a_service_of_another_office_or_unknown_is_refused():
    response = kelurahan_site().client.post("/survei/", answers(3, service="tidak-ada"))
    assert response.status_code == 200
    assert "Pilih salah satu layanan yang tercantum." in response.text


def test_a_long_suggestion_is_refused_with_its_length_and_kept():
    text = "panjang " * 199 + "panjang!"  # 1600 characters
    response = kelurahan_site().client.post("/survei/", answers(3, saran=text))
    assert response.status_code == 200
    assert "paling banyak 1000 karakter, Anda menulis 1600" in response.text
    assert text.strip() in response.text


def test_a_10_mb_body_is_refused_in_words_not_a_500():
    site = kelurahan_site()
    response = site.client.post("/survei/", answers(3, saran="x" * (10 * 1024 * 1024)))
    # Over DATA_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MB): refused before any view reads it.
    assert response.status_code == 413
    assert "Yang dikirim terlalu besar" in response.text
    assert "persingkat tulisan Anda" in response.text
    assert SurveyResponse.objects.count() == 0


def test_thousands_of_fields_are_refused_in_words():
    fields = {**answers(3), **{f"x{n}": "1" for n in range(2000)}}
    response = kelurahan_site().client.post("/survei/", fields)
    assert response.status_code == 413
    assert SurveyResponse.objects.count() == 0


def test_the_honeypot_answers_as_if_stored_and_stores_nothing():
    response = kelurahan_site().client.post("/survei/", answers(3, situs_web="http://spam"))
    assert response.status_code == 302
    assert SurveyResponse.objects.count() == 0


def test_200_sends_from_one_address_are_limited_politely():
    site = kelurahan_site()
    statuses = [site.client.post("/survei/", answers(3), REMOTE_ADDR="10.1.2.3").status_code
                for _ in range(200)]
    assert 500 not in statuses
    assert statuses[:60] == [302] * 60  # the counter kiosk's hour
    assert set(statuses[60:]) == {429}
    assert SurveyResponse.objects.count() == 60
    refused = site.client.post("/survei/", answers(2, 3, 4, 1, 2, 3, 4, 1, 2,
                                                   saran="Tetap tersimpan"),
                               REMOTE_ADDR="10.1.2.3")
    assert "sangat banyak jawaban dari perangkat ini" in refused.text
    assert "Tetap tersimpan" in refused.text
    assert chosen(refused.text) == {
        "layanan": "lain", "umur": "30-39", "jenis_kelamin": "P", "pendidikan": "sma",
        "pekerjaan": "wirausaha", **{f"u{n}": str(v) for n, v in
                                     enumerate((2, 3, 4, 1, 2, 3, 4, 1, 2), start=1)}}
    # Another address (another counter, a resident's phone) is not held up.
    assert site.client.post("/survei/", answers(3), REMOTE_ADDR="10.9.9.9").status_code == 302


@override_settings(BALAI_SURVEI_PER_ADDRESS_HOUR=1000, BALAI_SURVEI_PER_SITE_HOUR=5)
def test_a_site_receives_at_most_its_limit_from_all_addresses():
    site = kelurahan_site()
    statuses = [site.client.post("/survei/", answers(3), REMOTE_ADDR=f"10.0.0.{n}").status_code
                for n in range(8)]
    assert statuses == [302] * 5 + [429] * 3
