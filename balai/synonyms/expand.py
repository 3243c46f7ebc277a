"""A resident's query with the city's synonyms: the query as typed, then the same query with
one phrase replaced by each word of its group ("surat miskin" → "surat sktm", "surat
keterangan tidak mampu")."""

import re

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import SynonymGroup

MAX_VARIANTS = 8


def normalize(query: str) -> str:
    return " ".join(query.split()).lower()


def _phrase(word: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


CACHE_KEY = "balai:synonym-groups"


def groups() -> list[list[str]]:
    """Every synonym group, as lists of lowercased words: from the cache, else one query."""
    found = cache.get(CACHE_KEY)
    if found is None:
        found = [group.word_list for group in SynonymGroup.objects.all()]
        cache.set(CACHE_KEY, found, None)
    return found


@receiver([post_save, post_delete], sender=SynonymGroup,
          dispatch_uid="synonyms-forget-cached-groups")
def forget_groups(**kwargs) -> None:
    """A changed list applies to the next search (a cache purge, as signals are for); the
    cached pages of every site, found with the old list, are dropped by
    balai/provisioning/changes.py."""
    cache.delete(CACHE_KEY)


def query_variants(query: str, synonym_groups: list[list[str]] | None = None) -> list[str]:
    """The normalized query first, then its variants by the synonyms, each once, at most
    MAX_VARIANTS in all."""
    query = normalize(query)
    if not query:
        return []
    if synonym_groups is None:
        synonym_groups = groups()
    variants = [query]
    for words in synonym_groups:
        # The longest phrase of a group that the query holds: "ktp elektronik" before "ktp".
        for word in sorted(words, key=len, reverse=True):
            pattern = _phrase(word)
            if pattern.search(query):
                for other in words:
                    variant = pattern.sub(other, query)
                    if variant not in variants:
                        variants.append(variant)
                break
    return variants[:MAX_VARIANTS]
