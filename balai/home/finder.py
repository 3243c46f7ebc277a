""""Cari kelurahan Anda": which kelurahan, and which RT, a resident lives in.

A resident types what they know: the name of their kelurahan or kecamatan (often with a
typo, without the space of "Banjar Negara", or as BPS spells it: "Grogol" for kecamatan
"Gerogol"), their postal code, or their street, lingkungan or kampung, which operators
attach to each RT and RW (``area`` in ``balai/core/blocks.py``).

The city has 8 kecamatan and 43 kelurahan, so everything is loaded in a fixed number of
queries (regions, their sites, the live RT/RW pages) and matched in Python. The query
never reaches the database.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from wagtail.models import Page

from balai.core.selectors import site_home_models
from balai.core.streams import stream_values
from balai.rtrw.models import RtRwPage
from balai.wilayah.models import Region
from balai.wilayah.selectors import bps_names

QUERY_MAX_LENGTH = 100
AREA_RESULTS = 20
PART_WORDS = 6  # words of a query tried in parts when the whole finds nothing
_STEPLEN = 4  # characters per tree level in Wagtail's materialised page paths

# Words residents put before a name that are not part of it.
LEVEL_WORDS = {"kelurahan", "kel", "kecamatan", "kec", "desa", "kota", "kab"}
STREET_WORDS = {"jl", "jln", "jalan", "gg", "gang", "link", "lingk", "lingkungan", "kp",
                "kampung", "komp", "komplek", "kompleks", "perum", "perumahan", "dusun"}
_POSTAL_CODE = re.compile(r"^\d{5}$")
_AREA_PARTS = re.compile(r"[,;/]| dan ")


def words(text: str) -> list[str]:
    """Lower-case words of letters and digits, accents dropped: "Jl. Sunan-Bonang" →
    ["jl", "sunan", "bonang"]."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", text.lower())


def key(text: str, *, ignore: set[str] = LEVEL_WORDS) -> str:
    """The text reduced to what is compared: its words run together, without the words
    that only say what kind of place it is ("Kelurahan Banjar-Negara" → "banjarnegara")."""
    return "".join(word for word in words(text) if word not in ignore)


def allowed_typos(text: str) -> int:
    """How many letters may be wrong, missing or extra: none in a very short word, one in a
    name, two in a long one."""
    if len(text) < 4:
        return 0
    return 1 if len(text) < 10 else 2


def distance(a: str, b: str, *, limit: int) -> int:
    """The number of letters to change, add, remove or swap to turn ``a`` into ``b``
    (optimal string alignment), or ``limit + 1`` once it is known to be more."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and char_a == b[j - 2] \
                    and a[i - 2] == char_b:
                value = min(value, before[j - 2] + 1)
            current.append(value)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


# How well a name matches, best first.
EXACT, PREFIX, PART, TYPO = range(4)


def match(query: str, name: str) -> int | None:
    """How well ``query`` (a key) matches ``name`` (a key), or None."""
    if not query or not name:
        return None
    if query == name:
        return EXACT
    if len(query) >= 3 and name.startswith(query):
        return PREFIX
    if len(query) >= 3 and query in name:
        return PART
    if distance(query, name, limit=allowed_typos(name)) <= allowed_typos(name):
        return TYPO
    return None


@dataclass(frozen=True)
class Place:
    """A kecamatan or kelurahan and its website's address (None while it has no live one)."""

    region: Region
    url: str | None = None


@dataclass
class NameHit:
    """A kelurahan or kecamatan found by its name or postal code. ``spelled`` is the other
    spelling that matched (BPS's), when it was not the official name."""

    place: Place
    rank: int
    kecamatan: Place | None = None  # a kelurahan's kecamatan
    kelurahan: list[Place] = field(default_factory=list)  # a kecamatan's kelurahan
    spelled: str = ""

    @property
    def is_kecamatan(self) -> bool:
        return self.place.region.level == Region.Level.KECAMATAN


