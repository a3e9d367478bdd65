"""`lyra-bench peers`: the end-to-end workloads through Mathics3, if installed."""

from __future__ import annotations

import os
import sys
import time


def main() -> int:
    try:
        from mathics.session import MathicsSession
    except ImportError:
        print("Mathics3 is not installed: `pip install .[peers]` (or `pip install Mathics3`) "
              "enables `lyra-bench peers`.")
        return 0
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "perf"))
    from workloads import END_TO_END

    session = MathicsSession()
    for work in END_TO_END:
        defs, expr = work.source("full")
        if defs:
            session.evaluate(defs)
        start = time.perf_counter()
        session.evaluate(expr)
        print(f"mathics/{work.name}: {time.perf_counter() - start:.4f} s (one evaluation)")
    return 0
