import csv
import io

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from balai.core.cityadmin import require_permission
from balai.permohonan.models import ServiceRequest
from balai.permohonan.selectors import city_figures
from balai.status.completeness import site_checklist
from balai.wilayah.models import Region

from .chart import chart, daily_counts
from .selectors import request_table, site_statuses, totals, year_start

SORTS = {
    "kode": lambda status: status.region.kode,
    "nama": lambda status: status.region.name,
    "skor": lambda status: status.score,
    "perubahan": lambda status: status.last_change.timestamp() if status.last_change else 0,
    "usang": lambda status: status.stale_pages,
    "penjaga": lambda status: status.guard_findings,
    "pengaduan": lambda status: status.complaints.received,
    "ikm": lambda status: status.survey.ikm or 0,
    "permohonan": lambda status: status.requests.received,
}


def _sorted(statuses, sort: str):
    key = sort.lstrip("-")
    if key not in SORTS:
        return statuses, "kode"
    return sorted(statuses, key=SORTS[key], reverse=sort.startswith("-")), sort


def dashboard(request):
    """Every site: live, complete, fresh; sortable, by kecamatan, as CSV."""
    require_permission(request, "wagtailcore.change_site")
    kecamatan = request.GET.get("kecamatan", "")
    statuses, sort = _sorted(site_statuses(kecamatan=kecamatan or None),
                             request.GET.get("urut", "kode"))
    if request.GET.get("format") == "csv":
        return _csv(statuses)
    city_requests = city_figures(since=year_start())
    request_statuses, request_rows = request_table(city_requests)
    return TemplateResponse(request, "status/dashboard.html", {
        "page_title": _("Site status"), "statuses": statuses, "sort": sort,
        "totals": totals(statuses), "kecamatan": kecamatan,
        "kecamatan_list": Region.objects.filter(level=Region.Level.KECAMATAN).order_by("kode"),
        "chart": chart(daily_counts()),
        "city_requests": city_requests, "request_statuses": request_statuses,
        "request_rows": request_rows,
    })


def site_detail(request, kode: str):
    """One site: its checklist, freshness and stale pages, and its history."""
    require_permission(request, "wagtailcore.change_site")
    statuses = [status for status in site_statuses(kecamatan=kode)
                if status.region.kode == kode]
    if not statuses:
        raise Http404
    [status] = statuses
    request_statuses, request_rows = request_table(status.requests)
    return TemplateResponse(request, "status/site_detail.html", {
        "page_title": status.region.full_name, "status": status,
        "request_statuses": request_statuses, "request_rows": request_rows,
        "checklist": site_checklist(status.record.home_page),
        "snapshots": status.region.snapshots.order_by("-date")[:30],
        "findings": status.region.guard_findings.select_related("page").order_by(
            "-blocking", "page__path"),
    })


CSV_COLUMNS = ["kode", "nama", "tingkat", "kode_induk", "url", "live", "skor", "lengkap",
               "kurang", "perubahan_terakhir", "segar", "halaman_usang", "temuan_penjaga",
               "pengaduan_tahun_ini", "pengaduan_dibalas_tepat_waktu",
               "median_hari_balasan_pertama", "responden_survei_semester_ini", "ikm", "mutu",
               "permohonan_tahun_ini", "permohonan_diputuskan",
               "permohonan_lengkap_sejak_awal", "persen_lengkap_sejak_awal",
               "median_hari_sampai_siap_diambil",
               *(f"permohonan_{status}" for status in ServiceRequest.Status.values)]


def _request_columns(figures) -> list:
    return [figures.received, figures.decided, figures.complete_at_first,
            "" if figures.complete_percent is None else figures.complete_percent,
            "" if figures.median_days_to_ready is None else figures.median_days_to_ready,
            *figures.by_status.values()]


def _csv(statuses) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for status in statuses:
        writer.writerow([
            status.region.kode, status.region.full_name, status.region.level,
            status.region.parent_kode, status.url, "ya" if status.live else "tidak",
            status.score, "ya" if status.complete else "tidak",
            "; ".join(str(item.label) for item in status.missing),
            status.last_change.isoformat() if status.last_change else "",
            "ya" if status.fresh else "tidak", status.stale_pages, status.guard_findings,
            status.complaints.received, status.complaints.answered_in_time,
            "" if status.complaints.median_days_to_reply is None
            else status.complaints.median_days_to_reply,
            status.survey.respondents, status.survey.ikm or "",
            status.survey.mutu.letter if status.survey.mutu else "",
            *_request_columns(status.requests)])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="status-situs.csv"'
    return response
