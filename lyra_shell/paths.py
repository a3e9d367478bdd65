"""Where the shell keeps its files, and how it writes them safely.

History lives in the XDG state directory, configuration in the XDG config
directory. Files the shell rewrites (%save, %bench -o, %profile -o) are written
atomically (lyra_core.atomic): a temporary file in the same directory, then os.replace, so a
reader never sees half a file and a crash never leaves one behind.
"""

from __future__ import annotations

import os

from lyra_core.atomic import write_atomically


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
    """Replace the file at `path` with `data` in one step (lyra_core.atomic),
    creating its directory when needed."""
    write_atomically(path, data, make_dirs=True)
