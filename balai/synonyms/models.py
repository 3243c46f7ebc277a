"""Words residents use for the same thing, kept by the city office for every site's search."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_WORD_LENGTH = 40
# Letters, digits, spaces, hyphens and dots ("KTP-el", "no. hp"): a phrase a resident types.
WORD = re.compile(r"^[\w][\w .\-/]*$")


def split_words(text: str) -> list[str]:
    """The words or phrases of a comma-separated list, lowercased, spaces collapsed, each
    once, in the order written."""
    words: list[str] = []
    for part in text.split(","):
        word = " ".join(part.split()).lower()
        if word and word not in words:
            words.append(word)
    return words


class SynonymGroup(models.Model):
    """One group of words meaning the same: a search for any of them also looks for the
    others, on every site and in the services pages."""

    words = models.CharField(
        _("words with the same meaning"), max_length=300,
        help_text=_("Two or more words or phrases residents use for the same thing, separated "
                    "by commas, e.g. 'KTP, e-KTP, KTP-el, KTP elektronik'. A search for any "
                    "of them also finds pages with the others."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["words"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("search synonyms")

    def __str__(self) -> str:
        return ", ".join(self.word_list)

    @property
    def word_list(self) -> list[str]:
        return split_words(self.words)

    def clean(self):
        super().clean()
        words = self.word_list
        if len(words) < 2:
            raise ValidationError({"words": _(
                "Write at least two different words, separated by commas.")})
        for word in words:
            if len(word) > MAX_WORD_LENGTH:
                raise ValidationError({"words": _(
                    "“%(word)s” is too long: one word or a short phrase of at most "
                    "%(max)d characters.") % {"word": word, "max": MAX_WORD_LENGTH}})
            if not WORD.match(word):
                raise ValidationError({"words": _(
                    "“%(word)s” may hold only letters, digits, spaces, hyphens, dots and "
                    "slashes.") % {"word": word}})
        others = SynonymGroup.objects.exclude(pk=self.pk)
        for other in others:
            shared = sorted(set(words) & set(other.word_list))
            if shared:
                raise ValidationError({"words": _(
                    "“%(word)s” is already in the group “%(group)s”: add the other words "
                    "there instead.") % {"word": shared[0], "group": other}})
