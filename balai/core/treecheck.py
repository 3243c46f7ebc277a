"""Consistency of the page tree, for ``balai check-tree``: reads only, changes nothing.

The tree's own structure is checked by the same means as Wagtail's ``fixtree``: treebeard's
``find_problems()`` (path characters and length, orphans, depth, numchild) for pages and
collections, and a specific record for every page. ``fixtree`` itself cannot be used: it
fixes depth and numchild as soon as it finds them wrong and asks on the terminal before
deleting orphans. Balai adds what a half-finished write could leave behind in the columns
that decide what residents see: a page's live and latest revisions must exist and be its
own, a live page's row must hold its live revision's content, a published page must not
have lost its live revision, ``url_path`` must follow the tree, and every Site's root page
must exist.

Pages made live by code (provisioning, ``load-demo``, ``import-site``) legitimately have
no revision until someone edits them, so a live page without a live revision is a problem
only when Wagtail logged a publish of it.
"""

import json
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from modelcluster.models import get_serializable_data_for_fields
from wagtail.models import Collection, Page, PageLogEntry, Revision, Site

# Columns a revision does not decide: status, timestamps, tree position and locks, which
# publishing, moving and locking set on the row after (or without) a revision.
STATUS_FIELDS = {
    "id", "page_ptr", "path", "depth", "numchild", "url_path", "live", "has_unpublished_changes",
    "first_published_at", "last_published_at", "latest_revision_created_at", "latest_revision",
    "live_revision", "draft_title", "locked", "locked_at", "locked_by", "owner", "go_live_at",
    "expire_at", "expired",
}


@dataclass(frozen=True)
class Problem:
    subject: str
    detail: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.detail}"


@dataclass
class Report:
    problems: list[Problem]
    pages: int
    sites: int
    revisions: int


def _page(page) -> str:
    return _('Page %(id)d "%(title)s" (%(path)s)') % {
        "id": page.pk, "title": page.title, "path": page.url_path or page.path}


def _collection(collection) -> str:
    return _('Collection %(id)d "%(name)s"') % {"id": collection.pk, "name": collection.name}


def _structure(model, describe) -> list[Problem]:
    """treebeard's own checks, as ``fixtree`` runs them, each named by its node."""
    bad_alpha, bad_path, orphans, bad_depth, bad_numchild = model.find_problems()
    found = {
        **{pk: _("its path contains characters outside the tree's alphabet") for pk in bad_alpha},
        **{pk: _("its path has a length that is not a whole number of steps")
           for pk in bad_path},
        **{pk: _("it has no parent: no node has the path above its own") for pk in orphans},
        **{pk: _("its depth does not match its path") for pk in bad_depth},
    }
    problems = []
    nodes = model.objects.in_bulk(list(found) + list(bad_numchild))
    for pk, detail in found.items():
        problems.append(Problem(describe(nodes[pk]), detail))
    for pk in bad_numchild:
        node = nodes[pk]
        actual = model.objects.filter(path__startswith=node.path, depth=node.depth + 1).count()
        problems.append(Problem(describe(node), _(
            "numchild says %(stored)d children but it has %(actual)d") % {
            "stored": node.numchild, "actual": actual}))
    return problems


def _missing_specific_records() -> list[Problem]:
    """``fixtree``'s first check, one query per page type instead of one per page."""
    problems = []
    by_type: dict[int, list[int]] = {}
    for pk, content_type_id in Page.objects.values_list("pk", "content_type_id"):
        by_type.setdefault(content_type_id, []).append(pk)
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or model is Page:
            continue
        found = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
        for page in Page.objects.filter(pk__in=set(ids) - found):
            problems.append(Problem(_page(page), _(
                "its record of type %(type)s is missing") % {"type": model.__name__}))
    return problems


def _revision_problems(page, revision_id, revisions: dict, messages: tuple[str, str],
                       page_type_id: int) -> list[Problem]:
    """A live or latest revision must exist and be this page's own."""
    if revision_id is None:
        return []
    missing, foreign = messages
    revision = revisions.get(revision_id)
    if revision is None:
        return [Problem(_page(page), missing % {"revision": revision_id})]
    if revision.object_id != str(page.pk) or revision.base_content_type_id != page_type_id:
        return [Problem(_page(page), foreign % {"revision": revision_id,
                                                "object": revision.object_str})]
    return []