@dataclass
class AreaHit:
    """An RT (or a whole RW) whose area names matched, with its RT/RW page filtered."""

    kelurahan: Place
    kecamatan: Place | None
    rw: int
    rt: int | None
    area: str
    url: str | None
    rank: int = EXACT


@dataclass
class Results:
    query: str
    postal_code: str = ""
    names: list[NameHit] = field(default_factory=list)
    areas: list[AreaHit] = field(default_factory=list)
    more_areas: int = 0  # found beyond AREA_RESULTS

    def __bool__(self) -> bool:
        return bool(self.names or self.areas)


@dataclass
class RtArea:
    """One RW's or RT's area as an operator wrote it, on a live RT/RW page."""

    kelurahan_id: int
    rw: int
    rt: int | None
    area: str
    page_url: str | None


@dataclass
class FinderIndex:
    """What the finder searches: every kecamatan and kelurahan of the city with its live
    site, and the areas of every RW and RT on the live RT/RW pages."""

    regions: list[Region]
    places: dict[int, Place]  # by region id
    areas: list[RtArea]
    other_names: dict[int, str] = field(default_factory=dict)  # BPS spelling, by region id


def finder_index(*, portal: Page, request=None) -> FinderIndex:
    """Load what the finder searches: six queries (two of them for view restrictions),
    and the site root paths, cached."""
    regions = list(Region.objects.filter(
        kode__startswith=f"{settings.BALAI_KOTA_KODE}.",
        level__in=[Region.Level.KECAMATAN, Region.Level.KELURAHAN])
        .only("kode", "name", "level", "parent_id", "postal_code").order_by("kode"))
    # The homes of the sites that exist (a Site is rooted there): one query per home type.
    homes = [home for model in site_home_models() for home in model.objects.live().public()
             .filter(region__in=regions, sites_rooted_here__isnull=False).distinct()
             .only("path", "url_path", "region_id")]
    places = {region.pk: Place(region) for region in regions}
    region_of_home = {}
    for home in homes:
        region_id = home.region_id
        places[region_id] = Place(places[region_id].region, home.get_url(request=request))
        region_of_home[home.path] = region_id
    areas = []
    for page in RtRwPage.objects.live().public().descendant_of(portal):
        region_id = region_of_home.get(page.path[:-_STEPLEN])
        if region_id is None:
            continue  # an RT/RW page under a kelurahan without a live site
        url = page.get_url(request=request)
        for rw in stream_values(page.rws, "rw"):
            if rw["area"]:
                areas.append(RtArea(region_id, rw["number"], None, rw["area"], url))
            areas.extend(RtArea(region_id, rw["number"], rt["number"], rt["area"], url)
                         for rt in rw["rts"] if rt["area"])
    spellings = bps_names()
    other_names = {region.pk: spellings[region.kode] for region in regions
                   if key(spellings.get(region.kode, "")) not in ("", key(region.name))}
    return FinderIndex(regions=regions, places=places, areas=areas, other_names=other_names)


def _name_hit(index: FinderIndex, region: Region, rank: int, spelled: str = "") -> NameHit:
    place = index.places[region.pk]
    if region.level == Region.Level.KECAMATAN:
        return NameHit(place, rank, spelled=spelled, kelurahan=[
            index.places[other.pk] for other in index.regions if other.parent_id == region.pk])
    return NameHit(place, rank, kecamatan=index.places.get(region.parent_id), spelled=spelled)


def _by_name(index: FinderIndex, queries: list[str]) -> list[NameHit]:
    hits = []
    for region in index.regions:
        names = [(key(region.name), "")]
        other = index.other_names.get(region.pk)
        if other:
            names.append((key(other), other))
        found = [(rank, spelled) for query in queries for name, spelled in names
                 if (rank := match(query, name)) is not None]
        if found:
            hits.append(_name_hit(index, region, *min(found, key=lambda item: item[0])))
    if any(hit.rank < TYPO for hit in hits):
        # A name that matches as typed: guesses at typos would only be noise beside it.
        hits = [hit for hit in hits if hit.rank < TYPO]
    # Kelurahan before a kecamatan of the same name: the finder is for one's kelurahan.
    return sorted(hits, key=lambda hit: (hit.rank, hit.is_kecamatan, hit.place.region.kode))


