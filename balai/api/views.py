from django.http import JsonResponse
from django.views.decorators.http import require_GET

from balai.pagecache import params

from .selectors import portal_site, region_site_list


def _site_json(record, *, portal) -> dict:
    region, site, home = record.region, record.site, record.home_page
    path_url = None
    if portal is not None and home.url_path.startswith(portal.root_page.url_path):
        path_url = portal.root_url + "/" + home.url_path[len(portal.root_page.url_path):]
    return {
        "kode": region.kode,
        "nama": region.name,
        "nama_lengkap": region.full_name,
        "tingkat": region.level,
        "kode_induk": region.parent_kode,
        "kode_pos": region.postal_code or None,
        "lat": region.centroid_lat,
        "lon": region.centroid_lon,
        "hostname": site.hostname,
        "url": site.root_url + "/",
        "path_url": path_url,
        "live": home.live,
    }


@require_GET
def site_list(request):
    """Every provisioned site of the city. Filters: ``?tingkat=`` and ``?kode_induk=``."""
    # balai.pagecache.params has refused any other value of either with a 400.
    records = region_site_list(tingkat=params.get(request, "tingkat"),
                               kode_induk=params.get(request, "kode_induk"))
    portal = portal_site()
    results = [_site_json(record, portal=portal) for record in records]
    response = JsonResponse({"count": len(results), "results": results},
                            json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
