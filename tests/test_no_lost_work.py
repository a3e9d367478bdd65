"""No lost work: every file Lyra rewrites is replaced atomically
(lyra_core.atomic), two shells appending history lose no lines, and a
writer killed mid-write leaves the previous file intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from lyra_core import Session
from lyra_core.atomic import replace_file, write_atomically
from lyra_shell.history import HistoryFile
from lyra_shell.paths import atomic_write


# ---------------------------------------------------------------- the helper
def test_write_replaces_and_appends(tmp_path):
    target = tmp_path / "f.txt"
    write_atomically(str(target), "one\n")
    write_atomically(str(target), "two\n", append=True)
    assert target.read_text() == "one\ntwo\n"
    write_atomically(str(target), b"\x00bytes")
    assert target.read_bytes() == b"\x00bytes"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]  # no temporary left


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "f.txt"
    target.write_text("precious")

    def half_then_fail(temporary):
        with open(temporary, "w") as f:
            f.write("half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        replace_file(str(target), half_then_fail)
    assert target.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_permissions_and_links_are_kept(tmp_path):
    target = tmp_path / "f.txt"
    target.write_text("old")
    os.chmod(target, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomically(str(link), "new")
    assert link.is_symlink() and target.read_text() == "new"
    assert os.stat(target).st_mode & 0o777 == 0o640


def test_shell_writer_makes_directories(tmp_path):
    atomic_write(str(tmp_path / "a" / "b" / "saved.lyra"), "f[x_] := x^2\n")
    assert (tmp_path / "a" / "b" / "saved.lyra").read_text() == "f[x_] := x^2\n"


# ---------------------------------------------------------------- Lyra's writers
@pytest.mark.parametrize(
    "source",
    [
        'Put[{1, 2}, "{f}"]',
        'Export["{f}", {{1, 2}}, "CSV"]',
        'WriteString["{f}", "more"]',
        'PutAppend[3, "{f}"]',
        'CopyFile["{g}", "{f}"]',
    ],
)
def test_lyra_writers_go_through_the_atomic_helper(tmp_path, monkeypatch, source):
    """Each writer's data reaches the target only by os.replace."""
    import lyra_core.atomic as atomic

    target = tmp_path / "out.txt"
    other = tmp_path / "src.txt"
    other.write_text("copied")
    if "CopyFile" not in source:
        target.write_text("old\n")
    replaced = []
    real_replace = os.replace

    def spy(src, dst):
        replaced.append(dst)
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", spy)
    session = Session()
    session.evaluate(source.replace("{f}", str(target)).replace("{g}", str(other)))
    assert session.messages == []
    assert replaced == [os.path.realpath(target)]


# ---------------------------------------------------------------- history
_APPENDER = textwrap.dedent(
    """
    import sys
    from lyra_shell.history import HistoryFile
    store = HistoryFile(sys.argv[1])
    for i in range(int(sys.argv[3])):
        store.append(f"{sys.argv[2]}[{i}]\\nsecond line {i}")
    """
)


def test_two_shells_appending_history_lose_no_lines(tmp_path):
    path = str(tmp_path / "history")
    count = 400
    writers = [
        subprocess.Popen([sys.executable, "-c", _APPENDER, path, name, str(count)])
        for name in ("left", "right")
    ]
    for writer in writers:
        assert writer.wait(timeout=60) == 0
    entries = HistoryFile(path).load()
    assert len(entries) == 2 * count
    for name in ("left", "right"):
        mine = [e for e in entries if e.startswith(name + "[")]
        # Every entry is whole and each shell's entries keep their order.
        assert mine == [f"{name}[{i}]\nsecond line {i}" for i in range(count)]


# ---------------------------------------------------------------- killed writers
_WRITER = textwrap.dedent(
    """
    import sys
    from lyra_core import Session
    s = Session()
    print("ready", flush=True)
    k = 0
    while True:
        k += 1
        s.evaluate(sys.argv[2].replace("LETTER", "ABCD"[k % 4]))
    """
)


@pytest.mark.parametrize(
    "source",
    [
        'Export["{f}", StringRepeat["LETTER", 4 * 10^6], "Text"]',
        'Put[StringRepeat["LETTER", 4 * 10^6], "{f}"]',
    ],
)
def test_killed_writer_leaves_a_whole_file(tmp_path, source):
    """The writer is killed the moment its temporary file has data in it,
    that is in the middle of a write, several times over."""
    target = tmp_path / "big.txt"
    code = source.replace("{f}", str(target))
    Session().evaluate(code.replace("LETTER", "Z"))  # the previous version
    caught_mid_write = 0
    for attempt in range(4):
        child = subprocess.Popen(
            [sys.executable, "-c", _WRITER, "x", code], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _writing(tmp_path):
            time.sleep(0.0005)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        caught_mid_write += _writing(tmp_path)
        data = target.read_text()
        body = data.strip().strip('"')
        # One whole version: a single letter repeated, nothing cut short.
        assert len(body) == 4 * 10**6, (attempt, len(body))
        assert len(set(body)) == 1
    assert caught_mid_write >= 2  # the kills really interrupted writes
    # Stray temporaries of killed writers are hidden files, never the target.
    assert all(p.name.startswith(".lyra-") for p in tmp_path.iterdir() if p != target)


def _writing(directory) -> bool:
    """Whether a writer's temporary file in directory holds data."""
    for p in directory.iterdir():
        if p.name.startswith(".lyra-"):
            try:
                if p.stat().st_size > 0:
                    return True
            except FileNotFoundError:
                pass
    return False


def test_killed_history_writer_leaves_earlier_entries(tmp_path):
    path = str(tmp_path / "history")
    HistoryFile(path).append("kept[1]")
    child = subprocess.Popen([sys.executable, "-c", _APPENDER, path, "busy", "1000000"])
    time.sleep(0.5)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    entries = HistoryFile(path).load(limit=10**9)
    assert entries[0] == "kept[1]"
    # Whatever was written is whole entries (each is one write(2)).
    assert all(e == "kept[1]" or e.startswith("busy[") and "\nsecond line " in e for e in entries)
