"""Sample content for a demonstration installation, in Indonesian, marked as contoh.

Facts stated as facts come from the shipped region data (names, codes, counts,
approximate area). Everything else (people, numbers, events) is an example,
labelled "contoh" where a resident sees it, for the office to replace.
"""

import datetime

SAMPLE_NOTE = (
    "<p><b>Contoh isi.</b> Teks ini adalah contoh dari Balai untuk demonstrasi "
    "dan akan diganti oleh operator.</p>"
)
SAMPLE_SOURCE = "Angka contoh untuk demonstrasi, bukan data resmi"

# Regions that get sample content: the city, one kecamatan, two of its kelurahan.
PORTAL_KODE = "36.72"
KECAMATAN_KODE = "36.72.08"  # Citangkil
KELURAHAN_KODES = ["36.72.08.1007", "36.72.08.1005"]  # Citangkil, Kebonsari
# The demo site whose sample content covers every item of the completeness checklist, so a
# newcomer sees what a complete site looks like; the others stay partial, so that the
# checklist has something to show.
COMPLETE_KODE = "36.72.08.1007"  # Kelurahan Citangkil
# A phone number nobody can dial: a subscriber number in area 0254 never starts with 0.
SAMPLE_PHONE = "0254 000000"


# The city's public-service contacts (Pengaturan → Kontak layanan publik kota), every value
# marked as a sample: the city office replaces them with its real service's.
CITY_CONTACT = {
    "name": "Pemerintah Kota Cilegon — Layanan Informasi (contoh)",
    "address": "Alamat kantor layanan Pemerintah Kota Cilegon (contoh)",
    "phone": SAMPLE_PHONE,
    "hours": "Senin–Jumat 08.00–16.00 (contoh)",
    "office_hours_default": "Senin–Jumat 08.00–16.00 (contoh)",
}
# Who answers residents' questions about their personal data (UU 27/2022), named in the
# consent paragraph of every online request form; set apart from the contacts above so that
# an installation whose contacts were filled before gets it too. An address nobody can write
# to (.invalid, RFC 2606), marked as a sample like the rest.
CITY_PRIVACY_CONTACT = {
    "privacy_contact": "Pejabat Pelindungan Data Pribadi, Diskominfo Kota Cilegon (contoh)",
    "privacy_email": "pdp@cilegon.contoh.invalid",
}


def portal_intro(*, kecamatan_count: int, kelurahan_count: int) -> str:
    return SAMPLE_NOTE + (
        f"<p>Kota Cilegon terdiri atas {kecamatan_count} kecamatan dan "
        f"{kelurahan_count} kelurahan. Setiap kantor kecamatan dan kelurahan punya situs "
        "resmi di sini: pilih wilayah Anda untuk melihat layanan, syarat surat, dan kontak "
        "kantornya.</p>"
    )


def kecamatan_intro(*, name: str, kelurahan_count: int) -> str:
    return SAMPLE_NOTE + (
        f"<p>Selamat datang di situs resmi Kecamatan {name}. Kecamatan {name} membawahi "
        f"{kelurahan_count} kelurahan. Di sini Anda dapat melihat layanan kecamatan, "
        "kegiatan, dan cara menghubungi kantor kami.</p>"
    )


def kelurahan_intro(*, name: str, kecamatan: str) -> str:
    return SAMPLE_NOTE + (
        f"<p>Selamat datang di situs resmi Kelurahan {name}, Kecamatan {kecamatan}. "
        "Sebelum datang ke kantor, lihat dulu halaman Layanan agar dokumen yang Anda bawa "
        "lengkap.</p>"
    )


def profil_intro(*, name: str, kecamatan: str | None, area_km2, postal_code: str) -> str:
    """The sample introduction of a kelurahan (in ``kecamatan``) or, without one, of a
    kecamatan."""
    area = f" dengan luas sekitar {area_km2:.2f} km²".replace(".", ",") if area_km2 else ""
    postal = f" Kode posnya {postal_code}." if postal_code else ""
    where = (f"Kelurahan {name} adalah salah satu kelurahan di Kecamatan {kecamatan},"
             if kecamatan else f"Kecamatan {name} adalah salah satu kecamatan di")
    return SAMPLE_NOTE + f"<p>{where} Kota Cilegon, Provinsi Banten{area}.{postal}</p>"


