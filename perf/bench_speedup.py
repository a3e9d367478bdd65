"""The performance claims (seed suite 2), each as a pair measured in one run:

    python perf/bench_speedup.py [pyperf options] [--lyra-size smoke] -o out.json

    static/<w>, dynamic/<w>     VM with CALL_STATIC vs dynamic lookup by name
                                (static_dispatch=True vs False), including
                                `builtins`, a loop of builtin calls
    fast/<w>, naive/<w>         tree engine, fast-path matcher vs naive matcher
    tree/<w>, vm/<w>            the two engines on the same workloads
    memory/<data>/<variant>     bytes per value (unit: byte), see memory_ab.py
"""

from __future__ import annotations

import harness
from harness import add_measurement, bench_workload, make_runner
from workloads import MATCHER, MEMORY_DATA, STATIC_DISPATCH, SYMBOL_SESSION

ENGINE_PAIR = STATIC_DISPATCH + MATCHER[2:]


def measure_memory(runner, mode) -> None:
    if runner.args.pipe is not None:
        return  # a spawned timing worker: only the main process measures memory
    from lyra_core import Session
    from memory_ab import SWITCHES, measure

    for work in MEMORY_DATA + (SYMBOL_SESSION,):
        session = Session(engine="tree", stdout=harness.discard, on_message=harness.discard)
        result = measure(session, work.source(mode)[1])
        nodes = result["nodes"]
        labels = ("session_retained", "session_peak", "on", "off") + tuple(
            f"{switch}_off" for switch in SWITCHES)
        for label in labels:
            add_measurement(
                runner, f"memory/{work.name}/{label}", result[label] / nodes, "byte",
                f"{work.describe}: bytes per value ({label}), {nodes} values",
            )
        session.close()


def main() -> None:
    runner, mode = make_runner("speedup")
    for work in STATIC_DISPATCH:
        bench_workload(runner, "vm", work, mode, label="dynamic", static_dispatch=False)
        bench_workload(runner, "vm", work, mode, label="static")
    for work in MATCHER:
        bench_workload(runner, "tree", work, mode, label="naive", matcher="naive")
        bench_workload(runner, "tree", work, mode, label="fast")
    for work in ENGINE_PAIR:
        for engine in ("tree", "vm"):
            bench_workload(runner, engine, work, mode)
    measure_memory(runner, mode)


if __name__ == "__main__":
    main()
