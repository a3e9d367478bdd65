"""Where the shell keeps its files, and how it writes them safely.

History lives in the XDG state directory, configuration in the XDG config
directory. Files the shell rewrites (%save, %bench -o, %profile -o) are written
atomically: a temporary file in the same directory, then os.replace, so a
reader never sees half a file and a crash never leaves one behind.
"""

from __future__ import annotations

import os
import tempfile


def _xdg_dir(variable: str, fallback: tuple[str, ...]) -> str:
    base = os.environ.get(variable)
    if not base or not os.path.isabs(base):
        # The XDG spec: relative paths are invalid and must be ignored.
        base = os.path.join(os.path.expanduser("~"), *fallback)
    return os.path.join(base, "lyra")


def state_dir() -> str:
    """$XDG_STATE_HOME/lyra (default ~/.local/state/lyra)."""
    return _xdg_dir("XDG_STATE_HOME", (".local", "state"))


def config_dir() -> str:
    """$XDG_CONFIG_HOME/lyra (default ~/.config/lyra)."""
    return _xdg_dir("XDG_CONFIG_HOME", (".config",))


def history_path() -> str:
    return os.path.join(state_dir(), "history")


def atomic_write(path: str, data: str | bytes) -> None:
    """Replace the file at `path` with `data` in one step."""
    path = os.path.abspath(os.path.expanduser(path))
    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=directory, prefix=".lyra-", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); give it the usual mode.
        os.chmod(temp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
