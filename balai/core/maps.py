"""Small inline SVG maps of kelurahan, kecamatan and the city, drawn on the server.

Boundaries are GeoJSON geometries (WGS84, [lon, lat], Polygon or MultiPolygon), projected
equirectangularly (longitude scaled by the cosine of the mean latitude), north up. No
tiles, no JavaScript; the SVG takes its container's width. Colours come from the
stylesheet. Draw a kecamatan as all of its kelurahan, not its coarse outline.
"""

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Ring = Sequence[Sequence[float]]


@dataclass
class MapShape:
    """One region on a map; a shape whose ``geometry`` is None or empty is skipped."""

    label: str
    geometry: dict[str, Any] | None
    href: str | None = None
    highlight: bool = False


def _polygons(geometry: dict[str, Any] | None) -> list[list[Ring]]:
    """The polygons (outer ring, then holes) of a Polygon or MultiPolygon; [] otherwise."""
    if not geometry:
        return []
    coordinates = geometry.get("coordinates") or []
    kinds = {"Polygon": [coordinates], "MultiPolygon": coordinates}
    polygons = [[r for r in p if len(r) >= 3] for p in kinds.get(geometry.get("type"), [])]
    return [polygon for polygon in polygons if polygon]


def geometry_bbox(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of a geometry; ValueError if it is empty."""
    return _bbox(_polygons(geometry))


def _bbox(polygons: list[list[Ring]]) -> tuple[float, float, float, float]:
    points = [point for polygon in polygons for ring in polygon for point in ring]
    if not points:
        raise ValueError("geometry has no polygon")
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def geometry_centroid(geometry: dict[str, Any]) -> tuple[float, float]:
    """(lon, lat) area-weighted centroid of the outer rings, for placing a label.

    Holes are ignored, and the point may fall outside a very concave shape. It is exact
    on the map, whose projection is linear in lon and lat. ValueError if it is empty.
    """
    return _centroid(_polygons(geometry))


def _centroid(polygons: list[list[Ring]]) -> tuple[float, float]:
    points = [point for polygon in polygons for point in polygon[0]]
    if not points:
        raise ValueError("geometry has no polygon")
    ox, oy = points[0][0], points[0][1]  # shoelace relative to a vertex, for precision
    area = cx = cy = 0.0
    for polygon in polygons:
        ring = [(p[0] - ox, p[1] - oy) for p in polygon[0]]
        for (x0, y0), (x1, y1) in pairwise([*ring, ring[0]]):
            cross = x0 * y1 - x1 * y0
            area, cx, cy = area + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    if abs(area) < 1e-15:  # degenerate (a line or a point): the mean vertex will do
        return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
    return ox + cx / (3 * area), oy + cy / (3 * area)


def _safe_href(href: str | None) -> str | None:
    """The href if it is a site-relative path ("/...") or an http(s) URL, else None."""
    if not href or any(c.isspace() or ord(c) < 32 or c == "\\" for c in href):
        return None
    if href.startswith("/"):
        return None if href.startswith("//") else href
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    return href if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _number(value: int, precision: int) -> str:
    """A grid integer (in units of 10**-precision) as the shortest decimal string."""
    text = f"{value / 10**precision:.{precision}f}" if precision else str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _path_data(polygons: list[list[Ring]], project: Callable, precision: int) -> str:
    """SVG path data: per ring, a closed subpath of an absolute start and relative steps.

    Points are snapped to the output grid first, so relative steps do not drift, and a
    point that collapses onto the previous one is dropped to keep the markup small.
    """
    scale, subpaths = 10**precision, []
    for ring in (ring for polygon in polygons for ring in polygon):
        grid: list[tuple[int, int]] = []
        for x, y in map(project, ring):
            point = (round(x * scale), round(y * scale))
            if not grid or point != grid[-1]:
                grid.append(point)
        if len(grid) > 1 and grid[-1] == grid[0]:
            grid.pop()
        if len(grid) < 3:
            continue
        numbers = [_number(v, precision) for v in grid[0]]
        numbers += [_number(b[i] - a[i], precision) for a, b in pairwise(grid) for i in (0, 1)]
        steps = "".join(n if n.startswith("-") else f" {n}" for n in numbers[3:])
        subpaths.append(f"M{numbers[0]} {numbers[1]}l{numbers[2]}{steps}z")
    return "".join(subpaths)


def map_svg(
    shapes: list[MapShape],
    *,
    title: str,
    width: int = 640,
    padding: int = 8,
    precision: int = 1,
    labels: bool = False,
) -> SafeString:
    """An inline ``<svg>`` map of ``shapes``, fitted to a viewBox ``width`` units wide.

    The SVG has ``width="100%"`` and no height: it takes its container's width and its
    height from the viewBox. A shape with a safe ``href`` (a "/" path or an http(s) URL)
    is a link named by its label; other hrefs are dropped. Highlighted shapes are drawn
    last so their outline is not covered. A map with links is ``role="group"`` (inside
    ``role="img"`` they would be hidden from screen readers), otherwise ``role="img"``.
    ``labels`` writes each label at its shape's centroid. Empty when nothing is drawn.
    """
    if precision < 0:
        raise ValueError("precision must be >= 0")
    drawn = [(shape, polygons) for shape in shapes if (polygons := _polygons(shape.geometry))]
    if not drawn:
        return mark_safe("")
    drawn.sort(key=lambda item: item[0].highlight)  # stable: otherwise in the given order
    boxes = list(zip(*(_bbox(polygons) for _, polygons in drawn), strict=True))
    min_lon, min_lat, max_lon, max_lat = min(boxes[0]), min(boxes[1]), max(boxes[2]), max(boxes[3])
    x_factor = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x, span_y, inner = (max_lon - min_lon) * x_factor, max_lat - min_lat, width - 2 * padding
    scale = inner / span_x if span_x > 0 else (inner / span_y if span_y > 0 else 1.0)
    height = math.ceil((span_y * scale + 2 * padding) * 10**precision)

    def project(point: Sequence[float]) -> tuple[float, float]:
        x = padding + (point[0] - min_lon) * x_factor * scale
        return x, padding + (max_lat - point[1]) * scale

    body: list[str] = []
    texts: list[str] = []
    has_links = False
    for shape, polygons in drawn:
        css = "map-shape map-shape--highlight" if shape.highlight else "map-shape"
        label, d = escape(shape.label), _path_data(polygons, project, precision)
        path = f'<path class="{css}" fill-rule="evenodd" d="{d}"/>'
        if (href := _safe_href(shape.href)) is None:
            body.append(path)
        else:
            has_links = True
            body.append(f'<a href="{escape(href)}"><title>{label}</title>{path}</a>')
        if labels:
            x, y = project(_centroid(polygons))
            label_css = "map-label map-label--highlight" if shape.highlight else "map-label"
            texts.append(
                f'<text class="{label_css}" x="{x:.{precision}f}" y="{y:.{precision}f}" '
                f'text-anchor="middle" dominant-baseline="middle">{label}</text>'
            )
    if texts:  # above every shape so none is covered; hidden as the shapes are named
        body.append(f'<g aria-hidden="true">{"".join(texts)}</g>')
    content = "".join(body)
    title_id = "map-" + hashlib.blake2s(f"{title}\n{content}".encode(), digest_size=5).hexdigest()
    return mark_safe(  # noqa: S308 - every label, title and href is escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map" '
        f'viewBox="0 0 {width} {_number(height, precision)}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" role="{"group" if has_links else "img"}" '
        f'aria-labelledby="{title_id}"><title id="{title_id}">{escape(title)}</title>'
        f"{content}</svg>"
    )
