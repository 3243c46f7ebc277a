import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from wagtail.models import Page

from balai.synonyms.expand import query_variants

from .models import LayananPage, ServiceCategory, ServiceDefinition

MAX_QUERY_WORDS = 8


def _all_words(words: list[str], *, summary: bool = True) -> Q:
    condition = Q()
    for word in words[:MAX_QUERY_WORDS]:
        found = Q(name__icontains=word) | Q(keywords__icontains=word)
        condition &= (found | Q(summary__icontains=word)) if summary else found
    return condition


def definitions_matching(definitions: QuerySet, query: str,
                         variants: list[str] | None = None) -> QuerySet:
    """Definitions whose name, keywords or summary contain every word of the query, or whose
    name or keywords contain every word of one of its variants by the city's synonyms,
    case-insensitively, so that 'sktm', 'KTP', 'surat nikah' or 'surat miskin' find what
    residents mean. (A synonym found only in a summary says too little: 'tempat tinggal'
    for 'domisili' is in the summary of moving out.)"""
    if not query.split():
        return definitions
    variants = query_variants(query) if variants is None else variants
    condition = _all_words(query.split())
    for variant in variants[1:]:
        condition |= _all_words(variant.split(), summary=False)
    return definitions.filter(condition)


def catalogue(*, query: str = "", category: str = "") -> QuerySet:
    """The live definitions of the city catalogue, in category order."""
    return _catalogue(query=query, category=category)


def _catalogue(*, query: str = "", category: str = "",
               variants: list[str] | None = None) -> QuerySet:
    definitions = ServiceDefinition.objects.filter(live=True).select_related("category")
    if category:
        definitions = definitions.filter(category__slug=category)
    return definitions_matching(definitions, query, variants).order_by(
        "category__sort_order", "name")


def local_services(*, parent: Page, query: str = "", category: str = "",
                   variants: list[str] | None = None) -> QuerySet:
    """An office's live service pages under ``parent`` (its services page), with their
    definitions, filtered like the catalogue."""
    pages = (LayananPage.objects.live().public().child_of(parent)
             .filter(definition__in=_catalogue(query=query, category=category,
                                               variants=variants))
             .select_related("definition__category"))
    return pages.order_by("definition__category__sort_order", "definition__name")


def _relevance_of(definition: ServiceDefinition, query: str) -> int:
    name, keywords = definition.name.lower(), definition.keywords.lower()
    score = 5 * bool(re.search(rf"\b{re.escape(query)}\b", name))  # the whole phrase
    for word in query.split()[:MAX_QUERY_WORDS]:
        whole = re.compile(rf"\b{re.escape(word)}\b")
        score += 3 * (word in name) + 2 * bool(whole.search(name))
        score += 2 * (word in keywords) + 1 * bool(whole.search(keywords))
    return score


def relevance(definition: ServiceDefinition, variants: list[str]) -> int:
    """How well a definition matches the query (the first variant) or, a little less, its
    best other variant: words in its name count most, then keywords, and a whole word
    ('nikah') more than part of one ('menikah')."""
    if not variants:
        return 0
    by_synonym = (_relevance_of(definition, variant) * 4 // 5 for variant in variants[1:])
    return max([_relevance_of(definition, variants[0]), *by_synonym])


@dataclass
class CategoryGroup:
    category: ServiceCategory
    services: list[LayananPage] = field(default_factory=list)


def service_index(*, index_page: Page, query: str, category: str) -> dict:
    """What a services page shows: the offered services by category, those this office does
    not give, the categories to filter by, and what the resident asked for."""
    variants = query_variants(query)
    pages = list(local_services(parent=index_page, query=query, category=category,
                                variants=variants))
    if query:
        # Best matches first, as one list: the category headings would hide the order.
        pages.sort(key=lambda page: -relevance(page.definition, variants))
    groups: dict[int, CategoryGroup] = {}
    for page in pages:
        if page.offered and query:
            groups.setdefault(0, CategoryGroup(None)).services.append(page)
        elif page.offered:
            definition_category = page.definition.category
            groups.setdefault(definition_category.pk, CategoryGroup(definition_category))
            groups[definition_category.pk].services.append(page)
    used = (LayananPage.objects.live().public().child_of(index_page)
            .filter(definition__live=True).values("definition__category"))
    return {
        "groups": list(groups.values()),
        "not_offered": [page for page in pages if not page.offered],
        "categories": ServiceCategory.objects.filter(pk__in=used),
        "query": query,
        "selected_category": category,
        "searched": bool(query or category),
        "result_count": sum(1 for page in pages if page.offered),
    }


def site_services_matching(*, home: Page, query: str,
                           variants: list[str] | None = None) -> list[tuple[LayananPage, int]]:
    """The offered services of one site that match a resident's words (or their synonyms),
    each with its relevance, best first, for the site search."""
    if not query:
        return []
    variants = query_variants(query) if variants is None else variants
    pages = (LayananPage.objects.live().public().descendant_of(home)
             .filter(depth=home.depth + 2, offered=True,
                     definition__in=_catalogue(query=query, variants=variants))
             .select_related("definition").order_by("definition__name"))
    scored = [(page, relevance(page.definition, variants)) for page in pages]
    return sorted(scored, key=lambda item: -item[1])
