"""Search as residents ask: a site's own search (``site_search``) and the portal's search of
every site's services and news (``city_search``).

A site's search answers from four sources, merged by score, one result per page:
- the services whose name or keywords match best (balai/layanan/selectors.py);
- the section pages by the words residents use for them (``SectionPage.resident_words``:
  "pengaduan" or "jam buka" find the contact page, "lurah" the staff structure);
- what the sections hold in structured form, each hit with its matching line: RT and RW
  heads (by name, or by number: "ketua rt 3 rw 2" opens the RT/RW page filtered to that
  RT), staff by name and position, lembaga officers, contact details, public documents;
- Wagtail's full-text search over every page of the site (news, agenda, programs, ...).
Every query is also tried with the city's synonyms (balai/synonyms).
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.search.query import Or, PlainText

from balai.berita.models import BeritaPage
from balai.core.models import SectionPage
from balai.core.sections import SectionKey
from balai.core.selectors import office_links, site_home_models
from balai.core.templatetags.balai_tags import hours_summary
from balai.dokumen.models import DokumenIndexPage, PublicDocument
from balai.layanan.matching import definitions_matching, relevance
from balai.layanan.models import LayananPage, ServiceDefinition
from balai.layanan.selectors import site_services_matching
from balai.lembaga.models import LembagaIndexPage, LembagaOfficer, LembagaPage
from balai.profil.models import KontakPage, StrukturPage
from balai.rtrw.models import RtRwPage
from balai.synonyms.expand import normalize, query_variants

from .selectors import _with_homes

SEARCH_RESULTS = 20
LINES_PER_RESULT = 3
CITY_SERVICES = 5
CITY_NEWS = 20

# Scores: a section named by the whole query, or an RT/RW asked for by number, comes first;
# then names (staff, RT heads, officers) and the services (balai.layanan.selectors.relevance,
# about 10–30 for a good match); a section named by part of the query scales down with it.
RT_NUMBER = 40
SECTION_WORD = 30
NAME = 25
DETAIL = 15
FULL_TEXT = 1

# Words that say nothing about whom or what a resident looks for.
FILLER = {"pak", "bu", "ibu", "bapak", "mas", "mbak", "siapa", "yang", "di", "ke", "dan",
          "nama", "nomor", "no", "berapa", "mana", "dimana", "apa", "cara", "bagaimana"}
# The words of an RT/RW question that are not part of a name: "ketua rt 3 rw 2".
RTRW_WORDS = {"ketua", "rt", "rw", "rt/rw"}
RT_NUMBER_PATTERN = re.compile(r"(?<![\w])(rt|rw)[\s.:-]*0*(\d{1,3})(?!\d)")
# "RT 3/2" or "rt 003/002": an RT followed by its RW.
RT_SLASH_RW = re.compile(r"(?<![\w])rt[\s.:-]*0*(\d{1,3})\s*/\s*(?:rw[\s.:-]*)?0*(\d{1,3})(?!\d)")


@dataclass
class SearchHit:
    """One result: a page, the section it belongs to, why it matched (lines such as
    "RT 003 / RW 002 · Ketua: Budi"), and the query string that opens it filtered."""

    page: Page
    section: str
    score: int
    lines: list[str] = field(default_factory=list)
    query_string: str = ""


class _Hits:
    """Results by page: a page found twice keeps its best score and every matching line, and
    opens filtered only when its best matches agree on one filter (two RT heads of the
    same name in two RWs open the whole list)."""

    def __init__(self, labels: dict[str, str], home_depth: int):
        self.by_page: dict[int, SearchHit] = {}
        self.filters: dict[int, dict[int, set[str]]] = {}
        self.labels, self.home_depth = labels, home_depth

    def section_of(self, page: Page) -> str:
        return self.labels.get(page.path[: (self.home_depth + 1) * Page.steplen], "")

    def add(self, page: Page, score: int, line: str = "", query_string: str = "") -> None:
        hit = self.by_page.get(page.pk)
        if hit is None:
            hit = self.by_page[page.pk] = SearchHit(page, self.section_of(page), score)
        hit.score = max(hit.score, score)
        self.filters.setdefault(page.pk, {}).setdefault(score, set()).add(query_string)
        if line and line not in hit.lines:
            hit.lines.append(line)

    def best(self) -> list[SearchHit]:
        # sorted() keeps the order of equal scores: the order in which hits were added.
        found = sorted(self.by_page.values(), key=lambda hit: -hit.score)[:SEARCH_RESULTS]
        for hit in found:
            hit.lines = hit.lines[:LINES_PER_RESULT]
            filters = self.filters[hit.page.pk][hit.score]
            hit.query_string = filters.pop() if len(filters) == 1 else ""
        return found


def _phrase_in(phrase: str, text: str) -> bool:
    return re.search(rf"(?<![\w/-]){re.escape(phrase)}(?![\w/-])", text) is not None


def _words(query: str, *, leave_out: set[str] = frozenset()) -> list[str]:
    return [word for word in query.split()
            if word not in FILLER and word not in leave_out and not word.isdigit()]


def _all_in(words: list[str], text: str) -> bool:
    """Every word begins a word of the text: "ahmad" in "Pak Ahmad", not "rt" in "Hartono"."""
    text = text.lower()
    return bool(words) and all(
        re.search(rf"(?<!\w){re.escape(word)}", text) for word in words)


def _section_score(resident_words: tuple[str, ...], variants: list[str]) -> int:
    """How much of the query a section's own words cover, the whole query scoring
    SECTION_WORD: "jam buka" for the contact page 30, "surat" in "surat miskin" 15."""
    best = 0
    for variant in variants:
        words = _words(variant) or variant.split()
        covered = set()
        for phrase in resident_words:
            if _phrase_in(phrase, variant):
                covered.update(word for word in phrase.split() if word in words)
        if covered:
            best = max(best, round(SECTION_WORD * len(covered) / len(words)))
    return best


def _rt_numbers(query: str) -> tuple[int | None, int | None]:
    """The RT and RW numbers a query names ("ketua rt 3 rw 2", "RT 003/002"), or None."""
    slash = RT_SLASH_RW.search(query)
    if slash:
        return int(slash.group(1)) or None, int(slash.group(2)) or None
    numbers = {kind: int(number) or None for kind, number in RT_NUMBER_PATTERN.findall(query)}
    return numbers.get("rt"), numbers.get("rw")


def _rtrw_hits(hits: _Hits, page: RtRwPage, variants: list[str]) -> None:
    rt, rw = _rt_numbers(variants[0])
    if rt is not None or rw is not None:
        found = page.find(rw=rw, rt=rt)
        for item in found:
            rw_value = item["rw"]
            if rt is None:
                hits.add(page, RT_NUMBER, _("RW %(rw)03d · Head: %(head)s") % {
                    "rw": rw_value["number"], "head": rw_value["head"]},
                    f"?rw={rw_value['number']}")
            for rt_value in item["rts"]:
                hits.add(page, RT_NUMBER, _rt_line(rt_value, rw_value),
                         _rt_query(rt=rt_value["number"], rw=rw_value["number"] if (
                             rw is not None or len(found) == 1) else None))
    for variant in variants:
        words = _words(variant, leave_out=RTRW_WORDS)
        if not words:
            continue
        for block in page.rws:
            rw_value = block.value
            if _all_in(words, rw_value["head"]):
                hits.add(page, NAME, _("RW %(rw)03d · Head: %(head)s") % {
                    "rw": rw_value["number"], "head": rw_value["head"]},
                    f"?rw={rw_value['number']}")
            for rt_value in rw_value["rts"]:
                if _all_in(words, rt_value["head"]):
                    hits.add(page, NAME, _rt_line(rt_value, rw_value),
                             _rt_query(rt=rt_value["number"], rw=rw_value["number"]))


def _rt_line(rt_value, rw_value) -> str:
    return _("RT %(rt)03d / RW %(rw)03d · Head: %(head)s") % {
        "rt": rt_value["number"], "rw": rw_value["number"], "head": rt_value["head"]}


def _rt_query(*, rt: int, rw: int | None) -> str:
    return f"?rw={rw}&rt={rt}" if rw is not None else f"?rt={rt}"


def _people(page: StrukturPage, leader_title: str):
    """(name, position, unit) of everyone on a staff structure page."""
    if page.leader_name:
        yield page.leader_name, page.leader_position or leader_title, ""
    for block in page.units:
        unit = block.value
        for person in [unit["head"], *unit["members"]]:
            if person["name"]:
                yield person["name"], person["position"], unit["name"]


def _struktur_hits(hits: _Hits, page: StrukturPage, variants: list[str],
                   leader_title: str) -> None:
    for variant in variants:
        words = _words(variant)
        for name, position, unit in _people(page, leader_title):
            if _all_in(words, f"{name} {position} {unit}"):
                hits.add(page, NAME, f"{position}: {name}" if position else name)


def _kontak_hits(hits: _Hits, page: KontakPage, variants: list[str], score: int) -> None:
    """The contact page, with its address and phone and its office hours as lines."""
    details = [" ".join(page.address.split()), page.phone]
    lines = [" · ".join(detail for detail in details if detail)]
    office_hours = list(page.office_hours.all())
    if office_hours:
        lines.append(_("Office hours: %(hours)s") % {"hours": hours_summary(office_hours)})
    matched = score or any(_all_in(_words(variant), f"{page.address} {page.hours_note}")
                           for variant in variants)
    for line in lines if matched else []:
        hits.add(page, score or DETAIL, line)


def _dokumen_hits(hits: _Hits, page: Page, variants: list[str]) -> None:
    documents = list(PublicDocument.objects.filter(page_id=page.pk))
    for variant in variants:
        words = _words(variant)
        for document in documents:
            if _all_in(words, f"{document.title} {document.description}"):
                year = f" ({document.year})" if document.year else ""
                hits.add(page, DETAIL, f"{document.title}{year}")


def _officer_hits(hits: _Hits, index: Page, variants: list[str]) -> None:
    officers = list(LembagaOfficer.objects.filter(
        page__in=LembagaPage.objects.live().public().child_of(index))
        .select_related("page").order_by("page__path", "sort_order"))
    for variant in variants:
        words = _words(variant)
        for officer in officers:
            if _all_in(words, f"{officer.name} {officer.role} {officer.page.title}"):
                hits.add(officer.page, NAME, f"{officer.role}: {officer.name}")


def _service_matches(definition: ServiceDefinition, score: int, variants: list[str]) -> bool:
    """Whether a service the catalogue's search found is worth showing: by its name or
    keywords (a score), or by whole words of its summary, not by part of one ("lurah" is in
    the "kelurahan" of nearly every summary)."""
    text = f"{definition.name} {definition.keywords} {definition.summary}"
    return score > 0 or any(_all_in(_words(variant) or variant.split(), text)
                            for variant in variants)


def _full_text(variants: list[str]):
    """The variants as one full-text query, any of them matching with all its words. Only
    the words go to the database: quotes and operators mean something to SQLite's FTS."""
    words = [" ".join(re.findall(r"\w+", variant)) for variant in variants]
    queries = [PlainText(text, operator="and") for text in dict.fromkeys(words) if text]
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else Or(queries)


