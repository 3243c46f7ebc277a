"""What an operator's phone downloads for the admin: the dashboard (/admin/) and the page
editor of a section page of the operator's own kelurahan (Citangkil's *Profil*), each cold
(empty browser cache, already signed in) and warm (the same page again in the same browser).

On the local stack (`make bench` starts it), through nginx, in Debian's chromium at
360 x 740 with the network at "Fast 3G" (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up)
and the processor slowed 4 times (Chrome DevTools Protocol). The operator is
``beban-operator-1`` of load/accounts.py (made or reset on the stack's database with a new
password and TOTP key, written to var/stack/bench-operator.json), signed in once through
the real login and code pages; each cold load is a new browser context that has the
session's cookies and nothing else.

Each page is loaded in three runs (a new context each: cold, then warm). Printed per kind
of load: requests (in brackets those the browser answered from its cache) and bytes on the
wire (headers included, as the browser received them) of the median run, and the medians
of the time to the page's `load` event and of the time until the last response had arrived
(network idle), both from the start of the navigation, and of the time the page's main
thread was busy and, of that, running scripts (slowed 4 times as well); then the largest
responses of the cold load with their Content-Encoding, and the machine's load average:
on a busy machine every time is longer.

    PYTHONPATH=. .venv/bin/python bench/admin.py

Figures, not assertions: nothing here fails a build.
"""

import json
import os
import statistics
import subprocess
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright
from stack import BIN, ENV, NGINX, ROOT, STACK, balai  # bench/stack.py: the stack's settings

from functional_tests import two_factor

HOST = "kel-citangkil.localhost"  # the demo kelurahan of beban-operator-1
SECTION_SLUG = "profil"
VIEWPORT = {"width": 360, "height": 740}
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8,
           "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LARGEST = 10
RUNS = 3


