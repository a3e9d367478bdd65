"""The interactive shell: a prompt_toolkit prompt around frontend.Shell.

Imported only when a terminal session starts (prompt_toolkit, rich and
pygments are not cheap to import).

Keys: Enter submits a complete input, continues an incomplete one on a new
line, and on a syntax error shows the message with a caret and leaves the
input to be edited; Alt-Enter (Esc Enter) always inserts a newline; Tab
completes; Ctrl-C clears the line (during evaluation: aborts it); Ctrl-D on
an empty line exits.
"""

from __future__ import annotations

import signal

from prompt_toolkit import PromptSession
from prompt_toolkit.application import run_in_terminal
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.filters import Condition, has_focus, is_done
from prompt_toolkit.enums import DEFAULT_BUFFER
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.layout.processors import (
    ConditionalProcessor,
    HighlightMatchingBracketProcessor,
)
from prompt_toolkit.lexers import PygmentsLexer
from prompt_toolkit.output import ColorDepth
from prompt_toolkit.styles import Style, merge_styles, style_from_pygments_dict

from . import theme
from .cli import EXIT_OK, Options, UsageError, resolve_engine
from .completion import LyraCompleter
from .config import Config, load_config
from .frontend import Shell
from .highlight import LyraShellLexer
from .history import HistoryFile, make_prompt_history
from .output import Printer
from .paths import history_path


def run_repl(opts: Options) -> int:
    config = load_config()
    printer = Printer(color=opts.color and config.color)
    for problem in config.problems:
        printer.message(problem)
    if config.engine and opts.requested_engine is None:
        try:
            opts.engine = resolve_engine(config.engine)
        except UsageError as exc:
            printer.message(f"config: {exc}")
    store = HistoryFile(history_path())
    shell = Shell(opts, printer, store, config)
    repl = Repl(shell, store, config)
    repl.banner()
    repl.run_startup_file()
    return repl.loop()


class Repl:
    def __init__(self, shell: Shell, store: HistoryFile | None, config: Config | None = None,
                 input=None, output=None):
        self.shell = shell
        self.config = config or Config()
        self.prompt = build_prompt_session(shell, store, self.config, input=input, output=output)

    def banner(self) -> None:
        from lyra_core import __version__

        self.shell.printer.info(
            f"Lyra {__version__} ({self.shell.engine} engine). "
            "%help for help, ?Name for a function's usage, Ctrl-D to quit."
        )
        self.shell.printer.info("")

    def run_startup_file(self) -> None:
        """Evaluate init.lyra from the config directory, quietly: its messages
        and Print output show, its result does not, and In[1] stays free."""
        path = self.config.startup_file
        if path:
            self.shell.run_guarded(self.shell.load_quietly, path)

    def prompt_text(self):
        return [("class:prompt.in", f"In[{self.shell.session.line}]:= ")]

    def read(self) -> str:
        """One input (raises KeyboardInterrupt on Ctrl-C, EOFError on Ctrl-D)."""
        return self.prompt.prompt(self.prompt_text)

    def loop(self) -> int:
        from lyra_core import SessionExit

        printer = self.shell.printer
        while True:
            try:
                text = self.read()
            except KeyboardInterrupt:
                continue  # Ctrl-C at the prompt: a fresh, empty line
            except EOFError:
                return EXIT_OK
            # Let Ctrl-C raise KeyboardInterrupt during evaluation: the session
            # turns it into $Aborted and the definitions survive.
            if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
                signal.signal(signal.SIGINT, signal.default_int_handler)
            try:
                self.shell.handle(text)
            except SessionExit as exc:
                code = getattr(exc, "code", 0)
                return code & 0xFF if type(code) is int else EXIT_OK
            except KeyboardInterrupt:
                printer.hint("Interrupted.")


def build_prompt_session(shell: Shell, store: HistoryFile | None, config: Config,
                         input=None, output=None) -> PromptSession:
    color = shell.printer.color
    style = None
    if color:
        style = merge_styles([
            style_from_pygments_dict(theme.prompt_toolkit_pygments_styles()),
            Style.from_dict({
                "prompt.in": theme.prompt_toolkit_style(*theme.PROMPT_IN),
                "prompt.continuation": "ansibrightblack",
            }),
        ])
    history = make_prompt_history(store) if store is not None else None
    kwargs = {}
    if history is not None:
        kwargs["history"] = history
    return PromptSession(
        lexer=PygmentsLexer(LyraShellLexer, sync_from_start=True),
        completer=LyraCompleter(shell),
        complete_while_typing=config.complete_while_typing,
        auto_suggest=AutoSuggestFromHistory() if config.auto_suggest else None,
        multiline=True,
        prompt_continuation=continuation,
        key_bindings=key_bindings(shell),
        style=style,
        include_default_pygments_style=False,
        color_depth=None if color else ColorDepth.MONOCHROME,
        input_processors=[
            ConditionalProcessor(HighlightMatchingBracketProcessor(chars="[](){}"), ~is_done)
        ],
        enable_history_search=False,
        input=input,
        output=output,
        **kwargs,
    )


def continuation(width: int, line_number: int, is_soft_wrap: bool):
    mark = "..." if width >= 4 else ""
    return [("class:prompt.continuation", mark.rjust(width - 1) + " " if width else "")]


def key_bindings(shell: Shell) -> KeyBindings:
    kb = KeyBindings()
    focused = has_focus(DEFAULT_BUFFER)

    @Condition
    def menu_has_selection() -> bool:
        from prompt_toolkit.application import get_app

        state = get_app().current_buffer.complete_state
        return state is not None and state.current_completion is not None

    @kb.add("enter", filter=focused & menu_has_selection)
    def _take_completion(event):
        # Enter in the completion menu takes the highlighted entry.
        event.current_buffer.complete_state = None

    @kb.add("enter", filter=focused & ~menu_has_selection)
    def _enter(event):
        buffer = event.current_buffer
        buffer.complete_state = None
        verdict = shell.classify(buffer.text)
        if verdict == "complete":
            buffer.validate_and_handle()
        elif verdict == "incomplete":
            buffer.newline(copy_margin=True)
        else:
            show_syntax_error(shell, buffer, verdict)

    @kb.add("escape", "enter", filter=focused)
    def _newline(event):
        event.current_buffer.newline(copy_margin=True)

    return kb


def show_syntax_error(shell: Shell, buffer, error) -> None:
    """Print the caret message above the prompt; the input stays editable,
    with the cursor on the offending character."""
    rendered = error.render()
    run_in_terminal(lambda: shell.printer.syntax_error(rendered))
    line = getattr(error, "line", None)
    column = getattr(error, "column", None)
    if isinstance(line, int) and isinstance(column, int) and line >= 1:
        document = buffer.document
        row = min(line - 1, document.line_count - 1)
        buffer.cursor_position = document.translate_row_col_to_index(row, max(column - 1, 0))
