"""The operating system: environment variables, processes, platform
constants. Environment changes are undone after each test."""

import os
import sys

import pytest

from lyra_core import Session

VARIABLES = ("LYRA_TEST_VAR", "LYRA_TEST_OTHER")


@pytest.fixture
def clean_environment():
    """Remember and restore the test variables whatever the test does."""
    saved = {name: os.environ.get(name) for name in VARIABLES}
    for name in VARIABLES:
        os.environ.pop(name, None)
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def test_environment_variables(lyra, clean_environment):
    assert lyra('Environment["LYRA_TEST_VAR"]') == "$Failed"
    assert lyra.messages == []
    assert lyra('SetEnvironment["LYRA_TEST_VAR" -> "42"]') == "Null"
    assert os.environ["LYRA_TEST_VAR"] == "42"
    assert lyra('Environment["LYRA_TEST_VAR"]') == '"42"'
    assert lyra('GetEnvironment["LYRA_TEST_VAR"]') == '"LYRA_TEST_VAR" -> "42"'
    assert lyra('SetEnvironment[{"LYRA_TEST_VAR" -> None, "LYRA_TEST_OTHER" -> "x"}]') == "Null"
    assert "LYRA_TEST_VAR" not in os.environ
    assert lyra('GetEnvironment[{"LYRA_TEST_VAR", "LYRA_TEST_OTHER"}]') == '{"LYRA_TEST_VAR" -> None, "LYRA_TEST_OTHER" -> "x"}'
    assert lyra('GetEnvironment[]["LYRA_TEST_OTHER"]') == '"x"'
    assert lyra("SetEnvironment[42]") == "$Failed"
    assert lyra.messages == ["SetEnvironment::env"]


def test_environment_reaches_child_processes(lyra, clean_environment):
    lyra('SetEnvironment["LYRA_TEST_VAR" -> "seen"]')
    out = lyra(f'RunProcess[{{"{sys.executable}", "-c", "import os; print(os.environ[\'LYRA_TEST_VAR\'])"}}, "StandardOutput"]')
    assert out == '"seen\\n"'


def test_run_process(lyra, tmp_path):
    python = sys.executable
    assert lyra(f'RunProcess[{{"{python}", "-c", "print(1 + 1)"}}]') == (
        '<|"ExitCode" -> 0, "StandardOutput" -> "2\\n", "StandardError" -> ""|>'
    )
    assert lyra(f'RunProcess[{{"{python}", "-c", "import sys; sys.exit(3)"}}, "ExitCode"]') == "3"
    assert lyra(f'RunProcess[{{"{python}", "-c", "import sys; print(sys.stdin.read()[::-1])"}}, "StandardOutput", "abc"]') == '"cba\\n"'
    assert lyra(f'RunProcess[{{"{python}", "-c", "import sys; sys.stderr.write(\'e\')"}}, "StandardError"]') == '"e"'
    assert lyra(
        f'RunProcess[{{"{python}", "-c", "import os; print(os.getcwd())"}}, "StandardOutput", ProcessDirectory -> "{tmp_path}"]'
    ) == f'"{tmp_path}\\n"'
    assert lyra(
        f'RunProcess[{{"{python}", "-c", "import os; print(os.environ[\'ONLY_CHILD\'])"}}, "StandardOutput", '
        'ProcessEnvironment -> <|"ONLY_CHILD" -> "yes"|>]'
    ) == '"yes\\n"'
    assert "ONLY_CHILD" not in os.environ
    assert lyra('RunProcess["echo hello world", "StandardOutput"]') == '"hello world\\n"'


def test_run_process_messages(lyra):
    assert lyra('RunProcess[{"no_such_program_lyra_xyz"}]') == "$Failed"
    assert lyra.messages == ["RunProcess::pnfd"]
    assert lyra("RunProcess[42]") == "$Failed"
    assert lyra.messages == ["RunProcess::cmd"]
    assert lyra('RunProcess[{"echo"}, "Bogus"]') == "$Failed"
    assert lyra.messages == ["RunProcess::prop"]


def test_run_command_uses_the_shell(lyra):
    assert lyra('RunCommand["echo hi | tr a-z A-Z", "StandardOutput"]') == '"HI\\n"'
    assert lyra('RunCommand["exit 4", "ExitCode"]') == "4"


def test_process_ids_and_platform(lyra):
    assert lyra("$ProcessID") == str(os.getpid())
    assert lyra("CurrentPID[] == $ProcessID") == "True"
    assert lyra("ProcessExists[$ProcessID]") == "True"
    assert lyra("ProcessExists[999999999]") == "False"
    assert lyra("ProcessExists[x]") == "ProcessExists[x]"
    assert lyra.messages == ["ProcessExists::int"]
    system_id = lyra.value("$SystemID")
    assert type(system_id) is str and system_id
    if sys.platform.startswith("linux"):
        assert system_id.startswith("Linux")
        assert lyra("$OperatingSystem") == '"Unix"'


def test_sandbox_refuses_the_system(clean_environment):
    session = Session(sandbox=True)
    assert session.format(session.evaluate('SetEnvironment["LYRA_TEST_VAR" -> "1"]')) == "$Failed"
    assert session.messages == ["SetEnvironment::sandbox"]
    assert "LYRA_TEST_VAR" not in os.environ
    assert session.format(session.evaluate('RunProcess[{"echo", "x"}]')) == "$Failed"
    assert session.messages == ["RunProcess::sandbox"]
    assert session.format(session.evaluate('Environment["HOME"]')) == "$Failed"
