"""Creating the site of a region: home page, standard sections, Site, collection (and, in
roles.py, its groups).

Every function here only creates what is missing. Nothing that exists is
changed, so an operator's edits, and the city office's later changes to a
hostname, a group or a collection, survive any number of runs.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Collection, Page, Site

from balai.agenda.models import AgendaIndexPage
from balai.berita.models import BeritaIndexPage
from balai.core.sections import SectionKey
from balai.dokumen.models import DokumenIndexPage
from balai.home.models import KecamatanPage, KelurahanPage, PortalPage, RegionHomePage
from balai.layanan.models import LayananIndexPage, LayananPage, ServiceDefinition
from balai.lembaga.models import LembagaIndexPage
from balai.profil.models import KontakPage, ProfilPage, StrukturPage
from balai.program.models import ProgramIndexPage
from balai.rtrw.models import RtRwPage
from balai.wilayah.models import Region

from .models import RegionSite
from .report import ProvisionReport
from .roles import city_groups_provision, contributors_provision, operator_group_provision

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

HOSTNAME_PREFIX = {Region.Level.KECAMATAN: "kec", Region.Level.KELURAHAN: "kel"}


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
        operators = operator_group_provision(region=region, record=record, home=home,
                                             collection=collection, report=report)
        if region.level == Region.Level.KELURAHAN:
            contributors_provision(region=region, record=record, home=home,
                                   collection=collection, operators=operators, report=report)
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


@transaction.atomic
def definition_published(*, definition: ServiceDefinition) -> int:
    """After the city publishes a definition: rename the pages that show it and give every
    office that provides it a page, if it has none yet. Returns the number of pages made."""
    LayananPage.objects.filter(definition=definition).exclude(title=definition.name).update(
        title=definition.name, draft_title=definition.name)
    report = ProvisionReport()
    records = (RegionSite.objects.filter(home_page__isnull=False)
               .select_related("region", "home_page"))
    for record in records:
        if definition.offered_at(record.region.level):
            service_pages_provision(record=record, report=report, definitions=[definition])
    return len(report.created)
