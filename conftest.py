"""Progress for both suites (``balai`` and ``functional_tests``), readable in a CI log.

Instead of a wall of dots, quiet runs (``-q``, as ``make test`` uses) print one line for
each test file as its last test finishes, with the count so far, its outcomes and the time
its tests took (summed over their set-up, call and tear-down)::

    [ 84/710] balai/agenda/tests/test_feed.py: 12 passed (3.4 s)

With pytest-xdist the lines come from the controlling process, whichever worker ran the
tests. A verbose run (``-v``) keeps pytest's own output.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pytest

# Outcomes in the order a file's line names them.
OUTCOMES = ("passed", "failed", "error", "skipped", "xfailed", "xpassed")


@dataclass
class FileProgress:
    expected: int = 0
    done: int = 0
    seconds: float = 0.0
    outcomes: Counter = field(default_factory=Counter)


class Progress:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.files: dict[str, FileProgress] = defaultdict(FileProgress)
        self.total = 0
        self.finished = 0
        self.collected = False
        self.test_outcome: dict[str, str] = {}

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if session.items:
            self.expect([item.nodeid for item in session.items])

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids) -> None:
        self.expect(ids)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.record(report)

    def expect(self, nodeids) -> None:
        if self.collected:  # every xdist worker collects the same tests
            return
        self.collected = True
        for nodeid in nodeids:
            self.files[self.file_of(nodeid)].expected += 1
        self.total = len(nodeids)

    @staticmethod
    def file_of(nodeid: str) -> str:
        return nodeid.split("::", 1)[0]

    def record(self, report: pytest.TestReport) -> None:
        progress = self.files[self.file_of(report.nodeid)]
        progress.seconds += report.duration
        outcome = self.outcome_of(report)
        if outcome and self.test_outcome.get(report.nodeid) not in ("failed", "error"):
            self.test_outcome[report.nodeid] = outcome
        if report.when != "teardown":
            return
        progress.outcomes[self.test_outcome.pop(report.nodeid, "passed")] += 1
        progress.done += 1
        self.finished += 1
        if progress.done == progress.expected:
            self.write(report.nodeid, progress)

    @staticmethod
    def outcome_of(report: pytest.TestReport) -> str | None:
        xfail = hasattr(report, "wasxfail")
        if report.failed:
            if report.when == "call":
                return "xpassed" if xfail else "failed"
            return "error"
        if report.skipped:
            return "xfailed" if xfail else "skipped"
        if report.when == "call":
            return "xpassed" if xfail else "passed"
        return None

    def write(self, nodeid: str, progress: FileProgress) -> None:
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is None:
            return
        width = len(str(self.total))
        outcomes = ", ".join(f"{progress.outcomes[name]} {name}" for name in OUTCOMES
                             if progress.outcomes[name])
        failed = progress.outcomes["failed"] or progress.outcomes["error"]
        reporter.write_line(
            f"[{self.finished:>{width}}/{self.total}] {self.file_of(nodeid)}: {outcomes} "
            f"({progress.seconds:.1f} s)", red=bool(failed), bold=bool(failed))


def pytest_configure(config: pytest.Config) -> None:
    # Only the process that prints: not an xdist worker, not a verbose run.
    if config.get_verbosity() <= 0 and not hasattr(config, "workerinput"):
        config.pluginmanager.register(Progress(config), "balai-progress")


@pytest.hookimpl(wrapper=True)
def pytest_report_teststatus(report, config):
    """No dot or letter per test: the file's line says it."""
    category, letter, word = yield
    if config.pluginmanager.has_plugin("balai-progress"):
        return category, "", word
    return category, letter, word
