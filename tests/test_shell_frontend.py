"""The shell's handling of one input (frontend.Shell) and the magics, driven
directly with a real session and the output captured as plain text."""

import io
import json
import subprocess
import sys

import pytest

from lyra_core import SessionExit, engines_available
from lyra_shell.cli import Options
from lyra_shell.frontend import Shell
from lyra_shell.history import HistoryFile
from lyra_shell.output import Printer

FIB = "fib[n_] := If[n < 2, n, fib[n - 1] + fib[n - 2]]"


class Harness:
    def __init__(self, tmp_path, **options):
        self.out = io.StringIO()
        opts = Options()
        opts.engine = "tree"
        for key, value in options.items():
            setattr(opts, key, value)
        self.store = HistoryFile(str(tmp_path / "state" / "lyra" / "history"))
        self.shell = Shell(opts, Printer(color=False, file=self.out, width=200), self.store)
        self.tmp = tmp_path

    def __call__(self, text: str) -> str:
        """Handle one input; the text it printed."""
        start = self.out.tell()
        self.shell.handle(text)
        self.out.seek(start)
        printed = self.out.read()
        return printed


@pytest.fixture
def sh(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return Harness(tmp_path)


# ------------------------------------------------------------------ evaluation
def test_out_prompts_and_history_references(sh):
    assert sh("1 + 1") == "Out[1]= 2\n\n"
    assert sh("f[x_] := x^2") == ""
    assert sh("f[3]") == "Out[3]= 9\n\n"
    assert sh("% + 1") == "Out[4]= 10\n\n"
    assert sh("Out[1] + %%") == "Out[5]= 11\n\n"


def test_print_output_and_messages(sh):
    assert sh('Print["hi"]; 3') == "hi\nOut[1]= 3\n\n"
    printed = sh("{1, 2, 3}[[5]]")
    assert printed == ("Part::partw: Part 5 of {1, 2, 3} does not exist.\n"
                       "Out[2]= {1, 2, 3}[[5]]\n\n")


def test_syntax_error_shows_caret_and_no_out(sh):
    printed = sh("f[1,, 2]]")
    assert "^" in printed and "Out[" not in printed
    assert "Traceback" not in printed
    assert sh("1") == "Out[1]= 1\n\n"  # a syntax error takes no line number


def test_classify_for_enter(sh):
    assert sh.shell.classify("f[x_] :=") == "incomplete"
    assert sh.shell.classify("{1,\n 2") == "incomplete"
    assert sh.shell.classify("f[x_] := x^2") == "complete"
    assert sh.shell.classify("%bench f[") == "complete"  # magics are single lines
    assert sh.shell.classify("?Plus") == "complete"
    error = sh.shell.classify("f[1,, 2]]")
    assert hasattr(error, "render") and not error.incomplete


def test_exit_propagates(sh):
    with pytest.raises(SessionExit) as caught:
        sh("Exit[2]")
    assert caught.value.code == 2


def test_internal_error_is_reported_and_debug_shows_it(sh, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(sh.shell.session, "format", broken)
    printed = sh("1 + 1")
    assert "Internal error: ZeroDivisionError: boom" in printed
    assert "Traceback" not in printed
    monkeypatch.undo()
    assert sh("2 + 2").startswith("Out[")
    trace = sh("%debug")
    assert "Traceback (most recent call last)" in trace and "ZeroDivisionError" in trace


def test_traceback_option_prints_tracebacks(tmp_path, monkeypatch):
    h = Harness(tmp_path, traceback=True)
    monkeypatch.setattr(h.shell.session, "format", lambda *a, **k: 1 / 0)
    assert "Traceback (most recent call last)" in h("1 + 1")


def test_long_output_is_shortened_and_full_shows_it(sh):
    sh.shell.max_output_chars = 200
    printed = sh("Range[1000]")
    first = printed.splitlines()[0]
    assert first.startswith("Out[1]= {1, 2, ") and "<<" in first and ">>" in first
    assert len(first) < 400
    assert "(output shortened; %full 1 shows all of it)" in printed
    full = sh("%full")
    assert full.startswith("Out[1]= {1, 2, 3") and "999, 1000}" in full


# ------------------------------------------------------------------ help
def test_question_mark_help(sh):
    assert "Print[e1, e2, ...]" in sh("?Print")
    sh(FIB)
    assert "fib[n_] := If[n < 2, n, fib[n - 1] + fib[n - 2]]" in sh("??fib")
    assert "fib[n_] :=" in sh("?fib")  # user symbols show their definitions
    assert sh("?NoSuchThing") == "Information::notfound: Symbol NoSuchThing not found.\n"
    listing = sh("?Print*")
    assert "Print" in listing.split()
    assert "Attributes[Plus] = {Flat, Listable," in sh("??Plus")
    assert "Attributes[Plus]" not in sh("?Plus")
    sh('g::usage = "g[x] adds one."; g[x_] := x + 1')
    assert sh("?g").startswith("g[x] adds one.\n")
    assert sh("?Global`*").split() == sorted(sh.shell.session.user_symbols())


def test_help_magic(sh):
    overview = sh("%help")
    for name in ("%bench", "%profile", "%time", "%history", "%save"):
        assert name in overview
    detail = sh("%help %bench")
    assert detail.startswith("%bench [--engine tree|vm|both]")
    assert "--inprocess" in detail and "--compare-to FILE" in detail
    assert "Unknown magic %nope" in sh("%nope")


# ------------------------------------------------------------------ simple magics
def test_time_and_timing(sh):
    printed = sh("%time 2^10")
    assert printed.startswith("Out[1]= 1024\n") and "Wall time:" in printed
    assert "CPU time:" in printed
    assert sh("%timing on") == "Timing is on.\n"
    assert "Wall time:" in sh("3 + 4")
    sh("%timing off")
    assert sh("3 + 4") == "Out[3]= 7\n\n"


def test_engine_magic(sh):
    assert sh("%engine").startswith("Engine: tree")
    printed = sh("%engine vm")
    if "vm" in engines_available():
        assert "Engine: vm" in printed
    else:
        assert "bytecode engine (vm) is not available" in printed
    assert "usage: %engine" in sh("%engine turbo")


def test_dis_without_vm(sh):
    if "vm" in engines_available():
        pytest.skip("the VM exists: %dis is tested with it")
    assert "not available" in sh("%dis fib[3]")


def test_dis_magic_lists_code_and_on_request_the_definitions(tmp_path, monkeypatch):
    if "vm" not in engines_available():
        pytest.skip("no VM in this build")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    vm = Harness(tmp_path, engine="vm")
    vm(FIB)
    flat = vm("%dis fib[10]")
    assert "CALL_LINKED  fib, 1" in flat and "RETURN_VALUE" in flat
    assert "definition fib" not in flat
    deep = vm("%dis -r fib[10]")
    assert "definition fib[n_] :> If[n < 2, n, fib[n - 1] + fib[n - 2]]:" in deep
    assert "TEST_IF" in deep and "NUM_OP       <" in deep
    assert "usage: %dis" in vm("%dis")


def test_vars_clear(sh):
    sh(FIB)
    sh("limit = 10")
    listing = sh("%vars")
    assert "fib" in listing and "limit = 10" in listing
    assert sh("%clear").startswith("Cleared")
    # %clear takes no line number: this is input 3.
    assert sh("fib[5]") == "Out[3]= fib[5]\n\n"
    assert sh("%vars") == "No user definitions.\n"


def test_save_then_load_in_a_new_shell(sh, tmp_path):
    sh(FIB)
    sh("scale = 3")
    target = tmp_path / "saved" / "session.lyra"
    assert "Saved" in sh(f"%save {target}")
    text = target.read_text()
    assert "fib[n_] :=" in text and "scale = 3" in text
    fresh = Harness(tmp_path)
    fresh(f"%load {target}")
    assert fresh("scale * fib[10]") == "Out[2]= 165\n\n"
    assert "Cannot read" in fresh("%load /no/such/file.lyra")


def test_run_magic_sets_script_arguments(sh, tmp_path):
    script = tmp_path / "s.lyra"
    script.write_text('Print["got ", $ScriptCommandLine]\nran = True\n')
    assert sh(f'%run {script} a "b c"') == f"got {{{script}, a, b c}}\n"
    assert sh("ran").endswith("= True\n\n")


def test_load_quietly_for_start_up_files(sh, tmp_path):
    init = tmp_path / "init.lyra"
    init.write_text('greeting = "hello"\nPrint["init ran"]\n')
    sh.shell.load_quietly(str(init))
    assert sh.out.getvalue() == "init ran\n"
    assert sh("greeting") == 'Out[1]= "hello"\n\n'
    sh.shell.load_quietly(str(tmp_path / "missing.lyra"))
    assert "Cannot read" in sh.out.getvalue()


def test_history_magic(sh):
    sh("1 + 1")
    sh("%timing off")
    sh("uniqueName = 5")
    listing = sh("%history")
    lines = listing.splitlines()
    assert lines[0].split() == ["1", "1", "+", "1"]
    assert lines[1].split() == ["-", "%timing", "off"]
    assert lines[2].split()[:2] == ["2", "uniqueName"]
    assert sh("%history 2").splitlines()[0].split() == ["2", "uniqueName", "=", "5"]
    sh.store.append("uniqueName + 1")  # what the prompt stores
    found = sh("%history -g uniqueName")
    assert "uniqueName + 1" in found


def test_perf_and_memory(sh):
    sh(FIB)
    sh("fib[10]")
    perf = sh("%perf")
    assert "evaluations" in perf and "builtin calls" in perf
    memory = sh("%memory")
    assert "fib" in memory and "definitions" in memory and "Out history (2 results)" in memory


# ------------------------------------------------------------------ %profile
def test_profile_user_function(sh, tmp_path):
    sh(FIB)
    printed = sh("%profile fib[10]")
    assert printed.startswith("Out[2]= 55\n")
    rows = {line.split()[0]: line.split() for line in printed.splitlines() if line.strip()}
    assert rows["fib"][1:3] == ["user", "177"]  # fib[10] makes 177 calls
    assert "If" in rows and rows["If"][1] == "builtin"
    assert "call tree" in printed
    flame = tmp_path / "fib.json"
    printed = sh(f"%profile --python --top 5 -o {flame} fib[6]")
    assert "cProfile" in printed and "Flame graph written" in printed
    doc = json.loads(flame.read_text())
    assert doc["profiles"][0]["type"] == "evented"
    assert "fib" in [f["name"] for f in doc["shared"]["frames"]]


# ------------------------------------------------------------------ %bench
def test_bench_in_process_writes_pyperf_json(sh, tmp_path):
    sh(FIB)
    out = tmp_path / "bench.json"
    printed = sh(f"%bench --inprocess -n 3 --min-time 0.01 -o {out} fib[8]")
    assert "fib[8]: Mean +- std dev:" in printed
    assert "(3 values," in printed and "in process" in printed
    shown = subprocess.run([sys.executable, "-m", "pyperf", "show", str(out)],
                           capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and "Mean +- std dev" in shown.stdout


def test_bench_in_worker_processes_and_compare(sh, tmp_path):
    sh(FIB)
    first = tmp_path / "first.json"
    printed = sh(f"%bench -p 1 -n 2 -l 3 --min-time 0.001 -o {first} fib[6]")
    assert "fib[6]: Mean +- std dev:" in printed, printed
    assert "(2 values, 3 loops each, 1 process; tree engine)" in printed
    assert first.exists()
    compared = sh(f"%bench -p 1 -n 2 -l 3 --compare-to {first} fib[6]")
    assert "Compared to" in compared
    assert "Mean +- std dev: [first]" in compared and "-> [new]" in compared
    assert "Significant (t=" in compared or "Not significant!" in compared


def test_bench_errors(sh):
    assert "usage" in sh("%bench")
    assert "^" in sh("%bench f[1,, 2]]")
    assert "exclude each other" in sh("%bench --fast --rigorous 1")
    printed = sh("%bench --engine both --inprocess -n 2 --min-time 0.001 1 + 1")
    if "vm" not in engines_available():
        assert "not available" in printed and "1 + 1 [tree]" not in printed
        assert "1 + 1: Mean" in printed


def test_bench_worker_reports_setup_errors(tmp_path):
    r = subprocess.run([sys.executable, "-m", "lyra_shell.bench_worker",
                        "--lyra-expr", "f[1,, 2]]", "-p", "1"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 3
    assert "cannot set up the benchmark: Syntax::sntx" in r.stderr
    r = subprocess.run([sys.executable, "-m", "lyra_shell.bench_worker", "--lyra-expr", "1",
                        "--lyra-defs", str(tmp_path / "missing.lyra"), "-p", "1"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 3 and "No such file" in r.stderr
