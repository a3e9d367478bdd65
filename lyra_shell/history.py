"""Persistent input history, safe with several shells open at once.

File format (the one prompt_toolkit's FileHistory uses, so either can read it):

    # 2024-05-01 12:00:00.123456
    +f[x_] := x^2
    +
    # 2024-05-01 12:00:03.000001
    +f[3]

A `#` line starts an entry; each `+` line is one line of it. Entries are only
ever appended, each with a single write(2) on a descriptor opened with
O_APPEND, so the kernel places every entry at the current end of the file and
two shells never overwrite or interleave each other's lines. The file is never
truncated or rewritten.
"""

from __future__ import annotations

import datetime
import os

# How many of the newest entries a shell loads at start.
LOAD_LIMIT = 20_000


class HistoryFile:
    def __init__(self, path: str):
        self.path = path

    def load(self, limit: int = LOAD_LIMIT) -> list[str]:
        """The entries in the file, oldest first (at most `limit` newest ones)."""
        try:
            with open(self.path, "rb") as f:
                data = f.read()
        except OSError:
            return []
        entries: list[str] = []
        lines: list[str] = []
        for raw in data.decode("utf-8", errors="replace").split("\n"):
            if raw.startswith("+"):
                lines.append(raw[1:])
            elif lines:
                # A `#` line (or anything unexpected) ends the entry.
                entries.append("\n".join(lines))
                lines = []
        if lines:
            entries.append("\n".join(lines))
        return entries[-limit:]

    def append(self, entry: str) -> None:
        """Add one entry at the end of the file (one write, O_APPEND)."""
        stamp = datetime.datetime.now().isoformat(sep=" ")
        body = "".join("+" + line + "\n" for line in entry.split("\n"))
        chunk = f"\n# {stamp}\n{body}".encode("utf-8")
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        except OSError:
            return  # history is a convenience: never fail an input over it
        try:
            os.write(fd, chunk)
        except OSError:
            pass
        finally:
            os.close(fd)


def make_prompt_history(store: HistoryFile):
    """A prompt_toolkit History backed by `store` (imported lazily: REPL only)."""
    from prompt_toolkit.history import History

    class LyraHistory(History):
        def load_history_strings(self):
            # prompt_toolkit wants the newest entry first.
            return reversed(store.load())

        def store_string(self, string: str) -> None:
            store.append(string)

    return LyraHistory()


def search(entries: list[str], pattern: str) -> list[tuple[int, str]]:
    """(index, entry) for the entries matching `pattern`: a glob when it has
    wildcards (as IPython's %history -g), else a substring."""
    if any(ch in pattern for ch in "*?["):
        import fnmatch

        glob = pattern if pattern.startswith("*") else "*" + pattern
        glob = glob if glob.endswith("*") else glob + "*"
        return [(i, e) for i, e in enumerate(entries) if fnmatch.fnmatchcase(e, glob)]
    return [(i, e) for i, e in enumerate(entries) if pattern in e]
