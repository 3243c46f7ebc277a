"""Every query parameter that a public page or the open-data API reads, declared once, and
the middleware that refuses hostile query strings before anything else reads them.

Views read a parameter through :func:`get` (``params.get(request, "page")``), never through
``request.GET``: they receive a clean, typed value or the default. A new parameter is
declared in :data:`PARAMETERS` first (a test requests every public page with hostile values
in every parameter declared here).

What a bad query string answers (``QueryStringMiddleware`` in middleware.py, before the
page cache and everything that may reach the database):

- **400** (Balai's 400 page in Indonesian; JSON ``{"error": ...}`` under ``/api/``) for what
  no Balai link or form ever sends and no resident types by mistake: a control character
  (NUL, ESC, ...) in any parameter's name or value, percent-encoding that is broken (``%``
  without two hex digits) or does not decode to UTF-8, a query string longer than
  :data:`MAX_QUERY_STRING` bytes, a declared parameter given twice, a declared parameter
  longer than its ``max_length`` (``page=99999999999999999999``, a 10,000-character
  ``q``), and, for the open-data API only, a value the API cannot answer (``format=xml``,
  ``kelurahan=abc``): a program calling it should hear that it asked wrongly.
- **The normal page, as if the parameter were absent**, for a well-formed value that means
  nothing here: ``page=abc``, ``page=0``, ``page=-1``, ``rt=0``, ``rw=1000``, an unknown
  ``kategori``; a page past the last answers the last page (``page=999999``). Such values
  come from old links and typing; a page is more use to a resident than an error.
- **Ignored** entirely: parameters that Balai does not declare (``utm_source``, ``fbclid``
  ...), though a control character or broken encoding in them is still refused, as above.

The admin (``/admin/``) reads Wagtail's own parameters: there only the checks that no
browser ever fails are applied (control characters, broken encoding), so that its
filters (the status dashboard, the security log) never hand PostgreSQL a NUL either.
"""

import datetime
import re
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, QueryDict
from django.utils.encoding import escape_uri_path
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

# Longer than any address Balai makes (a search, a filter and paging fit in a few hundred);
# long enough for the tracking parameters that links shared on social media carry.
MAX_QUERY_STRING = 2048
# C0 controls, DEL and C1 controls: never part of a word a resident searches for.
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")
BROKEN_ESCAPE = re.compile(rb"%(?![0-9A-Fa-f]{2})")
API_PREFIX = "/api/"


@dataclass(frozen=True)
class Param:
    """One kind of query parameter. ``clean`` returns the typed value, or None for a value
    that means nothing; ``reject``, for the open-data API, makes such a value a 400 (with
    this message) instead of being ignored. An empty value is always as good as absent."""

    max_length: int
    reject: str = ""

    def clean(self, value: str):
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Param):
    """Free text a resident typed (a search), trimmed; empty is absent."""

    def clean(self, value: str) -> str | None:
        return value.strip() or None


@dataclass(frozen=True)
class Slug(Param):
    """A name made of letters, digits, ``-`` and ``_`` (a category's slug)."""

    def clean(self, value: str) -> str | None:
        value = value.strip()
        return value if re.fullmatch(r"[-\w]+", value, flags=re.ASCII) else None


@dataclass(frozen=True)
class Number(Param):
    """A whole number from ``low`` to ``high``."""

    low: int = 1
    high: int = 999

    def clean(self, value: str) -> int | None:
        value = value.strip()
        if not value.isdecimal():  # the digits int() reads (as Django's paginator does)
            return None
        number = int(value)
        return number if self.low <= number <= self.high else None


@dataclass(frozen=True)
class Choice(Param):
    """One of a fixed set of words."""

    choices: tuple[str, ...] = ()

    def clean(self, value: str) -> str | None:
        return value if value in self.choices else None


