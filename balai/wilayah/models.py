from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """An official region (wilayah) of the Kemendagri hierarchy: kota, kecamatan, kelurahan.

    The Kemendagri ``kode`` identifies a region; names are not unique (kecamatan
    Citangkil contains kelurahan Citangkil). ``name`` and ``postal_code`` may be
    corrected by the city office; ``balai load-wilayah`` never overwrites them.
    """

    class Level(models.TextChoices):
        KOTA = "kota", _("City")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan")

    kode = models.CharField(
        _("Kemendagri code"),
        max_length=13,
        unique=True,
        validators=[RegexValidator(r"^\d{2}(\.\d{2}){1,2}(\.\d{4})?$")],
        help_text=_("Official code from Kemendagri, e.g. 36.72.08.1007. Never change it."),
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_(
            "Official name without the level, e.g. 'Citangkil', not 'Kelurahan Citangkil'."
        ),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # The parent's code is kept even when the parent is not loaded (the province
    # of a city), so the code hierarchy is always complete.
    parent_kode = models.CharField(_("parent code"), max_length=13, blank=True)
    bps_code = models.CharField(_("BPS code"), max_length=10, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("A postal code has five digits."))],
        help_text=_("Five-digit postal code of the kelurahan."),
    )
    centroid_lat = models.FloatField(_("centroid latitude"), null=True, blank=True)
    centroid_lon = models.FloatField(_("centroid longitude"), null=True, blank=True)
    boundary = models.JSONField(
        _("boundary"),
        null=True,
        blank=True,
        help_text=_("GeoJSON geometry (WGS84, [lon, lat]) of the official boundary."),
    )
    area_km2 = models.DecimalField(
        _("area (km²), approximate"), max_digits=8, decimal_places=3, null=True, blank=True
    )
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["kode"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.name} ({self.kode})"

    @property
    def full_name(self) -> str:
        """The name residents use: 'Kelurahan Citangkil', 'Kota Cilegon'."""
        if self.level == self.Level.KOTA:
            return self.name
        return f"{self.get_level_display()} {self.name}"

    @property
    def slug(self) -> str:
        return slugify(self.name)
