"""Atomic file replacement, the one implementation every writer uses (Put,
Export, WriteString, CopyFile, %save, %profile -o, %bench -o).

The new contents go to a temporary file in the target's directory, are
flushed to disk, and then os.replace puts that file in the target's place in
one step: a reader sees the old file or the new one, never half of one, and a
writer killed mid-way leaves the old file intact (and at most a stray
`.lyra-*.tmp`, never a truncated target).
"""

from __future__ import annotations

import os
import tempfile
from typing import Callable

# The process umask, read once (reading it means setting it, which is not
# thread-safe to do on every write).
_UMASK = os.umask(0)
os.umask(_UMASK)


def replace_file(path: str, produce: Callable[[str], None], make_dirs: bool = False) -> None:
    """Replace path with the file produce(temporary_path) writes.

    A symbolic link is followed, so the file it points to is replaced. The
    new file keeps the old one's permissions (a new file gets the usual
    0666 & ~umask). Raises OSError when the file cannot be written; the
    target is then unchanged.
    """
    path = os.path.realpath(os.path.expanduser(path))
    directory = os.path.dirname(path)
    if make_dirs:
        os.makedirs(directory, exist_ok=True)
    mode = None
    if os.path.exists(path):
        if os.path.isdir(path):
            raise IsADirectoryError(path)
        mode = os.stat(path).st_mode & 0o7777
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=".lyra-", suffix=".tmp")
    os.close(fd)
    try:
        produce(temporary)
        _sync(temporary)
        # mkstemp makes the file private (0600).
        os.chmod(temporary, mode if mode is not None else 0o666 & ~_UMASK)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def write_atomically(path: str, data: str | bytes, append: bool = False, make_dirs: bool = False) -> None:
    """Replace path with data (a str is written as UTF-8); append=True keeps
    the old contents in front (the whole file is still replaced at once)."""
    payload = data.encode("utf-8") if type(data) is str else bytes(data)

    def produce(temporary: str) -> None:
        with open(temporary, "wb") as f:
            if append:
                old = _old_contents(path)
                if old:
                    f.write(old)
            f.write(payload)

    replace_file(path, produce, make_dirs=make_dirs)


def _old_contents(path: str) -> bytes:
    try:
        with open(os.path.realpath(os.path.expanduser(path)), "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""


def _sync(path: str) -> None:
    """Flush path's data to the disk before it takes the target's name."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