def office_forms_matching(*, home: Page, query: str) -> list:
    """The forms of an office's site (complaints, the survey: ``balai_office_links``) whose
    words a resident typed ("pengaduan", "keluhan", "lapor")."""
    typed = {word for variant in query_variants(query) for word in variant.split()}
    return [link for link in office_links(home)
            if typed & set(link.words) or normalize(str(link.label)) in typed]


def site_search(*, home: Page, query: str) -> list[SearchHit]:
    """What one site holds for a resident's words, best first. A kecamatan's search finds
    nothing from its kelurahan sites, which have their own search."""
    variants = query_variants(query)
    if not variants:
        return []
    # The sections as plain pages: their type (known without a query) holds their words.
    # Only the few whose fields are searched here are loaded as their own type.
    children = list(Page.objects.live().public().child_of(home))
    sections = [page for page in children
                if page.specific_class and issubclass(page.specific_class, SectionPage)]
    labels = {page.path: str(SectionKey(page.specific_class.section_key).label)
              for page in sections}
    labels[home.path] = _("Home")
    hits = _Hits(labels, home.depth)

    for page, score in site_services_matching(home=home, query=query, variants=variants):
        if _service_matches(page.definition, score, variants):
            hits.add(page, max(score, FULL_TEXT))
    for page in sections:
        model = page.specific_class
        score = _section_score(model.resident_words, variants)
        if model is KontakPage:
            _kontak_hits(hits, KontakPage.objects.get(pk=page.pk), variants, score)
        elif score:
            hits.add(page, score)
        if model is RtRwPage:
            _rtrw_hits(hits, RtRwPage.objects.get(pk=page.pk), variants)
        elif model is StrukturPage:
            _struktur_hits(hits, StrukturPage.objects.get(pk=page.pk), variants,
                           getattr(home, "default_leader_title", ""))
        elif model is DokumenIndexPage:
            _dokumen_hits(hits, page, variants)
        elif model is LembagaIndexPage:
            _officer_hits(hits, page, variants)

    pages = Page.objects.live().public().descendant_of(home, inclusive=True)
    for child_home in Page.objects.child_of(home).type(*site_home_models()):
        pages = pages.not_descendant_of(child_home, inclusive=True)
    full_text = _full_text(variants)
    for page in pages.search(full_text)[:SEARCH_RESULTS] if full_text else []:
        hits.add(page, FULL_TEXT)
    return hits.best()


