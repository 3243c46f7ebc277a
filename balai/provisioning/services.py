"""Creating the site of a region: home page, standard sections, Site, group, collection.

Every function here only creates what is missing. Nothing that exists is
changed, so an operator's edits, and the city office's later changes to a
hostname, a group or a collection, survive any number of runs.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from balai.agenda.models import AgendaIndexPage
from balai.berita.models import BeritaIndexPage
from balai.core.models import SectionKey
from balai.dokumen.models import DokumenIndexPage
from balai.home.models import KecamatanPage, KelurahanPage, PortalPage, RegionHomePage
from balai.layanan.models import LayananIndexPage, LayananPage, ServiceDefinition
from balai.lembaga.models import LembagaIndexPage
from balai.profil.models import KontakPage, ProfilPage, StrukturPage
from balai.program.models import ProgramIndexPage
from balai.rtrw.models import RtRwPage
from balai.wilayah.models import Region

from .models import RegionSite

HOME_MODELS: dict[str, type[RegionHomePage]] = {
    Region.Level.KOTA: PortalPage,
    Region.Level.KECAMATAN: KecamatanPage,
    Region.Level.KELURAHAN: KelurahanPage,
}

# The pages every kecamatan and kelurahan site starts with: (model, title). The
# titles are content, stored in Indonesian; operators may rename them.
SECTIONS: dict[SectionKey, tuple[type[Page], str]] = {
    SectionKey.PROFIL: (ProfilPage, "Profil"),
    SectionKey.STRUKTUR: (StrukturPage, "Struktur Pegawai"),
    SectionKey.LEMBAGA: (LembagaIndexPage, "Lembaga Kemasyarakatan"),
    SectionKey.RTRW: (RtRwPage, "RT/RW"),
    SectionKey.LAYANAN: (LayananIndexPage, "Layanan"),
    SectionKey.PROGRAM: (ProgramIndexPage, "Program"),
    SectionKey.BERITA: (BeritaIndexPage, "Berita"),
    SectionKey.AGENDA: (AgendaIndexPage, "Agenda"),
    SectionKey.DOKUMEN: (DokumenIndexPage, "Dokumen"),
    SectionKey.KONTAK: (KontakPage, "Kontak"),
}

OPERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page",
                             "unlock_page"]
# Contributors draft; an operator of the same kelurahan approves and publishes.
CONTRIBUTOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
CONTRIBUTOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"), ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document"),
]
OPERATOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"), ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"), ("wagtaildocs", "choose_document"),
]
# The city office. Its editors draft changes to the service catalogue; publishing needs the
# approval of the catalogue approvers (a Wagtail workflow on the definition model).
CITY_ADMIN_GROUP = "Admin Kota"
CATALOGUE_APPROVER_GROUP = "Penyetuju Katalog Layanan"
CATALOGUE_WORKFLOW = "Persetujuan katalog layanan"
WAGTAIL_STOCK_GROUPS = ["Moderators", "Editors"]
CITY_ADMIN_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("auth", "add_user"), ("auth", "change_user"), ("auth", "delete_user"),
    ("wagtailcore", "add_site"), ("wagtailcore", "change_site"),
    ("wagtailcore", "add_workflow"), ("wagtailcore", "change_workflow"),
    ("wagtailcore", "add_task"), ("wagtailcore", "change_task"),
    ("wagtailredirects", "add_redirect"), ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
    ("wilayah", "change_region"),
    ("layanan", "add_servicedefinition"), ("layanan", "change_servicedefinition"),
    ("layanan", "lock_servicedefinition"), ("layanan", "unlock_servicedefinition"),
    ("layanan", "add_servicecategory"), ("layanan", "change_servicecategory"),
    ("layanan", "delete_servicecategory"),
]
CATALOGUE_APPROVER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("layanan", "change_servicedefinition"), ("layanan", "publish_servicedefinition"),
    ("layanan", "lock_servicedefinition"), ("layanan", "unlock_servicedefinition"),
]
HOSTNAME_PREFIX = {Region.Level.KECAMATAN: "kec", Region.Level.KELURAHAN: "kel"}


@dataclass
class ProvisionReport:
    created: list[str] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)
    # Regions already handled in this run (region pk -> record), so that a
    # parent provisioned on behalf of its children is reported once.
    done: dict[int, RegionSite] = field(default_factory=dict)

    def made(self, what: str) -> None:
        self.created.append(what)

    def kept(self, what: str) -> None:
        self.left_alone.append(what)


def site_hostname(*, region: Region) -> str:
    """The default host name of a region's site: the base domain, kec-<slug>. or kel-<slug>."""
    base = settings.BALAI_BASE_DOMAIN
    if region.level == Region.Level.KOTA:
        return base
    return f"{HOSTNAME_PREFIX[region.level]}-{region.slug}.{base}"


