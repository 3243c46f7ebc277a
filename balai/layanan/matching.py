"""Whether and how well a city service matches a resident's words: pure functions over the
definitions they are given, so the models (the services page's list) and the searches use
the same rules."""

import re

from django.db.models import Q, QuerySet

from balai.synonyms.expand import query_variants

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


def _relevance_of(definition, query: str) -> int:
    name, keywords = definition.name.lower(), definition.keywords.lower()
    score = 5 * bool(re.search(rf"\b{re.escape(query)}\b", name))  # the whole phrase
    for word in query.split()[:MAX_QUERY_WORDS]:
        whole = re.compile(rf"\b{re.escape(word)}\b")
        score += 3 * (word in name) + 2 * bool(whole.search(name))
        score += 2 * (word in keywords) + 1 * bool(whole.search(keywords))
    return score


def relevance(definition, variants: list[str]) -> int:
    """How well a definition matches the query (the first variant) or, a little less, its
    best other variant: words in its name count most, then keywords, and a whole word
    ('nikah') more than part of one ('menikah')."""
    if not variants:
        return 0
    by_synonym = (_relevance_of(definition, variant) * 4 // 5 for variant in variants[1:])
    return max([_relevance_of(definition, variants[0]), *by_synonym])
