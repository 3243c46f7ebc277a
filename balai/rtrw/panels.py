"""The RT/RW page's RWs in the page editor: a list with a labelled link to edit each RW
and one to add an RW, instead of Wagtail's one long form of every RW and RT."""

import functools

from django.utils.translation import gettext_lazy as _
from wagtail.admin.compare import StreamFieldComparison
from wagtail.admin.panels import Panel

from .values import page_rws


class RwListPanel(Panel):
    """Shows the page's RWs; the field itself is edited one RW at a time in the RT/RW
    editor (balai/rtrw/views.py). Not a form field: saving the page editor keeps the RWs of
    the latest revision. Revisions still compare the RWs (``get_comparison``)."""

    def __init__(self, field_name: str = "rws", **kwargs):
        kwargs.setdefault("heading", _("RWs and their RTs"))
        super().__init__(**kwargs)
        self.field_name = field_name

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "field_name": self.field_name}

    class BoundPanel(Panel.BoundPanel):
        template_name = "rtrw/admin/rw_list_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context.update(page=page, saved=page is not None and page.pk is not None,
                           rws=page_rws(page) if page is not None else [])
            return context

        def get_comparison(self):
            field = self.panel.model._meta.get_field(self.panel.field_name)
            return [functools.partial(StreamFieldComparison, field)]
