"""%profile: per-definition and per-builtin time of one evaluation."""

from __future__ import annotations

import os

from . import MagicError, Option, magic, positive_int, report_unless_complete
from ..frontend import format_seconds, plural
from ..sessions import load_definitions

ENGINE_CHOICES = ("tree", "vm")
TREE_DEPTH = 10  # call-tree levels shown
TREE_MIN_SHARE = 0.005  # hide call-tree nodes under 0.5% of the total


@magic(
    "profile",
    summary="profile expr: calls, own and cumulative time per definition and builtin",
    usage="%profile [--engine tree|vm] [--python] [--top N] [-o FILE] expr",
    options=[
        Option(("--engine",), "engine", value="ENGINE", choices=ENGINE_CHOICES,
               help="profile on this engine (definitions carried over)"),
        Option(("--python",), "python", help="also show the Python-level cProfile view"),
        Option(("--top",), "top", value="N", type=positive_int, default=15,
               help="rows in the table and children per call-tree node (default 15)"),
        Option(("-o", "--output"), "output", value="FILE",
               help="write a flame graph (speedscope JSON; open it at speedscope.app)"),
    ],
    details="Times include the tracer's own overhead, spread evenly over calls, so\n"
            "compare shares rather than absolute times. %bench gives clean timings.",
)
def profile_magic(shell, opts, rest):
    from ..tracer import ProfileTracer

    source = rest.strip()
    if not source:
        raise MagicError("usage: %profile [options] expr")
    if opts["output"] and not opts["output"].endswith(".json"):
        raise MagicError("%profile -o writes speedscope JSON: give a FILE ending in .json")
    if not report_unless_complete(shell, source):
        return
    session, temporary = session_for(shell, opts["engine"])
    tracer = ProfileTracer(record_events=bool(opts["output"]))
    profiler = None
    if opts["python"]:
        import cProfile

        profiler = cProfile.Profile()
    line = session.line
    session.set_tracer(tracer)
    try:
        if profiler is not None:
            profiler.enable()
        try:
            value = session.evaluate(source)
        finally:
            if profiler is not None:
                profiler.disable()
    finally:
        session.set_tracer(None)
        tracer.finish()
    if not temporary:
        shell.show_value(line, value)
    else:
        shell.printer.hint(f"Result on the {opts['engine']} engine:")
        shell.printer.plain_result(session.format(value))
        session.close()
    show_profile(shell, tracer, opts["top"])
    if profiler is not None:
        show_python_profile(shell, profiler, opts["top"])
    if opts["output"]:
        write_flame_graph(shell, tracer, source, opts["output"])


def session_for(shell, engine: str | None):
    """(session, is_temporary): the shell's session, or a session on another
    engine holding the same definitions."""
    if engine is None or engine == shell.engine:
        return shell.session, False
    return copy_session(shell, engine), True


def copy_session(shell, engine: str, quiet: bool = False):
    """A new session on `engine` with the shell session's definitions (the
    same Lyra source %save writes and the %bench workers load). quiet: its
    Print output and messages are dropped. Close it after use."""
    from lyra_core import Session, engines_available

    from .basic import engine_unavailable

    if engine not in engines_available():
        raise MagicError(engine_unavailable(engine, engines_available()))
    source = shell.session.definitions_source()
    if quiet:
        other = Session(engine=engine, sandbox=shell.opts.sandbox,
                        stdout=_discard, on_message=_discard)
    else:
        other = shell.make_session(engine)
    load_definitions(other, source)
    return other


def _discard(*_args) -> None:
    pass


def show_profile(shell, tracer, top: int) -> None:
    from rich.table import Table

    total = tracer.wall or 1e-12
    rows = tracer.rows(top)
    if not rows:
        shell.printer.info("No definitions or builtins were applied "
                           f"({format_seconds(tracer.wall)}).")
        return
    table = Table(title=f"Profile: {format_seconds(tracer.wall)} in total, "
                        f"{sum(s.calls for s in tracer.stats.values()):,} calls",
                  title_justify="left", header_style="bold", box=None, pad_edge=False)
    table.add_column("Function", no_wrap=True)
    table.add_column("Kind")
    table.add_column("Calls", justify="right")
    table.add_column("Own", justify="right")
    table.add_column("Own %", justify="right")
    table.add_column("Cumulative", justify="right")
    table.add_column("Cum %", justify="right")
    table.add_column("Own/call", justify="right")
    for name, kind, calls, own, cumulative in rows:
        table.add_row(
            name,
            kind,
            f"{calls:,}",
            format_seconds(own),
            f"{100 * own / total:.1f}",
            format_seconds(cumulative),
            f"{100 * cumulative / total:.1f}",
            format_seconds(own / calls) if calls else "-",
        )
    shell.printer.print(table)
    shell.printer.print(call_tree(tracer, top))


def call_tree(tracer, top: int):
    from rich.text import Text
    from rich.tree import Tree

    total = tracer.root.total or 1e-12
    tree = Tree(Text(f"call tree ({format_seconds(tracer.root.total)})", style="bold"))

    def label(node) -> Text:
        name, kind = node.key
        text = Text(name, style="bold blue" if kind == "builtin" else "bold")
        text.append(f"  {plural(node.calls, 'call')}, "
                    f"{format_seconds(node.total)} ({100 * node.total / total:.1f}%)"
                    f", own {format_seconds(node.own)}", style="none")
        return text

    # Iterative, since recursive Lyra code makes deep trees.
    pending = [(tree, tracer.root, 0)]
    while pending:
        branch, node, depth = pending.pop()
        children = sorted(node.children.values(), key=lambda c: -c.total)
        shown = [c for c in children[:top] if c.total >= TREE_MIN_SHARE * total]
        hidden = len(children) - len(shown)
        for child in shown:
            sub = branch.add(label(child))
            if depth + 1 < TREE_DEPTH:
                pending.append((sub, child, depth + 1))
            elif child.children:
                sub.add(Text("...", style="dim"))
        if hidden and shown:
            branch.add(Text(f"({hidden} smaller)", style="dim"))
    return tree


def show_python_profile(shell, profiler, top: int) -> None:
    import io
    import pstats

    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    shell.printer.info("Python view (cProfile, by cumulative time):")
    shell.printer.info(stream.getvalue().strip("\n"))


def write_flame_graph(shell, tracer, title: str, path: str) -> None:
    from lyra_core import __version__

    from ..paths import atomic_write
    from ..speedscope import speedscope_json

    try:
        atomic_write(os.path.expanduser(path),
                     speedscope_json(tracer, title, f"lyra {__version__} %profile"))
    except OSError as exc:
        raise MagicError(f"Cannot write {path}: {exc.strerror or exc}") from None
    note = " (event stream truncated)" if tracer.events_dropped else ""
    shell.printer.info(f"Flame graph written to {path}{note}; "
                       "open it at https://www.speedscope.app")
