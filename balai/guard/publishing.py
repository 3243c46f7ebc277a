"""The guard on publish: an office account's page that carries spam or hidden links does
not go live. Its content is kept as a draft and goes to the city office for review (the
workflow *Pemeriksaan penjaga*); a city administrator who approves it publishes it.

Only the vocabulary of gambling advertising and hidden, off-screen or gambling links stop a
publish (balai/guard/scanner.py): a news article that warns residents about "judi online"
goes live as usual. Links to hosts outside the city's list are warnings, never a stop.
Publishing by the city office itself, and by the system (provisioning, the catalogue), is
not held: they are the reviewers.
"""

import logging

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from balai.core.groups import CITY_ADMIN_GROUP, is_city_user
from balai.security.audit import Kind, record, region_of_page

from .models import GuardFinding
from .scanner import Finding, scan_html
from .services import host_allowed

log = logging.getLogger(__name__)
GUARD_WORKFLOW = "Pemeriksaan penjaga"


def draft_findings(page) -> list[Finding]:
    """What would be an attack on the page if it went live as it is now (in memory)."""
    response = page.make_preview_request()
    if response.status_code != 200:
        return []
    html = response.content.decode(errors="replace")
    return [finding for finding in scan_html(html, host_allowed=host_allowed)
            if finding.blocking]


def guard_applies(user) -> bool:
    return user is not None and user.is_authenticated and not is_city_user(user)


def guard_workflow() -> Workflow:
    """The one-step review by Admin Kota, made the first time it is needed."""
    workflow = Workflow.objects.filter(name=GUARD_WORKFLOW).first()
    if workflow is not None:
        return workflow
    workflow = Workflow.objects.create(name=GUARD_WORKFLOW)
    task = GroupApprovalTask.objects.create(name=f"Pemeriksaan {CITY_ADMIN_GROUP}")
    group, _created = Group.objects.get_or_create(name=CITY_ADMIN_GROUP)
    task.groups.set([group])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def hold(page, user, findings: list[Finding]) -> None:
    """Keep the page's latest revision out of the live site: record the findings and send
    the page to the city office's review."""
    if page.live and page.live_revision_id is None:
        # A page being created is saved as live before publishing; it never was.
        type(page).objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
        page.live = False
    region = region_of_page(page)
    GuardFinding.objects.bulk_create([
        GuardFinding(page_id=page.pk, region=region, kind=finding.kind,
                     detail=f"{_('held before publishing')}: {finding.detail}"[:500],
                     blocking=True) for finding in findings])
    record(Kind.GUARD_BLOCKED, user=user, actor=user, region=region,
           detail=f"{page.title} ({page.url_path}): "
                  + "; ".join(f"{f.kind} {f.detail}" for f in findings))
    current = page.current_workflow_state
    if current is not None:
        current.cancel(user=user)
    guard_workflow().start(page, user)
    log.warning("guard held %s: %s", page.url_path, findings)


def held_on_publish(page, revision, user) -> bool:
    """For publishes outside the editor (a workflow's approval, scheduled publishing): True
    when the revision must not go live. The review starts once the current transaction is
    done (an approval finishes its own workflow first)."""
    user = user or getattr(revision, "user", None)
    if not guard_applies(user):
        return False
    findings = draft_findings(revision.as_object())
    if not findings:
        return False
    transaction.on_commit(lambda: hold(page.specific_class.objects.get(pk=page.pk), user,
                                       findings))
    return True


def message(findings: list[Finding]) -> str:
    names = dict(GuardFinding.Kind.choices)
    found = "; ".join(f"{names.get(f.kind, f.kind)} ({f.detail[:80]})" for f in findings)
    return _("This page was NOT published. The guard found what looks like gambling spam or "
             "hidden links: %(found)s. Your changes are saved as a draft and the city office "
             "has been asked to review them. If you did not add this, your account or a "
             "copied text may be compromised: tell the city office.") % {"found": found}
