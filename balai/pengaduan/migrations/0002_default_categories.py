"""The categories every office's form starts with; the city office edits them afterwards
(Settings → Complaint categories)."""

from django.db import migrations

CATEGORIES = [
    ("Pelayanan di kantor", "Surat, perizinan, antrean, sikap petugas", True),
    ("Jalan, drainase dan penerangan", "Jalan rusak, saluran tersumbat, lampu jalan mati",
     False),
    ("Kebersihan dan lingkungan", "Sampah, banjir, pencemaran, pohon tumbang", False),
    ("Ketertiban dan keamanan", "Gangguan ketertiban, bangunan atau usaha liar", False),
    ("Bantuan sosial dan kesehatan", "Bansos, data penerima bantuan, posyandu", False),
    ("Lainnya", "Hal lain yang perlu diketahui kantor", False),
]


def create(apps, schema_editor):
    category = apps.get_model("pengaduan", "ComplaintCategory")
    for order, (name, description, about_service) in enumerate(CATEGORIES):
        category.objects.get_or_create(name=name, defaults={
            "description": description, "about_service": about_service, "order": order})


class Migration(migrations.Migration):
    dependencies = [("pengaduan", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
