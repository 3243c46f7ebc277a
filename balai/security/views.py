"""Log keamanan: the security log, for the city office to read (never to edit)."""

import csv
import datetime
import io

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from balai.core.cityadmin import require_permission

from .models import SecurityEvent

PER_PAGE = 100


def _date(value: str):
    """A date from the filter, or None; never the first or last year a date can hold, whose
    start or end of day in local time is out of datetime's range (a 500)."""
    try:
        date = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return date if datetime.MINYEAR < date.year < datetime.MAXYEAR else None


def filtered_events(params) -> tuple[object, dict]:
    """The events matching the list's filters, and the filters as understood."""
    events = SecurityEvent.objects.select_related("user", "actor", "region")
    kind = params.get("jenis", "")
    if kind in SecurityEvent.Kind.values:
        events = events.filter(kind=kind)
    else:
        kind = ""
    who = params.get("akun", "").strip()[:150]
    if who:
        events = events.filter(Q(username__icontains=who) | Q(actor__username__icontains=who))
    site = params.get("situs", "").strip()[:20]
    if site:
        events = events.filter(region__kode__startswith=site)
    since, until = _date(params.get("dari", "")), _date(params.get("sampai", ""))
    zone = timezone.get_current_timezone()
    if since:
        events = events.filter(at__gte=datetime.datetime.combine(since, datetime.time(), zone))
    if until:
        events = events.filter(at__lt=datetime.datetime.combine(
            until + datetime.timedelta(days=1), datetime.time(), zone))
    return events, {"jenis": kind, "akun": who, "situs": site,
                    "dari": since.isoformat() if since else "",
                    "sampai": until.isoformat() if until else ""}


def security_log(request):
    require_permission(request, "security.view_securityevent")
    events, filters = filtered_events(request.GET)
    if request.GET.get("format") == "csv":
        return _csv(events)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "security/log.html", {
        "page_title": _("Security log"), "page": page, "filters": filters,
        "kinds": SecurityEvent.Kind.choices,
        "query": urlencode({key: value for key, value in filters.items() if value})})


def _csv(events) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 correctly with a BOM
    writer = csv.writer(buffer)
    writer.writerow([_("Time"), _("Event"), _("Account"), _("Done by"), _("IP address"),
                     _("Site"), _("Detail")])
    for event in events.iterator():
        writer.writerow([timezone.localtime(event.at).isoformat(timespec="seconds"),
                         event.get_kind_display(), event.username,
                         event.actor.get_username() if event.actor else "", event.ip or "",
                         event.region.kode if event.region else "", event.detail])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="log-keamanan.csv"'
    return response
