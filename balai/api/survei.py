"""Open data of the satisfaction survey: each office's index (IKM), grade, respondents and
element averages for a period, as JSON or CSV. Only aggregates: never a response, never a
suggestion, never a respondent's profile.

``?periode=2026-2`` (a semester) or ``?periode=2026`` (a year), or ``?dari=`` and
``?sampai=`` (days, both included); by default the current semester. ``?kode=`` gives one
office, with its index per service. Field names are Indonesian and stable.
"""

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from balai.pagecache import params
from balai.survei import periods
from balai.survei.elements import ELEMENTS
from balai.survei.ikm import Result
from balai.survei.selectors import ikm_by_region, results_by_service

from .layanan import _error
from .selectors import region_site_list

OFFICE_LEVELS = ("kecamatan", "kelurahan")
CSV_COLUMNS = ["kode", "nama", "tingkat", "dari", "sampai", "responden", "ikm", "mutu",
               "mutu_keterangan", *(element.key for element in ELEMENTS)]


def result_json(result: Result) -> dict:
    with translation.override("id"):
        return {
            "responden": result.respondents,
            "ikm": float(result.ikm) if result.ikm is not None else None,
            "mutu": result.mutu.letter if result.mutu else None,
            "mutu_keterangan": str(result.mutu.label) if result.mutu else None,
            "nrr": ({element.key: float(average) for element, average in
                     zip(ELEMENTS, result.nrr, strict=True)} if result.respondents else None),
        }


def period_asked(request, *, default: periods.Period) -> periods.Period | None:
    """``?periode=`` or ``?dari=``/``?sampai=``, ``default`` when neither is given; None
    for a period that does not exist."""
    dari, sampai = params.get(request, "dari"), params.get(request, "sampai")
    if dari or sampai:
        return periods.from_dates(dari, sampai)
    code = params.get(request, "periode")
    return periods.from_code(code) if code else default


def _csv(rows: list[dict], *, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # spreadsheet programs then read UTF-8
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, **(row["nrr"] or {})})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def survei_list(request):
    """Every office's index for a period; with ``?kode=`` one office and its services."""
    # balai.pagecache.params has refused malformed values of every parameter with a 400.
    period = period_asked(request, default=periods.current_semester())
    if period is None:
        return _error("the period asked for does not exist: sampai is before dari, or the "
                      "year is out of range", 400)
    kode = params.get(request, "kode", "")
    records = [record for record in region_site_list()
               if record.region.level in OFFICE_LEVELS
               and (not kode or record.region.kode == kode)]
    if kode and not records:
        return _error(f"no kecamatan or kelurahan site for region code {kode}", 404)
    by_region = ikm_by_region(period.start, period.end)
    rows = [{"kode": record.region.kode, "nama": record.region.full_name,
             "tingkat": record.region.level, "dari": period.start.isoformat(),
             "sampai": period.end.isoformat(),
             **result_json(by_region.get(record.region_id, Result(respondents=0)))}
            for record in records]
    if params.get(request, "format", "json") == "csv":
        name = f"survei-{kode.replace('.', '') or 'kota-cilegon'}-{period.start}-{period.end}"
        response = _csv(rows, filename=f"{name}.csv")
    else:
        data = {"periode": {"kode": period.code or None, "dari": period.start.isoformat(),
                            "sampai": period.end.isoformat()},
                "count": len(rows), "results": rows}
        if kode:
            data["layanan"] = [{"nama": line.name, **result_json(line.result)}
                               for line in results_by_service(period=period,
                                                              region=records[0].region)]
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
