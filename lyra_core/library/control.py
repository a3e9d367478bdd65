"""Control flow: sequencing, conditionals, loops, non-local exits."""

from __future__ import annotations

from ..engine.signals import (
    AbortSignal,
    BreakSignal,
    ContinueSignal,
    ReturnSignal,
    ThrowSignal,
)
from ..expr.normal import E, Expr
from ..expr import system_symbols as S
from .iteration import iterate, iterator_is_concrete, with_bounds_evaluated
from .registry import builtin, declare

TRUE = S.True_
FALSE = S.False_
NULL = S.Null


@builtin(
    "CompoundExpression",
    evaluates_result=True,
    attributes=("HoldAll", "Protected", "ReadProtected"),
    usage="CompoundExpression[e1, e2, ...] or e1; e2; ... evaluates each in turn and gives the last result.\n"
    "Example: x = 1; x + 1 gives 2; a trailing ; gives Null",
)
def compound_expression(ev, *parts):
    result = NULL
    evaluate = ev.evaluate
    for p in parts:
        result = evaluate(p)
    return result


@builtin(
    "If",
    nargs=(2, 4),
    attributes=("HoldRest", "Protected"),
    usage="If[c, t, f] gives t if c is True, f if it is False; If[c, t, f, u] gives u if c is neither. "
    "If[c, t] gives Null when c is False.\nExample: If[1 < 2, \"yes\", \"no\"] gives \"yes\"",
)
def if_(ev, cond, then, otherwise=NULL, *neither):
    if cond is TRUE:
        return then
    if cond is FALSE:
        return otherwise
    if neither:
        return neither[0]
    return None


@builtin(
    "Which",
    attributes=("HoldAll", "Protected"),
    usage="Which[c1, v1, c2, v2, ...] gives the v of the first c that is True.\n"
    "Example: Which[1 > 2, a, True, b] gives b",
)
def which(ev, *args):
    if len(args) % 2:
        if len(args) == 1:
            ev.message("Which", "argctu")
        else:
            ev.message("Which", "argct", len(args))
        return None
    for i in range(0, len(args), 2):
        c = ev.evaluate(args[i])
        if c is TRUE:
            return args[i + 1]
        if c is not FALSE:
            # Undecided: WL returns the rest of the Which unevaluated.
            return Expr(S.Which, (c,) + args[i + 1 :])
    return NULL


@builtin(
    "Switch",
    nargs=(3, None),
    attributes=("HoldRest", "Protected"),
    usage="Switch[e, p1, v1, p2, v2, ...] gives the v of the first pattern p that e matches.\n"
    "Example: Switch[3, _String, \"s\", _Integer, \"i\"] gives \"i\"",
)
def switch(ev, value, *cases):
    if len(cases) % 2:
        ev.message("Switch", "argct", len(cases) + 1)
        return None
    from ..patterns import match

    for i in range(0, len(cases), 2):
        pattern = ev.evaluate(cases[i])
        if match(pattern, value, ev) is not None:
            return cases[i + 1]
    return NULL


def _run_body(ev, body):
    """Evaluate one loop body; True when the loop must stop (Break)."""
    if ev.pending is not None:  # an interrupt or time limit: checked every pass
        ev.check_interrupt()
    try:
        ev.evaluate(body)
    except ContinueSignal:
        pass
    except BreakSignal:
        return True
    return False


@builtin(
    "While",
    evaluates_result=True,
    nargs=(1, 2),
    attributes=("HoldAll", "Protected"),
    usage="While[test, body] evaluates body while test is True; gives Null.\n"
    "Example: i = 0; While[i < 3, i++]; i gives 3",
)
def while_(ev, test, body=NULL):
    try:
        while ev.evaluate(test) is TRUE:
            if _run_body(ev, body):
                break
    except ReturnSignal as r:
        return r.value
    return NULL


