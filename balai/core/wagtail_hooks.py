from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def name_unnamed_inputs():
    """Accessible names for the editor's inputs that Wagtail leaves unnamed."""
    return format_html('<script src="{}" defer></script>', static("balai/admin/field-names.js"))
