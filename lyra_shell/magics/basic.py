"""The everyday magics: timing, engines, variables, files, history, help."""

from __future__ import annotations

import os
import time

from . import MAGICS, MagicError, Option, load_all, magic, positive_int
from ..frontend import format_seconds, plural


def _require(rest: str, usage: str) -> str:
    if not rest.strip():
        raise MagicError(f"usage: {usage}")
    return rest


# ------------------------------------------------------------------ timing
@magic("time", summary="evaluate expr and show its wall and CPU time",
       usage="%time expr")
def time_magic(shell, opts, rest):
    source = _require(rest, "%time expr")
    wall0, cpu0 = time.perf_counter(), time.process_time()
    timing = shell.timing
    shell.timing = False  # one timing line, not two
    try:
        shell.evaluate(source)
    finally:
        shell.timing = timing
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    shell.printer.hint(f"Wall time: {format_seconds(wall)}, CPU time: {format_seconds(cpu)}")


@magic("timing", summary="show the wall time of every evaluation (on/off)",
       usage="%timing [on|off]", argument="words", choices=("on", "off"))
def timing_magic(shell, opts, rest):
    word = rest.strip().lower()
    if word in ("on", "off"):
        shell.timing = word == "on"
    elif word:
        raise MagicError("usage: %timing [on|off]")
    shell.printer.info(f"Timing is {'on' if shell.timing else 'off'}.")


# ------------------------------------------------------------------ engines
@magic("engine", summary="show or switch the evaluation engine (definitions carry over)",
       usage="%engine [tree|vm]", argument="words", choices=("tree", "vm"))
def engine_magic(shell, opts, rest):
    from lyra_core import engines_available

    available = engines_available()
    wanted = rest.strip()
    if not wanted:
        others = ", ".join(e for e in available if e != shell.engine) or "none"
        shell.printer.info(f"Engine: {shell.engine} (also available: {others})")
        return
    if wanted not in ("tree", "vm"):
        raise MagicError("usage: %engine [tree|vm]")
    if wanted not in available:
        raise MagicError(engine_unavailable(wanted, available))
    if wanted == shell.engine:
        shell.printer.info(f"Already on the {wanted} engine.")
        return
    shell.switch_engine(wanted)
    shell.printer.info(f"Engine: {wanted} (definitions carried over; Out history starts afresh).")


def engine_unavailable(engine: str, available) -> str:
    what = "The bytecode engine (vm)" if engine == "vm" else f"Engine {engine!r}"
    return f"{what} is not available in this build; available: {', '.join(available)}."


@magic("dis", summary="show the bytecode the VM compiles expr to (-r: and the definitions it calls)",
       usage="%dis [-r] expr",
       options=[Option(("-r", "--recursive"), "recursive",
                       help="also list the compiled code of the user definitions expr calls")])
def dis_magic(shell, opts, rest):
    from lyra_core import engines_available

    source = _require(rest, "%dis [-r] expr")
    if "vm" not in engines_available():
        raise MagicError(engine_unavailable("vm", engines_available()) +
                         " %dis shows VM bytecode.")
    disassemble = getattr(shell.session, "disassemble", None)
    if disassemble is None:
        raise MagicError("%dis needs the VM session's disassemble(); switch with %engine vm.")
    shell.printer.info(disassemble(source, recursive=bool(opts.get("recursive"))))


# ------------------------------------------------------------------ variables
@magic("vars", summary="list user symbols with their values and definitions",
       usage="%vars [pattern]")
def vars_magic(shell, opts, rest):
    import fnmatch

    from rich.table import Table

    names = sorted(shell.session.user_symbols())
    pattern = rest.strip()
    if pattern:
        names = [n for n in names if fnmatch.fnmatchcase(n, pattern)]
    rows = []
    for name in names:
        text = (shell.session.definition_text(name) or "").strip()
        if text:
            rows.append((name, text))
    if not rows:
        shell.printer.info("No user definitions.")
        return
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Symbol", no_wrap=True)
    table.add_column("Definitions")
    for name, text in rows:
        table.add_row(name, shell.printer.highlight(text))
    shell.printer.print(table)


@magic("clear", argument="none",
       summary="remove all user definitions (ClearAll on every user symbol)",
       usage="%clear")
def clear_magic(shell, opts, rest):
    from lyra_core.expr import E, lookup, system

    from ..sessions import evaluate_unrecorded

    names = shell.session.user_symbols()
    if names:
        evaluate_unrecorded(shell.session, E(system("ClearAll"), *[lookup(n) for n in names]))
    shell.printer.info(f"Cleared {plural(len(names), 'symbol')}.")


