"""The README and docs/ name only things that exist: `balai` commands, make targets, files,
links between documents (with their #anchors) and environment variables.

Only what is written as code (`...` or a fenced block) is taken for a command or a path;
prose is left alone.
"""

import re
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[3]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
# The folders a path written in the docs may start with.
REPO_FOLDERS = ("balai/", "deploy/", "docs/", "scripts/", "functional_tests/", "bench/",
                "faults/", "load/")
# Files the environment variables may be read or set in: everything but the docs.
CODE_SUFFIXES = {".py", ".sh", ".conf", ".service", ".example", ""}
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
INLINE = re.compile(r"`([^`]+)`")
# `balai <command>` at the start of a code line or span, or run from a virtualenv's bin/.
BALAI_COMMAND = re.compile(r"(?:^|bin/)balai ([a-z][a-z0-9_-]*)", re.M)
MAKE_TARGET = re.compile(r"(?:^|[\s;&(])make ([a-z][a-z0-9_-]*)", re.M)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6} (.+)$", re.M)
VARIABLE = re.compile(r"\b((?:BALAI|STACK|LOAD)_[A-Z0-9_]+)\b")
# docs/architecture.md is written by the lead in the same change (issue 17); once it
# exists, links to it are checked like any other.
def code_of(text: str) -> list[str]:
    """The fenced blocks and inline code spans of a Markdown text."""
    blocks = FENCE.findall(text)
    return [*blocks, *INLINE.findall(FENCE.sub("", text))]


def documents_code() -> list[tuple[str, str]]:
    return [(path.relative_to(ROOT).as_posix(), code)
            for path in DOCUMENTS for code in code_of(path.read_text())]


def slug(heading: str) -> str:
    """The #anchor GitHub gives a heading."""
    text = heading.strip().lower().replace("`", "")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def test_every_balai_command_named_exists():
    commands = set(get_commands())
    named = {(where, name) for where, code in documents_code()
             for name in BALAI_COMMAND.findall(code)}
    assert len(named) > 20, "the docs name most of Balai's commands"
    unknown = sorted((where, name) for where, name in named
                     if name.replace("-", "_") not in commands)
    assert not unknown, f"no such `balai` command: {unknown}"


def test_every_make_target_named_exists():
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z0-9_-]*):", makefile, re.M))
    named = {(where, name) for where, code in documents_code()
             for name in MAKE_TARGET.findall(code)}
    assert {"run", "test", "stack"} <= {name for _, name in named}
    unknown = sorted((where, name) for where, name in named if name not in targets)
    assert not unknown, f"no such make target: {unknown}"


def test_every_file_named_exists():
    missing = []
    for where, code in documents_code():
        for token in code.split():
            path = token.rstrip(".,;:)").split(":")[0]
            if not path.startswith(REPO_FOLDERS) or any(c in path for c in "<>*…$"):
                continue
            if not (ROOT / path).exists():
                missing.append((where, path))
    assert not missing, f"no such file or folder: {missing}"


def test_every_link_between_documents_resolves():
    anchors = {path: {slug(h) for h in HEADING.findall(FENCE.sub("", path.read_text()))}
               for path in DOCUMENTS}
    broken = []
    for path in DOCUMENTS:
        for target in LINK.findall(FENCE.sub("", path.read_text())):
            if re.match(r"[a-z]+:", target):
                continue
            file_part, _, anchor = target.partition("#")
            resolved = (path.parent / file_part).resolve() if file_part else path
            where = path.relative_to(ROOT).as_posix()
            if not resolved.exists():
                broken.append((where, target))
            elif anchor and anchor not in anchors.get(resolved, set()):
                broken.append((where, target))
    assert not broken, f"links to nothing: {broken}"


@pytest.mark.parametrize("heading, anchor", [
    ("## `make faults`", "make-faults"),
    ("## When the database is down (`balai/pagecache/outage.py`)",
     "when-the-database-is-down-balaipagecacheoutagepy"),
    ("### Passwords: the decision", "passwords-the-decision"),
])
def test_anchors_are_made_as_github_makes_them(heading, anchor):
    assert slug(heading.lstrip("# ")) == anchor


def test_every_environment_variable_named_is_used_somewhere():
    code = "\n".join(
        path.read_text(errors="replace")
        for folder in ("balai", "deploy", "scripts", "functional_tests", "bench", "faults",
                       "load")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and path.suffix in CODE_SUFFIXES
    ) + (ROOT / "Makefile").read_text()
    named = {(path.relative_to(ROOT).as_posix(), name)
             for path in DOCUMENTS for name in VARIABLE.findall(path.read_text())}
    unknown = sorted((where, name) for where, name in named
                     if not re.search(rf"\b{name}\b", code))
    assert not unknown, f"named in the docs, used nowhere: {unknown}"


def test_the_readme_maps_every_package():
    """The README's map of the code names every folder of balai/ and the top level."""
    readme = (ROOT / "README.md").read_text()
    folders = [f"balai/{path.name}" for path in (ROOT / "balai").iterdir()
               if path.is_dir() and not path.name.startswith(("_", "."))]
    folders += [f"{path.name}/" for path in ROOT.iterdir()
                if (path.is_dir() and (path / "__init__.py").exists())
                or path.name in ("deploy", "scripts", "docs", "bench", "faults", "load")]
    assert len(folders) > 25
    missing = sorted(folder for folder in folders if f"`{folder}" not in readme)
    assert not missing, f"not in the README's map of the code: {missing}"
