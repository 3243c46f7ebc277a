from django.db.models import QuerySet
from wagtail.models import Site

from balai.provisioning.models import RegionSite


def region_site_list(*, tingkat: str | None = None, kode_induk: str | None = None
                     ) -> QuerySet[RegionSite]:
    """Provisioned sites with a Site and a home page, in code order; three-table join."""
    records = (
        RegionSite.objects.filter(site__isnull=False, home_page__isnull=False)
        .select_related("region", "site", "home_page")
        .defer("region__boundary", "region__source")
        .order_by("region__kode")
    )
    if tingkat:
        records = records.filter(region__level=tingkat)
    if kode_induk:
        records = records.filter(region__parent_kode=kode_induk)
    return records


def portal_site() -> Site | None:
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()
