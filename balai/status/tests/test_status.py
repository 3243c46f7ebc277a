"""The city's view of every site: statuses, the admin table, its CSV, the public page, the
daily snapshot; the same figures everywhere, in a bounded number of queries."""

import csv
import datetime
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from balai.conftest import CITANGKIL, KEBONSARI, WARNASARI
from balai.guard.models import GuardFinding
from balai.provisioning.models import RegionSite
from balai.status.completeness import WEIGHTS, site_checklist
from balai.status.models import SiteSnapshot
from balai.status.selectors import site_statuses, totals
from balai.testing.builders import (
    DRINGO,
    complete_kelurahan,
    kelurahan_site,
    news,
    region_site,
    service_request_of,
)

pytestmark = pytest.mark.django_db
LEBAK_DENOK = "36.72.08.1003"



def _by_kode(statuses):
    return {status.region.kode: status for status in statuses}


def test_statuses_of_all_51_sites():
    before = totals(site_statuses())
    complete_kelurahan(kelurahan_site(WARNASARI))
    news(kelurahan_site(DRINGO), "Kabar Dringo hari ini")
    statuses = _by_kode(site_statuses())
    assert len(statuses) == 51
    assert all(status.live for status in statuses.values())
    assert statuses[WARNASARI].score == 100 and statuses[WARNASARI].complete
    assert statuses[DRINGO].score == WEIGHTS["berita"] and not statuses[DRINGO].complete
    # Everything was published just now by provisioning and the test.
    assert all(status.fresh for status in statuses.values())
    assert totals(list(statuses.values())) == {
        "sites": 51, "kelurahan": 43, "live": 51, "kelurahan_live": 43,
        "kelurahan_complete": before["kelurahan_complete"] + 1,
        "complete": before["complete"] + 1, "fresh": 51}


def test_freshness_and_stale_pages_belong_to_the_right_site():
    home = RegionSite.objects.get(region__kode=WARNASARI).home_page
    long_ago = timezone.now() - datetime.timedelta(days=400)
    pages = Page.objects.descendant_of(home, inclusive=True)
    count = pages.count()
    pages.update(last_published_at=long_ago)
    statuses = _by_kode(site_statuses())
    assert not statuses[WARNASARI].fresh
    assert statuses[WARNASARI].last_change == long_ago
    assert statuses[WARNASARI].stale_pages == count
    # The kecamatan above it is not affected.
    assert statuses["36.72.08"].fresh and statuses["36.72.08"].stale_pages == 0


def test_statuses_take_the_same_number_of_queries_for_8_sites_and_51():
    with CaptureQueriesContext(connection) as one_kecamatan:
        site_statuses(kecamatan="36.72.08")
    # Online requests in two sites: their figures are one query, however many there are.
    service_request_of(region_site(CITANGKIL))
    service_request_of(region_site(KEBONSARI))
    with CaptureQueriesContext(connection) as whole_city:
        site_statuses()
    # 18: fifteen for the sites and their checklists, one each for the complaint figures,
    # the satisfaction index and the online request figures.
    assert len(one_kecamatan) == len(whole_city) <= 18


def _table(html: str) -> dict[str, int]:
    rows = re.findall(r'status-situs/([\d.]+)/">.*?data-score="(\d+)"', html, re.S)
    return {kode: int(score) for kode, score in rows}


