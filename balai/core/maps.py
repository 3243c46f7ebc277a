"""Small inline SVG maps of kelurahan, kecamatan and the city, drawn on the server.

Boundaries are GeoJSON geometries (WGS84, [lon, lat], Polygon or MultiPolygon), projected
equirectangularly (longitude scaled by the cosine of the mean latitude), north up. No
tiles, no JavaScript; the SVG takes its container's width. Colours come from the
stylesheet. Draw a kecamatan as all of its kelurahan (``merge_geometries``), not its coarse
outline.

Names are not written on the map: on a phone they are too small to read and collide in
small neighbouring regions. Each region gets a numbered marker instead, and the page lists
the numbers with the names (``drawable`` gives the shapes in the markers' order).
"""

import hashlib
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise
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


def merge_geometries(geometries: Sequence[dict[str, Any] | None]) -> dict[str, Any]:
    """One MultiPolygon of every polygon of the given geometries, e.g. a kecamatan's kelurahan."""
    return {"type": "MultiPolygon",
            "coordinates": [polygon for geometry in geometries for polygon in _polygons(geometry)]}


def drawable(shapes: Sequence[MapShape]) -> list[MapShape]:
    """The shapes ``map_svg`` draws, in its order of numbering: those with a polygon."""
    return [shape for shape in shapes if _polygons(shape.geometry)]


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


GridLine = list[tuple[int, int]]


def _grid_rings(polygons: list[list[Ring]], project: Callable, precision: int) -> list[GridLine]:
    """Every ring projected and snapped to the output grid (units of 10**-precision).

    Snapping first keeps relative steps from drifting and lets neighbours' shared points
    match exactly. A point that collapses onto the previous one is dropped to keep the
    markup small, as are the closing point and rings left with fewer than three points.
    """
    scale, rings = 10**precision, []
    for ring in (ring for polygon in polygons for ring in polygon):
        grid: GridLine = []
        for x, y in map(project, ring):
            point = (round(x * scale), round(y * scale))
            if not grid or point != grid[-1]:
                grid.append(point)
        if len(grid) > 1 and grid[-1] == grid[0]:
            grid.pop()
        if len(grid) >= 3:
            rings.append(grid)
    return rings


def _path_data(lines: list[GridLine], precision: int, *, closed: bool = True) -> str:
    """SVG path data: per line, a subpath of an absolute start and relative steps, ended
    with ``z`` when ``closed``."""
    subpaths = []
    for line in lines:
        numbers = [_number(v, precision) for v in line[0]]
        numbers += [_number(b[i] - a[i], precision) for a, b in pairwise(line) for i in (0, 1)]
        steps = "".join(n if n.startswith("-") else f" {n}" for n in numbers[3:])
        subpaths.append(f"M{numbers[0]} {numbers[1]}l{numbers[2]}{steps}{'z' if closed else ''}")
    return "".join(subpaths)


