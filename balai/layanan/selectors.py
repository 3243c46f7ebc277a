import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from wagtail.models import Page

from .models import LayananPage, ServiceCategory, ServiceDefinition

MAX_QUERY_WORDS = 8


def definitions_matching(definitions: QuerySet, query: str) -> QuerySet:
    """Definitions whose name, keywords or summary contain every word of the query,
    case-insensitively, so that 'sktm', 'KTP' or 'surat nikah' find what residents mean."""
    for word in query.split()[:MAX_QUERY_WORDS]:
        definitions = definitions.filter(
            Q(name__icontains=word) | Q(keywords__icontains=word) | Q(summary__icontains=word))
    return definitions


def catalogue(*, query: str = "", category: str = "") -> QuerySet:
    """The live definitions of the city catalogue, in category order."""
    definitions = ServiceDefinition.objects.filter(live=True).select_related("category")
    if category:
        definitions = definitions.filter(category__slug=category)
    return definitions_matching(definitions, query).order_by("category__sort_order", "name")


def local_services(*, parent: Page, query: str = "", category: str = "") -> QuerySet:
    """An office's live service pages under ``parent`` (its services page), with their
    definitions, filtered like the catalogue."""
    pages = (LayananPage.objects.live().public().child_of(parent)
             .filter(definition__in=catalogue(query=query, category=category))
             .select_related("definition__category"))
    return pages.order_by("definition__category__sort_order", "definition__name")


def _relevance(definition: ServiceDefinition, query: str) -> int:
    """How well a definition matches: words in its name count most, then keywords, and a
    whole word ('nikah') more than part of one ('menikah')."""
    name, keywords = definition.name.lower(), definition.keywords.lower()
    score = 0
    for word in query.lower().split()[:MAX_QUERY_WORDS]:
        whole = re.compile(rf"\b{re.escape(word)}\b")
        score += 3 * (word in name) + 2 * bool(whole.search(name))
        score += 2 * (word in keywords) + 1 * bool(whole.search(keywords))
    return score


@dataclass
class CategoryGroup:
    category: ServiceCategory
    services: list[LayananPage] = field(default_factory=list)


def service_index(*, index_page: Page, query: str, category: str) -> dict:
    """What a services page shows: the offered services by category, those this office does
    not give, the categories to filter by, and what the resident asked for."""
    pages = list(local_services(parent=index_page, query=query, category=category))
    if query:
        # Best matches first, as one list: the category headings would hide the order.
        pages.sort(key=lambda page: -_relevance(page.definition, query))
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


def site_services_matching(*, home: Page, query: str) -> list[LayananPage]:
    """The offered services of one site that match a resident's words, for the site search."""
    if not query:
        return []
    pages = (LayananPage.objects.live().public().descendant_of(home)
             .filter(depth=home.depth + 2, offered=True,
                     definition__in=catalogue(query=query))
             .select_related("definition"))
    return list(pages.order_by("definition__name"))
