"""Maps of the city and its regions, drawn from the official boundaries (inline SVG)."""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from balai.wilayah.models import Region

from .maps import MapShape, drawable, map_svg, merge_geometries


@dataclass
class NumberedMap:
    """A map whose regions carry numbers, and its legend: region n is ``legend[n - 1]``."""

    svg: SafeString
    legend: list[MapShape]


def _numbered_map(shapes: list[MapShape], **options) -> NumberedMap:
    return NumberedMap(svg=map_svg(shapes, numbered=True, width=400, **options),
                       legend=drawable(shapes))


def region_map(*, region: Region) -> NumberedMap:
    """A kelurahan among the other kelurahan of its kecamatan, or a kecamatan's kelurahan."""
    if region.level == Region.Level.KELURAHAN:
        kecamatan, highlight = region.parent, region.pk
    else:
        kecamatan, highlight = region, None
    kelurahan = Region.objects.filter(
        parent=kecamatan, level=Region.Level.KELURAHAN).order_by("kode")
    shapes = [MapShape(label=item.name, geometry=item.boundary, highlight=item.pk == highlight)
              for item in kelurahan]
    return _numbered_map(shapes, title=_("Map of %(name)s") % {"name": region.full_name})


def city_map(*, directory, request) -> NumberedMap:
    """Every kecamatan of the directory, drawn as all of its kelurahan, each a link to its
    website. (A kelurahan is too small to tap on a phone; the directory lists them.)"""
    kelurahan = Region.objects.filter(
        parent__in=[entry.page.region_id for entry in directory],
        level=Region.Level.KELURAHAN).only("parent_id", "boundary")
    boundaries: dict[int, list] = {}
    for item in kelurahan:
        boundaries.setdefault(item.parent_id, []).append(item.boundary)
    shapes = [MapShape(label=entry.page.title, href=entry.page.get_url(request),
                       geometry=merge_geometries(boundaries.get(entry.page.region_id, [])))
              for entry in directory]
    return _numbered_map(shapes, title=_("Map of the kecamatan of Kota Cilegon"),
                         outlines=True)
