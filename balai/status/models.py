from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.wilayah.models import Region


class SiteSnapshot(models.Model):
    """One site's figures on one day, recorded by `balai snapshot` (one row per site and
    day, replaced if the command runs again that day)."""

    date = models.DateField(_("date"))
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE,
                               related_name="snapshots")
    live = models.BooleanField(_("live"))
    score = models.PositiveSmallIntegerField(_("completeness score"))
    complete = models.BooleanField(_("complete"))
    fresh = models.BooleanField(_("fresh"))

    class Meta:
        verbose_name = _("site snapshot")
        constraints = [models.UniqueConstraint(fields=["date", "region"],
                                               name="one_snapshot_per_site_and_day")]
        ordering = ["date", "region__kode"]

    def __str__(self) -> str:
        return f"{self.region} {self.date}: {self.score}"