def profil_fields(*, name: str) -> dict:
    return {
        "history": (f"<p>(Contoh) Sejarah singkat Kelurahan {name}: asal-usul nama, tahun "
                    "pembentukan, dan perkembangan wilayah ditulis di sini oleh operator.</p>"),
        "vision": f"(Contoh) Terwujudnya pelayanan Kelurahan {name} yang cepat, ramah, dan "
                  "terbuka bagi seluruh warga.",
        "mission": ("<ol><li>(Contoh) Memberikan pelayanan administrasi yang mudah dan "
                    "jelas syaratnya.</li><li>(Contoh) Melibatkan RT, RW, dan lembaga "
                    "kemasyarakatan dalam pembangunan.</li><li>(Contoh) Menyampaikan "
                    "informasi kegiatan secara terbuka.</li></ol>"),
        "population_total": 12000, "population_male": 6100, "population_female": 5900,
        "households": 3500, "population_source": SAMPLE_SOURCE,
    }


def profil_borders() -> dict:
    """Sample borders: the operator writes the real neighbours."""
    return {f"border_{side}": f"(Contoh) wilayah tetangga di sebelah {word}" for side, word in
            [("north", "utara"), ("south", "selatan"), ("east", "timur"), ("west", "barat")]}


def struktur_units(*, kelurahan: bool) -> list[tuple[str, str]]:
    prefix = "Seksi" if kelurahan else "Seksi"
    secretary = "Sekretaris Kelurahan" if kelurahan else "Sekretaris Kecamatan"
    return [
        ("Sekretariat", secretary),
        (f"{prefix} Pemerintahan dan Ketenteraman", "Kepala Seksi Pemerintahan"),
        (f"{prefix} Ekonomi dan Pembangunan", "Kepala Seksi Ekonomi dan Pembangunan"),
        (f"{prefix} Kesejahteraan Sosial", "Kepala Seksi Kesejahteraan Sosial"),
    ]


# Sample people: clearly not real officials.
SAMPLE_NAMES = ["Nama Contoh A", "Nama Contoh B", "Nama Contoh C", "Nama Contoh D",
                "Nama Contoh E", "Nama Contoh F", "Nama Contoh G", "Nama Contoh H"]

LEMBAGA = [
    ("Karang Taruna", "karang_taruna",
     "(Contoh) Organisasi pemuda kelurahan untuk kegiatan sosial, olahraga, dan usaha.",
     "<ul><li>(Contoh) Kerja bakti bulanan</li><li>(Contoh) Turnamen olahraga antar-RW"
     "</li></ul>"),
    ("Tim Penggerak PKK", "pkk",
     "(Contoh) Pemberdayaan keluarga: kesehatan, gizi, dan keterampilan.",
     "<ul><li>(Contoh) Posyandu balita setiap bulan</li><li>(Contoh) Pelatihan "
     "keterampilan ibu rumah tangga</li></ul>"),
    ("Lembaga Pemberdayaan Masyarakat (LPM)", "lpm",
     "(Contoh) Menampung usulan warga untuk musyawarah perencanaan pembangunan.",
     "<ul><li>(Contoh) Musrenbang kelurahan</li></ul>"),
]

