import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from balai.agenda.models import AgendaIndexPage, AgendaPage
from balai.berita.models import BeritaIndexPage, BeritaPage
from balai.dokumen.models import DokumenIndexPage, PublicDocument
from balai.home.models import KecamatanPage, KelurahanPage, PortalPage, RegionHomePage
from balai.layanan.models import LayananIndexPage, LayananPage
from balai.lembaga.models import LembagaIndexPage, LembagaOfficer, LembagaPage
from balai.profil.models import CityContact, KontakPage, OfficeHours, ProfilPage, StrukturPage
from balai.program.models import ProgramIndexPage, ProgramPage, SmartCityDimension
from balai.provisioning.models import RegionSite
from balai.rtrw.models import RtRwPage
from balai.wilayah.models import Region

from . import content
from .media import sample_image, sample_pdf

DEV_SUPERUSER = "admin"


def _untouched(page: Page) -> bool:
    """Whether no person has ever saved the page: only then may sample content go in."""
    return not page.revisions.filter(user__isnull=False).exists()


def _fill(page: Page, **values) -> bool:
    """Set the empty fields among ``values`` and publish, if no person saved the page."""
    if not _untouched(page):
        return False
    changed = {name: value for name, value in values.items() if not getattr(page, name)}
    if not changed:
        return False
    for name, value in changed.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return True


def _add_children(index: Page | None, pages: list[Page]) -> bool:
    """Add sample child pages to an index that has none and that no person saved."""
    if index is None or index.get_children().exists() or not _untouched(index):
        return False
    for page in pages:
        index.add_child(instance=page)
        page.save_revision().publish()
    return True


def _section(home: Page, model):
    return model.objects.child_of(home).first()


def _site_demo(home: RegionHomePage) -> list[str]:
    """Fill every section of one kecamatan or kelurahan site with sample content."""
    region, filled = home.region, []
    kelurahan = region.level == Region.Level.KELURAHAN
    complete = region.kode == content.COMPLETE_KODE
    collection = RegionSite.objects.get(region=region).collection
    name, today = region.name, timezone.localdate()

    def note(done: bool, what: str):
        if done:
            filled.append(f"{home.title} / {what}")

    if kelurahan:
        note(_fill(home, intro=content.kelurahan_intro(name=name, kecamatan=region.parent.name)),
             "Beranda")
    else:
        note(_fill(home, intro=content.kecamatan_intro(
            name=name, kelurahan_count=region.children.count())), "Beranda")
    profil = _section(home, ProfilPage)
    if profil:
        note(_fill(profil, intro=content.profil_intro(
            name=name, kecamatan=(region.parent.name if kelurahan else None),
            area_km2=region.area_km2, postal_code=region.postal_code),
            area_km2=region.area_km2.quantize(Decimal("0.01")) if region.area_km2 else None,
            **content.profil_fields(name=name),
            **(content.profil_borders() if complete else {})), "Profil")
    struktur = _section(home, StrukturPage)
    if struktur and _untouched(struktur) and not struktur.leader_name:
        people = iter(content.SAMPLE_NAMES)
        leader_name = f"{next(people)} (contoh)"
        leader_photo = sample_image(title=f"Pimpinan {home.title}", collection=collection,
                                    alt=f"Foto contoh pimpinan {home.title}", size=(480, 600))

        def person(position: str, number: int) -> dict:
            person_name = next(people)
            photo = sample_image(
                title=person_name, collection=collection, number=number,
                alt=f"Foto contoh {person_name}", size=(480, 600)) if complete else None
            return {"name": person_name, "position": position, "nip": "",
                    "photo": photo.pk if photo else None}

        units = [{"type": "unit", "value": {
            "name": unit, "head": person(position, number),
            "members": [person("Staf", number + 1)] if unit == "Sekretariat" else []}}
            for number, (unit, position) in enumerate(content.struktur_units(
                kelurahan=kelurahan))]
        note(_fill(struktur, leader_name=leader_name, leader_photo=leader_photo,
                   units=units), "Struktur")
    note(_add_children(_section(home, LembagaIndexPage), [
        LembagaPage(title=title, kind=kind, summary=summary, activities=activities,
                    description=f"<p>{summary}</p>",
                    officers=[LembagaOfficer(role=role, name=person) for role, person in
                              [("Ketua", "Nama Contoh K"), ("Sekretaris", "Nama Contoh L"),
                               ("Bendahara", "Nama Contoh M")]])
        for title, kind, summary, activities in content.LEMBAGA]), "Lembaga")
    rtrw = _section(home, RtRwPage)
    if rtrw:
        note(_fill(rtrw, rws=[{"type": "rw", "value": {
            "number": rw, "head": f"Ketua RW {rw:02d} (contoh)", "phone": "",
            "rts": [{"number": rt, "head": f"Ketua RT {rt:02d}/{rw:02d} (contoh)", "phone": ""}
                    for rt in range(1, 3 + rw)]}} for rw in range(1, 6)]), "RT/RW")
    berita = _section(home, BeritaIndexPage)
    if not kelurahan:
        topics = content.KECAMATAN_NEWS_TOPICS
    elif region.kode == content.KELURAHAN_KODES[0]:
        topics = content.NEWS_TOPICS
    else:
        topics = content.OTHER_KELURAHAN_NEWS_TOPICS
    news = []
    for number, (title, tags) in enumerate(topics):
        image = sample_image(title=title, alt=f"Foto contoh: {title.lower()}",
                             collection=collection, number=number) if number < 3 else None
        page = BeritaPage(
            title=f"{title} (contoh)", date=today - datetime.timedelta(days=number * 4),
            summary=f"(Contoh) {title} di {home.title}.", image=image,
            body=f"<p>(Contoh berita) {title} di {home.title}. Isi berita ditulis oleh "
                 "operator: siapa, apa, kapan, di mana.</p>")
        page.tags.add(*tags)
        news.append(page)
    note(_add_children(berita, news), "Berita")
    note(_add_children(_section(home, AgendaIndexPage), [
        AgendaPage(title=title, location=place,
                   start=timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))),
                   end=timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour + 2))),
                   summary=f"(Contoh) {title} untuk warga {home.title}.")
        for title, day, hour, place in content.events(today=today)]), "Agenda")
    dimensions = {d.code: d for d in SmartCityDimension.objects.all()}
    note(_add_children(_section(home, ProgramIndexPage), [
        ProgramPage(title=f"{title} (contoh)", status=status, summary=summary,
                    dimensions=[dimensions[code] for code in codes],
                    description=f"<p>{summary}</p>")
        for title, status, codes, summary in content.PROGRAMS]), "Program")
    dokumen = _section(home, DokumenIndexPage)
    if dokumen and _untouched(dokumen) and not dokumen.documents.exists():
        dokumen.documents = [
            PublicDocument(title=title, category=category, year=today.year,
                           document=sample_pdf(title=title, collection=collection))
            for title, category in content.DOCUMENTS]
        note(_fill(dokumen, intro=content.SAMPLE_NOTE), "Dokumen")
    kontak = _section(home, KontakPage)
    if kontak and _untouched(kontak) and not kontak.office_hours.exists():
        kontak.office_hours = [OfficeHours(weekday=day, opens=opens, closes=closes)
                               for day, opens, closes in content.OFFICE_HOURS]
        note(_fill(kontak, address=f"Alamat kantor {home.title} (contoh)",
                   phone=content.SAMPLE_PHONE if complete else "",
                   hours_note="Jam buka contoh; istirahat 12.00–13.00."), "Kontak")
    layanan = _section(home, LayananIndexPage)
    for slug, values in (content.SERVICE_NOTES.get(region.kode, {}) if layanan else {}).items():
        page = LayananPage.objects.child_of(layanan).filter(definition__slug=slug).first()
        if page is not None and _untouched(page):
            local = dict(values)
            page.offered = local.pop("offered", True)
            note(_fill(page, **local), f"Layanan / {page.title}")
    services = (LayananPage.objects.child_of(layanan).live().order_by(
        "-definition__popular", "definition__name") if layanan else LayananPage.objects.none())
    quick_links = [{"type": "link", "value": page.pk} for page in services[:5]]
    if quick_links:
        note(_fill(home, quick_links=quick_links), "Tautan cepat")
    return filled