def _content_differences(page, revision) -> list[str]:
    live = get_serializable_data_for_fields(page)
    try:
        # What Revision.as_object() gives, without fetching the page again.
        published = get_serializable_data_for_fields(page.with_content_json(revision.content))
    except Page.DoesNotExist:
        return []  # an orphan: a revision is read with its parent; reported already
    return sorted(name for name, value in live.items() if name not in STATUS_FIELDS
                  and _comparable(published.get(name)) != _comparable(value))


def _comparable(value):
    """StreamField and JSON columns as data: PostgreSQL's jsonb keeps keys in its own
    order, so the row and the revision spell the same content differently."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _revisions() -> tuple[list[Problem], int]:
    problems = []
    # Specific pages, one query per page type; a page whose specific record is missing
    # comes back as a plain Page (that is reported by _missing_specific_records).
    pages = list(Page.objects.exclude(live_revision=None, latest_revision=None)
                 .order_by("path").specific())
    ids = {pk for page in pages for pk in (page.live_revision_id, page.latest_revision_id) if pk}
    revisions = Revision.objects.in_bulk(ids)
    published = PageLogEntry.objects.filter(action="wagtail.publish").values("page_id")
    live = (_("its live revision %(revision)d does not exist"),
            _("its live revision %(revision)d belongs to another object (%(object)s)"))
    latest = (_("its latest revision %(revision)d does not exist"),
              _("its latest revision %(revision)d belongs to another object (%(object)s)"))
    page_type_id = ContentType.objects.get_for_model(Page).pk
    checked = 0
    for page in pages:
        wrong = _revision_problems(page, page.live_revision_id, revisions, live, page_type_id)
        problems += wrong
        problems += _revision_problems(page, page.latest_revision_id, revisions, latest,
                                       page_type_id)
        if page.live_revision_id is None or wrong:
            continue
        if not page.live:
            problems.append(Problem(_page(page), _(
                "it is not live but still names live revision %(revision)d") % {
                "revision": page.live_revision_id}))
            continue
        checked += 1
        differences = _content_differences(page, revisions[page.live_revision_id])
        if differences:
            problems.append(Problem(_page(page), _(
                "its live content differs from its live revision %(revision)d in: "
                "%(fields)s") % {"revision": page.live_revision_id,
                                 "fields": ", ".join(differences)}))
    for page in Page.objects.filter(live=True, live_revision=None, pk__in=published):
        problems.append(Problem(_page(page), _(
            "it was published but has no live revision")))
    return problems, checked


def _url_paths() -> list[Problem]:
    """A page's url_path is its parent's plus its slug: Wagtail routes and links by it."""
    rows = {path: (pk, slug, url_path) for pk, path, slug, url_path in
            Page.objects.values_list("pk", "path", "slug", "url_path")}
    problems = []
    for path, (pk, slug, url_path) in sorted(rows.items()):
        parent = rows.get(path[:-Page.steplen])
        if parent is None:
            continue  # the root, or an orphan (reported by the structure check)
        expected = f"{parent[2]}{slug}/"
        if url_path != expected:
            page = Page.objects.get(pk=pk)
            problems.append(Problem(_page(page), _(
                "its url_path is %(stored)s but the tree says %(expected)s") % {
                "stored": url_path, "expected": expected}))
    return problems


def _site_roots() -> list[Problem]:
    problems = []
    existing = Page.objects.values("pk")
    for site in Site.objects.exclude(root_page_id__in=existing).order_by("hostname"):
        problems.append(Problem(_("Site %(host)s") % {"host": site.hostname}, _(
            "its root page %(id)d does not exist") % {"id": site.root_page_id}))
    return problems


def tree_check() -> Report:
    """Every problem found in the page tree, the collections and the Sites; no writes."""
    problems = _structure(Page, _page) + _missing_specific_records()
    problems += _structure(Collection, _collection)
    revision_problems, checked = _revisions()
    problems += revision_problems + _url_paths() + _site_roots()
    return Report(problems=problems, pages=Page.objects.count(), sites=Site.objects.count(),
                  revisions=checked)
