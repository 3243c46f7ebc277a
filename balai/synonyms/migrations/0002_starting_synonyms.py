from django.apps import apps as installed_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

# The starting list, so that a fresh installation searches with it; the city office keeps it
# in the admin ("Sinonim pencarian") from then on. Each line is one group.
STARTING_GROUPS = [
    "KTP, e-KTP, KTP-el, KTP elektronik, kartu tanda penduduk",
    "SKTM, surat miskin, keterangan tidak mampu, surat tidak mampu",
    "akta, akte",
    "nikah, kawin, menikah, perkawinan, pernikahan",
    "domisili, keterangan tinggal, tempat tinggal, keterangan domisili, SKD",
    "KK, kartu keluarga",
    "SKCK, catatan kepolisian, kelakuan baik",
    "SKU, keterangan usaha, surat usaha",
    "meninggal, kematian, wafat, meninggal dunia",
    "lahir, kelahiran",
    "waris, ahli waris, warisan",
    "pengaduan, keluhan, aduan, komplain",
    "telepon, telpon, nomor telepon, no hp, nomor hp, hp, whatsapp, wa",
    "jam buka, jam kerja, jam kantor, jam pelayanan, jadwal buka",
    "RT, rukun tetangga",
    "RW, rukun warga",
]
# The city office's group (balai.provisioning.roles.CITY_ADMIN_GROUP). Provisioning gives a
# new group these permissions; an installation whose group exists already gets them here.
CITY_ADMIN_GROUP = "Admin Kota"
CODENAMES = ["add_synonymgroup", "change_synonymgroup", "delete_synonymgroup"]


def add_starting_list(apps, schema_editor):
    SynonymGroup = apps.get_model("synonyms", "SynonymGroup")
    if not SynonymGroup.objects.exists():
        SynonymGroup.objects.bulk_create([SynonymGroup(words=words)
                                          for words in STARTING_GROUPS])
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=CITY_ADMIN_GROUP).first()
    if group is not None:
        # Permissions are made after all migrations; the group needs them now. (The
        # historical app config has no models module, so create_permissions needs the real.)
        create_permissions(installed_apps.get_app_config("synonyms"), apps=apps, verbosity=0)
        group.permissions.add(*Permission.objects.filter(
            content_type__app_label="synonyms", codename__in=CODENAMES))


def remove_starting_list(apps, schema_editor):
    apps.get_model("synonyms", "SynonymGroup").objects.filter(
        words__in=STARTING_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [("synonyms", "0001_synonym_group"),
                    ("auth", "0012_alter_user_first_name_max_length"),
                    ("contenttypes", "0002_remove_content_type_name")]

    operations = [migrations.RunPython(add_starting_list, remove_starting_list)]
