"""``balai ikm``: one line per office and period; plain errors for wrong input."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from django.utils import timezone

from balai.conftest import CITANGKIL
from balai.survei import periods
from balai.survei.models import SurveyResponse
from balai.testing.builders import region_site

from .builders import answers

pytestmark = pytest.mark.django_db


def _ikm(*args) -> str:
    out = StringIO()
    call_command("ikm", *args, stdout=out)
    return out.getvalue()


def test_one_line_for_the_current_semester():
    client = region_site(CITANGKIL).client
    # Hand-worked: three respondents, element sums 10 9 8 12 9 9 10 7 9 -> NRR sum 83/3
    # -> 83/3 × 25 / 9 = 2075/27 = 76.851… -> 76.85, B (76.61–88.30).
    client.post("/survei/", answers(4, 3, 3, 4, 3, 3, 4, 3, 3))
    client.post("/survei/", answers(3, 3, 2, 4, 3, 3, 3, 2, 3))
    client.post("/survei/", answers(3, 3, 3, 4, 3, 3, 3, 2, 3))
    span = periods.current_semester().span
    assert _ikm(CITANGKIL) == f"{CITANGKIL} {span} responden 3 IKM 76.85 B (Baik)\n"


def test_a_range_of_dates():
    region_site(CITANGKIL).client.post("/survei/", answers(2))
    response = SurveyResponse.objects.get()
    response.submitted_at = datetime.datetime(2026, 7, 1, 0, 30,
                                              tzinfo=timezone.get_default_timezone())
    response.save()
    line = _ikm(CITANGKIL, "--dari", "2026-07-01", "--sampai", "2026-07-01")
    assert line == f"{CITANGKIL} 2026-07-01..2026-07-01 responden 1 IKM 50.00 D (Tidak Baik)\n"
    # Half an hour after midnight in Cilegon is the day before in UTC: still 1 July here.
    assert "responden 0" in _ikm(CITANGKIL, "--dari", "2026-06-30", "--sampai", "2026-06-30")


def test_no_respondent_yet():
    assert _ikm(CITANGKIL).endswith("responden 0 IKM - (belum ada responden)\n")


@pytest.mark.parametrize(("args", "message"), [
    (["99.99.99.9999"], "tidak ada kecamatan atau kelurahan"),
    (["36.72"], "tidak ada kecamatan atau kelurahan"),
    ([CITANGKIL, "--dari", "2026-13-01"], "tanggal tidak dikenal"),
    ([CITANGKIL, "--dari", "kemarin"], "tanggal tidak dikenal"),
    ([CITANGKIL, "--dari", "2026-07-02", "--sampai", "2026-07-01"], "sebelum tanggal awal"),
])
def test_wrong_input_is_said_plainly(args, message):
    with pytest.raises(CommandError, match=message):
        _ikm(*args)


def test_from_the_shell_an_error_exits_non_zero_without_a_traceback(capsys):
    with pytest.raises(SystemExit) as exit_status:
        ManagementUtility(["balai", "ikm", "00.00"]).execute()
    assert exit_status.value.code != 0
    error = capsys.readouterr().err
    assert "Traceback" not in error
    assert "tidak ada kecamatan atau kelurahan dengan kode '00.00'" in error
