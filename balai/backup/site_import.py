"""Import one kelurahan's site from ``balai export-site``: into a fresh installation (with
regions and catalogue loaded) or over the same site to recover it. Nothing of any other
site is changed.

The region's site is first provisioned if missing (home page, Site, collection, groups,
workflow: made the way provisioning always makes them). Then its pages below the home
page, and the images and documents of its collection, are replaced by the archive's; the
home page keeps its id, so the Site, the groups' permissions and the workflow stay
attached to it. Pages, images and documents keep their ids where those are free (so links
from other sites and document addresses stay the same); every reference is rewritten to
the ids they get.
"""

import json
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.documents import signal_handlers as document_signals
from wagtail.images import get_image_model
from wagtail.images import signal_handlers as image_signals
from wagtail.models import Collection, Page, Site

from balai.layanan.models import ServiceDefinition
from balai.provisioning.services import site_provision
from balai.wilayah.models import Region

from .archive import ArchiveError, archive_members, archive_verify
from .installation import applied_migrations, sequences_reset
from .media import MEDIA_PREFIX, media_write
from .references import references_rewrite
from .site_export import DATA_MEMBER, DROPPED, KIND, NATURAL_FIELDS, reference_label

# Fields of an existing page row that an imported version must not change.
PAGE_IDENTITY = ["id", "path", "depth", "numchild", "url_path", "translation_key", "locale_id",
                 "content_type_id", "latest_revision_id", "live_revision_id", "locked",
                 "locked_at", "locked_by_id", "owner_id", "alias_of_id"]


class _Resolver:
    """Maps the archive's ids to this installation's: first what the import made, then
    what the archive names by a natural key."""

    def __init__(self, references: dict[str, dict]):
        self.references = references
        self.made: dict[str, dict[str, object]] = {}

    def add(self, label: str, old, new) -> None:
        self.made.setdefault(label, {})[str(old)] = new

    def __call__(self, model, old):
        label = reference_label(model)
        if label in DROPPED:
            return None
        if str(old) in self.made.get(label, {}):
            return self.made[label][str(old)]
        key = self.references.get(label, {}).get(str(old))
        if key is None:
            return None
        model = apps.get_model(label)
        if label == "taggit.tag":  # tags are free words: made when missing
            found, _created = model.objects.get_or_create(name=key)
        elif label in NATURAL_FIELDS:
            found = model._base_manager.filter(**{NATURAL_FIELDS[label]: key}).first()
        else:
            found = model._default_manager.get_by_natural_key(*key)
        self.add(label, old, found.pk if found else None)
        return found.pk if found else None


def _child_pks_cleared(model: type[models.Model], data: dict) -> dict:
    """Inline objects (officers, office hours, …) are always made anew: an archive's ids
    may belong to another site's rows here."""
    for relation in get_all_child_relations(model):
        for child in data.get(relation.get_accessor_name()) or []:
            child["pk"] = child["id"] = None
            # The archive's parent id: it may name nothing here, which would drop the row.
            child.pop(relation.field.name, None)
            _child_pks_cleared(relation.related_model, child)
    return data


@contextmanager
def _file_cleanup_paused():
    """Wagtail deletes a deleted image's file once the transaction commits; the import puts
    a file back under the same name, which must survive."""
    image_model = get_image_model()
    handlers = [(image_signals.post_delete_file_cleanup, image_model),
                (image_signals.post_delete_file_cleanup, image_model.get_rendition_model()),
                (document_signals.post_delete_file_cleanup, get_document_model())]
    for handler, sender in handlers:
        post_delete.disconnect(handler, sender=sender)
    try:
        yield
    finally:
        for handler, sender in handlers:
            post_delete.connect(handler, sender=sender)


