"""Accounts made for the browser tests with ``balai shell`` in the demo server's own
database: an office account of one region's site, and a city office account. Each gets a
unique name, so a module can run again on the same server."""

import secrets
from dataclasses import dataclass

CREATE_OFFICE_ACCOUNT = """
import os
from django.contrib.auth import get_user_model
from balai.provisioning.models import RegionSite

site = RegionSite.objects.get(region__kode=os.environ["BALAI_TEST_KODE"])
user = get_user_model()(username=os.environ["BALAI_TEST_USER"], first_name="Rina",
                        last_name="Marlina", email=os.environ["BALAI_TEST_USER"] + "@example.com")
user.set_password(os.environ["BALAI_TEST_PASSWORD"])
user.full_clean()
user.save()
user.groups.add(getattr(site, os.environ["BALAI_TEST_GROUP"]))
"""

CREATE_CITY_ACCOUNT = """
import os
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from balai.core.groups import CITY_ADMIN_GROUP

user = get_user_model().objects.create_user(os.environ["BALAI_TEST_USER"],
                                            password=os.environ["BALAI_TEST_PASSWORD"])
user.groups.add(Group.objects.get(name=CITY_ADMIN_GROUP))
"""


@dataclass(frozen=True)
class Person:
    username: str
    password: str


def office_account(server, kode: str, *, prefix: str,
                   group: str = "operator_group") -> Person:
    """A new account in the site's group (a ``RegionSite`` field: operator or contributor)."""
    person = Person(f"{prefix}-{secrets.token_hex(3)}", secrets.token_urlsafe(18))
    server.command("shell", "-c", CREATE_OFFICE_ACCOUNT, BALAI_TEST_KODE=kode,
                   BALAI_TEST_GROUP=group, BALAI_TEST_USER=person.username,
                   BALAI_TEST_PASSWORD=person.password)
    return person


def city_office_account(server) -> Person:
    """A new account of the city office (Admin Kota)."""
    person = Person(f"dinas-{secrets.token_hex(3)}", secrets.token_urlsafe(18))
    server.command("shell", "-c", CREATE_CITY_ACCOUNT, BALAI_TEST_USER=person.username,
                   BALAI_TEST_PASSWORD=person.password)
    return person