def _free_hostname(*, region: Region) -> str:
    """``site_hostname``, or with the parent's slug added when another site already has it."""
    hostname = site_hostname(region=region)
    if Site.objects.filter(hostname=hostname).exists() and region.parent:
        hostname = hostname.replace(f"-{region.slug}.", f"-{region.slug}-{region.parent.slug}.", 1)
    return hostname


def _free_slug(*, parent: Page, slug: str, kode: str) -> str:
    if not parent.get_children().filter(slug=slug).exists():
        return slug
    return f"{slug}-{kode.replace('.', '')}"


def _add_published_child(*, parent: Page, page: Page) -> Page:
    """Add a live page. No revision is made: the first edit by an operator makes the first
    one, so page history starts with a person's change. The audit log records the creation."""
    page.live = True
    page.first_published_at = page.last_published_at = timezone.now()
    parent.add_child(instance=page)
    log(instance=page, action="wagtail.create")
    return page


def _home_page(*, region: Region, record: RegionSite, report: ProvisionReport) -> RegionHomePage:
    model = HOME_MODELS[region.level]
    home = model.objects.filter(region=region).first()
    if home is not None:
        report.kept(f"{region.kode} home page '{home.title}'")
    else:
        if region.level == Region.Level.KOTA:
            parent = Page.get_first_root_node()
        else:
            parent = site_provision(region=region.parent, report=report).home_page.specific
        home = model(title=region.full_name, slug=_free_slug(
            parent=parent, slug=region.slug, kode=region.kode), region=region)
        _add_published_child(parent=parent, page=home)
        report.made(f"{region.kode} home page '{home.title}' at {home.url_path}")
    if record.home_page_id != home.pk:
        record.home_page = home
        record.save(update_fields=["home_page"])
    return home


