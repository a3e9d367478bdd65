"""Unit tests of the shell's helpers that need no running session:
option parsing, history file, atomic writes, config, tracer, speedscope,
magic option parsing."""

import json
import os
import threading

import pytest

from lyra_shell import cli, config, history, paths, speedscope, tracer
from lyra_shell import magics
from lyra_shell.magics import MagicError, Option, parse_options


@pytest.fixture
def xdg(tmp_path, monkeypatch):
    """Point every XDG directory and HOME at temp dirs: never the real home."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


# ------------------------------------------------------------------ command line
def test_parse_args_code_and_its_arguments():
    opts = cli.parse_args(["--engine", "tree", "-c", "1+1", "a", "--no-color"])
    assert opts.code == "1+1"
    assert opts.engine == "tree"
    # Everything after the code belongs to it, options included.
    assert opts.args == ["a", "--no-color"]
    assert opts.color is True


def test_parse_args_script_and_flags():
    opts = cli.parse_args(["--no-color", "--sandbox", "--traceback", "prog.lyra", "x", "-y"])
    assert (opts.file, opts.args) == ("prog.lyra", ["x", "-y"])
    assert (opts.color, opts.sandbox, opts.traceback) == (False, True, True)
    assert cli.parse_args(["-cPrint[1]"]).code == "Print[1]"
    assert cli.parse_args(["--engine=vm"]).engine == "vm"
    assert cli.parse_args(["--", "-odd-name.lyra"]).file == "-odd-name.lyra"


def test_parse_args_help_version_and_errors():
    assert cli.parse_args(["--help"]) == "help"
    assert cli.parse_args(["-h", "-c", "x"]) == "help"
    assert cli.parse_args(["--version"]) == "version"
    with pytest.raises(cli.UsageError, match="unknown option"):
        cli.parse_args(["--frobnicate"])
    with pytest.raises(cli.UsageError, match="tree or vm"):
        cli.parse_args(["--engine", "jit"])
    with pytest.raises(cli.UsageError, match="-c needs"):
        cli.parse_args(["-c"])


# ------------------------------------------------------------------ paths
def test_xdg_directories(xdg, monkeypatch):
    assert paths.history_path() == str(xdg / "state" / "lyra" / "history")
    assert paths.config_dir() == str(xdg / "config" / "lyra")
    monkeypatch.delenv("XDG_STATE_HOME")
    assert paths.state_dir() == str(xdg / "home" / ".local" / "state" / "lyra")
    # A relative XDG path is invalid by the spec and ignored.
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/dir")
    assert paths.config_dir() == str(xdg / "home" / ".config" / "lyra")


def test_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "sub" / "defs.lyra"
    paths.atomic_write(str(target), "f[x_] := x^2;\n")
    paths.atomic_write(str(target), "g = 1;\n")
    assert target.read_text() == "g = 1;\n"
    assert sorted(os.listdir(target.parent)) == ["defs.lyra"]
    umask = os.umask(0)
    os.umask(umask)
    # Not mkstemp's private 0600: the mode any new file gets.
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


# ------------------------------------------------------------------ history
def test_history_round_trip_multiline(tmp_path):
    store = history.HistoryFile(str(tmp_path / "state" / "history"))
    assert store.load() == []
    store.append("f[x_] :=\n  x^2")
    store.append("f[3]")
    store.append("a\n\nb")
    assert store.load() == ["f[x_] :=\n  x^2", "f[3]", "a\n\nb"]
    assert store.load(limit=1) == ["a\n\nb"]


def test_history_reads_prompt_toolkit_format(tmp_path):
    path = tmp_path / "history"
    path.write_text("\n# 2024-01-01 10:00:00\n+1 + 1\n\n# 2024-01-01 10:00:01\n+{1,\n+ 2}\n")
    assert history.HistoryFile(str(path)).load() == ["1 + 1", "{1,\n 2}"]


def test_history_two_writers_never_lose_entries(tmp_path):
    path = str(tmp_path / "history")
    a, b = history.HistoryFile(path), history.HistoryFile(path)

    def write(store, tag):
        for i in range(200):
            store.append(f"{tag}[{i}]\n(* second line {i} *)")

    threads = [threading.Thread(target=write, args=(a, "a")),
               threading.Thread(target=write, args=(b, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    entries = a.load()
    assert len(entries) == 400
    assert sorted(e for e in entries if e.startswith("a[")) == sorted(
        f"a[{i}]\n(* second line {i} *)" for i in range(200))
    # Appending never rewrites: what was there stays a prefix of the file.
    before = open(path, "rb").read()
    b.append("last")
    assert open(path, "rb").read().startswith(before)


def test_history_search_glob_and_substring():
    entries = ["fib[20]", "f[x_] := x^2", "Table[fib[i], {i, 10}]"]
    assert history.search(entries, "fib") == [(0, "fib[20]"), (2, "Table[fib[i], {i, 10}]")]
    assert history.search(entries, "f*x^2") == [(1, "f[x_] := x^2")]


# ------------------------------------------------------------------ config
def test_config_defaults_and_file(tmp_path):
    assert config.load_config(str(tmp_path)).max_output_chars == 4000
    (tmp_path / "config.toml").write_text(
        'timing = true\nmax_output_chars = 500\ncolour = "x"\n[shell]\nengine = "tree"\n')
    (tmp_path / "init.lyra").write_text("x = 1\n")
    cfg = config.load_config(str(tmp_path))
    assert (cfg.timing, cfg.max_output_chars, cfg.engine) == (True, 500, "tree")
    assert cfg.startup_file == str(tmp_path / "init.lyra")
    assert any("unknown setting 'colour'" in p for p in cfg.problems)


def test_config_bad_toml_is_reported_not_fatal(tmp_path):
    (tmp_path / "config.toml").write_text("timing = \n")
    cfg = config.load_config(str(tmp_path))
    assert cfg.timing is False and cfg.problems and "ignored" in cfg.problems[0]


# ------------------------------------------------------------------ magic options
def _magic(**kw):
    return magics.Magic("demo", lambda *a: None, "demo", "%demo", options=[
        Option(("--engine",), "engine", value="E", choices=("tree", "vm", "both")),
        Option(("--fast",), "fast"),
        Option(("-o", "--output"), "output", value="FILE"),
        Option(("--top",), "top", value="N", type=magics.positive_int, default=15),
    ], **kw)


def test_magic_options_then_expression_untouched():
    values, rest = parse_options(_magic(), ' --fast -o "my out.json" --engine=both '
                                           'StringJoin["a b", "c"]')
    assert values == {"engine": "both", "fast": True, "output": "my out.json", "top": 15}
    assert rest == 'StringJoin["a b", "c"]'
    # A leading minus that is no option is the expression's.
    assert parse_options(_magic(), "-x + 1") == ({"engine": None, "fast": None,
                                                   "output": None, "top": 15}, "-x + 1")
    assert parse_options(_magic(), "--top 3 -- --y")[1] == "--y"


def test_magic_option_errors():
    with pytest.raises(MagicError, match="unknown option --nope"):
        parse_options(_magic(), "--nope f[1]")
    with pytest.raises(MagicError, match="one of tree, vm, both"):
        parse_options(_magic(), "--engine jit f[1]")
    with pytest.raises(MagicError, match="needs a value"):
        parse_options(_magic(), "-o")
    with pytest.raises(MagicError, match="bad value"):
        parse_options(_magic(), "--top 0 f[1]")
    with pytest.raises(MagicError, match="takes no value"):
        parse_options(_magic(), "--fast=1 f[1]")


def test_magic_line_detection():
    assert magics.is_magic("%bench fib[20]")
    assert magics.is_magic("  %time 1+1")
    assert not magics.is_magic("%5 + 1")
    assert not magics.is_magic("%% + 1")
    assert not magics.is_magic("% + 1")
    assert magics.split_magic("%bench --fast f[1]") == ("bench", " --fast f[1]")


def test_every_magic_has_help():
    magics.load_all()
    for name in ("bench", "profile", "time", "timing", "engine", "dis", "vars", "clear",
                 "history", "load", "run", "save", "perf", "memory", "help", "debug", "full"):
        m = magics.find(name)
        assert m is not None, name
        assert m.help_text().startswith(m.usage)
    assert magics.find("exit") is magics.find("quit")
    assert "--compare-to FILE" in magics.find("bench").help_text()


# ------------------------------------------------------------------ tracer + speedscope
class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def _traced_fib():
    """fib[2] -> fib[1], fib[0] with Plus, on a controlled clock."""
    t = tracer.ProfileTracer(record_events=True)
    clock = FakeClock()
    t.clock = clock
    t.started = 0.0

    def call(name, kind, own, children=()):
        t.enter(name, kind)
        clock.now += own
        for child in children:
            child()
        t.leave()

    call("fib", "user", 1.0, [
        lambda: call("fib", "user", 2.0),
        lambda: call("fib", "user", 3.0),
        lambda: call("Plus", "builtin", 0.5),
    ])
    t.finish()
    return t


def test_tracer_counts_own_and_cumulative_time():
    t = _traced_fib()
    rows = {(name, kind): (calls, own, cum) for name, kind, calls, own, cum in t.rows()}
    # Recursion: cumulative counts the outermost activation only.
    assert rows[("fib", "user")] == (3, 6.0, 6.5)
    assert rows[("Plus", "builtin")] == (1, 0.5, 0.5)
    assert t.rows()[0][0] == "fib"
    fib = t.root.children[("fib", "user")]
    assert (fib.calls, fib.total, fib.own) == (1, 6.5, 1.0)
    assert fib.children[("fib", "user")].calls == 2


def test_tracer_closes_frames_left_open_by_an_abort():
    t = tracer.ProfileTracer()
    t.enter("f", "user")
    t.enter("g", "user")
    t.finish()
    assert not t.stack
    assert {k[0]: s.calls for k, s in t.stats.items()} == {"f": 1, "g": 1}


def test_speedscope_document_is_balanced_evented_profile():
    t = _traced_fib()
    doc = json.loads(speedscope.speedscope_json(t, "fib[2]", "lyra test"))
    assert doc["$schema"] == "https://www.speedscope.app/file-format-schema.json"
    names = [f["name"] for f in doc["shared"]["frames"]]
    assert names == ["fib", "Plus"]
    profile = doc["profiles"][0]
    assert profile["type"] == "evented" and profile["unit"] == "milliseconds"
    assert profile["endValue"] == pytest.approx(6500.0)
    stack, last = [], 0.0
    for event in profile["events"]:
        assert event["at"] >= last
        last = event["at"]
        if event["type"] == "O":
            stack.append(event["frame"])
        else:
            assert stack.pop() == event["frame"]
    assert stack == [] and len(profile["events"]) == 8
