"""Lighthouse 12.2.3 mobile scores (performance, accessibility, best practices, SEO) of the
city portal (with its "Cari kelurahan Anda" finder), the finder's results, the portal's
search, the kelurahan home, its search, a service page, a news article, the complaint form
and the satisfaction survey, through the local stack's nginx, with Debian's chromium.
Lighthouse is installed from npm into var/bench/lighthouse on first use.

    .venv/bin/python bench/lighthouse.py [port]
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOME = ROOT / "var" / "bench" / "lighthouse"
CLI = HOME / "node_modules" / "lighthouse" / "cli" / "index.js"
PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
KELURAHAN = "kel-citangkil.localhost"
PAGES = {
    "portal": ("localhost", "/"),
    "finder": ("localhost", "/cari-kelurahan/?q=grogol"),
    "city-search": ("localhost", "/cari/?q=ktp"),
    "home": (KELURAHAN, "/"),
    "search": (KELURAHAN, "/cari/?q=ketua+rt"),
    "service": (KELURAHAN, "/layanan/surat-keterangan-domisili/"),
    "news": (KELURAHAN, "/berita/posyandu-balita-bulan-ini-contoh/"),
    "complaint": (KELURAHAN, "/pengaduan/"),
    "survey": (KELURAHAN, "/survei/"),
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def main() -> None:
    if not CLI.exists():
        HOME.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "-E",
                        "lighthouse@12.2.3", "--prefix", str(HOME)], check=True)
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    print(f"Lighthouse 12.2.3, mobile (default throttling), port {PORT}:")
    print(f"  {'page':12}" + "".join(f"{name:>16}" for name in CATEGORIES))
    for name, (host, path) in PAGES.items():
        report = HOME / f"{name}.json"
        # Lighthouse sometimes loses the trace of a load (NO_NAVSTART): that run is tried
        # again, up to three times in all.
        for attempt in range(3):
            run = subprocess.run(
                ["node", str(CLI), f"http://{host}:{PORT}{path}", "--quiet",
                 "--output=json", f"--output-path={report}",
                 f"--only-categories={','.join(CATEGORIES)}",
                 "--chrome-flags=--headless --no-sandbox --disable-gpu"], check=False, env=env)
            if run.returncode == 0:
                break
            print(f"  ({name}: Lighthouse failed, attempt {attempt + 1} of 3)", flush=True)
        else:
            raise SystemExit(f"Lighthouse failed three times on {name}")
        scores = json.loads(report.read_text())["categories"]
        print(f"  {name:12}" + "".join(f"{round(scores[c]['score'] * 100):>16}"
                                       for c in CATEGORIES), flush=True)


if __name__ == "__main__":
    main()