def test_admin_table_csv_and_public_page_agree(city_client):
    html = city_client.get("/admin/status-situs/").content.decode()
    table = _table(html)
    assert len(table) == 51
    response = city_client.get("/admin/status-situs/", {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["kode"]: int(row["skor"]) for row in rows} == table
    assert rows[0]["kurang"]  # what is missing, by name
    public = Client(HTTP_HOST="balai.test").get("/status/").content.decode()
    live = sum(1 for row in rows if row["tingkat"] == "kelurahan" and row["live"] == "ya")
    complete = sum(1 for row in rows if row["tingkat"] == "kelurahan" and row["lengkap"] == "ya")
    assert (f"{live} dari 43 kelurahan sudah memiliki situs yang aktif; {complete} di antaranya"
            " lengkap") in public
    assert "Saat pemerintah kota menetapkan sasaran ini, 5 dari 43 kelurahan" in public
    assert public.count('class="meta">lengkap<') == complete
    assert public.count('class="meta">daring, belum lengkap') == live - complete


def test_admin_table_sorts_and_filters(city_client):
    by_score = _table(city_client.get("/admin/status-situs/", {"urut": "-skor"}).text)
    scores = list(by_score.values())
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == max(status.score for status in site_statuses())
    one = _table(city_client.get("/admin/status-situs/", {"kecamatan": "36.72.08"}).text)
    assert set(one) == {"36.72.08"} | {f"36.72.08.100{n}" for n in range(1, 8)}


def test_drill_down_shows_the_checklist(city_client):
    html = city_client.get(f"/admin/status-situs/{WARNASARI}/").content.decode()
    assert "Kelengkapan situs: 0%" in html and "Kurang: sejarah" in html
    assert city_client.get("/admin/status-situs/99.99/").status_code == 404


def test_snapshot_is_once_per_day_and_draws_the_chart(city_client):
    call_command("snapshot", stdout=io.StringIO())
    call_command("snapshot", stdout=io.StringIO())
    today = timezone.localdate()
    assert SiteSnapshot.objects.filter(date=today).count() == 51
    SiteSnapshot.objects.bulk_create([
        SiteSnapshot(date=today - datetime.timedelta(days=1), region=snapshot.region,
                     live=snapshot.live, score=0, complete=False, fresh=False)
        for snapshot in SiteSnapshot.objects.filter(date=today)])
    html = city_client.get("/admin/status-situs/").content.decode()
    assert html.count("<polyline") == 3
    assert "aktif (51)" in html and "terbaru (51)" in html


def test_a_complete_and_a_partial_site_on_the_status_page_and_in_the_snapshot():
    complete_kelurahan(kelurahan_site(WARNASARI))
    news(kelurahan_site(DRINGO), "Kabar Dringo hari ini")
    public = Client(HTTP_HOST="balai.test").get("/status/").content.decode()

    def shown(kode):
        name = RegionSite.objects.get(region__kode=kode).region.full_name
        return re.search(rf'>{re.escape(name)}</a>\s*<span class="meta">([^<]*)<', public)[1]

    assert (shown(WARNASARI), shown(DRINGO)) == ("lengkap", "daring, belum lengkap")
    out = io.StringIO()
    call_command("snapshot", stdout=out)
    assert "Snapshot of 51 sites recorded." in out.getvalue()
    recorded = {snapshot.region.kode: (snapshot.complete, snapshot.score) for snapshot in
                SiteSnapshot.objects.filter(date=timezone.localdate()).select_related("region")}
    assert (recorded[WARNASARI], recorded[DRINGO]) == ((True, 100), (False, WEIGHTS["berita"]))
    statuses = _by_kode(site_statuses())
    assert [kode for kode, (complete, _score) in recorded.items() if complete] == [
        kode for kode, status in statuses.items() if status.complete]


def test_office_users_cannot_open_the_city_dashboard(make_user):
    client = Client(HTTP_HOST="balai.test")
    client.force_login(make_user("operator", RegionSite.objects.get(
        region__kode=CITANGKIL).operator_group))
    assert client.get("/admin/status-situs/").status_code == 403
    assert client.get(f"/admin/status-situs/{CITANGKIL}/").status_code == 403


def test_guard_findings_show_in_the_table_csv_and_drill_down_but_not_in_public(city_client):

    home = RegionSite.objects.get(region__kode=KEBONSARI).home_page
    GuardFinding.objects.create(page=home, region=home.specific.region, kind="hidden_link",
                                detail="daftar → https://judi.example/", blocking=True)
    html = city_client.get("/admin/status-situs/", {"urut": "-penjaga"}).content.decode()
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    assert "Kelurahan Kebonsari" in first_row and 'data-guard="1"' in first_row
    rows = list(csv.DictReader(io.StringIO(city_client.get(
        "/admin/status-situs/", {"format": "csv"}).content.decode("utf-8-sig"))))
    assert {row["kode"]: row["temuan_penjaga"] for row in rows}[KEBONSARI] == "1"
    detail = city_client.get(f"/admin/status-situs/{KEBONSARI}/").content.decode()
    assert "https://judi.example/" in detail
    public = Client(HTTP_HOST="balai.test").get("/status/").content.decode()
    assert "judi.example" not in public and "penjaga" not in public.lower()


def _status_lines(html: str) -> dict[str, str]:
    """Each site's line on the public status page, by the name it shows, in plain text."""
    soup = BeautifulSoup(html, "html.parser")
    lines = {}
    for item in soup.select(".status-list li"):
        name = item.a.get_text(strip=True) if item.a else item.contents[0].strip()
        lines[name] = " ".join(item.get_text(" ").split())
    for section in soup.select("section"):
        office = section.select_one(".status-office")
        lines[section.h2.get_text(strip=True)] = " ".join(office.get_text(" ").split())
    return lines


def test_the_public_status_names_what_each_site_lacks():
    complete_kelurahan(kelurahan_site(LEBAK_DENOK))
    news(kelurahan_site(DRINGO), "Kabar Dringo hari ini")
    lines = _status_lines(Client(HTTP_HOST="balai.test").get("/status/").content.decode())
    empty = RegionSite.objects.get(region__kode=WARNASARI).region.full_name
    assert lines[empty].endswith(
        "daring, belum lengkap Belum diisi: profil, struktur pegawai, ketua RT/RW, layanan, "
        "kontak dan jam buka, berita terbaru, lembaga kemasyarakatan")
    dringo = site_checklist(RegionSite.objects.get(region__kode=DRINGO).home_page)
    assert lines["Kelurahan Dringo"].endswith("Belum diisi: " + ", ".join(
        str(item.name) for item in dringo.missing))
    assert dringo.missing and len(dringo.missing) < len(dringo.items)
    assert "Belum diisi" not in lines["Kelurahan Lebak Denok"]  # complete on every item
    # The kecamatan's own site, under its heading: a kecamatan has no RT/RW.
    kecamatan = lines["Kecamatan Citangkil"]
    assert kecamatan.startswith("Situs kecamatan ini sendiri")
    assert "ketua RT/RW" not in kecamatan
    # Names only: the details are for the operator's checklist.
    assert "batas utara" not in str(lines) and "sejarah" not in str(lines)


def test_a_site_not_online_lists_nothing_missing():
    home = RegionSite.objects.get(region__kode=WARNASARI).home_page
    home.specific.unpublish()
    lines = _status_lines(Client(HTTP_HOST="balai.test").get("/status/").content.decode())
    assert lines["Kelurahan Warnasari"] == "Kelurahan Warnasari belum daring"