@builtin(
    "For",
    evaluates_result=True,
    nargs=(3, 4),
    attributes=("HoldAll", "Protected"),
    usage="For[start, test, incr, body] evaluates start, then body and incr while test is True.\n"
    "Example: For[i = 0, i < 3, i++, Print[i]]",
)
def for_(ev, start, test, incr, body=NULL):
    try:
        ev.evaluate(start)
        while ev.evaluate(test) is TRUE:
            if _run_body(ev, body):
                break
            ev.evaluate(incr)
    except ReturnSignal as r:
        return r.value
    return NULL


@builtin(
    "Do",
    evaluates_result=True,
    nargs=(2, None),
    attributes=("HoldAll", "Protected"),
    usage="Do[body, {i, imin, imax, di}] evaluates body for each i; also {n}, {i, n}, {i, list}, {i, a ;; b} "
    "and several iterators.\nExample: s = 0; Do[s += i, {i, 10}]; s gives 55",
)
def do(ev, body, *specs):
    def step():
        return _run_body(ev, body)

    try:
        ok = iterate(ev, "Do", specs, step)
    except ReturnSignal as r:
        return r.value
    return NULL if ok else None


@builtin(
    "Table",
    evaluates_result=True,
    nargs=(1, None),
    attributes=("HoldAll", "Protected"),
    usage="Table[e, {i, imin, imax, di}] gives the list of e for each i; also {n}, {i, n}, {i, list}, "
    "{i, a ;; b}; several iterators make nested lists.\nExample: Table[i^2, {i, 4}] gives {1, 4, 9, 16}",
)
def table(ev, body, *specs):
    if not specs:
        return ev.evaluate(body)
    return _nested(ev, body, specs, "Table", lambda items: Expr(S.List, tuple(items)))


def _nested(ev, body, specs, caller, combine):
    """Collect body over the iterators, innermost first; None if an iterator is bad."""
    results = []
    first, rest = specs[0], specs[1:]
    if rest:

        def step():
            inner = _nested(ev, body, rest, caller, combine)
            if inner is None:
                raise _BadIterator
            results.append(inner)

    else:

        def step():
            results.append(ev.evaluate(body))

    try:
        if not iterate(ev, caller, (first,), step):
            return None
    except _BadIterator:
        return None
    return combine(results)


class _BadIterator(Exception):
    pass


def _fold_numeric(ev, head, body, specs, caller):
    """Sum and Product over iterators: build the n-ary call and evaluate it."""
    terms = []
    ok = iterate(ev, caller, specs, lambda: terms.append(ev.evaluate(body)))
    if not ok:
        return None
    return Expr(head, tuple(terms))


@builtin(
    "Sum",
    nargs=(2, None),
    attributes=("HoldAll", "Protected", "ReadProtected"),
    usage="Sum[f, {i, imin, imax}] gives the sum of f for each i (exact for exact input); "
    "iterators as in Table; symbolic bounds give a closed form.\nExample: Sum[i^2, {i, 1, 10}] gives 385; Sum[i, {i, 1, n}] gives (n*(1 + n))/2",
)
def sum_(ev, body, *specs):
    specs = tuple(with_bounds_evaluated(ev, s) for s in specs)
    if not _all_numeric_iterators(specs):
        from .symbolic import symbolic_sum

        return symbolic_sum(ev, body, specs)
    return _fold_numeric(ev, S.Plus, body, specs, "Sum")


@builtin(
    "Product",
    nargs=(2, None),
    attributes=("HoldAll", "Protected", "ReadProtected"),
    usage="Product[f, {i, imin, imax}] gives the product of f for each i; iterators as in Table.\n"
    "Example: Product[i, {i, 5}] gives 120",
)
def product(ev, body, *specs):
    specs = tuple(with_bounds_evaluated(ev, s) for s in specs)
    if not _all_numeric_iterators(specs):
        return None
    return _fold_numeric(ev, S.Times, body, specs, "Product")


def _all_numeric_iterators(specs) -> bool:
    """Sum/Product with symbolic bounds are left for the symbolic layer."""
    return all(iterator_is_concrete(s) for s in specs)