@dataclass(frozen=True)
class RegionCode(Param):
    """A Kemendagri region code: ``36``, ``36.72``, ``36.72.08`` or ``36.72.08.1007``."""

    def clean(self, value: str) -> str | None:
        value = value.strip()
        return value if re.fullmatch(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?", value) else None


@dataclass(frozen=True)
class LocalPath(Param):
    """An address on the same site (``/berita/?page=2``), never one that leads elsewhere."""

    def clean(self, value: str) -> str | None:
        if value.startswith("/") and url_has_allowed_host_and_scheme(value, allowed_hosts=None):
            return value
        return None


@dataclass(frozen=True)
class IsoDate(Param):
    """A day written ``YYYY-MM-DD`` (the survey's periods), from the year 2000 to 2100."""

    def clean(self, value: str) -> datetime.date | None:
        try:
            day = datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
        return day if 2000 <= day.year <= 2100 and len(value.strip()) == 10 else None


@dataclass(frozen=True)
class HalfYear(Param):
    """A year (``2026``) or a semester of it (``2026-1``, ``2026-2``): the survey's periods."""

    def clean(self, value: str) -> str | None:
        value = value.strip()
        return value if re.fullmatch(r"20\d\d(-[12])?", value) else None


# Kept in step with Region.Level (a test checks): core is below wilayah and cannot import it.
REGION_LEVELS = ("kota", "kecamatan", "kelurahan")
# Long enough for any page number; a longer "number" is someone probing.
NUMBER_LENGTH = 9

PARAMETERS: dict[str, Param] = {
    # Searches: a site's /cari/, a services page, the portal's city-wide search and finder.
    "q": Text(max_length=200),
    # Services page: the category filter (a ServiceCategory slug).
    "kategori": Slug(max_length=80),
    # News page: the tag filter (taggit names are at most 100 characters) and paging.
    "tag": Text(max_length=100),
    "page": Number(max_length=NUMBER_LENGTH, low=1, high=10**NUMBER_LENGTH - 1),
    # Sitemap paging (read by Django's sitemap view).
    "p": Number(max_length=NUMBER_LENGTH, low=1, high=10**NUMBER_LENGTH - 1),
    # RT/RW page: the RW and RT a resident looks for.
    "rw": Number(max_length=NUMBER_LENGTH, low=1, high=999),
    "rt": Number(max_length=NUMBER_LENGTH, low=1, high=999),
    # Complaints (/pengaduan/lacak/): the tracking code a resident typed.
    "kode_pengaduan": Text(max_length=20),
    # Service requests (/permohonan/lacak/): the request code a resident typed.
    "kode_permohonan": Text(max_length=20),
    # Language switch (/bahasa/<code>/): where to go back to.
    "next": LocalPath(max_length=MAX_QUERY_STRING),
    # Open data (/api/v1/).
    "format": Choice(max_length=4, choices=("json", "csv"),
                     reject="format must be json or csv"),
    "kelurahan": RegionCode(max_length=13,
                            reject="kelurahan must be a region code such as 36.72.08.1007"),
    "tingkat": Choice(max_length=9, choices=REGION_LEVELS,
                      reject=f"tingkat must be one of: {', '.join(REGION_LEVELS)}"),
    "kode_induk": RegionCode(max_length=13,
                             reject="kode_induk must be a region code such as 36.72.08"),
    # The satisfaction survey's results (an office's /survei/hasil/ and the open data): a
    # semester or year, or a range of days; and, in the open data, one site.
    "periode": HalfYear(max_length=7, reject="periode must be a year such as 2026 or a "
                                             "semester such as 2026-1 or 2026-2"),
    "dari": IsoDate(max_length=10, reject="dari must be a date such as 2026-07-01"),
    "sampai": IsoDate(max_length=10, reject="sampai must be a date such as 2026-12-31"),
    "kode": RegionCode(max_length=13, reject="kode must be a region code such as "
                                             "36.72.08.1007"),
}


class DeclaredQueryDict(QueryDict):
    """``request.GET`` of a public request: notes when code reads a parameter that is not
    declared here, or the whole query. The page cache keys on the declared parameters only
    (``canonical_path``), so it must not store such an answer: it could differ for the same
    key. A parameter added without being declared is then slower, never wrong."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.undeclared_read = False  # filling the dict above looked names up

    def _read(self, name) -> None:
        if name not in PARAMETERS:
            self.undeclared_read = True

    def __getitem__(self, name):  # get(), items(), values() and dict() come here too
        self._read(name)
        return super().__getitem__(name)

    def __contains__(self, name):
        self._read(name)
        return super().__contains__(name)

    def getlist(self, name, default=None):
        self._read(name)
        return super().getlist(name, default)

    def lists(self):
        self.undeclared_read = True
        return super().lists()

    def urlencode(self, safe=None):
        self.undeclared_read = True
        return super().urlencode(safe)

    def __deepcopy__(self, memo):  # copy()
        self.undeclared_read = True
        return super().__deepcopy__(memo)


def undeclared_read(request: HttpRequest) -> bool:
    """Whether this request's answer may depend on more than ``canonical_path``."""
    return getattr(request.GET, "undeclared_read", False)


def get(request: HttpRequest, name: str, default=None):
    """The clean, typed value of the declared query parameter ``name``; ``default`` when it
    is absent or means nothing (the middleware has already refused anything hostile)."""
    param = PARAMETERS[name]
    raw = request.GET.get(name)
    if raw is None or len(raw) > param.max_length or CONTROL_CHARACTER.search(raw):
        return default
    value = param.clean(raw)
    return default if value is None else value


def canonical_path(request: HttpRequest) -> str:
    """The request's path with only the declared parameters' clean values, in the order
    declared here: all that a public page's content depends on. The page cache keys on it
    and the language switch leads back to it, so ``utm_source``, ``fbclid``, random
    parameters and values that mean nothing (``page=abc``) neither make a new cache entry
    nor end up in a cached page."""
    values = [(name, get(request, name)) for name in PARAMETERS]
    query = urlencode([(name, value) for name, value in values if value is not None])
    return escape_uri_path(request.path) + (f"?{query}" if query else "")


def _pairs(query: bytes):
    """(name, value) of every field, decoded the way Django's QueryDict reads them, but
    strictly: raises UnicodeDecodeError where QueryDict would substitute U+FFFD."""
    for field in query.split(b"&"):
        if not field:
            continue
        name, _equals, value = field.partition(b"=")
        yield (unquote_to_bytes(name.replace(b"+", b" ")).decode(),
               unquote_to_bytes(value.replace(b"+", b" ")).decode())


def problem(query_string: str, *, public: bool, api: bool = False) -> str:
    """Why this raw query string (WSGI's QUERY_STRING) is refused, or "" when it is not.

    ``public``: apply the declared parameters' rules too (not in the admin); ``api``: refuse
    values the open-data API cannot answer as well."""
    try:
        query = query_string.encode("latin-1")  # WSGI carries the raw bytes as latin-1
    except UnicodeEncodeError:
        return "the query string is not made of bytes"
    if public and len(query) > MAX_QUERY_STRING:
        return f"the query string is longer than {MAX_QUERY_STRING} bytes"
    if BROKEN_ESCAPE.search(query):
        return "the query string has a % not followed by two hexadecimal digits"
    try:
        pairs = list(_pairs(query))
    except UnicodeDecodeError:
        return "the query string does not decode to UTF-8"
    seen = set()
    for name, value in pairs:
        if CONTROL_CHARACTER.search(name) or CONTROL_CHARACTER.search(value):
            return "a parameter holds a control character"
        param = PARAMETERS.get(name) if public else None
        if param is None:
            continue
        if name in seen:
            return f"{name} is given more than once"
        seen.add(name)
        if len(value) > param.max_length:
            return f"{name} is longer than {param.max_length} characters"
        if api and param.reject and value.strip() and param.clean(value) is None:
            return param.reject
    return ""
