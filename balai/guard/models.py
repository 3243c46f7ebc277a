from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from balai.wilayah.models import Region


class GuardFinding(models.Model):
    """Something the guard found on a published page at its last run."""

    class Kind(models.TextChoices):
        SPAM_KEYWORD = "spam_keyword", _("gambling advertising words")
        GAMBLING_LINK = "gambling_link", _("link to gambling")
        HIDDEN_LINK = "hidden_link", _("link hidden by CSS")
        OFFSCREEN_LINK = "offscreen_link", _("link placed off-screen")
        FOREIGN_LINK = "foreign_link", _("link to a host not on the city's list")
        CLOAKING = "cloaking", _("different page for search engines")

    page = models.ForeignKey(Page, verbose_name=_("page"), on_delete=models.CASCADE,
                             related_name="+")
    region = models.ForeignKey(Region, verbose_name=_("region"), null=True,
                               on_delete=models.CASCADE, related_name="guard_findings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    detail = models.CharField(_("detail"), max_length=500)
    blocking = models.BooleanField(_("an attack, not a warning"))
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)

    class Meta:
        verbose_name = _("guard finding")
        ordering = ["region__kode", "page__path"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.detail}"
