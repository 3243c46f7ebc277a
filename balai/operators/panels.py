"""The operator's dashboard panel: their site's checklist, recent changes and what awaits
their approval."""

from wagtail.admin.ui.components import Component
from wagtail.models import Page, PageLogEntry, TaskState

from balai.provisioning.models import RegionSite
from balai.status.completeness import site_checklist

RECENT_CHANGES = 6


def user_sites(user) -> list[RegionSite]:
    """The sites whose operator or contributor group the user is in."""
    return list(RegionSite.objects.of_user(user).select_related(
        "region", "home_page", "site", "operator_group").order_by("region__kode"))


class SitePanel(Component):
    template_name = "operators/site_panel.html"
    order = 50

    class Media:
        css = {"all": ["balai/operators/site-panel.css"]}

    def __init__(self, *, record: RegionSite, user):
        self.record = record
        self.user = user

    def get_context_data(self, parent_context=None):
        home = self.record.home_page
        site_pages = Page.objects.descendant_of(home, inclusive=True)
        awaiting = []
        if self.user.groups.filter(pk=self.record.operator_group_id).exists():
            awaiting = list(TaskState.objects.reviewable_by(self.user).filter(
                workflow_state__object_id__in=[str(pk) for pk in site_pages.values_list(
                    "pk", flat=True)]).select_related("workflow_state__requested_by")[:10])
        return {
            "record": self.record,
            "home": home,
            "checklist": site_checklist(home),
            "recent": PageLogEntry.objects.filter(page__in=site_pages).select_related(
                "user", "page").order_by("-timestamp")[:RECENT_CHANGES],
            "awaiting": awaiting,
        }
