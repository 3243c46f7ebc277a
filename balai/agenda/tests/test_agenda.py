import datetime
import re
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from balai.agenda.models import AgendaPage
from balai.testing.builders import days_from_now, event, kelurahan_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    """An office with five events, added in no particular order: three to come, two past."""
    site = kelurahan_site()
    for title, days in [("Rapat RW 04", 20), ("Senam pagi", -5), ("Posyandu Melati", 3),
                        ("Pelatihan menjahit", -30), ("Bersih kali", 9)]:
        event(site, title, start=days_from_now(days))
    return site


def test_upcoming_soonest_first_then_past(site):
    html = site.client.get("/agenda/").text
    upcoming, past = html.split("Kegiatan yang sudah lewat")
    assert re.findall(r'class="event-title"><a [^>]+>([^<]+)<', upcoming) == [
        "Posyandu Melati", "Bersih kali", "Rapat RW 04"]
    assert re.findall(r'class="event-title"><a [^>]+>([^<]+)<', past) == [
        "Senam pagi", "Pelatihan menjahit"]


def test_icalendar_feed(site):
    response = site.client.get("/agenda/kalender/")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 5
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert "SUMMARY:Posyandu Melati" in body
    assert re.search(r"DTSTART:\d{8}T\d{6}Z", body)


@override_settings(BALAI_PAGE_CACHE_SECONDS=0)
def test_icalendar_stamp_is_when_the_event_was_last_published(site):
    """DTSTAMP comes from the event, not the clock: the feed answers the same bytes on every
    request (the page cache and calendar apps see no change that is not there)."""
    client = site.client
    posyandu = AgendaPage.objects.live().descendant_of(site.home).get(title="Posyandu Melati")
    later = posyandu.last_published_at + datetime.timedelta(days=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        first = client.get("/agenda/kalender/").content
    with mock.patch("django.utils.timezone.now", return_value=later + datetime.timedelta(1)):
        second = client.get("/agenda/kalender/").content
    assert first == second
    stamp = posyandu.last_published_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTAMP:{stamp}" in first.decode()


def test_end_before_start_is_refused():

    now = timezone.now()
    event = AgendaPage(title="x", location="y", start=now, end=now - timezone.timedelta(hours=1))
    with pytest.raises(ValidationError):
        event.clean()