NEWS_TOPICS = [
    ("Kerja bakti membersihkan saluran air", ["kerja bakti", "lingkungan"]),
    ("Posyandu balita bulan ini", ["posyandu", "kesehatan"]),
    ("Pelayanan surat pengantar tetap buka saat libur sekolah", ["layanan"]),
    ("Musyawarah perencanaan pembangunan kelurahan", ["musrenbang"]),
    ("Lomba kebersihan antar-RW", ["lingkungan"]),
    ("Vaksinasi untuk lansia", ["kesehatan"]),
    ("Pelatihan usaha kecil bagi warga", ["ekonomi"]),
    ("Sosialisasi pencegahan demam berdarah", ["kesehatan"]),
    ("Pembagian bibit tanaman", ["lingkungan"]),
    ("Rapat koordinasi RT dan RW", ["pemerintahan"]),
    ("Santunan anak yatim", ["sosial"]),
    ("Pendataan warga pindah datang", ["layanan", "kependudukan"]),
]
# The other demo sites' own news: each office reports its own events, so the portal's
# "latest news from all offices" does not show one title three times.
KECAMATAN_NEWS_TOPICS = [
    ("Rapat koordinasi lurah se-kecamatan", ["pemerintahan"]),
    ("Pelayanan administrasi terpadu kecamatan dibuka setiap hari kerja", ["layanan"]),
    ("Lomba kelurahan bersih tingkat kecamatan", ["lingkungan"]),
]
OTHER_KELURAHAN_NEWS_TOPICS = [
    ("Gotong royong memperbaiki jalan lingkungan", ["kerja bakti", "lingkungan"]),
    ("Bazar produk usaha warga di halaman kantor", ["ekonomi"]),
    ("Pengumuman jadwal pelayanan kantor di bulan ini", ["layanan"]),
]

PROGRAMS = [
    ("Bank Sampah Kelurahan", "1_running", ["environment", "economy"],
     "(Contoh) Warga menabung sampah terpilah dan mendapat tabungan."),
    ("Layanan Surat Tanpa Antre", "1_running", ["governance"],
     "(Contoh) Warga cek syarat surat di situs sebelum datang ke kantor."),
    ("Kampung Tangguh Bencana", "2_planned", ["living", "people"],
     "(Contoh) Pelatihan siaga bencana untuk RT dan RW."),
    ("Jalan Lingkungan Tertata", "3_done", ["mobility"],
     "(Contoh) Perbaikan jalan lingkungan hasil musrenbang."),
]

DOCUMENTS = [
    ("Laporan Kegiatan Semester I (contoh)", "berkala"),
    ("Pengumuman Siaga Banjir (contoh)", "serta_merta"),
    ("Daftar Informasi Publik (contoh)", "setiap_saat"),
]

OFFICE_HOURS = [(day, datetime.time(8, 0), datetime.time(16, 0)) for day in (1, 2, 3, 4)] + [
    (5, datetime.time(8, 0), datetime.time(16, 30))]


def events(*, today: datetime.date) -> list[tuple[str, datetime.date, int, str]]:
    """(title, day, hour, place) around today: three upcoming, two past."""
    return [
        ("Posyandu balita (contoh)", today + datetime.timedelta(days=3), 8, "Posyandu RW 01"),
        ("Kerja bakti lingkungan (contoh)", today + datetime.timedelta(days=9), 7,
         "Lapangan RW 02"),
        ("Musyawarah warga (contoh)", today + datetime.timedelta(days=20), 9,
         "Aula kantor"),
        ("Senam bersama (contoh)", today - datetime.timedelta(days=5), 6, "Halaman kantor"),
        ("Pelatihan UMKM (contoh)", today - datetime.timedelta(days=30), 9, "Aula kantor"),
    ]


# Local details two demo kelurahan add to city services (kelurahan code -> service code);
# Citangkil takes the two sample services the catalogue offers online as online requests.
SERVICE_NOTES = {
    "36.72.08.1007": {
        "surat-keterangan-domisili": {
            "officer": "Kasi Pemerintahan (contoh)",
            "service_hours": "Senin–Kamis 08.00–14.00 (contoh)",
            "online": True,
            "local_notes": "<p>(Contoh catatan kelurahan) Pendatang yang mengontrak cukup "
                           "membawa surat keterangan dari pemilik kontrakan; formulirnya "
                           "tersedia di loket.</p>",
        },
        "surat-keterangan-tidak-mampu": {
            "officer": "Kasi Kesejahteraan Sosial (contoh)",
            "online": True,
            "local_notes": "<p>(Contoh catatan kelurahan) Untuk berobat ke RSUD, bawa juga "
                           "kartu BPJS Kesehatan bila ada.</p>",
        },
    },
    "36.72.08.1005": {
        "surat-keterangan-riwayat-tanah": {
            "offered": False,
            "local_notes": "<p>(Contoh catatan kelurahan) Sementara dilayani di Kantor "
                           "Kecamatan Citangkil selama pendataan ulang buku tanah.</p>",
        },
    },
}
