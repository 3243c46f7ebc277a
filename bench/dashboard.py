"""Render time and query count of the city dashboard for the 51 Cilegon sites, then with
N synthetic kelurahan sites added (default 5,000), on a throw-away SQLite installation.

    .venv/bin/python bench/dashboard.py [N]

The synthetic sites are real KelurahanPage homes with a Region, a RegionSite and a Site, but
without sections (they score 0), spread under the 8 kecamatan. Making them takes a while.
"""

import os
import statistics
import sys
import tempfile
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
os.environ["BALAI_DATA_DIR"] = tempfile.mkdtemp(prefix="balai-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Site  # noqa: E402

from balai.home.models import KecamatanPage, KelurahanPage  # noqa: E402
from balai.provisioning.models import RegionSite  # noqa: E402
from balai.wilayah.models import Region  # noqa: E402


def measure(client, label: str, runs: int = 5) -> None:
    timings = []
    for _run in range(runs):
        connection.queries_log.clear()  # the log keeps 9,000 queries: start empty
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/admin/status-situs/")
            timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"the dashboard answered {response.status_code}")
    rows = response.content.count(b"data-score=")
    print(f"{label:28} {rows:6} rows  {len(queries):3} queries  "
          f"median {statistics.median(timings) * 1000:8.0f} ms")


def synthetic_sites(count: int) -> None:
    kecamatan = list(KecamatanPage.objects.select_related("region").order_by("path"))
    regions = Region.objects.bulk_create([
        Region(kode=f"{kecamatan[i % 8].region.kode}.9{i:04d}", name=f"Sintetis {i}",
               level=Region.Level.KELURAHAN, parent=kecamatan[i % 8].region,
               parent_kode=kecamatan[i % 8].region.kode) for i in range(count)])
    for i, region in enumerate(regions):
        parent = kecamatan[i % 8]
        home = parent.add_child(instance=KelurahanPage(
            title=f"Kelurahan Sintetis {i}", slug=f"sintetis-{i}", region=region, live=True))
        site = Site.objects.create(hostname=f"kel-sintetis-{i}.localhost", port=8000,
                                   root_page=home, site_name=home.title)
        RegionSite.objects.create(region=region, site=site, home_page=home)
        if i % 1000 == 999:
            print(f"  {i + 1} synthetic sites made")


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_wilayah", stdout=open(os.devnull, "w"))
    call_command("load_layanan", stdout=open(os.devnull, "w"))
    call_command("provision", all=True, quiet=True, stdout=open(os.devnull, "w"))
    call_command("load_demo", stdout=open(os.devnull, "w"))
    admin = get_user_model().objects.create_superuser("bench", password="x" * 20)
    client = Client(HTTP_HOST="localhost:8000")
    client.force_login(admin)
    measure(client, "Cilegon (51 sites)")
    started = time.perf_counter()
    synthetic_sites(N)
    print(f"  made {N} synthetic sites in {time.perf_counter() - started:.0f} s")
    measure(client, f"51 + {N} synthetic sites", runs=3)


if __name__ == "__main__":
    main()
