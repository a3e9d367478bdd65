"""The operating system: environment variables (Environment, GetEnvironment,
SetEnvironment), external processes (RunProcess and Lyra's RunCommand), the
process id ($ProcessID, Lyra's CurrentPID, ProcessExists) and the platform
($SystemID, $OperatingSystem).

Every builtin here is registered with system_access=True: a sandboxed
session refuses it. $SystemID and $OperatingSystem are plain constants.
"""

from __future__ import annotations

import os
import platform
import shlex
import subprocess
import sys

from ..engine import messages
from ..expr.assoc import Association
from ..expr.normal import Expr
from ..expr.symbol import system
from ..expr import system_symbols as S
from .list_support import call, is_rule as _is_rule
from .registry import builtin, declare

List = S.List
Rule = S.Rule
FAILED = S.DollarFailed
NULL = S.Null

messages.define("RunProcess", "pnfd", "Program `1` not found.  Check Environment[\"PATH\"].")
messages.define("RunCommand", "pnfd", "Program `1` not found.  Check Environment[\"PATH\"].")
messages.define("RunProcess", "prop", "`1` is not a valid RunProcess property.")
messages.define("RunProcess", "cmd", "`1` is not a valid command: a string or a list of strings is expected.")
messages.define("RunCommand", "cmd", "`1` is not a valid command: a string or a list of strings is expected.")
messages.define("SetEnvironment", "env", "`1` is not a rule \"name\" -> \"value\" (or -> None).")


# ================================================================ platform constants
def _system_id() -> str:
    machine = platform.machine().lower()
    arm = machine in ("arm64", "aarch64")
    if sys.platform.startswith("linux"):
        return "Linux-ARM64" if arm else ("Linux-x86-64" if machine in ("x86_64", "amd64") else "Linux")
    if sys.platform == "darwin":
        return "MacOSX-ARM64" if arm else "MacOSX-x86-64"
    if sys.platform.startswith("win"):
        return "Windows-x86-64" if machine in ("amd64", "x86_64") else "Windows"
    return sys.platform


def _operating_system() -> str:
    if sys.platform == "darwin":
        return "MacOSX"
    if sys.platform.startswith("win"):
        return "Windows"
    return "Unix"


def _constant(name: str, value, usage: str) -> None:
    declare(name, attributes=("Protected",), usage=usage, value=value)


_constant(
    "$SystemID",
    _system_id(),
    "$SystemID is a string naming the kind of computer system: \"Linux-x86-64\", \"MacOSX-ARM64\", "
    "\"Windows-x86-64\", ...\nExample: $SystemID",
)
_constant(
    "$OperatingSystem",
    _operating_system(),
    "$OperatingSystem is \"Unix\", \"MacOSX\" or \"Windows\".\nExample: $OperatingSystem",
)
_constant(
    "$ProcessID",
    os.getpid(),
    "$ProcessID is the operating system's id of the process running Lyra.\nExample: $ProcessID",
)


# ================================================================ environment
@builtin(
    "Environment",
    nargs=1,
    attributes=("Protected",),
    system_access=True,
    usage="Environment[\"var\"] gives the value of the operating system environment variable var as a string, "
    "or $Failed when it is not set.\nExample: Environment[\"HOME\"]",
)
def environment(ev, name):
    if type(name) is not str:
        ev.message("Environment", "string", 1, call("Environment", name))
        return None
    value = os.environ.get(name)
    return FAILED if value is None else value


@builtin(
    "GetEnvironment",
    nargs=(0, 1),
    attributes=("Protected",),
    system_access=True,
    usage="GetEnvironment[\"var\"] gives \"var\" -> value for an environment variable (value None when it is not "
    "set); GetEnvironment[{v1, v2, ...}] a list of such rules; GetEnvironment[] an association of all of them.\n"
    "Example: GetEnvironment[\"HOME\"]",
)
def get_environment(ev, *names):
    if not names:
        return Association.from_pairs((k, v, False) for k, v in sorted(os.environ.items()))
    spec = names[0]
    if type(spec) is str:
        return _environment_rule(spec)
    if type(spec) is Expr and spec.head is List and all(type(v) is str for v in spec.args):
        return Expr(List, tuple(_environment_rule(v) for v in spec.args))
    ev.message("GetEnvironment", "strs", 1, call("GetEnvironment", spec))
    return None


def _environment_rule(name: str) -> Expr:
    value = os.environ.get(name)
    return Expr(Rule, (name, S.None_ if value is None else value))


@builtin(
    "SetEnvironment",
    nargs=1,
    attributes=("Protected",),
    system_access=True,
    usage="SetEnvironment[\"var\" -> \"value\"] sets an environment variable of this process (and of the processes "
    "it starts); \"var\" -> None removes it; SetEnvironment[{rules}] sets several.\n"
    "Example: SetEnvironment[\"MODE\" -> \"test\"]",
)
def set_environment(ev, spec):
    rules = spec.args if type(spec) is Expr and spec.head is List else (spec,)
    changes = []
    for r in rules:
        if not (type(r) is Expr and r.head in (S.Rule, S.RuleDelayed) and len(r.args) == 2 and type(r.args[0]) is str):
            ev.message("SetEnvironment", "env", r)
            return FAILED
        name, value = r.args
        if value is S.None_:
            changes.append((name, None))
        elif type(value) is str:
            changes.append((name, value))
        elif type(value) is int:
            changes.append((name, str(value)))
        else:
            ev.message("SetEnvironment", "env", r)
            return FAILED
    for name, value in changes:
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    return NULL


# ================================================================ processes
_PROPERTIES = ("ExitCode", "StandardOutput", "StandardError", "All")
ProcessDirectory = system("ProcessDirectory")
ProcessEnvironment = system("ProcessEnvironment")


