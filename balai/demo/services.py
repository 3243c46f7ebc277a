import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page

from balai.home.models import KecamatanPage, KelurahanPage, PortalPage
from balai.profil.models import ProfilPage
from balai.wilayah.models import Region

from . import content

DEV_SUPERUSER = "admin"


def _fill_if_untouched(page: Page, **values) -> bool:
    """Set empty fields and publish, unless a person has ever saved this page.

    Returns whether the page changed.
    """
    if page.revisions.filter(user__isnull=False).exists():
        return False
    changed = {name: value for name, value in values.items() if not getattr(page, name)}
    if not changed:
        return False
    for name, value in changed.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return True


@transaction.atomic
def demo_load() -> list[str]:
    """Fill sample text into the portal, one kecamatan and two kelurahan. Safe to re-run."""
    filled = []
    regions = Region.objects.filter(kode__startswith=settings.BALAI_KOTA_KODE)
    portal = PortalPage.objects.filter(region__kode=content.PORTAL_KODE).first()
    if portal and _fill_if_untouched(portal, intro=content.portal_intro(
        kecamatan_count=regions.filter(level=Region.Level.KECAMATAN).count(),
        kelurahan_count=regions.filter(level=Region.Level.KELURAHAN).count(),
    )):
        filled.append(portal.title)
    kecamatan = KecamatanPage.objects.filter(region__kode=content.KECAMATAN_KODE).first()
    if kecamatan and _fill_if_untouched(kecamatan, intro=content.kecamatan_intro(
        name=kecamatan.region.name, kelurahan_count=kecamatan.region.children.count(),
    )):
        filled.append(kecamatan.title)
    for home in KelurahanPage.objects.filter(region__kode__in=content.KELURAHAN_KODES
                                             ).select_related("region__parent"):
        region = home.region
        if _fill_if_untouched(home, intro=content.kelurahan_intro(
                name=region.name, kecamatan=region.parent.name)):
            filled.append(home.title)
        profil = ProfilPage.objects.child_of(home).first()
        if profil and _fill_if_untouched(profil, intro=content.profil_intro(
            name=region.name, kecamatan=region.parent.name, area_km2=region.area_km2,
            postal_code=region.postal_code,
        )):
            filled.append(f"{home.title} / {profil.title}")
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
