"""Inline SVG maps drawn from boundary polygons: geometry, projection, escaping, size.

Pure functions: no database needed.
"""

import itertools
import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.utils.safestring import SafeString

import balai
from balai.core.maps import (
    MapShape,
    drawable,
    geometry_bbox,
    geometry_centroid,
    map_svg,
    merge_geometries,
)

SVG = "{http://www.w3.org/2000/svg}"
KELURAHAN = Path(balai.__file__).parent / "wilayah" / "data" / "cilegon_kelurahan.geojson"
CITANGKIL = "36.72.08.1007"


def square(x0, y0, size=1.0):
    return [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]


def polygon(*rings):
    return {"type": "Polygon", "coordinates": list(rings)}


def subpaths(d):
    """The absolute points of each subpath of path data written as 'M x y l dx dy ... z'."""
    result = []
    for part in re.findall(r"M[^z]*z", d):
        numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", part)]
        x, y = numbers[0], numbers[1]
        points = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            points.append((round(x, 6), round(y, 6)))
        result.append(points)
    assert "".join(re.findall(r"M[^z]*z", d)) == d
    return result


def parse(svg):
    """The map as an XML tree; fails on anything that is not well-formed XML."""
    return ET.fromstring(svg)  # noqa: S314 - our own markup, the point is to check it


def view_box(root):
    return [float(n) for n in root.get("viewBox").split()]


def paths(root):
    return list(root.iter(f"{SVG}path"))


@pytest.fixture(scope="module")
def kelurahan():
    return json.loads(KELURAHAN.read_text())["features"]


def test_unit_square_spans_the_view_box_minus_padding_with_north_up():
    svg = map_svg([MapShape("Kotak", polygon(square(0, 0)))], title="Peta", padding=8)
    root = parse(svg)
    _, _, width, height = view_box(root)
    assert width == 640
    (points,) = subpaths(paths(root)[0].get("d"))
    xs, ys = [x for x, _ in points], [y for _, y in points]
    assert min(xs) == 8 and max(xs) == 632
    assert min(ys) == 8 and max(ys) == pytest.approx(height - 8, abs=0.11)
    # the ring starts at (lon 0, lat 0): south-west, bottom left; (1, 1) is top right
    assert points[0] == (8, max(ys))
    assert points[2] == (632, 8)


def test_further_north_is_higher_up():
    south, north = polygon(square(106.0, -6.1, 0.01)), polygon(square(106.0, -6.0, 0.01))
    root = parse(map_svg([MapShape("S", south), MapShape("N", north)], title="Peta"))
    south_ys, north_ys = ([y for x, y in subpaths(p.get("d"))[0]] for p in paths(root))
    assert max(north_ys) < min(south_ys)


def test_longitude_is_scaled_by_the_cosine_of_the_mean_latitude():
    # one degree by one degree around Cilegon's latitude: narrower than it is tall
    root = parse(map_svg([MapShape("K", polygon(square(106, -6.5)))], title="P"))
    _, _, width, height = view_box(root)
    assert (width - 16) / (height - 16) == pytest.approx(math.cos(math.radians(6)), abs=1e-3)


def test_multipolygon_parts_and_holes_are_subpaths_filled_evenodd():
    geometry = {
        "type": "MultiPolygon",
        "coordinates": [
            [square(0, 0, 3), square(1, 1, 1)],  # a square with a square hole
            [square(5, 0, 1)],
        ],
    }
    root = parse(map_svg([MapShape("Pulau", geometry)], title="Peta"))
    (path,) = paths(root)
    assert path.get("fill-rule") == "evenodd"
    assert [len(points) for points in subpaths(path.get("d"))] == [4, 4, 4]


def test_output_is_a_responsive_accessible_svg():
    svg = map_svg([MapShape("Kotak", polygon(square(0, 0)))], title="Peta Kotak")
    assert isinstance(svg, SafeString)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "100%" and root.get("height") is None
    assert root.get("preserveAspectRatio") == "xMidYMid meet"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title.text == "Peta Kotak"
    assert root.get("aria-labelledby") == title.get("id")
    assert paths(root)[0].get("class") == "map-shape"
    assert "style" not in svg and "fill=" not in svg


