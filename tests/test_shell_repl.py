"""The prompt_toolkit application, driven through a pipe input and a dummy
output: Enter on complete / incomplete / wrong input, completion, history."""

import contextlib
import io
import signal
import threading

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from lyra_shell.cli import Options
from lyra_shell.completion import LyraCompleter
from lyra_shell.config import Config
from lyra_shell.frontend import Shell
from lyra_shell.history import HistoryFile
from lyra_shell.output import Printer
from lyra_shell.repl import Repl

ENTER = "\r"
TAB = "\t"
CTRL_C = "\x03"
CTRL_D = "\x04"
UP = "\x1b[A"
ALT_ENTER = "\x1b\r"
CTRL_E = "\x05"
BACKSPACE = "\x7f"


class Hung(Exception):
    pass


@pytest.fixture(autouse=True)
def time_limit():
    """Fail a test whose prompt waits for input forever instead of hanging."""
    def expire(signum, frame):
        raise Hung("the prompt did not return in time")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def make(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    stack = contextlib.ExitStack()

    def build(config=None):
        pipe = stack.enter_context(create_pipe_input())
        out = io.StringIO()
        opts = Options()
        opts.engine = "tree"
        store = HistoryFile(str(tmp_path / "state" / "lyra" / "history"))
        shell = Shell(opts, Printer(color=False, file=out, width=200), store)
        repl = Repl(shell, store, config or Config(complete_while_typing=False),
                    input=pipe, output=DummyOutput())
        return repl, pipe, out, store

    with stack:
        yield build


def test_enter_submits_complete_input(make):
    repl, pipe, out, _ = make()
    pipe.send_text("1 + 1" + ENTER)
    assert repl.read() == "1 + 1"


def test_enter_continues_incomplete_input(make):
    repl, pipe, out, _ = make()
    pipe.send_text("f[x_] :=" + ENTER + "x^2" + ENTER)
    assert repl.read() == "f[x_] :=\nx^2"
    pipe.send_text("{1," + ENTER + "  2," + ENTER + "3}" + ENTER)
    # The new line keeps the indentation of the one before.
    assert repl.read() == "{1,\n  2,\n  3}"


def test_alt_enter_forces_a_newline(make):
    repl, pipe, out, _ = make()
    pipe.send_text("a = 1" + ALT_ENTER + "a + 1" + ENTER)
    assert repl.read() == "a = 1\na + 1"


def test_syntax_error_keeps_the_input_editable(make):
    repl, pipe, out, _ = make()
    # Enter on a wrong input prints the caret message and submits nothing;
    # the input stays to be fixed: here End, Backspace (the extra "]"), Enter.
    pipe.send_text("f[1,, 2]]" + ENTER)
    pipe.send_text(CTRL_E + BACKSPACE + ENTER)
    assert repl.read() == "f[1,, 2]"
    printed = out.getvalue()
    assert "Syntax::sntx: unexpected ']' (line 1, column 9)\nf[1,, 2]]\n        ^" in printed


def test_ctrl_c_clears_and_ctrl_d_exits(make):
    repl, pipe, out, _ = make()
    pipe.send_text("half typed" + CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        repl.read()
    pipe.send_text(CTRL_D)
    with pytest.raises(EOFError):
        repl.read()


def test_loop_evaluates_until_ctrl_d(make):
    repl, pipe, out, _ = make()
    pipe.send_text("x = 5" + ENTER + "x + 1" + ENTER + "%time x^2" + ENTER + CTRL_D)
    assert repl.loop() == 0
    printed = out.getvalue()
    assert "Out[1]= 5\n" in printed and "Out[2]= 6\n" in printed
    assert "Out[3]= 25\n" in printed and "Wall time" in printed


def test_loop_exit_status(make):
    repl, pipe, out, _ = make()
    pipe.send_text("Exit[5]" + ENTER)
    assert repl.loop() == 5


def test_prompt_shows_the_line_number(make):
    repl, pipe, out, _ = make()
    assert repl.prompt_text() == [("class:prompt.in", "In[1]:= ")]
    repl.shell.handle("1")
    assert repl.prompt_text() == [("class:prompt.in", "In[2]:= ")]


def test_tab_completes_a_user_symbol(make):
    repl, pipe, out, _ = make()
    repl.shell.handle("myLongFunctionName[x_] := x + 1")
    pipe.send_text("myLongF" + TAB)
    # Completions arrive asynchronously: type on once they had time to.
    later = threading.Timer(0.5, pipe.send_text, args=("[41]" + ENTER,))
    later.start()
    try:
        assert repl.read() == "myLongFunctionName[41]"
    finally:
        later.cancel()


def test_history_is_stored_and_recalled(make):
    repl, pipe, out, store = make()
    pipe.send_text("uniqueInput = 7" + ENTER)
    assert repl.read() == "uniqueInput = 7"
    assert store.load()[-1] == "uniqueInput = 7"
    # A new prompt (a second shell) finds it with the Up arrow.
    repl2, pipe2, _, _ = make()
    pipe2.send_text(UP + ENTER)
    assert repl2.read() == "uniqueInput = 7"


# ------------------------------------------------------------------ the completer alone
def completions(shell, text, requested=True):
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document

    completer = LyraCompleter(shell)
    event = CompleteEvent(completion_requested=requested)
    return [(c.text, c.start_position, c.display_meta_text)
            for c in completer.get_completions(Document(text, len(text)), event)]


@pytest.fixture
def shell(tmp_path):
    opts = Options()
    opts.engine = "tree"
    return Shell(opts, Printer(color=False, file=io.StringIO()))


def test_completes_builtins_with_usage(shell):
    found = completions(shell, "x + StringJ")
    texts = [t for t, _, _ in found]
    assert "StringJoin" in texts
    meta = dict((t, m) for t, _, m in found)["StringJoin"]
    assert meta and "\n" not in meta
    assert all(start == -len("StringJ") for _, start, _ in found)


def test_completes_user_symbols_first(shell):
    shell.handle("Printable = 1")
    texts = [t for t, _, _ in completions(shell, "Print")]
    assert texts[0] == "Printable" and "Print" not in texts


def test_while_typing_needs_two_characters(shell):
    assert completions(shell, "P", requested=False) == []
    assert completions(shell, "Pr", requested=False)


def test_completes_magics_and_options(shell):
    names = [t for t, _, _ in completions(shell, "%be")]
    assert names == ["%bench"]
    options = [t for t, _, _ in completions(shell, "%bench --eng")]
    assert options == ["--engine"]
    assert [t for t, _, _ in completions(shell, "%bench --engine ")] == ["tree", "vm", "both"]
    assert [t for t, _, _ in completions(shell, "%timing o")] == ["on", "off"]


def test_completes_paths(shell, tmp_path):
    (tmp_path / "program.lyra").write_text("1")
    (tmp_path / "other.txt").write_text("1")
    prefix = str(tmp_path / "prog")
    for line in (f"%load {prefix}", f"%run {prefix}", f"<< {prefix}",
                 f"%bench -o {prefix}"):
        found = completions(shell, line)
        assert [t for t, _, _ in found] == ["ram.lyra"], line


def test_no_completion_inside_strings(shell):
    assert completions(shell, '"Print') == []
    assert [t for t, _, _ in completions(shell, '"a" <> StringJ')][:1] == ["StringJoin"]
