"""End-to-end: the real `lyra` process in a pseudo-terminal (pexpect).

Multi-line input, a syntax error with its caret, tab completion, Ctrl-C
interrupting an endless loop with the session intact, %bench and %profile on
a user function, history across two runs, %save then %load in a new shell.
Every expectation has a timeout, so a hang fails instead of blocking.
"""

import os
import re
import sys
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

pexpect = pytest.importorskip("pexpect")

TIMEOUT = 20
FIB = "fib[n_] := If[n < 2, n, fib[n - 1] + fib[n - 2]]"


@pytest.fixture
def env(tmp_path):
    environment = dict(os.environ)
    # Run this checkout's Lyra whatever the working directory and install.
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, (ROOT, environment.get("PYTHONPATH"))))
    environment.update(
        HOME=str(tmp_path / "home"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        TERM="xterm-256color",
        NO_COLOR="1",
        PROMPT_TOOLKIT_NO_CPR="1",  # nobody answers cursor-position requests here
        COLUMNS="200",
        LINES="50",
    )
    return environment


class Lyra:
    def __init__(self, env):
        self.child = pexpect.spawn(sys.executable, ["-m", "lyra_shell", "--no-color"],
                                   env=env, encoding="utf-8", timeout=TIMEOUT,
                                   dimensions=(50, 200))
        self.expect_prompt(1)

    def expect_prompt(self, n):
        # prompt_toolkit writes the trailing blank of the prompt separately.
        self.child.expect_exact(f"In[{n}]:=")

    def enter(self, text):
        self.child.send(text + "\r")

    def expect(self, pattern, timeout=TIMEOUT):
        self.child.expect(pattern, timeout=timeout)
        return self.child.match

    def close(self):
        if self.child.isalive():
            # Ctrl-D typed before the prompt is back lands in the terminal's
            # cooked mode, where it is an end-of-file mark, not a key: wait.
            time.sleep(0.3)
            self.child.sendcontrol("d")
            try:
                self.child.expect(pexpect.EOF, timeout=5)
            except pexpect.TIMEOUT:
                self.child.terminate(force=True)
        self.child.close()


@pytest.fixture
def lyra(env):
    shells = []

    def start():
        shell = Lyra(env)
        shells.append(shell)
        return shell

    yield start
    for shell in shells:
        shell.close()


def test_multiline_input_and_out(lyra):
    sh = lyra()
    sh.enter("f[x_] :=")
    sh.enter("  x^2 + 1")
    sh.expect_prompt(2)
    sh.enter("f[3]")
    sh.expect(re.escape("Out[2]= 10"))
    sh.expect_prompt(3)


def test_syntax_error_shows_caret_and_keeps_input(lyra):
    sh = lyra()
    sh.enter("f[1,, 2]]")
    sh.expect(r"\^")
    # The input is still there: clear it (Ctrl-C) and carry on.
    sh.child.sendcontrol("c")
    sh.enter("1 + 2")
    sh.expect(re.escape("Out[1]= 3"))


def test_tab_completion(lyra):
    sh = lyra()
    sh.enter("myLongFunctionName[x_] := x + 1")
    sh.expect_prompt(2)
    # Type, let the completer see it, Tab, let the completion land, go on.
    sh.child.send("myLongF")
    time.sleep(0.5)
    sh.child.send("\t")
    time.sleep(0.5)
    sh.enter("[41]")
    sh.expect(re.escape("Out[2]= 42"))


def test_ctrl_c_aborts_evaluation_and_keeps_definitions(lyra):
    sh = lyra()
    sh.enter("g[x_] := 2 x")
    sh.expect_prompt(2)
    sh.enter("While[True]")
    time.sleep(1.0)
    start = time.monotonic()
    sh.child.sendintr()
    sh.expect(re.escape("Out[2]= $Aborted"), timeout=5)
    assert time.monotonic() - start < 2.0
    sh.expect_prompt(3)
    sh.enter("g[21]")
    sh.expect(re.escape("Out[3]= 42"))


def test_bench_on_a_user_function(lyra):
    sh = lyra()
    sh.enter(FIB)
    sh.expect_prompt(2)
    sh.enter("%bench --fast -p 2 -n 2 fib[12]")
    sh.expect(r"fib\[12\]: Mean \+- std dev: [0-9.]+ \w+ \+- [0-9.]+ \w+", timeout=120)
    sh.expect(r"\(4 values, [0-9,]+ loops? each, 2 processes; (tree|vm) engine\)")
    sh.expect("Processes")  # the table header
    sh.expect_prompt(2)


def test_profile_on_a_user_function(lyra):
    sh = lyra()
    sh.enter(FIB)
    sh.expect_prompt(2)
    sh.enter("%profile fib[12]")
    sh.expect(re.escape("Out[2]= 144"))
    sh.expect(r"fib\s+user\s+465\s")  # fib[12] makes 465 calls
    sh.expect("call tree")
    sh.expect_prompt(3)


def test_history_persists_across_runs(lyra, env):
    first = lyra()
    first.enter("uniqueInput123 = 7")
    first.expect_prompt(2)
    first.close()
    history = os.path.join(env["XDG_STATE_HOME"], "lyra", "history")
    assert "+uniqueInput123 = 7" in open(history).read()
    second = lyra()
    second.child.send("\x1b[A")  # Up arrow
    time.sleep(0.3)
    second.child.send("\r")
    second.expect(re.escape("Out[1]= 7"))


def test_save_then_load_in_a_new_session(lyra, tmp_path):
    saved = tmp_path / "defs.lyra"
    first = lyra()
    first.enter("h[x_] := x^3 + offset")
    first.expect_prompt(2)
    first.enter("offset = 1")
    first.expect_prompt(3)
    first.enter(f"%save {saved}")
    first.expect("Saved")
    first.close()
    second = lyra()
    second.enter(f"%load {saved}")
    second.expect_prompt(2)
    second.enter("h[2]")
    second.expect(re.escape("Out[2]= 9"))


def test_ctrl_c_at_the_prompt_clears_and_ctrl_d_exits(lyra):
    sh = lyra()
    sh.child.send("half typed input")
    time.sleep(0.3)
    sh.child.sendcontrol("c")
    sh.enter("1 + 1")
    sh.expect(re.escape("Out[1]= 2"))
    sh.expect_prompt(2)
    time.sleep(0.3)
    sh.child.sendcontrol("d")
    sh.child.expect(pexpect.EOF, timeout=10)
    sh.child.close()
    assert sh.child.exitstatus == 0


def test_exit_sets_the_status(lyra):
    sh = lyra()
    sh.enter("Exit[3]")
    sh.child.expect(pexpect.EOF, timeout=10)
    sh.child.close()
    assert sh.child.exitstatus == 3
