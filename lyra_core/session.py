"""The embedding API: Session (LANGUAGE.md section 5).

    s = Session(engine="tree")
    e = s.evaluate("Expand[(x + 1)^2]")   # result of the last statement
    s.format(e)                           # InputForm text
    s.format(e, "FullForm")
    s.messages                            # ['Part::partw', ...] of the last evaluate

Interface used by the shell and the tools:
    Session(engine="tree"|"vm", matcher="fast"|"naive", static_dispatch=True,
            sandbox=False, stdout=None, on_message=None)
    evaluate(source) -> value           raises LyraSyntaxError on a syntax error
    evaluate_expr(expr) -> value        an already parsed expression
    format(value, form="InputForm") -> str
    messages: list[str]                 message names of the last evaluate
    message_texts: list[str]            the same as printed: "Part::partw: Part 5 of ..."
    line: int                           $Line: the number the next input gets
    stdout(text)                        where Print/Echo write (default sys.stdout)
    on_message(name, text)              called for each message as it is issued
"""
