from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def guide(request):
    """Panduan Operator: how to keep an office's site current, step by step, with pictures
    of the admin screens (taken by the browser tests, functional_tests/test_operator.py)."""
    return TemplateResponse(request, "operators/panduan.html", {"page_title": _("Operator guide")})
