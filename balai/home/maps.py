"""Maps of the city and its regions, drawn from the official boundaries (inline SVG)."""

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from balai.core.maps import MapShape, map_svg
from balai.wilayah.models import Region


def region_map(*, region: Region) -> SafeString:
    """A kelurahan among the other kelurahan of its kecamatan, or a kecamatan's kelurahan."""
    if region.level == Region.Level.KELURAHAN:
        kecamatan, highlight = region.parent, region.pk
    else:
        kecamatan, highlight = region, None
    kelurahan = Region.objects.filter(parent=kecamatan, level=Region.Level.KELURAHAN)
    shapes = [MapShape(label=item.name, geometry=item.boundary, highlight=item.pk == highlight)
              for item in kelurahan]
    return map_svg(shapes, title=_("Map of %(name)s") % {"name": region.full_name},
                   labels=True, width=400)


def city_map(*, directory, request) -> SafeString:
    """Every kelurahan of the city, each a link to its website."""
    shapes = [MapShape(label=page.title, geometry=page.region.boundary,
                       href=page.get_url(request))
              for entry in directory for page in entry.kelurahan]
    return map_svg(shapes, title=_("Map of the kelurahan of Kota Cilegon"))
