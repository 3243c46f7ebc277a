"""The survey as residents use it on an office's site: the form, the thank-you page, the
results, the poster; through the rendered pages and the form posted as a browser does."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balai.conftest import CITANGKIL
from balai.layanan.models import LayananPage
from balai.survei.models import SurveyResponse
from balai.testing.builders import kelurahan_site, region_site

from .builders import answers, chosen

pytestmark = pytest.mark.django_db


def test_the_form_asks_the_nine_elements_with_the_regulations_answers():
    site = kelurahan_site()
    response = site.client.get("/survei/")
    assert response.status_code == 200
    html = response.text
    for number in range(1, 10):
        for value in range(1, 5):
            assert f'name="u{number}" value="{value}"' in html
    assert "kesesuaian persyaratan pelayanan dengan jenis pelayanannya" in html
    assert "Sangat sesuai" in html and "Dikelola dengan baik" in html
    assert "<script" not in html.split("<main", 1)[1]
    assert 'name="csrfmiddlewaretoken"' in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_form_lists_the_offices_live_services_only():
    site = kelurahan_site()
    services = list(LayananPage.objects.live().descendant_of(site.home).filter(offered=True))
    assert services, "provisioning gives every kelurahan its service pages"
    hidden = services[0]
    hidden.offered = False
    hidden.save_revision().publish()
    html = site.client.get("/survei/").text
    assert f'value="{services[1].definition.slug}"' in html
    assert f'value="{hidden.definition.slug}"' not in html


def test_a_resident_answers_and_lands_on_the_thank_you_page():
    site = kelurahan_site()
    page = LayananPage.objects.live().descendant_of(site.home).filter(offered=True).first()
    response = site.client.post("/survei/", answers(3, 4, 3, 4, 3, 3, 4, 2, 3,
                                                    service=page.definition.slug,
                                                    suggestion="Antrean lebih tertib."))
    assert response.status_code == 302
    assert response["Location"].endswith("/survei/terima-kasih/")
    stored = SurveyResponse.objects.get()
    assert stored.region == site.record.region
    assert (stored.service, stored.service_name) == (page.definition, page.definition.name)
    assert [getattr(stored, f"u{n}") for n in range(1, 10)] == [3, 4, 3, 4, 3, 3, 4, 2, 3]
    assert (stored.age_band, stored.sex, stored.education, stored.occupation) == (
        "30-39", "P", "sma", "wirausaha")
    assert stored.suggestion == "Antrean lebih tertib."
    thanks = site.client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Terima kasih" in thanks.text
    assert 'href="/survei/"' in thanks.text  # the next respondent at the counter


def test_another_service_is_kept_by_name():
    site = kelurahan_site()
    assert site.client.post("/survei/", answers(3)).status_code == 302
    stored = SurveyResponse.objects.get()
    assert stored.service is None and stored.service_name == "Layanan lain"


def test_missing_answers_are_named_and_the_chosen_ones_kept():
    site = kelurahan_site()
    data = answers(3)
    del data["u4"], data["umur"]
    data["u7"] = "2"
    data["saran"] = "Ruang tunggu panas"
    response = site.client.post("/survei/", data)
    assert response.status_code == 200
    html = response.text
    assert "Pilih jawaban untuk pertanyaan U4." in html
    assert "Pilih umur Anda." in html
    assert 'href="#u4"' in html
    kept = chosen(html)
    assert kept["u7"] == "2" and kept["u1"] == "3" and kept["layanan"] == "lain"
    assert "u4" not in kept and "umur" not in kept
    assert "Ruang tunggu panas" in html
    assert SurveyResponse.objects.count() == 0


def test_the_results_show_the_index_grade_and_averages_of_the_current_semester():
    site = kelurahan_site()
    # Hand-worked: two respondents, sums per element 7 6 5 8 6 6 7 4 6 -> NRR
    # 3.5 3 2.5 4 3 3 3.5 2 3 -> sum 27.5 -> 27.5 × 25 / 9 = 76.388… -> 76.39, C.
    site.client.post("/survei/", answers(4, 3, 3, 4, 3, 3, 4, 2, 3))
    site.client.post("/survei/", answers(3, 3, 2, 4, 3, 3, 3, 2, 3))
    response = site.client.get("/survei/hasil/")
    assert response.status_code == 200
    assert "max-age=0" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    html = response.text
    assert "76,39" in html
    assert "Mutu C (Kurang Baik)" in html
    assert "3,50" in html and "2,00" in html
    assert "Layanan lain" in html


def test_a_period_filter_counts_only_its_responses():
    site = kelurahan_site()
    site.client.post("/survei/", answers(4))
    site.client.post("/survei/", answers(1))
    old = SurveyResponse.objects.order_by("pk").last()
    old.submitted_at = datetime.datetime(2025, 3, 10, 9, 0, tzinfo=timezone.get_default_timezone())
    old.save()
    current = site.client.get("/survei/hasil/").text
    assert "100,00" in current
    earlier = site.client.get("/survei/hasil/?periode=2025-1").text
    assert "25,00" in earlier and "100,00" not in earlier
    by_dates = site.client.get("/survei/hasil/?dari=2025-03-10&sampai=2025-03-10").text
    assert "25,00" in by_dates
    before = site.client.get("/survei/hasil/?dari=2025-03-11&sampai=2025-06-30").text
    assert "Belum ada warga yang mengisi survei pada periode ini." in before


def test_suggestions_are_never_on_public_pages():
    site = kelurahan_site()
    site.client.post("/survei/", answers(3, suggestion="Saran rahasia untuk kantor"))
    for path in ("/survei/", "/survei/hasil/", "/survei/terima-kasih/", "/survei/poster/",
                 "/"):
        assert "Saran rahasia" not in site.client.get(path).text, path


def test_the_poster_has_a_qr_code_to_the_sites_survey():
    site = kelurahan_site()
    html = site.client.get("/survei/poster/").text
    assert 'src="/survei/qr/"' in html
    assert site.home.get_full_url() + "survei/" in html
    qr = site.client.get("/survei/qr/")
    assert qr["Content-Type"] == "image/png" and qr.content.startswith(b"\x89PNG")


def test_every_office_has_the_survey_and_the_footer_links_it():
    kecamatan = region_site("36.72.08")
    assert kecamatan.client.get("/survei/").status_code == 200
    home = kelurahan_site().client.get("/").text
    assert 'survei/">Survei kepuasan</a>' in home


def test_the_portal_has_no_survey():
    portal = region_site("36.72")
    assert portal.client.get("/survei/").status_code == 404


def test_responses_go_to_the_site_they_were_sent_to():
    kelurahan_site().client.post("/survei/", answers(4))
    citangkil = region_site(CITANGKIL)
    assert "Belum ada warga" in citangkil.client.get("/survei/hasil/").text


def test_a_second_visitor_gets_a_working_form_not_a_cached_token():
    site = kelurahan_site()
    Client(HTTP_HOST=site.client.defaults["HTTP_HOST"]).get("/survei/")
    browser = Client(HTTP_HOST=site.client.defaults["HTTP_HOST"], enforce_csrf_checks=True)
    html = browser.get("/survei/").text
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = browser.post("/survei/", {**answers(3), "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_an_older_semester_asked_for_is_the_one_selected():
    html = kelurahan_site().client.get("/survei/hasil/?periode=2021-1").text
    assert '<option value="2021-1" selected>' in html
    assert "Semester I 2021 (Januari–Juni)" in html


def test_the_results_page_queries_do_not_grow_with_the_responses():
    site = kelurahan_site()
    services = [page.definition.slug for page in
                LayananPage.objects.live().descendant_of(site.home).filter(offered=True)[:4]]
    site.client.post("/survei/", answers(3, service=services[0]))
    with CaptureQueriesContext(connection) as few:
        site.client.get("/survei/hasil/")
    for slug in services:
        for value in (1, 2, 4):
            site.client.post("/survei/", answers(value, service=slug))
    with CaptureQueriesContext(connection) as many:
        site.client.get("/survei/hasil/")
    assert len(many) == len(few)


def test_the_summary_of_errors_follows_the_page():
    data = answers(3, saran="x" * 1001)
    del data["layanan"], data["u9"]
    html = kelurahan_site().client.post("/survei/", data).text
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    positions = [summary.index(text) for text in (
        "Pilih layanan yang Anda terima.", "Pilih jawaban untuk pertanyaan U9.",
        "Saran terlalu panjang")]
    assert positions == sorted(positions)