# ------------------------------------------------------------------ files
def _read_source(path: str) -> str:
    from ..batch import strip_shebang

    path = os.path.expanduser(path)
    try:
        with open(path, encoding="utf-8") as f:
            return strip_shebang(f.read())
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise MagicError(f"Cannot read {path}: {reason}") from None


def _path_argument(rest: str, usage: str) -> tuple[str, str]:
    from . import next_word

    found = next_word(rest, 0)
    if found is None:
        raise MagicError(f"usage: {usage}")
    word, _, end = found
    return word, rest[end:]


@magic("load", summary="evaluate a Lyra file in this session (as Get[file] does)",
       usage="%load FILE", argument="path")
def load_magic(shell, opts, rest):
    from lyra_core.syntax import LyraSyntaxError

    path, _ = _path_argument(rest, "%load FILE")
    source = _read_source(path)
    line = shell.session.line
    try:
        value = shell.session.evaluate(source)
    except LyraSyntaxError as exc:
        shell.printer.syntax_error(f"{path}: {exc.render()}")
        return
    shell.show_value(line, value)


@magic("run", summary="run a Lyra file as a script ($ScriptCommandLine = {FILE, ARGS...})",
       usage="%run FILE [ARGS...]", argument="path")
def run_magic(shell, opts, rest):
    from lyra_core.expr import E, S, system
    from lyra_core.syntax import LyraSyntaxError, parse_statements

    from ..sessions import evaluate_unrecorded
    from . import next_word

    path, tail = _path_argument(rest, "%run FILE [ARGS...]")
    args = []
    pos = 0
    while (found := next_word(tail, pos)) is not None:
        args.append(found[0])
        pos = found[2]
    source = _read_source(path)
    session = shell.session
    # Set before parsing, so the script's $ScriptCommandLine resolves to this
    # System` symbol and not to a fresh Global` one.
    evaluate_unrecorded(session, E(S.Set, system("$ScriptCommandLine"), E(S.List, path, *args)))
    try:
        statements = parse_statements(source)
    except LyraSyntaxError as exc:
        shell.printer.syntax_error(f"{path}: {exc.render()}")
        return
    aborted = system("$Aborted")
    for statement in statements:
        if session.evaluate_expr(statement.expr) is aborted:
            shell.printer.message(f"{path}: aborted.")
            return


@magic("save", summary="write the session's definitions as Lyra source (%load restores them)",
       usage="%save FILE", argument="path")
def save_magic(shell, opts, rest):
    from ..paths import atomic_write

    path, _ = _path_argument(rest, "%save FILE")
    source = shell.session.definitions_source()
    try:
        atomic_write(os.path.expanduser(path), source)
    except OSError as exc:
        raise MagicError(f"Cannot write {path}: {exc.strerror or exc}") from None
    count = len(shell.session.user_symbols())
    shell.printer.info(f"Saved the definitions of {plural(count, 'symbol')} to {path}.")


# ------------------------------------------------------------------ history
@magic("history", argument="none",
       summary="show this session's inputs, or search all history with -g",
       usage="%history [n] [-g pattern]",
       options=[Option(("-g", "--grep"), "grep", value="PATTERN",
                       help="search the whole history file (glob or substring)")])
def history_magic(shell, opts, rest):
    from ..history import search

    count = None
    if rest.strip():
        try:
            count = positive_int(rest.strip())
        except ValueError:
            raise MagicError("usage: %history [n] [-g pattern]") from None
    if opts["grep"] is not None:
        if shell.history is not None:
            entries = shell.history.load()
        else:
            entries = [text for _, text in shell.inputs]
        found = search(entries, opts["grep"])
        if count:
            found = found[-count:]
        if not found:
            shell.printer.info(f"No history entry matches {opts['grep']!r}.")
        for index, entry in found:
            _show_entry(shell, f"{index + 1:>5}", entry)
        return
    inputs = shell.inputs[:-1]  # not this %history line itself
    if count:
        inputs = inputs[-count:]
    for number, entry in inputs:
        _show_entry(shell, f"{number:>5}" if number is not None else "    -", entry)


def _show_entry(shell, label: str, entry: str) -> None:
    from rich.text import Text

    text = shell.printer.styled(label + "  ", ("bright_black", ""))
    indent = "\n" + " " * (len(label) + 2)
    text.append_text(shell.printer.highlight(entry.replace("\n", indent)))
    shell.printer.print(text if isinstance(text, Text) else str(text))


