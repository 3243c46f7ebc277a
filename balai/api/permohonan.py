"""Open data of the online service requests (balai.permohonan): for each office and the
whole city, in a period, how many requests came, how many the office found complete at
first submission, the median days from submission to "siap diambil", and the requests by
service and status, as JSON or CSV. Aggregates only: never a request, a code, a resident's
answer or document.

``?periode=2026`` (a year) or ``?periode=2026-1`` (a semester), or ``?dari=`` and
``?sampai=`` (days, both included); by default this year. ``?kode=`` gives one office.
Counted by the day the request was submitted. Field names are Indonesian and stable.
"""

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from balai.pagecache import params
from balai.permohonan.models import ServiceRequest
from balai.permohonan.selectors import Figures, city_figures, figures_by_region
from balai.survei import periods

from .layanan import _error
from .selectors import region_site_list
from .survei import OFFICE_LEVELS, period_asked

STATUSES = ServiceRequest.Status.values
CSV_COLUMNS = ["kode", "nama", "tingkat", "dari", "sampai", "permohonan", "diputuskan",
               "lengkap_sejak_awal", "persen_lengkap_sejak_awal", "diputuskan_siap_diambil",
               "median_hari_siap_diambil", *STATUSES]


def figures_json(figures: Figures) -> dict:
    return {
        "permohonan": figures.received,
        # Requests the office has decided on (asked for more, or said when to collect):
        # the denominator of the share complete at first submission.
        "diputuskan": figures.decided,
        "lengkap_sejak_awal": figures.complete_at_first,
        "persen_lengkap_sejak_awal": figures.complete_percent,
        "diputuskan_siap_diambil": figures.ready,
        "median_hari_siap_diambil": figures.median_days_to_ready,
        "status": dict(figures.by_status),
        "layanan": [{"nama": name, "permohonan": figures.by_service[name], "status": counts}
                    for name, counts in figures.by_service_status.items()],
    }


def _csv(rows: list[dict], *, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # spreadsheet programs then read UTF-8
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, **row["status"]})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def permohonan_list(request):
    """Every office's request figures for a period, and the city's; with ``?kode=`` one
    office."""
    # balai.pagecache.params has refused malformed values of every parameter with a 400.
    today = periods.today()
    period = period_asked(request, default=periods.year(today.year))
    if period is None:
        return _error("the period asked for does not exist: sampai is before dari, or the "
                      "year is out of range", 400)
    kode = params.get(request, "kode", "")
    records = [record for record in region_site_list()
               if record.region.level in OFFICE_LEVELS
               and (not kode or record.region.kode == kode)]
    if kode and not records:
        return _error(f"no kecamatan or kelurahan site for region code {kode}", 404)
    since, until = period.bounds()
    by_region = figures_by_region(since=since, until=until)
    span = {"dari": period.start.isoformat(), "sampai": period.end.isoformat()}
    rows = [{"kode": record.region.kode, "nama": record.region.full_name,
             "tingkat": record.region.level, **span,
             **figures_json(by_region.get(record.region_id, Figures()))}
            for record in records]
    if params.get(request, "format", "json") == "csv":
        name = f"permohonan-{kode.replace('.', '') or 'kota-cilegon'}-{period.start}-{period.end}"
        response = _csv(rows, filename=f"{name}.csv")
    else:
        data = {"periode": {"kode": period.code or None, **span}}
        if not kode:
            data["kota"] = figures_json(city_figures(since=since, until=until))
        data.update({"count": len(rows), "results": rows})
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
