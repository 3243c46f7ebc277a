"""Export one kelurahan's site alone: its pages (live content, the live revision and any
unpublished draft), the images and documents of its collection with their files and
renditions, and its Site's host name and title.

Everything outside the site is written by a key that means the same in every
installation: regions by kode, catalogue services by slug, Smart City dimensions by code,
tags by name, pages of other sites by URL path, content types by app and model. Groups,
permissions and the approval workflow are not exported: provisioning makes them for the
region in any installation, and people (users) are the city's, not the site's.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.db import models
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from balai.layanan.models import ServiceDefinition
from balai.provisioning.models import RegionSite
from balai.wilayah.models import Region

from .archive import ArchiveError, ArchiveWriter, PreciseJSONEncoder
from .installation import applied_migrations, balai_version
from .media import MEDIA_PREFIX, media_read
from .references import references_rewrite

KIND = "site"
DATA_MEMBER = "site.json"
# How a reference to something outside the site is written: the field that names it.
NATURAL_FIELDS = {
    "wagtailcore.page": "url_path",
    "wilayah.region": "kode",
    "layanan.servicedefinition": "slug",
    "program.smartcitydimension": "code",
    "taggit.tag": "name",
    "wagtailcore.locale": "language_code",
    "core.balaiimage": "file",
    "wagtaildocs.document": "file",
}
# References that are dropped: the owner and lock holder of a page are the installation's
# users, and revisions are made again on import.
DROPPED = {"auth.user", "wagtailcore.revision"}


def reference_label(model: type[models.Model]) -> str:
    """The label a reference is filed under: every page type counts as a page."""
    if issubclass(model, Page):
        return "wagtailcore.page"
    return model._meta.concrete_model._meta.label_lower


@dataclass
class _Collector:
    """Notes every id that exported content refers to."""

    seen: dict[str, set] = field(default_factory=dict)

    def __call__(self, model, pk):
        self.seen.setdefault(reference_label(model), set()).add(pk)
        return pk


def kelurahan_record(kode: str) -> RegionSite:
    record = (RegionSite.objects.select_related("region", "site", "home_page", "collection")
              .filter(region__kode=kode).first())
    if record is None or record.home_page is None:
        raise ArchiveError(_("There is no site for the region %(kode)s.") % {"kode": kode})
    if record.region.level != Region.Level.KELURAHAN:
        raise ArchiveError(_("Only a kelurahan site can be exported alone (%(kode)s is not a "
                             "kelurahan): a kecamatan's pages hold its kelurahan sites. Use "
                             "balai backup for the whole installation.") % {"kode": kode})
    return record


def _serialised(objects, **cleared) -> list[dict]:
    rows = serializers.serialize("python", objects)
    for row in rows:
        row["fields"].update(cleared)
    return json.loads(json.dumps(rows, cls=PreciseJSONEncoder))


def _pages(home: Page, collect: _Collector) -> list[dict]:
    entries = []
    pages = Page.objects.descendant_of(home, inclusive=True).order_by("path").specific()
    parents = dict(Page.objects.descendant_of(home, inclusive=True).values_list("path", "pk"))
    for page in pages:
        content = json.loads(json.dumps(page.serializable_data(), cls=PreciseJSONEncoder))
        draft = None
        if page.has_unpublished_changes and page.latest_revision_id:
            draft = page.latest_revision.content
        for data in (content, draft):
            if data is not None:
                references_rewrite(type(page), data, collect)
        entries.append({
            "id": page.pk, "model": page._meta.label_lower,
            "parent": None if page.pk == home.pk else parents[page.path[:-Page.steplen]],
            "content": content, "draft": draft,
            "live_revision": page.live_revision_id is not None,
        })
    return entries


def _natural_keys(collect: _Collector, exported: dict[str, set]) -> dict[str, dict]:
    """For each id referred to but not exported, the key that finds it elsewhere."""
    references: dict[str, dict] = {}
    for label, pks in collect.seen.items():
        if label in DROPPED:
            continue
        outside = pks - exported.get(label, set())
        if not outside:
            continue
        model = apps.get_model(label)
        name = NATURAL_FIELDS.get(label)
        found = {}
        for obj in model._base_manager.filter(pk__in=outside):
            key = getattr(obj, name) if name else list(obj.natural_key())
            found[str(obj.pk)] = str(key) if name == "file" else key
        references[label] = found
    return references


def site_export(*, kode: str, path: Path) -> dict:
    """Write one kelurahan's site into an archive at ``path``; returns the manifest."""
    record = kelurahan_record(kode)
    collect = _Collector()
    pages = _pages(record.home_page, collect)
    collections = Collection.objects.descendant_of(record.collection, inclusive=True)
    images = list(get_image_model().objects.filter(collection__in=collections).order_by("pk"))
    documents = list(get_document_model().objects.filter(collection__in=collections)
                     .order_by("pk"))
    renditions = get_image_model().get_rendition_model().objects.filter(
        image__in=images).order_by("pk")
    exported = {
        "wagtailcore.page": {entry["id"] for entry in pages},
        reference_label(get_image_model()): {image.pk for image in images},
        reference_label(get_document_model()): {document.pk for document in documents},
    }
    data = {
        "region": kode,
        "site": {"hostname": record.site.hostname, "port": record.site.port,
                 "site_name": record.site.site_name},
        "sections_created": record.sections_created,
        "services_created": list(ServiceDefinition.objects.filter(
            pk__in=record.services_created).order_by("pk").values_list("slug", flat=True)),
        "pages": pages,
        "images": _serialised(images, collection=None, uploaded_by_user=None),
        "renditions": _serialised(renditions),
        "documents": _serialised(documents, collection=None, uploaded_by_user=None),
        "references": _natural_keys(collect, exported),
    }
    writer = ArchiveWriter(path)
    writer.add(DATA_MEMBER, json.dumps(data, indent=1, cls=PreciseJSONEncoder).encode())
    files = [obj.file.name for obj in [*images, *documents, *renditions]]
    for name in sorted(set(files)):
        writer.add(MEDIA_PREFIX + name, media_read(name))
    return writer.close({
        "kind": KIND, "region": kode, "balai_version": balai_version(),
        "migrations": applied_migrations(),
        "counts": {"pages": len(pages), "images": len(images), "documents": len(documents),
                   "renditions": len(renditions), "media_files": len(set(files))},
    })