# ---------------------------------------------------------------- exits
@builtin(
    "Return",
    nargs=(0, 2),
    attributes=("Protected",),
    usage="Return[e] returns e from the enclosing function (or loop); Return[] returns Null.\n"
    "Example: f[x_] := (If[x > 0, Return[\"pos\"]]; \"other\"); f[1] gives \"pos\"",
)
def return_(ev, value=NULL, *rest):
    raise ReturnSignal(value)


@builtin(
    "Break",
    nargs=0,
    attributes=("Protected",),
    usage="Break[] exits the nearest enclosing Do, For, While or Scan.\n"
    "Example: Do[If[i > 2, Break[]]; Print[i], {i, 5}] prints 1 and 2",
)
def break_(ev):
    raise BreakSignal()


@builtin(
    "Continue",
    nargs=0,
    attributes=("Protected",),
    usage="Continue[] goes on to the next iteration of the enclosing loop.\n"
    "Example: Do[If[OddQ[i], Continue[]]; Print[i], {i, 4}] prints 2 and 4",
)
def continue_(ev):
    raise ContinueSignal()


@builtin(
    "Throw",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Throw[v] stops evaluation and returns v to the nearest enclosing Catch; Throw[v, tag] to a Catch for tag.\n"
    "Example: Catch[Do[If[i > 3, Throw[i]], {i, 10}]] gives 4",
)
def throw(ev, value, tag=None):
    raise ThrowSignal(value, tag)


@builtin(
    "Catch",
    evaluates_result=True,
    nargs=(1, 3),
    attributes=("HoldFirst", "Protected"),
    usage="Catch[e] gives the value of the first Throw[v] in e (or e's value); Catch[e, form] catches Throw[v, tag] "
    "with tag matching form; Catch[e, form, f] gives f[v, tag].\nExample: Catch[Throw[1, a]; 2, a] gives 1",
)
def catch(ev, body, form=None, handler=None):
    try:
        return ev.evaluate(body)
    except ThrowSignal as t:
        if form is None:
            if t.tag is not None:
                raise
        else:
            if t.tag is None:
                raise
            from ..patterns import match

            if match(form, t.tag, ev) is None:
                raise
        if handler is not None:
            return E(handler, t.value, t.tag if t.tag is not None else NULL)
        return t.value


@builtin(
    "Abort",
    nargs=0,
    attributes=("Protected",),
    usage="Abort[] stops the whole computation; the session gives $Aborted.\n"
    "Example: (Abort[]; 1) gives $Aborted",
)
def abort(ev):
    raise AbortSignal("abort")


@builtin(
    "CheckAbort",
    evaluates_result=True,
    nargs=2,
    attributes=("HoldAll", "Protected"),
    usage="CheckAbort[e, failexpr] gives failexpr if an Abort happens while e is evaluated.\n"
    "Example: CheckAbort[Abort[], \"stopped\"] gives \"stopped\"",
)
def check_abort(ev, body, fail):
    try:
        return ev.evaluate(body)
    except AbortSignal as a:
        if a.reason in ("interrupt", "time", "memory"):
            raise
        return fail