def _replace_stock_default_site(*, portal: PortalPage, report: ProvisionReport) -> Site | None:
    """Point Wagtail's initial default Site at the portal and remove its welcome page."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or site.root_page.specific_class is not Page:
        return None
    welcome = site.root_page
    site.root_page = portal
    site.hostname = settings.BALAI_BASE_DOMAIN
    site.port = settings.BALAI_PORT
    site.site_name = portal.title
    site.full_clean()
    site.save()
    if welcome.is_leaf():
        welcome.delete()
    report.made(f"{portal.region.kode} replaced Wagtail's welcome page with the portal")
    return site


def _site(*, region: Region, home: RegionHomePage, record: RegionSite,
          report: ProvisionReport) -> Site:
    site = record.site or Site.objects.filter(root_page=home).first()
    if site is not None:
        report.kept(f"{region.kode} site {site.hostname}:{site.port}")
    else:
        if region.level == Region.Level.KOTA:
            site = _replace_stock_default_site(portal=home, report=report)
        if site is None:
            site = Site(
                hostname=_free_hostname(region=region),
                port=settings.BALAI_PORT,
                root_page=home,
                site_name=home.title,
                is_default_site=(region.level == Region.Level.KOTA
                                 and not Site.objects.filter(is_default_site=True).exists()),
            )
            site.full_clean()
            site.save()
            report.made(f"{region.kode} site {site.root_url}")
    if record.site_id != site.pk:
        record.site = site
        record.save(update_fields=["site"])
    return site


def _collection(*, region: Region, record: RegionSite, report: ProvisionReport) -> Collection:
    if record.collection_id:
        report.kept(f"{region.kode} collection '{record.collection.name}'")
        return record.collection
    if region.level == Region.Level.KOTA:
        parent = Collection.get_first_root_node()
    else:
        # Every region's collection sits directly under the city's, so that a
        # permission on a kecamatan collection does not reach its kelurahan.
        kota = Region.objects.get(kode=settings.BALAI_KOTA_KODE)
        parent = site_provision(region=kota, report=report).collection
    collection = parent.add_child(name=f"{region.full_name} ({region.kode})")
    record.collection = collection
    record.save(update_fields=["collection"])
    report.made(f"{region.kode} collection '{collection.name}'")
    return collection


def _operator_group(*, region: Region, record: RegionSite, home: Page, collection: Collection,
                    report: ProvisionReport) -> Group:
    if record.operator_group_id:
        report.kept(f"{region.kode} group '{record.operator_group.name}'")
        return record.operator_group
    group, _created = Group.objects.get_or_create(
        name=f"Operator {region.full_name} ({region.kode})"
    )
    group.permissions.add(Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"))
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=OPERATOR_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
    for app_label, codename in OPERATOR_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection,
            permission=Permission.objects.get(content_type__app_label=app_label,
                                              codename=codename),
        )
    record.operator_group = group
    record.save(update_fields=["operator_group"])
    report.made(f"{region.kode} group '{group.name}'")
    return group


def _contributors(*, region: Region, record: RegionSite, home: Page, collection: Collection,
                  operators: Group, report: ProvisionReport) -> None:
    """The kelurahan's contributor group and the workflow by which its operators approve what
    contributors submit."""
    if record.contributor_group_id:
        report.kept(f"{region.kode} group '{record.contributor_group.name}'")
    else:
        group, _created = Group.objects.get_or_create(
            name=f"Kontributor {region.full_name} ({region.kode})")
        group.permissions.add(*_permissions([("wagtailadmin", "access_admin")]))
        for permission in Permission.objects.filter(
                content_type__app_label="wagtailcore", codename__in=CONTRIBUTOR_PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(group=group, page=home,
                                                      permission=permission)
        for permission in _permissions(CONTRIBUTOR_COLLECTION_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission)
        record.contributor_group = group
        record.save(update_fields=["contributor_group"])
        report.made(f"{region.kode} group '{group.name}'")
    if record.approval_workflow_id:
        report.kept(f"{region.kode} workflow '{record.approval_workflow.name}'")
        return
    workflow = Workflow.objects.create(name=f"Persetujuan {region.full_name} ({region.kode})")
    task = GroupApprovalTask.objects.create(name=f"Persetujuan operator {region.full_name}")
    task.groups.set([operators])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=home)
    record.approval_workflow = workflow
    record.save(update_fields=["approval_workflow"])
    report.made(f"{region.kode} workflow '{workflow.name}'")


def _permissions(pairs: list[tuple[str, str]]) -> list[Permission]:
    return [Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in pairs]


def _group_with(*, name: str, permissions, report: ProvisionReport) -> Group:
    """The named group, made with its permissions if missing; an existing one is kept as the
    city office has set it."""
    group, created = Group.objects.get_or_create(name=name)
    if created:
        group.permissions.add(*_permissions(permissions))
        report.made(f"group '{name}'")
    else:
        report.kept(f"group '{name}'")
    return group


def city_groups_provision(*, portal: Page, collection: Collection,
                          report: ProvisionReport) -> None:
    """The city office's groups and the approval workflow of the service catalogue. The
    city office may do everything on every page and in every collection."""
    # Wagtail's migrations make two groups with permissions on the whole page tree; roles
    # here replace them. Removed only while nobody is a member.
    for stock in Group.objects.filter(name__in=WAGTAIL_STOCK_GROUPS, user=None):
        stock.delete()
        report.made(f"removed Wagtail's unused stock group '{stock.name}'")
    group, created = Group.objects.get_or_create(name=CITY_ADMIN_GROUP)
    if created:
        group.permissions.add(*_permissions(CITY_ADMIN_PERMISSIONS))
        for permission in Permission.objects.filter(
                content_type__app_label="wagtailcore",
                codename__in=[*OPERATOR_PAGE_PERMISSIONS, "bulk_delete_page"]):
            GroupPagePermission.objects.create(group=group, page=portal, permission=permission)
        collection_root = collection.get_parent() if not collection.is_root() else collection
        for app_label, codename in [*OPERATOR_COLLECTION_PERMISSIONS,
                                    ("wagtailcore", "add_collection"),
                                    ("wagtailcore", "change_collection")]:
            GroupCollectionPermission.objects.create(
                group=group, collection=collection_root, permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename))
        report.made(f"group '{CITY_ADMIN_GROUP}'")
    else:
        report.kept(f"group '{CITY_ADMIN_GROUP}'")
    approvers = _group_with(name=CATALOGUE_APPROVER_GROUP,
                            permissions=CATALOGUE_APPROVER_PERMISSIONS, report=report)
    content_type = ContentType.objects.get_for_model(ServiceDefinition)
    if WorkflowContentType.objects.filter(content_type=content_type).exists():
        report.kept("workflow of the service catalogue")
        return
    workflow = Workflow.objects.create(name=CATALOGUE_WORKFLOW)
    task = GroupApprovalTask.objects.create(name=f"Persetujuan {CATALOGUE_APPROVER_GROUP}")
    task.groups.set([approvers])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(workflow=workflow, content_type=content_type)
    report.made(f"workflow '{CATALOGUE_WORKFLOW}' on the service catalogue")


def _sections(*, region: Region, home: RegionHomePage, record: RegionSite,
              report: ProvisionReport) -> None:
    existing = {getattr(child.specific_class, "section_key", None)
                for child in home.get_children()}
    created = list(record.sections_created)
    for key in home.sections:
        model, title = SECTIONS[key]
        if key in existing:
            report.kept(f"{region.kode} section '{key}'")
        elif key in created:
            report.kept(f"{region.kode} section '{key}' (deleted by an editor, not recreated)")
        else:
            page = _add_published_child(parent=home, page=model(
                title=title, slug=_free_slug(parent=home, slug=key.value, kode=region.kode)))
            report.made(f"{region.kode} section '{key}' at {page.url_path}")
        if key not in created:
            created.append(key)
    if created != record.sections_created:
        record.sections_created = created
        record.save(update_fields=["sections_created"])


def service_pages_provision(*, record: RegionSite, report: ProvisionReport,
                            definitions=None) -> None:
    """Give a site a page for every live city service its office gives (or for the given
    definitions only). A page an operator deleted is not brought back; to stop offering a
    service an operator unticks 'offered' instead."""
    region, home = record.region, record.home_page
    index = LayananIndexPage.objects.child_of(home).first() if home else None
    if index is None:
        return
    if definitions is None:
        definitions = ServiceDefinition.objects.filter(live=True).order_by("pk")
    existing = set(LayananPage.objects.child_of(index).values_list("definition_id", flat=True))
    created = list(record.services_created)
    for definition in definitions:
        if not definition.live or not definition.offered_at(region.level):
            continue
        if definition.pk in existing:
            report.kept(f"{region.kode} service '{definition.slug}'")
        elif definition.pk in created:
            report.kept(f"{region.kode} service '{definition.slug}' (deleted by an editor, "
                        "not recreated)")
        else:
            page = _add_published_child(parent=index, page=LayananPage(
                title=definition.name, definition=definition,
                slug=_free_slug(parent=index, slug=definition.slug, kode=region.kode)))
            report.made(f"{region.kode} service page at {page.url_path}")
        if definition.pk not in created:
            created.append(definition.pk)
    if created != record.services_created:
        record.services_created = created
        record.save(update_fields=["services_created"])


@transaction.atomic
def site_provision(*, region: Region, report: ProvisionReport | None = None) -> RegionSite:
    """Make sure the region has its site, creating only what is missing.

    The region's parents are provisioned first, so a kelurahan always sits
    under its kecamatan's home page, which sits under the city portal.
    """
    report = report if report is not None else ProvisionReport()
    if region.pk in report.done:
        return report.done[region.pk]
    record, _created = RegionSite.objects.select_related(
        "site", "collection", "operator_group", "contributor_group", "approval_workflow",
    ).get_or_create(region=region)
    home = _home_page(region=region, record=record, report=report)
    _site(region=region, home=home, record=record, report=report)
    collection = _collection(region=region, record=record, report=report)
    if region.level == Region.Level.KOTA:
        city_groups_provision(portal=home, collection=collection, report=report)
    else:
        operators = _operator_group(region=region, record=record, home=home,
                                    collection=collection, report=report)
        if region.level == Region.Level.KELURAHAN:
            _contributors(region=region, record=record, home=home, collection=collection,
                          operators=operators, report=report)
        _sections(region=region, home=home, record=record, report=report)
        service_pages_provision(record=record, report=report)
    report.done[region.pk] = record
    return record


def sites_provision_all(*, report: ProvisionReport | None = None) -> ProvisionReport:
    """Provision the city portal and every kecamatan and kelurahan site, parents first."""
    report = report if report is not None else ProvisionReport()
    regions = Region.objects.filter(kode__startswith=settings.BALAI_KOTA_KODE).select_related(
        "parent").order_by("kode")
    for region in sorted(regions, key=lambda region: (len(region.kode), region.kode)):
        site_provision(region=region, report=report)
    return report
