"""deploy/balai.env.example lists exactly the environment variables the code reads.

The variables are found in the code itself: every read of ``os.environ`` (``get``,
``setdefault``, ``pop``, ``[...]``, ``in``) and ``os.getenv`` in ``balai/`` (tests and
conftest excluded) and in ``deploy/gunicorn.conf.py``, parsed with ``ast``. A read whose
name is not a literal string, or a use of ``os.environ`` this file does not know, fails
the test rather than hiding a variable from it.
"""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "deploy" / "balai.env.example"
STACK_SCRIPT = ROOT / "scripts" / "stack"
# A variable line, set ("NAME=value") or showing its default ("# NAME=value").
VARIABLE_LINE = re.compile(r"^(?:# )?([A-Z][A-Z0-9_]*)=(.*)$")
READ_METHODS = {"get", "setdefault", "pop"}


def code_files() -> list[Path]:
    files = [
        path for path in (ROOT / "balai").rglob("*.py")
        if "tests" not in path.relative_to(ROOT).parts and path.name != "conftest.py"
    ]
    return [*sorted(files), ROOT / "deploy" / "gunicorn.conf.py"]


def _is_environ(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr == "environ" and isinstance(node.value, ast.Name) and \
            node.value.id == "os"
    return isinstance(node, ast.Name) and node.id == "environ"


def _is_getenv(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr == "getenv" and isinstance(node.value, ast.Name) and \
            node.value.id == "os"
    return isinstance(node, ast.Name) and node.id == "getenv"


def _constant(node: ast.AST | None):
    """The value of a literal, or of arithmetic on integer literals (``7 * 24 * 60``);
    None for anything else (an f-string, a call)."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        left, right = _constant(node.left), _constant(node.right)
        if isinstance(left, int) and isinstance(right, int):
            return left * right
    return None


def environment_reads(path: Path) -> tuple[dict[str, object], list[str]]:
    """The variables ``path`` reads, each with its default when that is a literal, and
    the places where the environment is used in a way this test cannot name."""
    tree = ast.parse(path.read_text(), filename=str(path))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    reads: dict[str, object] = {}
    unknown: list[str] = []
    understood: set[ast.AST] = set()

    def record(key: ast.AST | None, default: ast.AST | None, where: ast.AST) -> None:
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            if default is None:
                # os.environ.get("NAME") or "default"
                parent = parents.get(where)
                if isinstance(parent, ast.BoolOp) and isinstance(parent.op, ast.Or) and \
                        parent.values[0] is where:
                    default = parent.values[1]
            reads[key.value] = _constant(default)
        else:
            unknown.append(f"{path.relative_to(ROOT)}:{where.lineno}: name is not a literal")

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in READ_METHODS and \
                    _is_environ(func.value):
                understood.add(func.value)
                record(node.args[0] if node.args else None,
                       node.args[1] if len(node.args) > 1 else None, node)
            elif _is_getenv(func):
                record(node.args[0] if node.args else None,
                       node.args[1] if len(node.args) > 1 else None, node)
        elif isinstance(node, ast.Subscript) and _is_environ(node.value):
            understood.add(node.value)
            record(node.slice, None, node)
        elif isinstance(node, ast.Compare) and len(node.comparators) == 1 and \
                isinstance(node.ops[0], ast.In | ast.NotIn) and _is_environ(node.comparators[0]):
            understood.add(node.comparators[0])
            record(node.left, None, node)
    for node in ast.walk(tree):
        if _is_environ(node) and node not in understood and \
                not isinstance(parents.get(node), ast.Attribute | ast.ImportFrom):
            unknown.append(f"{path.relative_to(ROOT)}:{node.lineno}: unrecognised use of environ")
        elif isinstance(node, ast.Attribute) and _is_environ(node.value) and \
                node.value not in understood:
            unknown.append(f"{path.relative_to(ROOT)}:{node.lineno}: os.environ.{node.attr}")
    return reads, unknown


def code_variables() -> tuple[dict[str, object], list[str]]:
    variables: dict[str, object] = {}
    unknown: list[str] = []
    for path in code_files():
        reads, strange = environment_reads(path)
        variables.update(reads)
        unknown += strange
    return variables, unknown


def example_lines() -> list[str]:
    return EXAMPLE.read_text().splitlines()


def example_variables() -> dict[str, tuple[bool, str]]:
    """Each variable of the example: whether it is set (not commented out), and its value."""
    variables = {}
    for line in example_lines():
        match = VARIABLE_LINE.match(line)
        if match:
            name, value = match.groups()
            assert name not in variables, f"{name} is listed twice in {EXAMPLE.name}"
            variables[name] = (not line.startswith("#"), value.strip().strip('"'))
    return variables


def test_the_scan_finds_the_settings_it_must():
    """Guards the scanner itself: variables read in three different ways are found."""
    variables, unknown = code_variables()
    assert not unknown, "\n".join(unknown)
    assert {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "BALAI_GUNICORN_WORKERS",
            "BALAI_FRESH_DAYS"} <= set(variables)
    assert variables["BALAI_PAGE_STALE_SECONDS"] == 7 * 24 * 60 * 60
    assert variables["BALAI_STALE_DAYS"] == "180"


def test_example_lists_every_variable_the_code_reads_and_no_other():
    in_code = set(code_variables()[0])
    in_example = set(example_variables())
    assert not in_code - in_example, (
        f"read by the code but missing from {EXAMPLE.name}: {sorted(in_code - in_example)}")
    assert not in_example - in_code, (
        f"in {EXAMPLE.name} but read by no code: {sorted(in_example - in_code)}")


def test_example_shows_the_code_defaults():
    """A commented-out line shows the default: it must be the code's, where that is a
    literal."""
    defaults = code_variables()[0]
    wrong = {
        name: (value, defaults[name])
        for name, (is_set, value) in example_variables().items()
        if not is_set and defaults.get(name) is not None and value != str(defaults[name])
    }
    assert not wrong, f"example value vs the code's default: {wrong}"


def test_every_variable_has_its_own_comment():
    lines = example_lines()
    bare = [
        line for before, line in zip(lines, lines[1:], strict=False)
        if VARIABLE_LINE.match(line) and (not before.startswith("#") or VARIABLE_LINE.match(before))
    ]
    assert not bare, f"variables without a comment line of their own above: {bare}"


def test_stack_writes_only_variables_the_code_reads():
    """scripts/stack writes var/stack/balai.env: nothing in it may be a name no code reads."""
    script = STACK_SCRIPT.read_text()
    body = script.split("<<ENV\n", 1)[1].split("\nENV\n", 1)[0]
    written = {line.split("=", 1)[0] for line in body.splitlines() if "=" in line}
    assert "SECRET_KEY" in written
    assert not written - set(code_variables()[0])


def start_django(code: str = "", **variables: str) -> subprocess.CompletedProcess:
    """Start Django (test settings) in a new process with these environment variables."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "balai.settings.test", **variables}
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", f"import django; django.setup(); {code}"], env=env,
        capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize(("name", "value"), [
    ("BALAI_FRESH_DAYS", "0"), ("BALAI_STALE_DAYS", "-7"), ("BALAI_FRESH_DAYS", "30 hari"),
    ("BALAI_STALE_DAYS", "1.5")])
def test_dashboard_days_must_be_whole_numbers_above_zero(name, value):
    """A wrong value stops Balai at start-up, naming the variable, instead of a dashboard
    that quietly counts every site as stale."""
    result = start_django(**{name: value})
    assert result.returncode != 0
    assert f"{name} must be a whole number of days above 0" in result.stderr


def test_dashboard_days_come_from_the_environment():
    result = start_django(
        "from django.conf import settings as s; print(s.BALAI_FRESH_DAYS, s.BALAI_STALE_DAYS)",
        BALAI_FRESH_DAYS="14", BALAI_STALE_DAYS="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["14", "180"]
