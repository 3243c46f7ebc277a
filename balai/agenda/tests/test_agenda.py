import re

import pytest

from balai.agenda.models import AgendaPage
from balai.conftest import CITANGKIL

pytestmark = pytest.mark.django_db


def test_upcoming_soonest_first_then_past(site_of):
    client, _home = site_of(CITANGKIL)
    html = client.get("/agenda/").text
    upcoming, past = html.split("Kegiatan yang sudah lewat")
    assert re.findall(r'class="event-title"><a [^>]+>([^<]+)<', upcoming) == [
        "Posyandu balita (contoh)", "Kerja bakti lingkungan (contoh)",
        "Musyawarah warga (contoh)"]
    assert re.findall(r'class="event-title"><a [^>]+>([^<]+)<', past) == [
        "Senam bersama (contoh)", "Pelatihan UMKM (contoh)"]


def test_icalendar_feed(site_of):
    client, _home = site_of(CITANGKIL)
    response = client.get("/agenda/kalender/")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 5
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert "SUMMARY:Posyandu balita (contoh)" in body
    assert re.search(r"DTSTART:\d{8}T\d{6}Z", body)


def test_end_before_start_is_refused():
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    now = timezone.now()
    event = AgendaPage(title="x", location="y", start=now, end=now - timezone.timedelta(hours=1))
    with pytest.raises(ValidationError):
        event.clean()