# ------------------------------------------------------------------ statistics
@magic("perf", argument="none",
       summary="session statistics: evaluations, static vs dynamic calls, fast paths",
       usage="%perf")
def perf_magic(shell, opts, rest):
    from rich.table import Table

    stats = dict(getattr(shell.session, "stats", {}) or {})
    if not stats:
        shell.printer.info("No statistics yet.")
        return
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    table.add_column("Counter")
    table.add_column("Value", justify="right")
    for key, value in stats.items():
        table.add_row(key.replace("_", " "), _number(value))
    for label, part, other in derived_rates(stats):
        table.add_row(label, f"{100 * part / (part + other):.1f} %")
    shell.printer.print(table)


# Pairs of counters whose ratio is worth showing: (label, hits key, misses key).
RATES = (
    ("static call share", "static_calls", "dynamic_calls"),
    ("pattern fast-path hit rate", "fast_path_hits", "fast_path_misses"),
    ("compile cache hit rate", "compile_cache_hits", "compile_cache_misses"),
)


def derived_rates(stats: dict):
    for label, hit_key, miss_key in RATES:
        hits, misses = stats.get(hit_key), stats.get(miss_key)
        if isinstance(hits, int) and isinstance(misses, int) and hits + misses > 0:
            yield label, hits, misses


def _number(value) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


@magic("memory", argument="none",
       summary="memory held by the definitions and by the Out history",
       usage="%memory")
def memory_magic(shell, opts, rest):
    from rich.table import Table

    from ..memory import definitions_size, out_history_size

    per_symbol = definitions_size(shell.session)
    out_bytes, out_count = out_history_size(shell.session)
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    table.add_column("What")
    table.add_column("Size", justify="right")
    for name, size in sorted(per_symbol.items(), key=lambda kv: -kv[1])[:15]:
        table.add_row(f"  {name}", format_bytes(size))
    table.add_row("definitions", format_bytes(sum(per_symbol.values())))
    if out_count is None:
        table.add_row("Out history", "unknown")
    else:
        table.add_row(f"Out history ({out_count} results)", format_bytes(out_bytes))
    shell.printer.print(table)


def format_bytes(size: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"


# ------------------------------------------------------------------ help and the rest
@magic("help", summary="list the magics, or show one magic's help (%help %bench)",
       usage="%help [%magic]", argument="magic")
def help_magic(shell, opts, rest):
    from rich.table import Table

    from . import find

    load_all()
    name = rest.strip().lstrip("%")
    if name:
        m = find(name)
        if m is None:
            raise MagicError(f"Unknown magic %{name}; %help lists them.")
        shell.printer.info(m.help_text())
        return
    shell.printer.info("Lyra shell. Enter evaluates a complete input; an incomplete one"
                       " continues on the next line (Alt-Enter forces a new line).")
    shell.printer.info("?Name shows help on Name, ??Name adds its definitions; "
                       "%, %%, %n and Out[n] are earlier results; Ctrl-C aborts; Ctrl-D exits.")
    shell.printer.info("")
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column(no_wrap=True)
    table.add_column()
    for m in sorted(MAGICS.values(), key=lambda m: m.name):
        table.add_row("%" + m.name, m.summary)
    shell.printer.print(table)
    shell.printer.hint("%help %name shows the options of one magic.")


@magic("debug", argument="none",
       summary="show the Python traceback of the last internal error",
       usage="%debug")
def debug_magic(shell, opts, rest):
    if shell.last_traceback is None:
        shell.printer.info("No internal error in this session.")
    else:
        shell.printer.info(shell.last_traceback.rstrip())


@magic("full", argument="none",
       summary="show a shortened result (or Out[n]) in full", usage="%full [n]")
def full_magic(shell, opts, rest):
    word = rest.strip()
    if word:
        try:
            line = int(word)
        except ValueError:
            raise MagicError("usage: %full [n]") from None
    else:
        line = shell.last_shortened
        if line is None:
            shell.printer.info("No result has been shortened.")
            return
    value = shell.shortened.get(line)
    if value is None:
        out_value = getattr(shell.session, "out_value", None)
        value = out_value(line) if out_value is not None else None
    if value is None:
        raise MagicError(f"Out[{line}] is not known.")
    shell.printer.result(line, shell.session.format(value))


@magic("quit", argument="none",
       summary="leave the shell (as Exit[] or Ctrl-D)", usage="%quit",
       aliases=("exit",))
def quit_magic(shell, opts, rest):
    from lyra_core import SessionExit

    raise SessionExit(0)
