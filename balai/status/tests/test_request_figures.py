"""The city's figures of the online service requests, per site and city-wide, in Status
situs, its CSV, the site's page, the public /status/ page and the open data: how many came
this year, the share the office found complete at first submission, the median days from
submission to "siap diambil", and the requests by service and status. Computed from
requests sent and moved through their steps as the resident and the office do
(``balai.permohonan.services``); aggregates only, never a request's code or data."""

import csv
import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balai.conftest import CITANGKIL, KEBONSARI
from balai.permohonan import services
from balai.permohonan.models import RequestDocument, ServiceRequest
from balai.permohonan.selectors import city_figures, figures_by_region
from balai.status.selectors import year_start
from balai.testing.builders import SKTM, photo_bytes, region_site, service_request_of

pytestmark = pytest.mark.django_db
DOMISILI = "surat-keterangan-domisili"
NAME = "Siti Aminah Qoriatul"
PHONE = "0812 7766 5544"


def _dated(service_request, *, ready_after_days: float | None = None,
           submitted: datetime.datetime | None = None) -> None:
    """Put the request's submission at a fixed hour of this year (or ``submitted``) and its
    "siap diambil" ``ready_after_days`` later, whatever day the test runs on."""
    submitted = submitted or year_start() + datetime.timedelta(hours=9)
    changes = {"submitted_at": submitted}
    if ready_after_days is not None:
        changes["ready_at"] = submitted + datetime.timedelta(days=ready_after_days)
    ServiceRequest.objects.filter(pk=service_request.pk).update(**changes)


def _incomplete_then_ready(site, **kwargs) -> ServiceRequest:
    """Sent, found incomplete (one document missing), sent again, then ready."""
    service_request, _pin = service_request_of(site, **kwargs)
    services.start_checking(service_request=service_request, user=None)
    missing = service_request.documents.filter(state=RequestDocument.State.UPLOADED).first()
    services.ask_to_complete(service_request=service_request, user=None,
                             missing={missing.pk: "Foto buram, tidak terbaca."})
    services.complete(service_request=service_request, files={
        missing.pk: (ContentFile(photo_bytes(), name="dokumen.jpg"), 1)})
    services.mark_ready(service_request=service_request, user=None,
                        pickup_on=timezone.localdate(), bring_note="KTP dan KK asli")
    return service_request


def _complete_and_ready(site, *, finished: bool = False) -> ServiceRequest:
    service_request, _pin = service_request_of(site)
    services.start_checking(service_request=service_request, user=None)
    services.mark_ready(service_request=service_request, user=None,
                        pickup_on=timezone.localdate(), bring_note="KTP asli")
    if finished:
        services.finish(service_request=service_request, user=None)
    return service_request


@pytest.fixture
def requests_of_this_year():
    """Citangkil: five requests, Kebonsari: one, and one of Citangkil's from last year.

    Citangkil: SKTM incomplete first, ready 5 days after submission; SKTM complete, ready
    after 1 day and collected; SKTM only submitted; domisili rejected at once (not decided);
    domisili only submitted. Kebonsari: SKTM complete, ready after 2 days."""
    citangkil, kebonsari = region_site(CITANGKIL), region_site(KEBONSARI)
    _dated(_incomplete_then_ready(citangkil, phone=PHONE, **{"Nama lengkap": NAME}),
           ready_after_days=5)
    _dated(_complete_and_ready(citangkil, finished=True), ready_after_days=1)
    _dated(service_request_of(citangkil)[0])
    rejected, _pin = service_request_of(citangkil, DOMISILI)
    services.reject(service_request=rejected, user=None, reason="Bukan warga kelurahan ini.")
    _dated(rejected)
    _dated(service_request_of(citangkil, DOMISILI)[0])
    _dated(_complete_and_ready(kebonsari), ready_after_days=2)
    last_year, _pin = service_request_of(citangkil)
    _dated(last_year, submitted=year_start() - datetime.timedelta(days=30))
    return citangkil, kebonsari


def test_the_figures_worked_by_hand(requests_of_this_year):
    citangkil, kebonsari = requests_of_this_year
    sktm = ServiceRequest.objects.filter(service__slug=SKTM).first().service_name
    domisili = ServiceRequest.objects.filter(service__slug=DOMISILI).first().service_name
    figures = figures_by_region(since=year_start())[citangkil.record.region_id]
    # 5 received; 2 decided (the rejection asked for nothing), 1 complete at first: 50%;
    # ready after 5 and 1 days: median 3.0.
    assert (figures.received, figures.decided, figures.complete_at_first,
            figures.complete_percent, figures.ready, figures.median_days_to_ready) == \
        (5, 2, 1, 50, 2, 3.0)
    assert figures.by_status == {"diajukan": 2, "diperiksa": 0, "perlu_dilengkapi": 0,
                                 "siap_diambil": 1, "selesai": 1, "ditolak": 1}
    assert figures.by_service == {sktm: 3, domisili: 2}
    assert figures.by_service_status[domisili] == {
        "diajukan": 1, "diperiksa": 0, "perlu_dilengkapi": 0, "siap_diambil": 0,
        "selesai": 0, "ditolak": 1}
    # The city: 6 this year; 3 decided, 2 complete at first: 67%; median of 5, 1, 2: 2.0.
    city = city_figures(since=year_start())
    assert (city.received, city.decided, city.complete_at_first, city.complete_percent,
            city.median_days_to_ready) == (6, 3, 2, 67, 2.0)
    assert city.by_service == {sktm: 4, domisili: 2}
    # Without a period: last year's request too.
    assert figures_by_region()[citangkil.record.region_id].received == 6


