"""Parsing speed: a 10,000-line file of mixed statements parses well within 2 s."""

import time

from lyra_core.syntax import parse_statements

# One template per kind of statement; {i} varies names and numbers per line.
TEMPLATES = [
    "f{i}[x_Integer, y_:0] := x^2 + 3 x y - {i}/(y + 1)",
    "result{i} = Table[Sin[k] + k^2, {{k, 1, {i}}}]",
    'data{i} = {{1, 2.5, "three", x{i}, -4, 5*^-3, 1.5`20}}',
    "rules{i} = {{a -> 1, b :> RandomReal[], c_ /; c > {i} :> c - 1}}",
    "expr{i} /. {{x -> y + {i}, y -> z^2}} // Simplify",
    "data |> Select[EvenQ] |> Map[#^2 &] |> Take[{i}]",
    'If[n{i} > 0 && m < 3 || !done, Print["positive #{{n{i}}}"], Print["no"]]',
    'assoc{i} = <|"name" -> "item{i}", "price_usd" -> {i}.99, "tags" -> {{"x", "y"}}|>',
    'g[(x, y) => x + y, list{i}[[2 ;; -1]], s <> "suffix"]',
    "Module[{{t = {i}, u}}, u = t!; t++; u += 2; {{t, u}}]; (* comment {i} *)",
    "h{i}[{{a_, b__}}] := Plus @@ {{b}} /; Length[{{b}}] > 1",
    "list{i}.Map[f].Select[EvenQ]",
]
LINES = 10_000


def program(lines: int = LINES) -> str:
    return "\n".join(TEMPLATES[i % len(TEMPLATES)].format(i=i) for i in range(lines)) + "\n"


def test_ten_thousand_lines_parse_quickly():
    source = program()
    parse_statements(source[:2000])  # warm up imports and symbol creation paths
    # CPU time of this process: other work on a shared machine does not count.
    timings = []
    for _ in range(3):
        start = time.process_time()
        statements = parse_statements(source)
        timings.append(time.process_time() - start)
    best = min(timings)
    print(f"\nparsed {LINES} lines in {best:.3f} s of CPU ({LINES / best:,.0f} lines/s)")
    assert len(statements) == LINES
    assert statements[-1].line == LINES
    assert best < 2.0


def test_statement_texts_cover_the_lines():
    source = program(240)
    statements = parse_statements(source)
    lines = source.split("\n")
    assert [st.line for st in statements] == list(range(1, 241))
    for st in statements:
        line = lines[st.line - 1]
        assert line.startswith(st.text)
        assert line[len(st.text):].strip() in ("", f"(* comment {st.line - 1} *)")
