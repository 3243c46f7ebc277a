"""Places inside a publish where faults/worker_kill.py kills the gunicorn worker.

Only for ``make faults`` (faults/settings.py); nothing here is part of Balai. The test
writes the name of one point into the file ``BALAI_FAULT_KILL_POINT``; the worker that
reaches that point during a publish writes its pid into ``BALAI_FAULT_MARKER`` and then
waits, so that the test sends SIGKILL to exactly that worker at exactly that point. The
point is used once: the file is emptied when it is reached.

- ``revision_saved``: the new revision is written and the page names it as its latest;
  the page row still holds the old content (Wagtail's ``before_publish_page`` hook, after
  Balai's guard).
- ``page_saved``: inside ``Page.save()``, the row is written with the new content and live
  revision (the page's post_save).
- ``published``: ``Page.save()`` has returned; none of the receivers of ``page_published``
  (cache purge, security log) has run yet, nor Wagtail's log entry (the first receiver:
  faults/settings.py lists this app first).
- ``committed``: the transaction has committed; the cache purge that follows the commit
  has not run (the first on-commit callback of the request).
- ``before_response``: everything is done; the response has not been sent.
"""

import os
import time
from pathlib import Path

from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published

WAIT_SECONDS = 120


def _reached(point: str) -> None:
    armed = Path(os.environ["BALAI_FAULT_KILL_POINT"])
    if not armed.exists() or armed.read_text().strip() != point:
        return
    armed.write_text("")
    marker = Path(os.environ["BALAI_FAULT_MARKER"])
    marker.write_text(f"{os.getpid()} {point}\n")
    time.sleep(WAIT_SECONDS)  # SIGKILL arrives here
    raise RuntimeError(f"kill point {point} reached but the worker was not killed")


def _before_publish(request, page):
    _reached("revision_saved")
    transaction.on_commit(lambda: _reached("committed"))


def _page_saved(sender, instance, update_fields=None, **kwargs):
    from wagtail.models import Page

    # save_revision() saves only a few columns; publishing saves the whole row.
    if isinstance(instance, Page) and update_fields is None and instance.live:
        _reached("page_saved")


def _published(sender, instance, **kwargs):
    _reached("published")


def before_response(get_response):
    def middleware(request):
        response = get_response(request)
        if request.method == "POST" and "/edit/" in request.path:
            _reached("before_response")
        return response

    return middleware


class KillPointsConfig(AppConfig):
    name = "faults.killpoints"
    label = "fault_killpoints"

    def ready(self):
        from wagtail import hooks

        # After Balai's guard (order 0): a publish it holds never reaches the kill point.
        hooks.register("before_publish_page", _before_publish, order=100)
        post_save.connect(_page_saved, dispatch_uid="fault-killpoints-page-saved")
        page_published.connect(_published, dispatch_uid="fault-killpoints-published")
