"""Sandboxed sessions: Session(sandbox=True) and `lyra --sandbox`.

Process execution, file writes and deletes, directory and environment
changes are always refused; reads pass inside the allowed directory
(sandbox_dir, default the current directory) and are refused outside it.
A refusal is f::sandbox and $Failed. The builtins are enumerated from the
registry, so a new system builtin cannot slip through untested.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lyra_core import Session
from lyra_core.library import load_library
from lyra_core.library.registry import BUILTINS

load_library()

SYSTEM_BUILTINS = sorted(name for name, entry in BUILTINS.items() if entry.system_access)
READERS = sorted(name for name in SYSTEM_BUILTINS if BUILTINS[name].system_access == "read")
REFUSED = sorted(name for name in SYSTEM_BUILTINS if BUILTINS[name].system_access is True)

# Builtins that only read, as this suite expects them to be classified: a new
# reader or a reclassification must be looked at (and this list updated).
EXPECTED_READERS = {
    "AbsolutePath", "Directory", "DirectoryExists", "DirectoryQ", "ExpandFileName", "FileByteCount",
    "FileExists", "FileExistsQ", "FileNames", "FileSize", "Get", "Import", "ReadList", "ReadString",
}


@pytest.fixture
def box(tmp_path):
    """(session, allowed directory, a directory outside it) with files in both."""
    inside = tmp_path / "inside"
    outside = tmp_path / "outside"
    inside.mkdir()
    outside.mkdir()
    for directory in (inside, outside):
        (directory / "data.txt").write_text("1\n2\n", encoding="utf-8")
        (directory / "code.m").write_text("6 * 7\n", encoding="utf-8")
        (directory / "sub").mkdir()
    session = Session(sandbox=True, sandbox_dir=str(inside), stdout=lambda text: None)
    yield session, inside, outside
    session.close()


def _snapshot(*directories):
    return {
        str(path): path.read_bytes() if path.is_file() else None
        for directory in directories
        for path in sorted(directory.rglob("*"))
    }


def _call(name: str, argument: str) -> str:
    """A call of name with as many copies of argument as it needs (at least one)."""
    entry = BUILTINS[name]
    count = max(entry.min_args, 1)
    if entry.max_args is not None:
        count = min(count, entry.max_args)
    if name in ("SetEnvironment",):
        return f'{name}[{argument} -> "1"]'
    if name == "ProcessExists":
        return f"{name}[1]"
    if name == "FileNames":  # FileNames[pattern, directory]
        return f'{name}["*", {argument}]'
    return f"{name}[{', '.join([argument] * count)}]"


def test_readers_are_exactly_the_reviewed_ones():
    assert set(READERS) == EXPECTED_READERS
    assert len(REFUSED) >= 15  # writes, deletes, processes, environment


@pytest.mark.parametrize("name", REFUSED)
def test_system_builtin_is_refused_even_inside_the_allowed_directory(box, name):
    session, inside, outside = box
    before = _snapshot(inside, outside)
    environment = dict(os.environ)
    cwd = os.getcwd()
    target = '"' + str(inside / "data.txt") + '"'
    source = _call(name, target)
    value = session.evaluate(source)
    assert session.format(value) == "$Failed", source
    assert session.messages == [f"{name}::sandbox"], source
    assert "is not allowed in a sandboxed session" in session.message_texts[0]
    # Nothing happened: files, environment and current directory are as they were.
    assert _snapshot(inside, outside) == before
    assert dict(os.environ) == environment
    assert os.getcwd() == cwd


@pytest.mark.parametrize("name", READERS)
def test_reader_is_refused_outside_the_allowed_directory(box, name):
    session, inside, outside = box
    if name == "Directory":
        pytest.skip("takes no path")
    for path in (outside / "data.txt", outside, inside / ".." / "outside" / "data.txt"):
        source = _call(name, '"' + str(path) + '"')
        value = session.evaluate(source)
        assert session.format(value) == "$Failed", source
        assert session.messages == [f"{name}::sandbox"], source


@pytest.mark.parametrize("name", READERS)
def test_reader_works_inside_the_allowed_directory(box, name):
    session, inside, outside = box
    source = _call(name, '"' + str(inside / "data.txt") + '"')
    session.evaluate(source)
    assert not any(m.endswith("::sandbox") for m in session.messages), (source, session.messages)


def test_reads_inside_give_the_data(box):
    session, inside, outside = box
    os.chdir(inside)
    try:
        assert session.format(session.evaluate('ReadString["data.txt"]')) == '"1\\n2\\n"'
        assert session.format(session.evaluate('ReadList["data.txt"]')) == "{1, 2}"
        assert session.format(session.evaluate('Get["code.m"]')) == "42"
        assert session.format(session.evaluate("FileNames[]")) == '{"code.m", "data.txt", "sub"}'
        assert session.format(session.evaluate('FileExistsQ["sub"]')) == "True"
        assert session.messages == []
    finally:
        os.chdir(os.path.dirname(os.path.abspath(__file__)))


def test_relative_escape_and_symbolic_link_are_refused(box):
    session, inside, outside = box
    (inside / "link").symlink_to(outside / "data.txt")
    (inside / "linkdir").symlink_to(outside)
    for source in (
        f'ReadString["{inside}/link"]',
        f'ReadString["{inside}/linkdir/data.txt"]',
        f'ReadString["{inside}/../outside/data.txt"]',
        'ReadString["/etc/passwd"]',
        'ReadString["~/.bashrc"]',
        f'FileNames["*", "{inside}/linkdir"]',
    ):
        assert session.format(session.evaluate(source)) == "$Failed", source
        assert session.messages[-1].endswith("::sandbox"), source
    # A listing does not descend through a link out of the allowed directory.
    listing = session.evaluate(f'FileNames["*", "{inside}", Infinity]')
    assert "linkdir/data.txt" not in session.format(listing)


def test_code_read_with_get_stays_sandboxed(box):
    session, inside, outside = box
    (inside / "evil.m").write_text(f'ReadString["{outside}/data.txt"]', encoding="utf-8")
    value = session.evaluate(f'Get["{inside}/evil.m"]')
    assert session.format(value) == "$Failed"
    assert session.messages == ["ReadString::sandbox"]


def test_default_allowed_directory_is_the_current_one(tmp_path):
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        session = Session(sandbox=True)
        assert session.sandbox_dir == os.path.realpath(str(tmp_path))
        assert session.format(session.evaluate('FileExistsQ["."]')) == "True"
        assert session.format(session.evaluate('FileExistsQ[".."]')) == "$Failed"
    finally:
        os.chdir(cwd)


def test_an_ordinary_session_is_not_restricted(tmp_path):
    session = Session()
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert session.format(session.evaluate(f'ReadString["{tmp_path}/a.txt"]')) == '"x"'
    assert session.format(session.evaluate(f'Put[1, "{tmp_path}/b.m"]')) == "Null"


@pytest.mark.parametrize("engine", ["tree", "vm"])
def test_both_engines_refuse_inside_compiled_code(box, engine):
    _, inside, outside = box
    session = Session(engine=engine, sandbox=True, sandbox_dir=str(inside))
    session.evaluate(f'f[n_] := {{n, RunProcess[{{"true"}}], ReadString["{outside}/data.txt"]}}')
    value = session.evaluate("f[1]")
    assert session.format(value) == "{1, $Failed, $Failed}"
    assert session.messages == ["RunProcess::sandbox", "ReadString::sandbox"]


def test_lyra_sandbox_option(tmp_path):
    (tmp_path / "in.txt").write_text("inside", encoding="utf-8")
    code = 'Print[ReadString["in.txt"]]; Print[ReadString["/etc/passwd"]]; Print[DeleteFile["in.txt"]]'
    done = subprocess.run(
        [sys.executable, "-m", "lyra_shell", "--sandbox", "--no-color", "-c", code],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    out = done.stdout + done.stderr
    assert "inside" in out
    assert "ReadString::sandbox" in out and "DeleteFile::sandbox" in out
    assert "root:" not in out
    assert (tmp_path / "in.txt").exists()
