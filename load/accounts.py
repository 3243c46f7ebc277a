"""Operator accounts for the load test (`make load`) and the fault tests (`make faults`).

    DJANGO_SETTINGS_MODULE=... .venv/bin/python load/accounts.py --count 3 --output FILE

Makes (or resets) ``beban-operator-1`` … ``beban-operator-N``: each an operator of one of
the demo's filled kelurahan (Citangkil, Kebonsari, in turn) through that kelurahan's own
provisioned operator group, so it can change only that site, as a real operator. Each gets
a new random password, a confirmed authenticator (TOTP) with a new random key, and its own
news item on its site to edit (*Kabar uji beban N*, made once), so the load test leaves the
demo's content alone. FILE (mode 600) lists them: user name, password, key, the site's host
name, home page and news item.
The simulated operators sign in with these through the real login and code pages; nothing
about the sign-in is relaxed. Run only against the stack or a throw-away installation (the
Makefile's `load` target does it on the stack's database); `make run` never makes them.
"""

import argparse
import json
import os
import secrets
from pathlib import Path

import django

from balai.demo.content import KELURAHAN_KODES as KELURAHAN  # the demo's filled kelurahan

PREFIX = "beban-operator-"


def operators_provision(count: int) -> list[dict]:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from balai.provisioning.models import RegionSite

    records = {record.region.kode: record for record in RegionSite.objects.select_related(
        "region", "site", "home_page", "operator_group").filter(region__kode__in=KELURAHAN)}
    accounts = []
    with transaction.atomic():
        for number in range(1, count + 1):
            record = records[KELURAHAN[(number - 1) % len(KELURAHAN)]]
            username = f"{PREFIX}{number}"
            user, _created = get_user_model().objects.get_or_create(username=username)
            password = secrets.token_urlsafe(18)
            user.set_password(password)
            user.email = f"{username}@beban.invalid"
            user.first_name, user.last_name = "Uji beban", str(number)
            user.is_active, user.is_staff, user.is_superuser = True, False, False
            user.save()
            user.groups.set([record.operator_group])
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
            key = secrets.token_hex(20)
            TOTPDevice.objects.create(user=user, name="Uji beban", key=key, confirmed=True)
            accounts.append({"username": username, "password": password, "key": key,
                             "host": record.site.hostname, "home_page": record.home_page_id,
                             "news": _news_item(record.home_page, number).pk,
                             "kode": record.region.kode})
    return accounts


def _news_item(home, number: int):
    """The operator's own news item, published once; later runs find it by its slug."""
    from balai.berita.models import BeritaIndexPage, BeritaPage

    index = BeritaIndexPage.objects.child_of(home).get()
    slug = f"kabar-uji-beban-{number}"
    page = BeritaPage.objects.child_of(index).filter(slug=slug).first()
    if page is None:
        page = index.add_child(instance=BeritaPage(
            title=f"Kabar uji beban {number}", slug=slug,
            summary="Berita ini dibuat dan diubah oleh uji beban Balai.",
            body="<p>Isi berita untuk uji beban.</p>"))
        page.save_revision().publish()
    return page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--output", type=Path, required=True)
    options = parser.parse_args()
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        parser.error("set DJANGO_SETTINGS_MODULE (and the stack's environment) first")
    django.setup()
    accounts = operators_provision(options.count)
    options.output.touch(mode=0o600)
    options.output.chmod(0o600)
    options.output.write_text(json.dumps(accounts, indent=1))
    print(f"{len(accounts)} load-test operators: "
          + ", ".join(f"{a['username']} ({a['host']})" for a in accounts))


if __name__ == "__main__":
    main()
