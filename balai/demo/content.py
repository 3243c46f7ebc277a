"""Sample content for a demonstration installation, in Indonesian, marked as contoh.

Only facts that come from the shipped region data are stated (names, codes,
counts, approximate area); everything else is clearly an example that the
office will replace.
"""

SAMPLE_NOTE = (
    "<p><b>Contoh isi.</b> Teks ini adalah contoh dari Balai untuk demonstrasi "
    "dan akan diganti oleh operator.</p>"
)

# Regions that get sample text: the city, one kecamatan, two of its kelurahan.
PORTAL_KODE = "36.72"
KECAMATAN_KODE = "36.72.08"  # Citangkil
KELURAHAN_KODES = ["36.72.08.1007", "36.72.08.1005"]  # Citangkil, Kebonsari


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


def profil_intro(*, name: str, kecamatan: str, area_km2, postal_code: str) -> str:
    area = f" dengan luas sekitar {area_km2:.2f} km²".replace(".", ",") if area_km2 else ""
    postal = f" Kode posnya {postal_code}." if postal_code else ""
    return SAMPLE_NOTE + (
        f"<p>Kelurahan {name} adalah salah satu kelurahan di Kecamatan {kecamatan}, "
        f"Kota Cilegon, Provinsi Banten{area}.{postal}</p>"
    )