def _site_clear(*, home: Page, collection: Collection) -> set[str]:
    """Delete the pages below the home page and the collection's images and documents;
    returns the names of their files."""
    for child in Page.objects.get(pk=home.pk).get_children():
        child.delete()
    collections = Collection.objects.descendant_of(collection, inclusive=True)
    images = get_image_model().objects.filter(collection__in=collections)
    renditions = get_image_model().get_rendition_model().objects.filter(image__in=images)
    documents = get_document_model().objects.filter(collection__in=collections)
    names = {obj.file.name for queryset in (renditions, images, documents) for obj in queryset}
    for queryset in (renditions, images, documents):
        queryset.delete()
    return names


def _rows_create(rows: list[dict], *, resolver: _Resolver, keep_pk: bool, **fields) -> None:
    for row in rows:
        model = apps.get_model(row["model"])
        free = keep_pk and not model._base_manager.filter(pk=row["pk"]).exists()
        values = {**row["fields"], **fields}
        if "image" in values:
            values["image"] = resolver(get_image_model(), values["image"])
        obj = next(serializers.deserialize("python", [
            {"model": row["model"], "pk": row["pk"] if free else None, "fields": values}])).object
        obj.save()
        if free:
            # Before the next row, which may take its id from the sequence.
            sequences_reset([model])
        resolver.add(reference_label(model), row["pk"], obj.pk)


def _page_over(pk: int, model: type[Page], content: dict) -> Page:
    """The page built from ``content``, standing in the tree where page ``pk`` stands."""
    current = Page.objects.get(pk=pk)
    page = model.from_serializable_data(content, check_fks=True, strict_fks=False)
    for name in PAGE_IDENTITY:
        setattr(page, name, getattr(current, name))
    for link in model._meta.parents.values():
        setattr(page, link.attname, pk)
    page._state.adding = False
    return page


def _page_overwrite(pk: int, model: type[Page], content: dict) -> Page:
    page = _page_over(pk, model, content)
    page.save(clean=False)
    return page


def _page_create(parent_pk: int, model: type[Page], content: dict, *, old_pk: int) -> Page:
    """Add the page as the parent's last child, under its archive id when that is free, so
    that links to it from other sites keep working after a recovery. Placed in the tree
    here rather than by ``add_child``, which cannot take a chosen id; the second pass saves
    it through ``Page.save`` with its inline rows."""
    parent = Page.objects.get(pk=parent_pk)
    page = model.from_serializable_data(content, check_fks=True, strict_fks=False)
    for name in PAGE_IDENTITY:
        setattr(page, name, None)
    pk = None if Page.objects.filter(pk=old_pk).exists() else old_pk
    page.id = pk
    for link in model._meta.parents.values():
        setattr(page, link.attname, pk)
    last = parent.get_last_child()
    page.depth = parent.depth + 1
    page.path = last._inc_path() if last else Page._get_path(parent.path, page.depth, 1)
    page.set_url_path(parent)
    page.locked, page.numchild, page.translation_key = False, 0, uuid.uuid4()
    page.content_type = ContentType.objects.get_for_model(model)
    page.locale_id = parent.locale_id
    models.Model.save_base(page, force_insert=True)
    if pk is not None:
        sequences_reset([Page])  # before the next page, which may take its id from it
    Page.objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + 1)
    return page


def _pages_import(entries: list[dict], *, home: Page, resolver: _Resolver) -> None:
    """Two passes: pages first (links to pages not yet made are left out), then every page
    again with all its links, then the live revision and any draft."""
    models_by_entry = [apps.get_model(entry["model"]) for entry in entries]
    for entry, model in zip(entries, models_by_entry, strict=True):
        content = _child_pks_cleared(model, references_rewrite(
            model, json.loads(json.dumps(entry["content"])), resolver))
        if entry["parent"] is None:
            page = _page_overwrite(home.pk, model, content)
        else:
            page = _page_create(resolver.made["wagtailcore.page"][str(entry["parent"])],
                                model, content, old_pk=entry["id"])
        resolver.add("wagtailcore.page", entry["id"], page.pk)
    for entry, model in zip(entries, models_by_entry, strict=True):
        pk = resolver.made["wagtailcore.page"][str(entry["id"])]
        content = _child_pks_cleared(model, references_rewrite(model, entry["content"], resolver))
        page = _page_overwrite(pk, model, content)
        if entry["live_revision"]:
            unpublished = page.has_unpublished_changes
            revision = page.save_revision(clean=False)
            Page.objects.filter(pk=pk).update(live_revision=revision,
                                              has_unpublished_changes=unpublished)
        if entry["draft"]:
            draft = _child_pks_cleared(model, references_rewrite(model, entry["draft"], resolver))
            _page_over(pk, model, draft).save_revision(clean=False)


