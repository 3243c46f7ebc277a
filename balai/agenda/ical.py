"""An iCalendar (RFC 5545) feed of one site's events, for residents' calendar apps."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

UTC_FORMAT = "%Y%m%dT%H%M%SZ"


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """Split a content line into 75-octet pieces as RFC 5545 section 3.1 requires."""
    pieces, current = [], ""
    for char in line:
        if len((current + char).encode()) > (75 if not pieces else 74):
            pieces.append(current)
            current = ""
        current += char
    pieces.append(current)
    return [pieces[0]] + [" " + piece for piece in pieces[1:]]


def _utc(value) -> str:
    return value.astimezone(datetime.UTC).strftime(UTC_FORMAT)


def _revised(event) -> datetime.datetime:
    """RFC 5545 3.8.7.2: in a feed without METHOD, DTSTAMP is when the event was last revised,
    so the same calendar answers the same bytes until an operator publishes a change."""
    return event.last_published_at or event.first_published_at or timezone.now()


def agenda_ical_response(*, index, events, request) -> HttpResponse:
    """The calendar of an agenda index: ``events`` in the order given."""
    home = index.get_parent().specific
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//Balai//{_escape(home.title)}//ID",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{_escape('Agenda ' + home.title)}"]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:agenda-{event.pk}@{request.get_host().split(':')[0]}",
                  f"DTSTAMP:{_utc(_revised(event))}", f"DTSTART:{_utc(event.start)}"]
        if event.end:
            lines.append(f"DTEND:{_utc(event.end)}")
        lines += [f"SUMMARY:{_escape(event.title)}", f"LOCATION:{_escape(event.location)}",
                  f"DESCRIPTION:{_escape(strip_tags(event.summary))}",
                  f"URL:{event.get_full_url(request)}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    body = "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response
