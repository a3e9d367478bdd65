"""Scenarios: a list of inputs evaluated one after another in one session,
on the tree-walker and on the VM (static and dynamic dispatch), which must
agree line by line."""

from lyra_core import Session


def run_lines(engine, lines, **options):
    """[(InputForm of each line's value, its messages)] in one session."""
    session = Session(engine=engine, **options)
    out = []
    for line in lines:
        value = session.evaluate(line)
        out.append((session.format(value), list(session.messages)))
    session.close()
    return out


def assert_engines_agree(lines):
    tree = run_lines("tree", lines)
    assert run_lines("vm", lines) == tree
    assert run_lines("vm", lines, static_dispatch=False) == tree
