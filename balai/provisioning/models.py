from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, Page, Site

from balai.wilayah.models import Region


class RegionSiteQuerySet(models.QuerySet):
    def of_user(self, user) -> "RegionSiteQuerySet":
        """The sites whose operator or contributor group the user is in, with a home page."""
        groups = user.groups.all()
        return self.filter(
            models.Q(operator_group__in=groups) | models.Q(contributor_group__in=groups),
            home_page__isnull=False)

    def region_ids_of(self, user) -> set[int]:
        """The regions of the sites the user works on (``of_user``), kept on the user object
        for the rest of the request: menus, panels and every list ask it again."""
        cached = getattr(user, "_balai_region_ids", None)
        if cached is None:
            cached = set(self.of_user(user).values_list("region_id", flat=True))
            user._balai_region_ids = cached
        return cached

    def home_of(self, region):
        """The home page of ``region``'s site, as its own class, or None without one."""
        record = self.filter(region=region).select_related("home_page").first()
        return record.home_page.specific if record and record.home_page else None

    def people_of(self, region_ids):
        """The active accounts of the offices of ``region_ids`` (their operators and
        contributors), to give a resident's complaint or request to, by name."""
        groups = []
        for record in self.filter(region_id__in=region_ids):
            groups += [record.operator_group_id, record.contributor_group_id]
        return get_user_model().objects.filter(is_active=True, groups__in=groups).distinct() \
            .order_by("first_name", "username")

    def operator_emails(self, region) -> list[str]:
        """The addresses of the active operators of ``region``'s site, to tell them of a
        resident's complaint or request (empty when the site or its group is missing)."""
        record = self.filter(region=region).select_related("operator_group").first()
        if record is None or record.operator_group is None:
            return []
        return sorted({user.email for user in record.operator_group.user_set.filter(
            is_active=True).exclude(email="")})


class RegionSite(models.Model):
    """The site provisioned for one region: its Wagtail Site, home page, group and collection.

    Provisioning reads this record to know what it already made, so that a
    second run creates only what is missing and never touches what exists.
    """

    region = models.OneToOneField(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="site_record"
    )
    site = models.OneToOneField(
        Site, verbose_name=_("site"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="region_record",
    )
    home_page = models.ForeignKey(
        Page, verbose_name=_("home page"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    operator_group = models.ForeignKey(
        Group, verbose_name=_("operator group"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    contributor_group = models.ForeignKey(
        Group, verbose_name=_("contributor group"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    approval_workflow = models.ForeignKey(
        "wagtailcore.Workflow", verbose_name=_("approval workflow"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    collection = models.ForeignKey(
        Collection, verbose_name=_("collection"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    # Standard sections provisioning has created once. One an operator deleted
    # later stays deleted: provisioning does not bring it back.
    sections_created = models.JSONField(default=list, blank=True)
    # Likewise the service pages (ids of city service definitions) made once.
    services_created = models.JSONField(default=list, blank=True)
    provisioned_at = models.DateTimeField(_("provisioned at"), auto_now_add=True)

    objects = RegionSiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("region site")
        verbose_name_plural = _("region sites")

    def __str__(self) -> str:
        return str(self.region)
