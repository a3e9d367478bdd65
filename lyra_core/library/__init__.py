"""The standard library: every builtin, registered on import (see registry.py)."""

from __future__ import annotations

import importlib
import pkgutil

_loaded = False


def load_library() -> None:
    """Import every library module once (each registers its builtins)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_") and info.name != "registry":
            importlib.import_module(f"{__name__}.{info.name}")