def test_status_situs_its_csv_and_the_site_page(requests_of_this_year, city_client):
    dashboard = city_client.get("/admin/status-situs/").content.decode()
    row = dashboard[dashboard.index(f"({CITANGKIL})"):]
    row = row[:row.index("</tr>")]
    assert ('data-requests="5">5 permohonan · 50% lengkap sejak pengajuan pertama · siap '
            "diambil setelah 3,0 hari (median)") in row
    city = dashboard[dashboard.index('id="permohonan-kota"'):]
    assert ("6 permohonan · 67% lengkap sejak pengajuan pertama · siap diambil setelah "
            "2,0 hari (median)") in city
    table = city[city.index('id="permohonan-kota-layanan"'):city.index("</table>")]
    assert "<th scope=\"col\">Siap diambil</th>" in table
    # SKTM: 4 (Citangkil: submitted, ready, done; Kebonsari: ready); then every service.
    assert "<td>4</td><td>1</td><td>0</td><td>0</td><td>2</td><td>1</td><td>0</td>" in table
    assert "<td>6</td><td>2</td><td>0</td><td>0</td><td>2</td><td>1</td><td>1</td>" in table
    # Never a request's code nor a resident's data.
    codes = ServiceRequest.objects.values_list("code", flat=True)
    assert not any(code in dashboard for code in codes)
    assert NAME not in dashboard and PHONE not in dashboard
    # Sorted by requests, most first.
    by_requests = city_client.get("/admin/status-situs/", {"urut": "-permohonan"}).text
    assert by_requests.index(f"({CITANGKIL})") < by_requests.index(f"({KEBONSARI})") < \
        by_requests.index("(36.72.08.1001)")

    response = city_client.get("/admin/status-situs/", {"format": "csv"})
    rows = {row["kode"]: row for row in
            csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}
    assert {key: rows[CITANGKIL][key] for key in (
        "permohonan_tahun_ini", "permohonan_diputuskan", "permohonan_lengkap_sejak_awal",
        "persen_lengkap_sejak_awal", "median_hari_sampai_siap_diambil",
        "permohonan_diajukan", "permohonan_siap_diambil", "permohonan_selesai",
        "permohonan_ditolak")} == {
        "permohonan_tahun_ini": "5", "permohonan_diputuskan": "2",
        "permohonan_lengkap_sejak_awal": "1", "persen_lengkap_sejak_awal": "50",
        "median_hari_sampai_siap_diambil": "3.0", "permohonan_diajukan": "2",
        "permohonan_siap_diambil": "1", "permohonan_selesai": "1", "permohonan_ditolak": "1"}
    assert rows["36.72.08.1001"]["permohonan_tahun_ini"] == "0"
    assert rows["36.72.08.1001"]["median_hari_sampai_siap_diambil"] == ""

    detail = city_client.get(f"/admin/status-situs/{CITANGKIL}/").content.decode()
    assert "5 permohonan · 50% lengkap sejak pengajuan pertama" in detail
    table = detail[detail.index('id="permohonan-layanan"'):]
    table = table[:table.index("</table>")]
    sktm = ServiceRequest.objects.filter(service__slug=SKTM).first().service_name
    assert (f'<th scope="row">{sktm}</th><td>3</td><td>1</td><td>0</td><td>0</td><td>1</td>'
            "<td>1</td><td>0</td>") in table
    assert NAME not in detail and PHONE not in detail


def test_the_public_status_page(requests_of_this_year):
    public = Client(HTTP_HOST="balai.test").get("/status/").content.decode()
    assert ("Permohonan online tahun ini: 5 permohonan · 50% lengkap sejak pengajuan pertama"
            " · siap diambil setelah 3,0 hari (median)") in public
    assert "Permohonan online tahun ini: 1 permohonan · 100% lengkap" in public
    assert NAME not in public and PHONE not in public


def test_a_site_without_requests_says_so(city_client):
    detail = city_client.get(f"/admin/status-situs/{CITANGKIL}/").content.decode()
    assert "Permohonan online tahun ini: belum ada tahun ini" in detail
    assert 'id="permohonan-layanan"' not in detail


def test_the_purge_keeps_the_figures(requests_of_this_year):
    """The anonymous record stays: a request whose personal data is gone still counts."""
    before = city_figures(since=year_start())
    finished = ServiceRequest.objects.filter(status__in=ServiceRequest.FINISHED)
    ServiceRequest.objects.filter(pk__in=finished).update(
        finished_at=timezone.now() - datetime.timedelta(days=400))
    assert services.purge_personal_data() == (2, 2)
    assert not ServiceRequest.objects.filter(pk__in=finished).exclude(answers="").exists()
    assert city_figures(since=year_start()) == before


def test_the_dashboard_takes_as_many_queries_with_requests_as_without(city_client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert city_client.get("/admin/status-situs/").status_code == 200
        return len(captured)

    queries()  # the session and the admin's menu, once
    before = queries()
    citangkil, kebonsari = region_site(CITANGKIL), region_site(KEBONSARI)
    _complete_and_ready(citangkil, finished=True)
    service_request_of(citangkil, DOMISILI)
    _complete_and_ready(kebonsari)
    assert queries() == before