def _redirects_restore(redirects: list[dict], *, resolver: _Resolver) -> None:
    """The city's redirects to pages of the site went with the old pages; point them at
    the imported ones (gone only if the archive lacks the page)."""
    for values in redirects:
        page = resolver.made["wagtailcore.page"].get(str(values["redirect_page_id"]))
        if page is not None:
            Redirect.objects.create(**{**values, "redirect_page_id": page})


def _site_update(*, site: Site, values: dict) -> None:
    taken = Site.objects.filter(hostname=values["hostname"], port=values["port"]).exclude(
        pk=site.pk).exists()
    if not taken:
        site.hostname, site.port = values["hostname"], values["port"]
    site.site_name = values["site_name"]
    site.save()


def site_import(*, path: Path) -> dict:
    """Replace (or make) one kelurahan's site from an archive; returns its manifest."""
    manifest = archive_verify(path, kind=KIND)
    data = json.loads(next(body for name, body in archive_members(path) if name == DATA_MEMBER))
    region = Region.objects.filter(kode=data["region"]).first()
    if region is None:
        raise ArchiveError(_("The region %(kode)s is not loaded here: run balai load-wilayah "
                             "first.") % {"kode": data["region"]})
    if set(manifest["migrations"]) != set(applied_migrations()):
        raise ArchiveError(_("The archive was made by another version of Balai (%(version)s); "
                             "import it with that version.")
                           % {"version": manifest.get("balai_version", "?")})
    wanted = set(data["references"].get("layanan.servicedefinition", {}).values())
    missing = wanted - set(ServiceDefinition.objects.filter(slug__in=wanted).values_list(
        "slug", flat=True))
    if missing:
        raise ArchiveError(_("The site uses services that are not in this installation's "
                             "catalogue: %(slugs)s. Load or create them first (balai "
                             "load-layanan).") % {"slugs": ", ".join(sorted(missing))})
    resolver = _Resolver(data["references"])
    with transaction.atomic(), _file_cleanup_paused():
        record = site_provision(region=region)
        redirects = list(Redirect.objects.filter(
            redirect_page__in=Page.objects.descendant_of(record.home_page)).values())
        old_files = _site_clear(home=record.home_page, collection=record.collection)
        _rows_create(data["images"], resolver=resolver, keep_pk=True,
                     collection=record.collection.pk)
        _rows_create(data["documents"], resolver=resolver, keep_pk=True,
                     collection=record.collection.pk)
        _rows_create(data["renditions"], resolver=resolver, keep_pk=False)
        _pages_import(data["pages"], home=record.home_page, resolver=resolver)
        _redirects_restore(redirects, resolver=resolver)
        _site_update(site=record.site, values=data["site"])
        record.sections_created = data["sections_created"]
        record.services_created = list(ServiceDefinition.objects.filter(
            slug__in=data["services_created"]).order_by("pk").values_list("pk", flat=True))
        record.save(update_fields=["sections_created", "services_created"])
        new_files = set()
        for name, body in archive_members(path):
            if name.startswith(MEDIA_PREFIX):
                media_write(name.removeprefix(MEDIA_PREFIX), body)
                new_files.add(name.removeprefix(MEDIA_PREFIX))
        stale = old_files - new_files
        transaction.on_commit(lambda: [default_storage.delete(name) for name in stale])
    return manifest
