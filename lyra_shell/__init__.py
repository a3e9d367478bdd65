"""The `lyra` command: script runner, piped evaluator and interactive shell.

Modules, in the order a start-up touches them:
    cli        command-line options and the choice of mode (imports nothing heavy)
    batch      -c, script and piped-stdin modes (plain text on stdout/stderr)
    repl       the prompt_toolkit shell, imported only when a terminal session starts
    frontend   what the shell does with one input: code, ?help or a %magic
    output     rich rendering of results, messages and errors
    highlight  the Pygments lexer (also a Pygments plugin: pygmentize -l lyra)
    completion, history, config, paths    the REPL's helpers
    magics/    the %commands (%bench, %profile, %time, ...)
    bench_worker, tracer, speedscope      the measuring machinery behind them
"""
