"""Core performance validation (seed suite 1), a pyperf script:

    python perf/bench_performance.py [pyperf options] [--lyra-size smoke] -o out.json

Benchmarks (names are engine/workload so ratios can be read off the JSON):
    tree/arith, vm/arith, ...        single expressions (MICRO) on each engine
    match/simple, ...                one match attempt of the general matcher
    tree/dispatch_simple, vm/...     the same pattern as a definition, called
    parse/small, compile/small, ...  parsing text; compiling it to VM code
    tree/fib, vm/fib, cpython/fib    end-to-end workloads beside CPython
"""

from __future__ import annotations

import harness
from harness import _clock, bench_cpython, bench_workload, make_runner
from workloads import END_TO_END, MICRO, PARSE_PROGRAMS, PATTERNS

ENGINES = ("tree", "vm")


def time_match(loops: int, pattern_text: str, subject_text: str) -> float:
    """One attempt of the general matcher, the subject already evaluated."""
    from lyra_core.patterns import match
    from lyra_core.syntax import parse

    t = harness.target(("match", pattern_text), "tree", "", "Null")
    ev = t.session.ev
    t.session.workspace.activate()
    pattern = parse(pattern_text)
    subject = parse(subject_text)
    if match(pattern, subject, ev) is None:
        raise RuntimeError(f"{pattern_text} does not match {subject_text}")
    start = _clock()
    for _ in range(loops):
        match(pattern, subject, ev)
    return _clock() - start


def time_parse(loops: int, source: str) -> float:
    from lyra_core.syntax import parse

    start = _clock()
    for _ in range(loops):
        parse(source)
    return _clock() - start


def time_compile(loops: int, source: str) -> float:
    """Compiling an already parsed program to VM code (no evaluation)."""
    from lyra_core import Session
    from lyra_core.engine.vm import compile_expression
    from lyra_core.syntax import parse

    Session(engine="vm")  # loads the library the compiler consults
    parsed = parse(source)
    start = _clock()
    for _ in range(loops):
        compile_expression(parsed)
    return _clock() - start


def dispatch_definition(kind: str, pattern_text: str) -> str:
    # f[x_] -> f[x_] := {x}: the right side only echoes the bindings.
    body = "{x, y}" if "y_" in pattern_text else "x"
    return f"{pattern_text} := {body}"


def main() -> None:
    runner, mode = make_runner("performance")
    for work in MICRO:
        for engine in ENGINES:
            bench_workload(runner, engine, work, mode)
    for kind, pattern_text, subject_text in PATTERNS:
        runner.bench_time_func(f"match/{kind}", time_match, pattern_text, subject_text,
                               metadata={"description": f"{pattern_text} on {subject_text}"})
    for kind, pattern_text, subject_text in PATTERNS:
        defs = dispatch_definition(kind, pattern_text)
        for engine in ENGINES:
            name = f"{engine}/dispatch_{kind}"
            runner.bench_time_func(
                name, harness.time_lyra, (name,), engine, defs, subject_text,
                metadata={"description": f"{defs}; {subject_text}"},
            )
    for size_name, source in PARSE_PROGRAMS:
        meta = {"lyra_chars": len(source), "description": f"{size_name} program"}
        runner.bench_time_func(f"parse/{size_name}", time_parse, source, metadata=meta)
        runner.bench_time_func(f"compile/{size_name}", time_compile, source, metadata=meta)
    for work in END_TO_END:
        for engine in ENGINES:
            bench_workload(runner, engine, work, mode)
        bench_cpython(runner, work, mode)


if __name__ == "__main__":
    main()
