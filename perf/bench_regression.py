"""Critical-path baselines (seed suite 3), a pyperf script:

    python perf/bench_regression.py [pyperf options] [--lyra-size smoke] -o out.json

    parser/<program>         parsing text (throughput = characters / time)
    evaluator/<w>            tree engine on small end-to-end workloads
    vm/<w>                   bytecode engine on the same
    stdlib/<group>           one typical expression per library group
    startup/lyra_c           `lyra -c '1+1'` as a fresh process
    startup/time_to_prompt   `lyra` in a terminal until the In[1]:= prompt
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import harness
from harness import _clock, make_runner
from workloads import END_TO_END, PARSE_PROGRAMS, STDLIB_GROUPS

CRITICAL = tuple(w for w in END_TO_END if w.name in ("fib", "loop", "table_map", "deriv"))


def shell_environment(home: str) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (harness.ROOT, env.get("PYTHONPATH"))))
    env.update(HOME=home, XDG_STATE_HOME=home, XDG_CONFIG_HOME=home, TERM="xterm-256color",
               NO_COLOR="1", PROMPT_TOOLKIT_NO_CPR="1", COLUMNS="120", LINES="40")
    return env


def time_lyra_c(loops: int) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = shell_environment(home)
        command = [sys.executable, "-m", "lyra_shell", "-c", "1+1"]
        start = _clock()
        for _ in range(loops):
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
            if done.stdout.strip() != "2":
                raise RuntimeError(f"lyra -c '1+1' printed {done.stdout!r} {done.stderr!r}")
        return _clock() - start


def time_to_prompt(loops: int) -> float:
    import pexpect

    total = 0.0
    with tempfile.TemporaryDirectory() as home:
        env = shell_environment(home)
        for _ in range(loops):
            start = _clock()
            child = pexpect.spawn(sys.executable, ["-m", "lyra_shell", "--no-color"], env=env,
                                  encoding="utf-8", timeout=60, dimensions=(40, 120))
            child.expect_exact("In[1]:=")
            total += _clock() - start
            child.terminate(force=True)
            child.close()
    return total


def time_parse(loops: int, source: str) -> float:
    from lyra_core.syntax import parse

    start = _clock()
    for _ in range(loops):
        parse(source)
    return _clock() - start


def main() -> None:
    runner, mode = make_runner("regression")
    for size_name, source in PARSE_PROGRAMS:
        runner.bench_time_func(f"parser/{size_name}", time_parse, source,
                               metadata={"lyra_chars": len(source),
                                         "description": f"parse the {size_name} program"})
    for label, engine in (("evaluator", "tree"), ("vm", "vm")):
        for work in CRITICAL:
            defs, expr = work.source(mode)
            name = f"{label}/{work.name}"
            runner.bench_time_func(name, harness.time_lyra, (name,), engine, defs, expr,
                                   metadata={"lyra_size_n": work.size(mode), "lyra_expression": expr,
                                             "description": work.describe})
    for group, expr in STDLIB_GROUPS:
        name = f"stdlib/{group}"
        runner.bench_time_func(name, harness.time_lyra, (name,), "tree", "", expr,
                               metadata={"description": expr})
    runner.bench_time_func("startup/lyra_c", time_lyra_c,
                           metadata={"description": "lyra -c '1+1' (fresh process)"})
    runner.bench_time_func("startup/time_to_prompt", time_to_prompt,
                           metadata={"description": "lyra until the In[1]:= prompt"})


if __name__ == "__main__":
    main()
