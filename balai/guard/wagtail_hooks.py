from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks

from .publishing import draft_findings, guard_applies, held_on_publish, hold, message

# Publishing outside the editor (a workflow's approval, scheduled publishing) passes the
# guard too: BasePage.publish asks this hook (balai/core/models.py).
hooks.register("balai_before_publish", held_on_publish)


@hooks.register("before_publish_page")
def guard_before_publish(request, page):
    """Publishing from the editor: the page as the operator wrote it is rendered and
    scanned; spam or a hidden link sends it to the city office's review instead."""
    if not guard_applies(request.user):
        return None
    findings = draft_findings(page)
    if not findings:
        return None
    hold(page, request.user, findings)
    messages.error(request, message(findings))
    return redirect("wagtailadmin_pages:edit", page.pk)
