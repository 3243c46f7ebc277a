"""Core's two middleware (their places in settings.MIDDLEWARE are explained there).

``SiteRootsMiddleware``: the index of site roots (``siteroots``) reads its token once per
request, so that rendering many links asks nothing more.

``AtomicPageChangeMiddleware``: one transaction for each change an editor makes to a page in
the admin. Wagtail's page views write in several steps, each committed on its own:
publishing from the editor saves the revision, then the page row (content,
``live_revision``), then the audit and log entries, while the receivers of
``page_published`` drop the cached pages and record the publish in the security log. A
worker that dies half way (killed, out of memory, a timeout) or a failure in a later step
would leave a page live with no purge of its cached copies and no record of who published
it. Run in one transaction, such a publish is all or nothing, and the cache is dropped again
once it has committed (``balai.pagecache.versions``). ``make faults``
(faults/worker_kill.py) kills a worker at each of these steps to prove it.
"""

from django.db import transaction

from . import siteroots


class SiteRootsMiddleware:
    """Reads the token once per request, so that rendering many links asks nothing more."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with siteroots.one_token():
            return self.get_response(request)


ATOMIC_NAMESPACE = "wagtailadmin_pages"


class AtomicPageChangeMiddleware:
    """Runs every POST to Wagtail's page views (create, edit, publish, unpublish, move,
    copy, delete, revert, workflow actions) in one transaction. Last in ``MIDDLEWARE``: it
    calls the view itself, after every other middleware's ``process_view``; an exception
    still reaches Django's handling (and ``got_request_exception``), after the rollback."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None \
                or ATOMIC_NAMESPACE not in match.namespaces:
            return None
        with transaction.atomic():
            return view_func(request, *view_args, **view_kwargs)
