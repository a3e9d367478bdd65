"""Every program in examples/ runs and prints exactly its .out file, on every engine."""

import subprocess
import sys
from pathlib import Path

import pytest

from lyra_core import Session, engines_available

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PROGRAMS = sorted(EXAMPLES.glob("*.lyra"))


def test_there_are_at_least_six_examples():
    assert len(PROGRAMS) >= 6
    for program in PROGRAMS:
        assert program.with_suffix(".out").exists(), f"{program.name} has no .out file"


@pytest.mark.parametrize("engine", engines_available())
@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.stem)
def test_example_output(program, engine):
    printed = []
    session = Session(engine=engine, stdout=printed.append)
    session.evaluate(program.read_text())
    assert session.messages == []
    assert "".join(printed) == program.with_suffix(".out").read_text()


def test_example_runs_as_a_script():
    program = EXAMPLES / "lists.lyra"
    done = subprocess.run(
        [sys.executable, "-m", "lyra_shell.cli", str(program)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == program.with_suffix(".out").read_text()
