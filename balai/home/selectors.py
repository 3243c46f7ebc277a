from dataclasses import dataclass

from wagtail.models import Page

from .models import KecamatanPage, KelurahanPage, PortalPage


@dataclass
class KecamatanEntry:
    page: KecamatanPage
    kelurahan: list[KelurahanPage]


def portal_directory(*, portal: PortalPage) -> list[KecamatanEntry]:
    """Every live kecamatan under the portal with its live kelurahan, in code order.

    Two queries, whatever the number of sites.
    """
    kecamatan = (
        KecamatanPage.objects.live().public().child_of(portal)
        .select_related("region").order_by("region__kode")
    )
    return _group_kelurahan(kecamatan, under=portal)


def kecamatan_kelurahan(*, kecamatan: KecamatanPage) -> list[KelurahanPage]:
    """The live kelurahan sites of one kecamatan, in code order."""
    return list(
        KelurahanPage.objects.live().public().child_of(kecamatan)
        .select_related("region").order_by("region__kode")
    )


def _group_kelurahan(kecamatan, *, under: Page) -> list[KecamatanEntry]:
    kelurahan = (
        KelurahanPage.objects.live().public().descendant_of(under)
        .select_related("region").order_by("region__kode")
    )
    by_parent: dict[int, list[KelurahanPage]] = {}
    for page in kelurahan:
        by_parent.setdefault(page.region.parent_id, []).append(page)
    return [KecamatanEntry(page=page, kelurahan=by_parent.get(page.region_id, []))
            for page in kecamatan]
