"""The RT/RW tests' own site: Warnasari (provisioned empty) with five RWs, RW n having n + 2
RTs (25 in all), published as the admin stores them."""

import pytest

from balai.provisioning.models import RegionSite
from balai.rtrw.models import RtRwPage
from balai.testing.builders import TestSite, kelurahan_site, rt, rt_rw, rw

RW_HEADS = {1: "Bapak Rohman", 2: "Ibu Sumarni", 3: "Bapak Darto", 4: "Ibu Yati",
            5: "Bapak Jaja"}


def rt_head(rw_number: int, rt_number: int) -> str:
    """The head of one RT of the test site, e.g. "Ibu Ani 2.3" for RT 3 of RW 2."""
    return f"Ibu Ani {rw_number}.{rt_number}"


@pytest.fixture
def rtrw_site() -> TestSite:
    site = kelurahan_site()
    rt_rw(site, *[rw(number, head, *[rt(r, rt_head(number, r)) for r in range(1, number + 3)])
                  for number, head in RW_HEADS.items()])
    return site


@pytest.fixture
def office(rtrw_site) -> RegionSite:
    return rtrw_site.record


@pytest.fixture
def rtrw(rtrw_site) -> RtRwPage:
    return rtrw_site.section(RtRwPage)