def test_labels_and_titles_are_escaped():
    evil = '<script>alert("x")</script>'
    svg = map_svg(
        [MapShape(evil, polygon(square(0, 0)), href="/a/?b=1&c=<2>")],
        title=f"Peta {evil} & 'co'",
        numbered=True,
    )
    assert "<script" not in svg
    root = parse(svg)  # would fail on a raw "&" or "<"
    assert root.find(f"{SVG}title").text == f"Peta {evil} & 'co'"
    link = root.find(f"{SVG}a")
    assert link.get("href") == "/a/?b=1&c=<2>"
    assert link.find(f"{SVG}title").text == evil
    # names are never written on the map, only the markers' numbers
    assert [text.text for text in root.iter(f"{SVG}text")] == ["1"]


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/",
        "/\\evil.example/",
        "citangkil/",
        "mailto:lurah@example.org",
        "https:/no-host",
        "",
    ],
)
def test_unsafe_hrefs_are_dropped(href):
    svg = map_svg([MapShape("Citangkil", polygon(square(0, 0)), href=href)], title="Peta")
    root = parse(svg)
    assert root.find(f"{SVG}a") is None
    assert len(paths(root)) == 1
    assert "script" not in svg.lower() and "evil" not in svg


@pytest.mark.parametrize("href", ["/citangkil/", "https://cilegonkota.go.id/", "http://x.id/a"])
def test_safe_hrefs_are_links_named_by_their_label(href):
    root = parse(map_svg([MapShape("Citangkil", polygon(square(0, 0)), href=href)], title="Peta"))
    link = root.find(f"{SVG}a")
    assert link.get("href") == href
    assert link.find(f"{SVG}title").text == "Citangkil"
    assert link.find(f"{SVG}path") is not None
    # inside role="img" the links would be hidden from screen readers
    assert root.get("role") == "group"


def test_highlighted_shapes_are_marked_and_drawn_last():
    shapes = [
        MapShape("A", polygon(square(0, 0))),
        MapShape("B", polygon(square(1, 0)), highlight=True),
        MapShape("C", polygon(square(2, 0))),
    ]
    classes = [p.get("class") for p in paths(parse(map_svg(shapes, title="P")))]
    assert classes == ["map-shape", "map-shape", "map-shape map-shape--highlight"]


def markers(root):
    """(number, circle class, x, y) of each numbered marker, in document order."""
    group = root[-1]
    assert group.tag == f"{SVG}g" and group.get("aria-hidden") == "true"
    return [(marker.find(f"{SVG}text").text, marker.get("class"),
             float(marker.find(f"{SVG}circle").get("cx")),
             float(marker.find(f"{SVG}circle").get("cy")))
            for marker in group.findall(f"{SVG}g")]


def test_numbered_markers_sit_at_the_centroids_in_the_given_order():
    shapes = [MapShape("A", polygon(square(0, 0))),
              MapShape("B", polygon(square(1, 0)), highlight=True),
              MapShape("Empty", None),
              MapShape("C", polygon(square(2, 0)))]
    root = parse(map_svg(shapes, title="P", width=316, padding=8, numbered=True))
    # B is drawn last (highlighted) but keeps its number; a shape not drawn has none
    assert [p.get("class") for p in paths(root)][-1] == "map-shape map-shape--highlight"
    assert markers(root) == [("1", "map-marker", 58, 58),
                             ("2", "map-marker map-marker--highlight", 158, 58),
                             ("3", "map-marker", 258, 58)]
    assert [shape.label for shape in drawable(shapes)] == ["A", "B", "C"]
    assert "<text" not in map_svg(shapes, title="P")


def test_crowded_markers_are_spread_apart_with_leader_lines():
    # four tiny neighbours whose centroids are closer than a marker is wide
    shapes = [MapShape(str(i), polygon(square(i * 0.01, 0, 0.01))) for i in range(4)]
    shapes.append(MapShape("big", polygon(square(0, 1, 1))))
    svg = map_svg(shapes, title="P", width=300, numbered=True)
    assert svg == map_svg(shapes, title="P", width=300, numbered=True)  # deterministic
    root = parse(svg)
    found = markers(root)
    radius = 300 / 30
    for (_, _, x1, y1), (_, _, x2, y2) in itertools.combinations(found, 2):
        assert math.hypot(x2 - x1, y2 - y1) >= 2 * radius
    _, _, width, height = view_box(root)
    assert all(radius - 0.1 <= x <= width - radius + 0.1 and radius - 0.1 <= y <= height - radius
               + 0.1 for _, _, x, y in found)
    leaders = root[-1].findall(f"{SVG}path")
    assert 1 <= len(leaders) <= 4  # only markers that moved further than their radius


def outline_segments(root):
    (outline,) = [p for p in paths(root) if p.get("class") == "map-outline"]
    segments = set()
    for part in re.findall(r"M[^M]*", outline.get("d")):
        numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", part)]
        x, y = numbers[0], numbers[1]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            segments.add(((round(x, 1), round(y, 1)), (round(x + dx, 1), round(y + dy, 1))))
            x, y = x + dx, y + dy
    return segments