def _by_postal_code(index: FinderIndex, code: str) -> list[NameHit]:
    return [_name_hit(index, region, EXACT) for region in index.regions
            if region.level == Region.Level.KELURAHAN and region.postal_code == code]


def _area_rank(query: str, area: str) -> int | None:
    """How well the query matches one of the names in an area ("Jl. Sunan Bonang, Link.
    Kubang Lesung"): a whole name, or one word of it."""
    best = None
    for part in _AREA_PARTS.split(area.lower()):
        name = key(part, ignore=STREET_WORDS)
        candidates = [match(query, name)]
        candidates += [TYPO for word in words(part)
                       if word not in STREET_WORDS and len(word) >= 4 and len(query) >= 4
                       and distance(query, word, limit=1) <= 1]
        ranks = [rank for rank in candidates if rank is not None]
        if ranks and (best is None or min(ranks) < best):
            best = min(ranks)
    return best


def _by_area(index: FinderIndex, queries: list[str]) -> list[AreaHit]:
    hits = []
    for area in index.areas:
        ranks = [rank for query in queries if (rank := _area_rank(query, area.area)) is not None]
        if not ranks:
            continue
        kelurahan = index.places[area.kelurahan_id]
        url = None
        if area.page_url:
            url = f"{area.page_url}?rw={area.rw}" + (f"&rt={area.rt}" if area.rt else "")
        hits.append(AreaHit(kelurahan, index.places.get(kelurahan.region.parent_id), area.rw,
                            area.rt, area.area, url, min(ranks)))
    if any(hit.rank < TYPO for hit in hits):
        hits = [hit for hit in hits if hit.rank < TYPO]
    return sorted(hits, key=lambda hit: (hit.rank, hit.kelurahan.region.kode, hit.rw,
                                         hit.rt or 0))


def parts(text: str, *, ignore: set[str]) -> list[str]:
    """The keys of the shorter runs of consecutive words in the text, for a query that
    finds nothing whole: "Grogol, Kota Cilegon" → ["grogolcilegon"] finds nothing, so
    "cilegon" and "grogol" are tried, longest first. Runs of fewer than four letters are
    left out."""
    kept = [word for word in words(text) if word not in ignore][:PART_WORDS]
    runs = {"".join(kept[start:start + length]) for length in range(1, len(kept))
            for start in range(len(kept) - length + 1)}
    return sorted((run for run in runs if len(run) >= 4), key=lambda run: (-len(run), run))


def clean_query(value: str | None) -> str:
    """The query as shown back: control characters dropped, spaces collapsed, cut short."""
    value = "".join(" " if unicodedata.category(char)[0] in "CZ" else char
                    for char in (value or "")[:QUERY_MAX_LENGTH * 2])
    return " ".join(value.split())[:QUERY_MAX_LENGTH]


def find(*, index: FinderIndex, query: str) -> Results:
    """Kelurahan and kecamatan by name or postal code, and RTs by their areas."""
    query = clean_query(query)
    results = Results(query=query)
    codes = [word for word in words(query) if _POSTAL_CODE.match(word)]
    if codes:
        results.postal_code = codes[0]
        results.names = _by_postal_code(index, codes[0])
        return results
    if not key(query):
        return results
    area_words = STREET_WORDS | LEVEL_WORDS
    results.names = _by_name(index, [key(query)])
    areas = _by_area(index, [key(query, ignore=area_words)])
    if not results.names and not areas:
        # Nothing for the whole query ("Grogol Cilegon", "RT 3 Jl. Sunan Bonang"): its parts.
        results.names = _by_name(index, parts(query, ignore=LEVEL_WORDS))
        areas = _by_area(index, parts(query, ignore=area_words))
    results.areas = areas[:AREA_RESULTS]
    results.more_areas = max(0, len(areas) - AREA_RESULTS)
    return results
