"""Changing one RW of an RT/RW page at a time, through the page's revisions.

The RWs stay in the page's one StreamField (``RtRwPage.rws``), so revisions, moderation,
the public page, search, backup and the completeness checklist work as for every page. A
change is made on the page's latest revision (what the editor would show), written back in
Wagtail's own StreamField form (existing block ids kept, new blocks given ids as Wagtail
gives them), saved as a new revision in the page's history, and then published, submitted
for approval or kept as a draft, as the person may.
"""

import enum

from django.db import transaction
from wagtail.models import Page, Revision, WorkflowState

from .models import RtRwPage
from .values import Rw, stream_value


class Send(enum.StrEnum):
    """What happens to the new revision."""

    DRAFT = "draft"
    PUBLISH = "publish"
    SUBMIT = "submit"


class Outcome(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    SCHEDULED = "scheduled"  # the page has a publishing date in the future
    HELD = "held"  # the publish guard kept it back for the city office's review
    SUBMITTED = "submitted"


@transaction.atomic
def rws_change(*, page: RtRwPage, user, rws: list[Rw], send: Send) -> Outcome:
    """Save ``rws`` as the page's RWs in a new revision (logged under ``user``), then
    publish it, submit it for approval or leave it as a draft.

    ``page`` is the page's latest revision as an object (``get_latest_revision_as_object``),
    so that other unpublished changes to the page are kept. The caller checks that ``user``
    may edit the page, and may publish it for ``Send.PUBLISH``.
    """
    page.rws = stream_value(rws)
    if not page.live:
        # As Wagtail's editor does: a page that is not live keeps its draft in its own row.
        page.save(clean=False)
    revision = page.save_revision(user=user, log_action=True)
    match send:
        case Send.PUBLISH:
            return _publish(page, revision, user)
        case Send.SUBMIT:
            _submit(page, user)
            return Outcome.SUBMITTED
    return Outcome.DRAFT


def _publish(page: RtRwPage, revision: Revision, user) -> Outcome:
    # Through the page's own publish, so that Balai's guard (BasePage.publish) applies.
    revision.publish(user=user)
    if Page.objects.filter(pk=page.pk, live_revision=revision).exists():
        return Outcome.PUBLISHED
    revision.refresh_from_db()
    return Outcome.SCHEDULED if revision.approved_go_live_at else Outcome.HELD


def _submit(page: RtRwPage, user) -> None:
    """Start the page's approval workflow as Wagtail's editor does, or resume the one that
    asked for changes."""
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return
    if state is not None:
        if not state.user_can_cancel(user):
            return  # already awaiting approval: the new revision is what the reviewer sees
        state.cancel(user=user)
    page.get_workflow().start(page, user)
