"""Open data of the service catalogue: the city's definitions, or as one office offers them.

Field names are Indonesian and stable; new fields may be added, none renamed or removed.
"""

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.utils.html import strip_tags
from django.views.decorators.http import require_GET

from balai.layanan.models import LayananPage, ServiceDefinition, catalogue_matching
from balai.pagecache import params
from balai.provisioning.models import RegionSite


def definition_json(definition: ServiceDefinition) -> dict:
    return {
        "kode": definition.slug,
        "nama": definition.name,
        "kategori": {"kode": definition.category.slug, "nama": definition.category.name},
        "tingkat": definition.level,
        "ringkasan": definition.summary,
        "pemohon": definition.eligibility,
        "persyaratan": [
            {"dokumen": item["document"], "bentuk": item["form"], "jumlah": item["copies"],
             "bersyarat": bool(item["condition"]), "syarat": item["condition"] or None,
             "keterangan": item["notes"] or None}
            for item in definition.requirement_values
        ],
        "prosedur": [
            {"urutan": number, "langkah": step.value["description"],
             "pelaksana": step.value["actor"]}
            for number, step in enumerate(definition.steps, start=1)
        ],
        "jangka_waktu": definition.processing_time,
        "biaya": definition.fee,
        "gratis": definition.is_free,
        "biaya_keterangan": definition.fee_notes or None,
        "produk": definition.product,
        "pengaduan": definition.complaints,
        "dasar_hukum": [law.value for law in definition.legal_basis],
        "formulir": [{"judul": form.value["title"], "url": form.value["document"].url}
                     for form in definition.forms if form.value["document"]],
        "kata_kunci": definition.keyword_list,
        "contoh": definition.is_sample,
        "diperbarui": definition.updated_at.isoformat(),
    }


def local_json(page: LayananPage) -> dict:
    return {
        "ditawarkan": page.offered,
        "catatan": " ".join(strip_tags(page.local_notes).split()) or None,
        "petugas": page.officer or None,
        "jam_layanan": page.service_hours or None,
        "url": page.full_url,
    }


CSV_COLUMNS = ["kode", "nama", "kategori", "tingkat", "ringkasan", "pemohon", "persyaratan",
               "prosedur", "jangka_waktu", "biaya", "produk", "pengaduan", "dasar_hukum",
               "kata_kunci", "contoh", "diperbarui"]
CSV_LOCAL_COLUMNS = ["ditawarkan", "catatan", "petugas", "jam_layanan", "url"]


def _csv_row(item: dict) -> dict:
    def requirement(entry):
        text = f"{entry['dokumen']} ({entry['bentuk']}, {entry['jumlah']})"
        return f"{text} [{entry['syarat']}]" if entry["bersyarat"] else text

    row = {**item, "kategori": item["kategori"]["nama"],
           "persyaratan": " | ".join(requirement(entry) for entry in item["persyaratan"]),
           "prosedur": " | ".join(f"{step['urutan']}. {step['langkah']} ({step['pelaksana']})"
                                  for step in item["prosedur"]),
           "dasar_hukum": " | ".join(item["dasar_hukum"]),
           "kata_kunci": ", ".join(item["kata_kunci"]),
           "contoh": "ya" if item["contoh"] else "tidak"}
    if "lokal" in item:
        local = item["lokal"]
        row.update(local, ditawarkan="ya" if local["ditawarkan"] else "tidak")
    return row


def _csv_response(results: list[dict], *, local: bool, filename: str) -> HttpResponse:
    columns = CSV_COLUMNS + (CSV_LOCAL_COLUMNS if local else [])
    buffer = io.StringIO()
    # A byte-order mark so that spreadsheet programs read the file as UTF-8.
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for item in results:
        writer.writerow(_csv_row(item))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status,
                        json_dumps_params={"ensure_ascii": False})


@require_GET
def layanan_list(request):
    """The city catalogue; with ``?kelurahan=<kode>`` the services as that office gives them
    (its local notes, officer, hours, and whether it offers each). ``?format=csv`` for CSV."""
    # balai.pagecache.params has refused any other value with a 400.
    kode = params.get(request, "kelurahan", "")
    output = params.get(request, "format", "json")
    data: dict = {}
    if kode:
        record = (RegionSite.objects.filter(region__kode=kode, home_page__isnull=False)
                  .select_related("region", "home_page").first())
        if record is None:
            return _error(f"no site for region code {kode}", 404)
        pages = (LayananPage.objects.live().public().descendant_of(record.home_page)
                 .filter(depth=record.home_page.depth + 2, definition__live=True)
                 .select_related("definition__category")
                 .order_by("definition__category__sort_order", "definition__name"))
        results = [{**definition_json(page.definition), "lokal": local_json(page)}
                   for page in pages]
        data["kelurahan"] = {"kode": record.region.kode, "nama": record.region.full_name}
    else:
        results = [definition_json(definition) for definition in catalogue_matching()]
    if output == "csv":
        name = f"layanan-{kode.replace('.', '')}.csv" if kode else "layanan-kota-cilegon.csv"
        response = _csv_response(results, local=bool(kode), filename=name)
    else:
        response = JsonResponse({**data, "count": len(results), "results": results},
                                json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
