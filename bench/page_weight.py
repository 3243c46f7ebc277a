"""Bytes transferred per public page type at 360 px, above the fold, as a phone loads it.

Run against a server with the demo data: `make bench` (the stack, port 8080) or
`.venv/bin/python bench/page_weight.py 8000` against `make run`.
Images count as sent; text is also given gzip-compressed, as nginx would send it.
"""

import gzip
import sys

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BINARY = (".webp", ".jpg", ".jpeg", ".png", ".pdf")


def page_urls(port):
    portal = f"http://localhost:{port}"
    kel = f"http://kel-citangkil.localhost:{port}"
    paths = {
        "kelurahan home": "/", "profil": "/profil/", "struktur": "/struktur-pegawai/",
        "lembaga": "/lembaga/karang-taruna/", "rt/rw": "/rt-rw/", "layanan": "/layanan/",
        "layanan page": "/layanan/surat-keterangan-tidak-mampu/",
        "berita index": "/berita/", "berita article": "/berita/posyandu-balita-bulan-ini-contoh/",
        "agenda": "/agenda/", "program": "/program/", "dokumen": "/dokumen/", "kontak": "/kontak/",
    }
    return {"portal": portal + "/", "portal finder": portal + "/cari-kelurahan/?q=Citangkil",
            "portal status": portal + "/status/"} | {
        name: kel + path for name, path in paths.items()}


def weigh(browser, url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    seen = []
    page.on("response", lambda response: seen.append(response))  # Playwright wraps handlers
    page.goto(url, wait_until="networkidle")
    bodies = [(r.url, r.body()) for r in seen]
    context.close()
    raw = sum(len(body) for _, body in bodies)
    sent = sum(len(body) if u.endswith(BINARY) else len(gzip.compress(body)) for u, body in bodies)
    return len(bodies), raw, sent


def main():
    port = sys.argv[1] if len(sys.argv) > 1 else "8000"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, url in page_urls(port).items():
            count, raw, sent = weigh(browser, url)
            print(
                f"{name:16} {count:2} requests  {raw / 1024:6.1f} KB raw  "
                f"{sent / 1024:6.1f} KB gzip (text)"
            )
        browser.close()


if __name__ == "__main__":
    main()