@transaction.atomic
def demo_load() -> list[str]:
    """Fill sample content into the portal, one kecamatan and two kelurahan. Safe to re-run:
    nothing is added where a person has saved a page or where content already exists."""
    filled = []
    regions = Region.objects.filter(kode__startswith=settings.BALAI_KOTA_KODE)
    portal = PortalPage.objects.filter(region__kode=content.PORTAL_KODE).first()
    if portal and _fill(portal, intro=content.portal_intro(
        kecamatan_count=regions.filter(level=Region.Level.KECAMATAN).count(),
        kelurahan_count=regions.filter(level=Region.Level.KELURAHAN).count(),
    )):
        filled.append(portal.title)
    homes = [*KecamatanPage.objects.filter(region__kode=content.KECAMATAN_KODE),
             *KelurahanPage.objects.filter(region__kode__in=content.KELURAHAN_KODES)]
    for home in homes:
        filled += _site_demo(home)
    city = CityContact.load()
    samples = {}
    if not city.has_contact and not city.hours:
        samples.update(content.CITY_CONTACT)
    if not city.privacy_contact and not city.privacy_email:
        samples.update(content.CITY_PRIVACY_CONTACT)
    if samples:
        for name, value in samples.items():
            setattr(city, name, value)
        city.full_clean()
        city.save()
        filled.append(str(CityContact._meta.verbose_name))
    return filled


def dev_superuser_create() -> tuple[str, str] | None:
    """Create the development superuser with a random password, once.

    Refused outside settings that allow it (dev only). The password is also kept
    in the data dir so it can be looked up later. Returns (username, password),
    or None when a superuser exists already.
    """
    if not settings.BALAI_ALLOW_DEV_SUPERUSER:
        raise PermissionError("A development superuser is only created with dev settings.")
    user_model = get_user_model()
    if user_model.objects.filter(is_superuser=True).exists():
        return None
    password = secrets.token_urlsafe(12)
    user_model.objects.create_superuser(DEV_SUPERUSER, "admin@localhost", password)
    path = settings.DATA_DIR / "dev-admin-password.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{DEV_SUPERUSER} {password}\n")
    path.chmod(0o600)
    return DEV_SUPERUSER, password
