"""The `lyra` command line: parse the options, then run one of four modes.

    lyra                      interactive shell (when stdin is a terminal)
    lyra -c CODE [ARGS...]    evaluate CODE, print the result's InputForm
    lyra FILE [ARGS...]       run a script: only Print/Echo output and messages
    ... | lyra                evaluate stdin statement by statement, one Out per line

Start-up time matters (`lyra -c '1+1'` must feel instant), so this module
parses options by hand (argparse costs more than the rest of the start-up
that is ours) and imports the REPL machinery only when a terminal session
actually starts.
"""

from __future__ import annotations

import os
import sys

# Exit statuses.
EXIT_OK = 0
EXIT_FAILURE = 1  # syntax error, uncaught Throw/Abort
EXIT_USAGE = 2  # bad command line
EXIT_INTERNAL = 70  # a bug in Lyra (EX_SOFTWARE)
EXIT_INTERRUPTED = 130

ENGINE_NAMES = ("tree", "vm")

HELP = """\
usage: lyra [options] [-c CODE | FILE | -] [ARGS...]

Lyra, a symbolic language in the Wolfram Language family.

  lyra                   start the interactive shell
  lyra -c CODE [ARGS]    evaluate CODE and print the result (InputForm)
  lyra FILE [ARGS]       run the script FILE; $ScriptCommandLine is {FILE, ARGS...}
  ... | lyra             evaluate standard input statement by statement,
                         printing each result on its own line

options:
  -c CODE             evaluate CODE (the rest of the command line becomes ARGS)
  --engine tree|vm    evaluation engine (default: vm when available, else tree)
  --sandbox           deny file, process and environment access to the code
  --no-color          plain output (the NO_COLOR environment variable works too)
  --traceback         show Python tracebacks of internal errors (for bug reports)
  --version           print the version and exit
  -h, --help          show this help and exit

Exit status: 0 on success; 1 on a syntax error or an uncaught Throw or Abort
(-c and script modes); Exit[n] and Quit[n] exit with n.
"""


class UsageError(Exception):
    """A bad command line; the text is shown after 'lyra: '."""


class Options:
    """What the command line asked for."""

    __slots__ = ("code", "file", "args", "engine", "requested_engine", "sandbox", "color",
                 "traceback")

    def __init__(self):
        self.code: str | None = None  # -c CODE
        self.file: str | None = None  # script path ('-' is stdin)
        self.args: list[str] = []  # arguments after CODE or FILE
        self.engine: str | None = None  # the engine to run (resolved in main)
        self.requested_engine: str | None = None  # what --engine asked for, if anything
        self.sandbox = False
        self.color = True
        self.traceback = False


def parse_args(argv: list[str]) -> Options | str:
    """Options for argv (without the program name), or 'help' / 'version'.

    Raises UsageError on a bad command line. Option parsing stops at -c CODE,
    at the script file name, or at `--`: everything after belongs to the code.
    """
    opts = Options()
    i = 0
    n = len(argv)
    while i < n:
        arg = argv[i]
        i += 1
        if arg in ("-h", "--help"):
            return "help"
        if arg == "--version":
            return "version"
        if arg == "--no-color":
            opts.color = False
        elif arg == "--traceback":
            opts.traceback = True
        elif arg == "--sandbox":
            opts.sandbox = True
        elif arg == "--engine" or arg.startswith("--engine="):
            if arg == "--engine":
                if i >= n:
                    raise UsageError("--engine needs a value: tree or vm")
                value = argv[i]
                i += 1
            else:
                value = arg[len("--engine="):]
            if value not in ENGINE_NAMES:
                raise UsageError(f"unknown engine {value!r}; choose tree or vm")
            opts.engine = value
        elif arg == "-c" or (arg.startswith("-c") and not arg.startswith("--")):
            # `-c CODE` or `-cCODE`, as python accepts both.
            if arg == "-c":
                if i >= n:
                    raise UsageError("-c needs an argument: the code to evaluate")
                opts.code = argv[i]
                i += 1
            else:
                opts.code = arg[2:]
            opts.args = argv[i:]
            return opts
        elif arg == "--":
            if i < n:
                opts.file = argv[i]
                opts.args = argv[i + 1:]
            return opts
        elif arg.startswith("-") and arg != "-":
            raise UsageError(f"unknown option {arg!r} (try lyra --help)")
        else:
            opts.file = arg
            opts.args = argv[i:]
            return opts
    return opts


def resolve_engine(requested: str | None) -> str:
    """The engine to run: the requested one if it exists, else the fastest.

    Raises UsageError when the requested engine is not part of this build.
    """
    from lyra_core import engines_available

    available = engines_available()
    if requested is None:
        return "vm" if "vm" in available else available[0]
    if requested not in available:
        what = "the bytecode engine (vm)" if requested == "vm" else f"engine {requested!r}"
        raise UsageError(
            f"{what} is not available in this build; available: {', '.join(available)}"
        )
    return requested


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    try:
        parsed = parse_args(argv)
        if parsed == "help":
            sys.stdout.write(HELP)
            return EXIT_OK
        if parsed == "version":
            from lyra_core import __version__

            sys.stdout.write(f"lyra {__version__} (Python {sys.version.split()[0]})\n")
            return EXIT_OK
        opts = parsed
        if os.environ.get("NO_COLOR"):
            opts.color = False
        opts.requested_engine = opts.engine
        opts.engine = resolve_engine(opts.engine)
    except UsageError as exc:
        sys.stderr.write(f"lyra: {exc}\n")
        return EXIT_USAGE

    try:
        return _run(opts)
    except KeyboardInterrupt:
        # An interrupt outside any evaluation (the session turns those into
        # $Aborted itself): stop quietly, as a shell tool does.
        sys.stderr.write("\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`lyra ... | head`): silence the final flush.
        _silence_stdout()
        return EXIT_FAILURE


def _run(opts: Options) -> int:
    if opts.code is not None:
        from .batch import run_command

        return run_command(opts.code, opts.args, opts)
    if opts.file is not None:
        from .batch import run_script

        return run_script(opts.file, opts.args, opts)
    if not sys.stdin.isatty():
        from .batch import run_pipe

        return run_pipe(sys.stdin, opts)
    from .repl import run_repl

    return run_repl(opts)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