def operator() -> dict:
    """beban-operator-1 of load/accounts.py, with the id of its kelurahan's section page."""
    output = STACK / "bench-operator.json"
    subprocess.run([BIN / "python", ROOT / "load" / "accounts.py", "--count", "1",
                    "--output", output], env=ENV, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    account = json.loads(output.read_text())[0]
    assert account["host"] == HOST, account["host"]
    account["section"] = int(balai("shell", "-c", (
        "from wagtail.models import Page; "
        f"print(Page.objects.get(pk={account['home_page']}).get_children()"
        f".get(slug={SECTION_SLUG!r}).pk)")).splitlines()[-1])
    return account


@dataclass
class Load:
    """One navigation as the browser's network layer saw it (CDP Network events)."""

    requests: dict = field(default_factory=dict)  # request id: url
    cached: set = field(default_factory=set)
    encodings: dict = field(default_factory=dict)  # request id: Content-Encoding
    received: dict = field(default_factory=dict)  # request id: bytes on the wire
    started: float | None = None
    last_end: float = 0.0
    load_event: float = 0.0
    busy: float = 0.0  # seconds the page's main thread worked (CDP Performance: TaskDuration)
    script: float = 0.0  # of which running scripts (ScriptDuration)

    def sent(self, event: dict) -> None:
        if event["request"]["url"].startswith(("data:", "blob:")):
            return
        self.requests[event["requestId"]] = event["request"]["url"]
        if self.started is None:
            self.started = event["timestamp"]

    def answered(self, event: dict) -> None:
        headers = {name.lower(): value for name, value in event["response"]["headers"].items()}
        self.encodings[event["requestId"]] = headers.get("content-encoding", "-")
        if event["response"].get("fromDiskCache") or event["response"].get("fromPrefetchCache"):
            self.cached.add(event["requestId"])

    def ended(self, event: dict) -> None:
        if event["requestId"] in self.requests:
            self.received[event["requestId"]] = event.get("encodedDataLength", 0)
            self.last_end = max(self.last_end, event["timestamp"])

    @property
    def load_event_seconds(self) -> float:
        return self.load_event - self.started

    @property
    def idle_seconds(self) -> float:
        return self.last_end - self.started

    @property
    def bytes(self) -> int:
        return int(sum(self.received.values()))


def measure(context, url: str) -> Load:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Page.enable")
    cdp.send("Performance.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    load = Load()
    cdp.on("Network.requestWillBeSent", load.sent)
    cdp.on("Network.requestServedFromCache", lambda event: load.cached.add(event["requestId"]))
    cdp.on("Network.responseReceived", load.answered)
    cdp.on("Page.loadEventFired", lambda event: setattr(load, "load_event", event["timestamp"]))
    cdp.on("Network.loadingFinished", load.ended)
    cdp.on("Network.loadingFailed", load.ended)
    # Under the slowed processor the editor's scripts can still be running when the network
    # has been idle for Playwright's 500 ms: wait for both.
    response = page.goto(url, wait_until="load", timeout=180_000)
    page.wait_for_load_state("networkidle", timeout=180_000)
    assert response.ok and "/login/" not in page.url and "/verifikasi/" not in page.url, \
        (response.status, page.url)
    metrics = {metric["name"]: metric["value"]
               for metric in cdp.send("Performance.getMetrics")["metrics"]}
    load.busy, load.script = metrics["TaskDuration"], metrics["ScriptDuration"]
    cdp.detach()
    page.close()
    return load


def report(label: str, loads: list[Load]) -> Load:
    """One line of medians over the runs; returns the run of the median size."""
    middle = sorted(loads, key=lambda load: load.bytes)[len(loads) // 2]
    requests = f"{len(middle.requests)} ({len(middle.cached)})"
    load_event, idle, busy, script = (statistics.median(map(figure, loads)) for figure in (
        lambda load: load.load_event_seconds, lambda load: load.idle_seconds,
        lambda load: load.busy, lambda load: load.script))
    print(f"  {label:20} {requests:>9} {middle.bytes / 1024:8.0f} KB {load_event:8.1f} s "
          f"{idle:8.1f} s {busy:9.1f} s {script:6.1f} s   "
          f"({', '.join(f'{load.load_event_seconds:.1f}' for load in loads)})", flush=True)
    return middle


def largest(load: Load) -> None:
    sizes = sorted(((size, key) for key, size in load.received.items()), reverse=True)
    for size, key in sizes[:LARGEST]:
        print(f"      {size / 1024:7.1f} KB  {load.encodings.get(key, '-'):5} "
              f"{urlsplit(load.requests[key]).path[:80]}")


def main() -> None:
    account = operator()
    base = f"http://{HOST}:{NGINX}"
    pages = {"dashboard": f"{base}/admin/",
             "page editor": f"{base}/admin/pages/{account['section']}/edit/"}
    two_factor._keys[account["username"]] = bytes.fromhex(account["key"])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        options = {"viewport": VIEWPORT, "locale": "id-ID", "timezone_id": "Asia/Jakarta"}
        signing_in = browser.new_context(**options)
        two_factor.sign_in(signing_in.new_page(), f"{base}/admin/login/",
                           account["username"], account["password"])
        signing_in.pages[0].wait_for_url(f"{base}/admin/")
        session = signing_in.storage_state()
        signing_in.close()
        print(f"The admin as {account['username']} on {HOST}, 360x740, 150 ms / 1.6 Mbit/s, "
              f"CPU x{CPU_SLOWDOWN}, medians of {RUNS} runs (each run's load event):")
        print(f"  {'':20} {'requests':>9} {'on the wire':>11} {'load event':>10} "
              f"{'net idle':>10} {'main thread':>11} {'script':>8}")
        colds = {}
        for name, url in pages.items():
            runs = {"cold": [], "warm": []}
            for _run in range(RUNS):
                context = browser.new_context(**options, storage_state=session)
                runs["cold"].append(measure(context, url))
                runs["warm"].append(measure(context, url))
                context.close()
            colds[name] = report(f"{name}, cold", runs["cold"])
            report(f"{name}, warm", runs["warm"])
        browser.close()
    for name, load in colds.items():
        print(f"  largest responses of the cold {name}:")
        largest(load)
    print("Load average of this machine (1, 5, 15 min): "
          + ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
          + f" on {os.cpu_count()} cores; times grow with it.")


if __name__ == "__main__":
    main()