def _command(ev, name, spec, shell: bool):
    """The argument list (or shell text) for a command spec, or None."""
    if type(spec) is str and spec:
        return spec if shell else shlex.split(spec)
    if type(spec) is Expr and spec.head is List and spec.args and all(type(a) in (str, int, float) for a in spec.args):
        words = [a if type(a) is str else str(a) for a in spec.args]
        return shlex.join(words) if shell else words
    ev.message(name, "cmd", spec)
    return None


def _run(ev, name, command, shell, stdin_text, directory, environment_vars):
    """(exit code, stdout, stderr) of the finished process, or None after a
    message. Polls so an interrupt (Ctrl-C, TimeConstrained) kills the child."""
    env = None
    if environment_vars is not None:
        env = dict(os.environ)
        env.update(environment_vars)
    try:
        process = subprocess.Popen(
            command,
            shell=shell,
            stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=directory,
            env=env,
        )
    except OSError:  # not found, not executable, a bad ProcessDirectory, ...
        ev.message(name, "pnfd", command[0] if isinstance(command, list) else command)
        return None
    data = stdin_text.encode("utf-8") if stdin_text is not None else None
    try:
        while True:
            try:
                out, err = process.communicate(data, timeout=0.05)
                break
            except subprocess.TimeoutExpired:
                data = None  # already sent
                ev.check_interrupt()
    except BaseException:
        process.kill()
        process.wait()
        raise
    return process.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def _process_options(ev, name, options, whole):
    directory, environment_vars = None, None
    for option in options:
        key = option.args[0]
        value = option.args[1]
        if key is ProcessDirectory and type(value) is str:
            directory = os.path.expanduser(value)
        elif key is ProcessEnvironment and type(value) is Association:
            environment_vars = {str(k): v if type(v) is str else str(v) for k, v, _ in value.entries()}
        else:
            ev.message(name, "optx", option, whole)
            return False
    return directory, environment_vars


def _process_result(exit_code, out, err, prop):
    result = Association.from_pairs(
        [("ExitCode", exit_code, False), ("StandardOutput", out, False), ("StandardError", err, False)]
    )
    if prop is None or prop == "All":
        return result
    return result.get(prop)[1]


def _run_builtin(ev, name, args, shell):
    positional = [a for a in args if not _is_rule(a)]
    options = [a for a in args if _is_rule(a)]
    whole = call(name, *args)
    if not positional or len(positional) > 3:
        return None
    command = _command(ev, name, positional[0], shell)
    if command is None:
        return FAILED
    prop = None
    stdin_text = None
    if len(positional) >= 2:
        prop = positional[1]
        if prop is S.All:
            prop = "All"
        if type(prop) is not str or prop not in _PROPERTIES:
            ev.message("RunProcess", "prop", positional[1])
            return FAILED
    if len(positional) == 3:
        stdin_text = positional[2] if type(positional[2]) is str else None
        if stdin_text is None:
            ev.message(name, "string", 3, whole)
            return FAILED
    settings = _process_options(ev, name, options, whole)
    if settings is False:
        return None
    finished = _run(ev, name, command, shell, stdin_text, *settings)
    if finished is None:
        return FAILED
    return _process_result(*finished, prop)


@builtin(
    "RunProcess",
    nargs=(1, None),
    attributes=("Protected",),
    system_access=True,
    usage="RunProcess[{\"prog\", \"arg1\", ...}] runs an external program (no shell) and gives "
    "<|\"ExitCode\" -> n, \"StandardOutput\" -> s, \"StandardError\" -> e|>; RunProcess[\"prog args\"] splits the "
    "string into words; RunProcess[cmd, \"prop\"] gives one of those; RunProcess[cmd, prop, \"input\"] feeds input to "
    "the program. Options ProcessDirectory -> dir and ProcessEnvironment -> <|...|>.\n"
    "Example: RunProcess[{\"echo\", \"hi\"}, \"StandardOutput\"] gives \"hi\\n\"",
)
def run_process(ev, *args):
    return _run_builtin(ev, "RunProcess", args, shell=False)


@builtin(
    "RunCommand",
    nargs=(1, None),
    attributes=("Protected",),
    system_access=True,
    usage="RunCommand[\"command line\"] runs a command through the system shell (pipes and redirections work) and "
    "gives <|\"ExitCode\" -> n, \"StandardOutput\" -> s, \"StandardError\" -> e|>, like RunProcess; "
    "RunCommand[cmd, \"prop\"] gives one property.\n"
    "Example: RunCommand[\"echo hi | tr a-z A-Z\", \"StandardOutput\"] gives \"HI\\n\"",
)
def run_command(ev, *args):
    return _run_builtin(ev, "RunCommand", args, shell=True)


@builtin(
    "CurrentPID",
    nargs=0,
    attributes=("Protected",),
    system_access=True,
    usage="CurrentPID[] gives the id of the process running Lyra (Lyra's name for $ProcessID).\n"
    "Example: CurrentPID[] == $ProcessID gives True",
)
def current_pid(ev):
    return os.getpid()


@builtin(
    "ProcessExists",
    nargs=1,
    attributes=("Protected",),
    system_access=True,
    usage="ProcessExists[pid] gives True if a process with that id is running, else False.\n"
    "Example: ProcessExists[$ProcessID] gives True",
)
def process_exists(ev, pid):
    if type(pid) is not int:
        ev.message("ProcessExists", "int", call("ProcessExists", pid), 1)
        return None
    if pid <= 0:
        return S.False_
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return S.False_
    except PermissionError:
        return S.True_  # it exists, owned by someone else
    except (OSError, OverflowError):
        return S.False_
    return S.True_