def test_outline_of_a_merged_shape_leaves_out_the_borders_inside_it():
    # a 2×2 square beside two 1×1 squares: a T-junction where their borders meet at x = 2
    merged = merge_geometries([polygon(square(0, 0, 2)), polygon(square(2, 0)),
                               {"type": "MultiPolygon", "coordinates": [[square(2, 1)]]}])
    assert merged["type"] == "MultiPolygon" and len(merged["coordinates"]) == 3
    root = parse(map_svg([MapShape("Kecamatan", merged)], title="P", width=316, padding=8,
                         outlines=True))
    segments = outline_segments(root)
    inner = [s for s in segments if s[0][0] == s[1][0] == 208]  # the line x = 2
    assert inner == []
    # the outer border all round: 3 units wide and 2 high, 100 viewBox units per unit
    length = sum(math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in segments)
    assert length == pytest.approx(2 * (300 + 200))
    assert "map-outline" not in map_svg([MapShape("K", merged)], title="P")


def test_empty_and_missing_geometries_are_skipped():
    assert map_svg([], title="Peta") == ""
    assert isinstance(map_svg([], title="Peta"), SafeString)
    empty = [
        MapShape("none", None),
        MapShape("dict", {}),
        MapShape("polygon", {"type": "Polygon", "coordinates": []}),
        MapShape("multi", {"type": "MultiPolygon", "coordinates": [[]]}),
        MapShape("point", {"type": "Point", "coordinates": [106, -6]}),
    ]
    assert map_svg(empty, title="Peta") == ""
    root = parse(map_svg([*empty, MapShape("ok", polygon(square(0, 0)))], title="P"))
    assert len(paths(root)) == 1


def test_geometry_bbox_and_centroid():
    multi = {"type": "MultiPolygon", "coordinates": [[square(0, 0, 2)], [square(10, 0, 1)]]}
    assert geometry_bbox(multi) == (0, 0, 11, 2)
    # area-weighted: 4 × (1, 1) and 1 × (10.5, 0.5)
    assert geometry_centroid(multi) == pytest.approx((14.5 / 5, 4.5 / 5))
    # an L shape, its ring clockwise: (1.5 × 0.5 + 0.5 × 1.5 ... ) / area 3
    ring = [[0, 0], [0, 2], [1, 2], [1, 1], [2, 1], [2, 0], [0, 0]]
    assert geometry_centroid(polygon(ring)) == pytest.approx((5 / 6, 5 / 6))
    # holes are ignored, far from the origin the result stays precise
    holed = polygon(square(106.05, -6.05, 0.01), square(106.052, -6.048, 0.002))
    assert geometry_centroid(holed) == pytest.approx((106.055, -6.045), abs=1e-9)
    for empty in ({}, {"type": "Polygon", "coordinates": []}):
        with pytest.raises(ValueError):
            geometry_bbox(empty)
        with pytest.raises(ValueError):
            geometry_centroid(empty)


def test_the_43_kelurahan_of_cilegon_make_a_small_map(kelurahan):
    assert len(kelurahan) == 43
    shapes = [
        MapShape(
            f["properties"]["nama"],
            f["geometry"],
            href=f"/kelurahan/{f['properties']['kode']}/",
            highlight=f["properties"]["kode"] == CITANGKIL,
        )
        for f in kelurahan
    ]
    svg = map_svg(shapes, title="Kota Cilegon", precision=1)
    assert len(svg.encode()) < 60_000
    assert svg.count("<path") == 43
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "Kota Cilegon"
    links = list(root.iter(f"{SVG}a"))
    assert {a.get("href") for a in links} == {
        f"/kelurahan/{f['properties']['kode']}/" for f in kelurahan
    }
    (highlighted,) = [a for a in links if "map-shape--highlight" in a[1].get("class")]
    assert highlighted.find(f"{SVG}title").text == "Citangkil"

    plain = map_svg([MapShape(s.label, s.geometry) for s in shapes], title="Kota Cilegon")
    assert len(plain.encode()) < 60_000
    root = parse(plain)
    assert root.get("role") == "img" and root.find(f"{SVG}title") is not None
    # not stretched: the viewBox has the proportions of the city on the ground
    min_lon, min_lat, max_lon, max_lat = (
        f(geometry_bbox(s.geometry)[i] for s in shapes)
        for f, i in ((min, 0), (min, 1), (max, 2), (max, 3))
    )
    _, _, width, height = view_box(root)
    ground = (max_lat - min_lat) / ((max_lon - min_lon) * math.cos(math.radians(6.0)))
    assert (height - 16) / (width - 16) == pytest.approx(ground, rel=0.01)