@dataclass
class ServiceOffices:
    """A service of the city catalogue and the offices that give it, each with its page."""

    definition: ServiceDefinition
    offices: list[tuple[LayananPage, Page]]


def city_search(*, portal: Page, query: str) -> dict:
    """The portal's search: the catalogue's services that match best, each with every office
    that gives it, and the news of every site, each with its office."""
    variants = query_variants(query)
    if not variants:
        return {"services": [], "news": []}
    scored = [(definition, relevance(definition, variants)) for definition in
              definitions_matching(ServiceDefinition.objects.filter(live=True), query, variants)
              .order_by("name")]
    definitions = [definition for definition, score in sorted(scored, key=lambda item: -item[1])
                   if _service_matches(definition, score, variants)][:CITY_SERVICES]
    pages = (LayananPage.objects.live().public().descendant_of(portal)
             .filter(offered=True, definition__in=definitions).order_by("path"))
    offices: dict[int, list] = {definition.pk: [] for definition in definitions}
    for page, office in _with_homes(list(pages)):
        if office is not None:
            offices[page.definition_id].append((page, office))
    for found in offices.values():
        found.sort(key=lambda item: item[1].title)
    full_text = _full_text(variants)
    news = (BeritaPage.objects.live().public().descendant_of(portal)
            .search(full_text)[:CITY_NEWS]) if full_text else []
    return {
        "services": [ServiceOffices(definition, offices[definition.pk])
                     for definition in definitions if offices[definition.pk]],
        "news": _with_homes(list(news)),
        "normalized": normalize(query),
    }
