"""lyra-bench: runs the pyperf suites in perf/, checks regressions, writes reports.

    suites.py      running one suite script into a timestamped JSON file
    results.py     reading pyperf JSON: medians, ratios, metadata
    claims.py      the seed's claims, their measured ratios and verdicts
    targets.py     issue 6's bytecode-engine targets and their verdicts
    peers.py       `lyra-bench peers`: Mathics3 beside Lyra, and its rows
    regression.py  comparing a run with a baseline (pyperf statistics)
    reports.py     Markdown summary and PERFORMANCE.md
    html.py        the HTML report with matplotlib charts
    cli.py         the `lyra-bench` command
"""
