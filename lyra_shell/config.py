"""The shell's configuration: $XDG_CONFIG_HOME/lyra/config.toml (optional).

    # ~/.config/lyra/config.toml
    engine = "tree"                 # default engine when --engine is not given
    color = true                    # false: plain output (as --no-color)
    timing = false                  # start with %timing on
    max_output_chars = 4000         # longer results are shortened with <<n>>
    complete_while_typing = true    # open the completion menu without Tab
    auto_suggest = true             # grey suggestions from history

Next to it, `init.lyra` (if present) is evaluated when the shell starts.
Problems in the file are reported and the defaults used; they never stop
the shell from starting.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .paths import config_dir

SETTINGS = {
    "engine": str,
    "color": bool,
    "timing": bool,
    "max_output_chars": int,
    "complete_while_typing": bool,
    "auto_suggest": bool,
}


@dataclass
class Config:
    engine: str | None = None
    color: bool = True
    timing: bool = False
    max_output_chars: int = 4000
    complete_while_typing: bool = True
    auto_suggest: bool = True
    startup_file: str | None = None
    problems: list[str] = field(default_factory=list)


def load_config(directory: str | None = None) -> Config:
    directory = directory or config_dir()
    config = Config()
    path = os.path.join(directory, "config.toml")
    if os.path.exists(path):
        _apply_file(config, path)
    startup = os.path.join(directory, "init.lyra")
    if os.path.exists(startup):
        config.startup_file = startup
    return config


def _apply_file(config: Config, path: str) -> None:
    import tomllib

    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        config.problems.append(f"{path}: ignored ({exc})")
        return
    # Settings may also sit in a [shell] table.
    if isinstance(data.get("shell"), dict):
        data = {**{k: v for k, v in data.items() if k != "shell"}, **data["shell"]}
    for key, value in data.items():
        kind = SETTINGS.get(key)
        if kind is None:
            config.problems.append(f"{path}: unknown setting {key!r} ignored")
        elif type(value) is not kind:
            config.problems.append(
                f"{path}: {key} should be {kind.__name__}, not {type(value).__name__}; ignored"
            )
        elif key == "engine" and value not in ("tree", "vm"):
            config.problems.append(f"{path}: engine must be \"tree\" or \"vm\"; ignored")
        elif key == "max_output_chars" and value < 100:
            config.problems.append(f"{path}: max_output_chars must be at least 100; ignored")
        else:
            setattr(config, key, value)