# ---------------------------------------------------------------- holding
for _name, _attrs, _doc in (
    ("Hold", ("HoldAll", "Protected"), "Hold[e] keeps e unevaluated.\nExample: Hold[1 + 1] stays Hold[1 + 1]"),
    ("HoldForm", ("HoldAll", "Protected"), "HoldForm[e] keeps e unevaluated and prints it without the wrapper in OutputForm.\nExample: HoldForm[1 + 1]"),
    ("HoldComplete", ("HoldAllComplete", "Protected"), "HoldComplete[e] keeps e unevaluated, even Sequence and Evaluate inside.\nExample: HoldComplete[Evaluate[1 + 1]] stays as it is"),
    ("Unevaluated", ("HoldAllComplete", "Protected"), "Unevaluated[e] passes e to a function without evaluating it.\nExample: Length[Unevaluated[1 + 2 + 3]] gives 3"),
    ("HoldPattern", ("HoldAll", "Protected"), "HoldPattern[p] is the pattern p, kept unevaluated.\nExample: HoldPattern[1 + 1] matches only the unevaluated 1 + 1"),
    ("Function", ("HoldAll", "Protected"), "Function[body] or body & is a pure function with slots #, #2, ...; Function[{x, y}, body] names its parameters.\nExample: (#^2 &)[3] gives 9; Function[{x}, x + 1][2] gives 3"),
    ("Sequence", ("Protected",), "Sequence[a, b, ...] is spliced into the argument list of any function it appears in.\nExample: f[Sequence[1, 2], 3] gives f[1, 2, 3]"),
    ("Slot", ("NHoldAll", "Protected"), "Slot[n] or #n is the n-th argument of a pure function; # is #1.\nExample: (# + #2 &)[1, 2] gives 3"),
    ("SlotSequence", ("NHoldAll", "Protected"), "SlotSequence[n] or ##n is the sequence of the arguments of a pure function from the n-th on.\nExample: ({##} &)[1, 2] gives {1, 2}"),
    ("Null", ("Protected",), "Null is the value of an expression with no result, such as a; at the end of input.\nExample: (x = 1;) gives Null"),
    ("True", ("Locked", "Protected"), "True is the symbol for truth.\nExample: 1 < 2 gives True"),
    ("False", ("Locked", "Protected"), "False is the symbol for falsehood.\nExample: 1 > 2 gives False"),
    ("All", ("Protected",), "All means every element in part and level specifications.\nExample: {{1, 2}, {3, 4}}[[All, 1]] gives {1, 3}"),
    ("None", ("Protected",), "None means no element or no option.\nExample: Quiet[e, None]"),
    ("Automatic", ("Protected",), "Automatic is an option value meaning: choose automatically.\nExample: Method -> Automatic"),
    ("$Failed", ("Protected",), "$Failed is the result of an operation that failed.\nExample: Import[\"missing.csv\"] gives $Failed"),
    ("$Aborted", ("Protected",), "$Aborted is the result of an aborted computation.\nExample: TimeConstrained[While[True], 0.1] gives $Aborted"),
    ("Span", ("Protected",), "Span[i, j] or i ;; j is the span of positions i through j (with a step: i ;; j ;; k).\nExample: {a, b, c, d}[[2 ;; 3]] gives {b, c}"),
):
    declare(_name, attributes=_attrs, usage=_doc)


@builtin(
    "Evaluate",
    nargs=None,
    attributes=("Protected",),
    usage="Evaluate[e] forces e to be evaluated even in a held argument.\nExample: Hold[Evaluate[1 + 1]] gives Hold[2]",
)
def evaluate(ev, *args):
    if len(args) == 1:
        return args[0]
    return Expr(S.Sequence, args)


@builtin(
    "ReleaseHold",
    nargs=1,
    attributes=("Protected",),
    usage="ReleaseHold[e] removes Hold, HoldForm, HoldPattern and HoldComplete wrappers at the top of e's parts.\n"
    "Example: ReleaseHold[Hold[1 + 1]] gives 2",
)
def release_hold(ev, expr):
    holds = (S.Hold, S.HoldForm, S.HoldPattern, S.HoldComplete)
    if type(expr) is Expr and expr.head in holds:
        return expr.args[0] if len(expr.args) == 1 else Expr(S.Sequence, expr.args)
    if type(expr) is Expr:
        args = tuple(
            (a.args[0] if len(a.args) == 1 else Expr(S.Sequence, a.args))
            if type(a) is Expr and a.head in holds
            else a
            for a in expr.args
        )
        return Expr(expr.head, args)
    return expr


@builtin(
    "Identity",
    nargs=1,
    attributes=("Protected",),
    usage="Identity[x] gives x.\nExample: Identity[5] gives 5",
)
def identity(ev, x):
    return x