def _distance(point: tuple[float, float], a: tuple[int, int], b: tuple[int, int]) -> float:
    """Distance from a point to the segment a–b."""
    (px, py), (ax, ay), (bx, by) = point, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _outline(rings: list[GridLine], tolerance: int) -> list[GridLine]:
    """The edges of the rings that lie along no other ring, as open lines in ring order.

    For the kelurahan of one kecamatan that is the outline of the kecamatan. Neighbours in
    the official data do not always share their points (one has a point in the middle of
    the other's edge, or the lines differ slightly), so an edge counts as shared when its
    midpoint is within ``tolerance`` grid units of another ring's edge.
    """
    cell = 4 * max(1, tolerance)
    edges_near: dict[tuple[int, int], list] = defaultdict(list)
    for index, ring in enumerate(rings):
        for a, b in pairwise([*ring, ring[0]]):
            for cx in range((min(a[0], b[0]) - tolerance) // cell,
                            (max(a[0], b[0]) + tolerance) // cell + 1):
                for cy in range((min(a[1], b[1]) - tolerance) // cell,
                                (max(a[1], b[1]) + tolerance) // cell + 1):
                    edges_near[cx, cy].append((index, a, b))

    def alone(index: int, a: tuple[int, int], b: tuple[int, int]) -> bool:
        middle = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        return not any(other != index and _distance(middle, p, q) <= tolerance
                       for other, p, q in edges_near[int(middle[0] // cell),
                                                     int(middle[1] // cell)])

    lines: list[GridLine] = []
    for index, ring in enumerate(rings):
        closed = [*ring, ring[0]]
        kept = [alone(index, a, b) for a, b in pairwise(closed)]
        if all(kept):
            lines.append(closed)
            continue
        start = kept.index(False) + 1  # right after a shared edge: no run wraps around
        run: GridLine = []
        for i in (position % len(ring) for position in range(start, start + len(ring))):
            if kept[i]:
                run = run or [closed[i]]
                run.append(closed[i + 1])
            elif run:
                lines.append(run)
                run = []
        if run:
            lines.append(run)
    return lines


def _spread(points: list[tuple[float, float]], *, distance: float,
            box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """Push points apart, each pair equally along the line between them, until no two are
    closer than ``distance`` (or after 100 rounds), keeping them inside ``box`` (x0, y0, x1,
    y1). Deterministic: the same input gives the same output."""
    x0, y0, x1, y1 = box
    moved = [[min(max(x, x0), x1), min(max(y, y0), y1)] for x, y in points]
    for _round in range(100):
        crowded = False
        for a, b in combinations(moved, 2):
            dx, dy = b[0] - a[0], b[1] - a[1]
            gap = math.hypot(dx, dy)
            if gap >= distance - 1e-6:
                continue
            crowded = True
            ux, uy = (dx / gap, dy / gap) if gap > 1e-9 else (0.6, 0.8)
            shift = (distance - gap) / 2 + 1e-3
            for point, sign in ((a, -1), (b, 1)):
                point[0] = min(max(point[0] + sign * ux * shift, x0), x1)
                point[1] = min(max(point[1] + sign * uy * shift, y0), y1)
        if not crowded:
            break
    return [(x, y) for x, y in moved]


def _markers(centres: list[tuple[float, float]], highlights: list[bool], *, width: float,
             height: float, precision: int) -> str:
    """Numbered circles (1, 2 …) at the centres, spread so none overlaps, each tied to its
    centre by a leader line when it had to move further than its own radius."""
    radius = width / 30
    spread = _spread(centres, distance=2.2 * radius,
                     box=(radius, radius, width - radius, height - radius))

    def num(value: float) -> str:
        return f"{value:.{precision}f}"

    leaders, marks = [], []
    for number, ((cx, cy), (x, y), highlight) in enumerate(
            zip(centres, spread, highlights, strict=True), start=1):
        if math.hypot(x - cx, y - cy) > radius:
            leaders.append(f'<circle class="map-leader-dot" cx="{num(cx)}" cy="{num(cy)}" '
                           f'r="{num(radius / 5)}"/><path class="map-leader" '
                           f'd="M{num(cx)} {num(cy)}L{num(x)} {num(y)}"/>')
        modifier = " map-marker--highlight" if highlight else ""
        marks.append(
            f'<g class="map-marker{modifier}"><circle cx="{num(x)}" cy="{num(y)}" '
            f'r="{num(radius)}"/><text x="{num(x)}" y="{num(y)}" font-size="{num(radius * 1.25)}" '
            f'text-anchor="middle" dominant-baseline="central">{number}</text></g>')
    return "".join(leaders + marks)


def map_svg(
    shapes: list[MapShape],
    *,
    title: str,
    width: int = 640,
    padding: int = 8,
    precision: int = 1,
    numbered: bool = False,
    outlines: bool = False,
) -> SafeString:
    """An inline ``<svg>`` map of ``shapes``, fitted to a viewBox ``width`` units wide.

    The SVG has ``width="100%"`` and no height: it takes its container's width and its
    height from the viewBox. A shape with a safe ``href`` (a "/" path or an http(s) URL)
    is a link named by its label; other hrefs are dropped. Highlighted shapes are drawn
    last so their outline is not covered. A map with links is ``role="group"`` (inside
    ``role="img"`` they would be hidden from screen readers), otherwise ``role="img"``.
    ``numbered`` puts a marker numbered 1, 2 … on each shape in the order of
    ``drawable(shapes)``; ``outlines`` draws the outline of each shape's union, e.g. the
    border of a kecamatan drawn as its kelurahan. Empty when nothing is drawn.
    """
    if precision < 0:
        raise ValueError("precision must be >= 0")
    drawn = [(shape, polygons) for shape in shapes if (polygons := _polygons(shape.geometry))]
    if not drawn:
        return mark_safe("")
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
    outline_lines: list[GridLine] = []
    has_links = False
    # Stable sort: highlighted shapes last, otherwise in the given order.
    for shape, polygons in sorted(drawn, key=lambda item: item[0].highlight):
        css = "map-shape map-shape--highlight" if shape.highlight else "map-shape"
        rings = _grid_rings(polygons, project, precision)
        label, d = escape(shape.label), _path_data(rings, precision)
        path = f'<path class="{css}" fill-rule="evenodd" d="{d}"/>'
        if (href := _safe_href(shape.href)) is None:
            body.append(path)
        else:
            has_links = True
            body.append(f'<a href="{escape(href)}"><title>{label}</title>{path}</a>')
        if outlines:
            outline_lines += _outline(rings, tolerance=10**precision)
    if outline_lines:
        d = _path_data(outline_lines, precision, closed=False)
        body.append(f'<path class="map-outline" d="{d}"/>')
    if numbered:  # above every shape so none is covered; hidden as the shapes are named
        centres = [project(_centroid(polygons)) for _, polygons in drawn]
        markers = _markers(centres, [shape.highlight for shape, _ in drawn], width=width,
                           height=height / 10**precision, precision=precision)
        body.append(f'<g aria-hidden="true">{markers}</g>')
    content = "".join(body)
    title_id = "map-" + hashlib.blake2s(f"{title}\n{content}".encode(), digest_size=5).hexdigest()
    return mark_safe(  # noqa: S308 - every label, title and href is escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map" '
        f'viewBox="0 0 {width} {_number(height, precision)}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" role="{"group" if has_links else "img"}" '
        f'aria-labelledby="{title_id}"><title id="{title_id}">{escape(title)}</title>'
        f"{content}</svg>"
    )
