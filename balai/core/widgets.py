"""Admin widgets: Wagtail's own, with what a screen reader needs."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.admin.rich_text import DraftailRichTextArea


class LabelledDraftailRichTextArea(DraftailRichTextArea):
    """Wagtail's rich text editor, named by its field's label.

    Wagtail 7.4 renders the editable area without an accessible name (axe:
    aria-input-field-name), so a screen reader announces only "edit text". Draftail accepts
    ``ariaLabelledBy``; the label Wagtail renders for a field has the id ``<input id>-label``.
    """

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if widget_attrs.get("id"):
            options = {**self.options, "ariaLabelledBy": f"{widget_attrs['id']}-label"}
            widget_attrs["data-w-init-detail-value"] = json.dumps(options,
                                                                  cls=DjangoJSONEncoder)
        return context
