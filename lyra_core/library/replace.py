"""Rules and patterns at work: Replace, ReplaceAll, ReplaceRepeated, ReplaceList,
MatchQ, Cases, DeleteCases, Position, Count, FreeQ, MemberQ, Dispatch,
OptionValue -- and the attributes of the pattern constructs themselves.

All matching goes through lyra_core.patterns (the general matcher under
`Session(matcher="naive")`, the specialised matchers and indexes otherwise).
A list of replacement rules is turned into Rule objects once and cached by
the rules expression, so `expr /. rules` inside a loop does not rebuild them.
"""

from __future__ import annotations

from ..engine import messages as message_texts
from ..expr import system_symbols as S
from ..expr.assoc import Association
from ..expr.normal import Expr, same
from ..expr.symbol import system
from ..patterns import Rule, RuleTable, rules_from
from ..patterns.options import option_values
from ..patterns.specialize import pattern_predicate
from .levels import INFINITE as _INFINITE, in_range, parse_levelspec, walk
from .list_support import call, is_infinity, is_rule as _is_rule
from .registry import builtin, declare

_List = S.List
_Dispatch = system("Dispatch")
_Heads = system("Heads")
_MaxIterations = system("MaxIterations")

# ---------------------------------------------------------------- pattern constructs
for _name, _attributes, _usage in (
    ("Rule", ("Protected", "SequenceHold"), "lhs -> rhs (Rule) replaces lhs by rhs, rhs evaluated when the rule is made.\nExample: {1, 2} /. 1 -> a gives {a, 2}"),
    ("RuleDelayed", ("HoldRest", "Protected", "SequenceHold"), "lhs :> rhs (RuleDelayed) replaces lhs by rhs, rhs evaluated each time it is used.\nExample: {1, 2} /. x_Integer :> x + 1 gives {2, 3}"),
    ("Blank", ("Protected",), "_ (Blank[]) matches any expression; _h matches any expression with head h.\nExample: MatchQ[f[1], _f] gives True"),
    ("BlankSequence", ("Protected",), "__ (BlankSequence[]) matches a sequence of one or more expressions; __h of expressions with head h.\nExample: f[1, 2, 3] /. f[x__] :> {x} gives {1, 2, 3}"),
    ("BlankNullSequence", ("Protected",), "___ (BlankNullSequence[]) matches a sequence of zero or more expressions.\nExample: MatchQ[f[], f[___]] gives True"),
    ("Pattern", ("HoldFirst", "Protected"), "x:p (Pattern[x, p]) is the pattern p, naming what it matches x; x_ is x:_.\nExample: f[2] /. f[x_] :> x^2 gives 4"),
    ("PatternTest", ("HoldRest", "Protected"), "p?test (PatternTest[p, test]) matches what p matches when test gives True on it.\nExample: Cases[{1, 2, 3, 4}, _?EvenQ] gives {2, 4}"),
    ("Condition", ("HoldAll", "Protected"), "p /; cond (Condition[p, cond]) matches what p matches when cond, with the pattern names put in, gives True; lhs := rhs /; cond makes a conditional definition.\nExample: Cases[{-1, 2}, x_ /; x > 0] gives {2}"),
    ("Alternatives", ("Protected",), "p1 | p2 | ... (Alternatives) matches anything one of the pi matches, tried left to right.\nExample: Cases[{a, b, c}, a | c] gives {a, c}"),
    ("Optional", ("Protected",), "x_:d (Optional) is an argument that may be left out, then taking the value d; x_. takes Default[f].\nExample: f[x_, y_:0] := {x, y}; f[1] gives {1, 0}"),
    ("Repeated", ("Protected",), "p.. (Repeated) matches one or more expressions each matching p; Repeated[p, {min, max}] bounds the count.\nExample: MatchQ[{a, a, a}, {a..}] gives True"),
    ("RepeatedNull", ("Protected",), "p... (RepeatedNull) matches zero or more expressions each matching p.\nExample: MatchQ[{}, {a...}] gives True"),
    ("Except", ("Protected",), "Except[c] matches anything that does not match c; Except[c, p] what matches p but not c.\nExample: Cases[{1, 0, 2}, Except[0]] gives {1, 2}"),
    ("Verbatim", ("Protected",), "Verbatim[e] matches e itself, even when e is a pattern.\nExample: MatchQ[x_, Verbatim[x_]] gives True"),
    ("OptionsPattern", ("Protected",), "OptionsPattern[] matches a possibly empty sequence of options (rules or lists of rules); OptionValue reads them.\nExample: f[OptionsPattern[]] := OptionValue[a]"),
    ("PatternSequence", ("Protected",), "PatternSequence[p1, p2, ...] matches a sequence of expressions matching p1, p2, ....\nExample: MatchQ[f[1, 2], f[PatternSequence[_, _]]] gives True"),
    ("Heads", ("Protected",), "Heads is an option: Heads -> True makes a level traversal include heads.\nExample: Position[f[a], f] gives {{0}}"),
    ("MaxIterations", ("Protected",), "MaxIterations is an option giving the most steps an iteration may take.\nExample: ReplaceRepeated[x, x -> x + 1, MaxIterations -> 3]"),
):
    declare(_name, attributes=_attributes, usage=_usage)

for _caller in ("ReplaceAll", "Replace", "ReplaceRepeated", "ReplaceList"):
    message_texts.define(
        _caller,
        "reps",
        "`1` is neither a list of replacement rules nor a valid dispatch table, and so cannot be used for replacing.",
    )
message_texts.define("ReplaceRepeated", "rrlim", "Exiting after `1` scanned `2` times.")
message_texts.define("Dispatch", "invrl", "The argument `1` is not a valid Association or a list of rules.")
# General::innf ("... at position `1` in `2`") is defined in list_support.


# ---------------------------------------------------------------- rule lists
_TABLES: dict = {}  # rules expression -> RuleTable, or tuple of them (list of lists)
_TABLES_LIMIT = 512


def _table_of(spec):
    """A RuleTable, a tuple of RuleTables (for a list of rule lists), or None."""
    if type(spec) is not Expr:
        return None
    cached = _TABLES.get(spec)
    if cached is not None:
        return cached
    table = _build_table(spec)
    if table is not None:
        if len(_TABLES) >= _TABLES_LIMIT:
            _TABLES.clear()
        _TABLES[spec] = table
    return table


def _build_table(spec):
    if spec.head is _Dispatch and len(spec.args) == 1:
        rules = rules_from(spec.args[0])
        return None if rules is None else RuleTable(rules)
    rules = rules_from(spec)
    if rules is not None:
        return RuleTable(rules)
    if spec.head is _List and all(type(x) is Expr for x in spec.args):
        tables = tuple(_table_of(x) for x in spec.args)
        if all(type(t) is RuleTable for t in tables):
            return tables
    return None


def _rules_or_message(ev, spec, caller):
    table = _table_of(spec)
    if table is None:
        shown = spec if type(spec) is Expr and spec.head is _List else Expr(_List, (spec,))
        ev.message(caller, "reps", shown)
    return table


def _for_each_table(table, fn):
    """fn(table) for one table; a List of the results for a list of tables."""
    if type(table) is tuple:
        return Expr(_List, tuple(fn(t) for t in table))
    return fn(table)


# ---------------------------------------------------------------- traversals
def replace_all(e, table: RuleTable, ev):
    """ReplaceAll: the first rule that applies to a part replaces it (and its
    subparts are left alone); parts no rule touched are returned as they were."""
    r = table.apply_once(e, ev)
    if r is not None:
        return r
    t = type(e)
    if t is Expr:
        head = replace_all(e.head, table, ev)
        args = e.args
        new_args = None
        for i, a in enumerate(args):
            v = replace_all(a, table, ev)
            if new_args is not None:
                new_args.append(v)
            elif v is not a:
                new_args = list(args[:i])
                new_args.append(v)
        if new_args is None:
            return e if head is e.head else Expr(head, args)
        return Expr(head, tuple(new_args))
    if t is Association:
        changed = False
        pairs = []
        for key, value, delayed in e.items.values():
            k2 = replace_all(key, table, ev)
            v2 = replace_all(value, table, ev)
            changed = changed or k2 is not key or v2 is not value
            pairs.append((k2, v2, delayed))
        return Association.from_pairs(pairs) if changed else e
    return e


def _replace_at_levels(e, table, ev, lo, hi, heads, level=0):
    """Replace: rules applied to the parts at levels lo..hi, deepest first."""
    if type(e) is Expr and (hi > level or hi < 0):
        head = _replace_at_levels(e.head, table, ev, lo, hi, heads, level + 1) if heads else e.head
        args = tuple(_replace_at_levels(a, table, ev, lo, hi, heads, level + 1) for a in e.args)
        if head is not e.head or any(x is not y for x, y in zip(args, e.args)):
            e = Expr(head, args)
    elif type(e) is Association and (hi > level or hi < 0):
        pairs = [
            (k, _replace_at_levels(v, table, ev, lo, hi, heads, level + 1), d)
            for k, v, d in e.items.values()
        ]
        e = Association.from_pairs(pairs)
    if in_range(level, e, lo, hi):
        r = table.apply_once(e, ev)
        if r is not None:
            return r
    return e


def _parts(e, lo, hi, heads):
    """The parts of e at levels lo..hi in WL's order (children before parents)."""
    if lo == 1 and hi == 1 and not heads:
        if type(e) is Expr:
            return e.args
        if type(e) is Association:
            return tuple(e.values())
        return ()
    return [part for _, part in walk(e, lo, hi, heads)]


# ---------------------------------------------------------------- argument helpers
def _split_options(args, known):
    """(positional args, {option symbol: value}) for trailing known options."""
    options = {}
    args = list(args)
    while args:
        last = args[-1]
        if (
            type(last) is Expr
            and last.head in (S.Rule, S.RuleDelayed)
            and len(last.args) == 2
            and last.args[0] in known
        ):
            options[last.args[0]] = last.args[1]
            args.pop()
        else:
            break
    return tuple(args), options


def _heads_option(options, default: bool) -> bool:
    v = options.get(_Heads)
    if v is S.True_:
        return True
    if v is S.False_:
        return False
    return default


def _count_arg(ev, caller, value, position, call_args):
    """A non-negative integer or Infinity (as float inf), else None after a message."""
    if type(value) is int and value >= 0:
        return value
    if is_infinity(value):
        return _INFINITE
    ev.message(caller, "innf", position, call(caller, *call_args))
    return None


def _levels(ev, args, index, default, caller):
    if len(args) > index:
        return parse_levelspec(ev, args[index], caller)
    return default


_RULES: dict = {}  # a single rule expression -> its Rule object (Cases)


def _rule_of(p):
    rule = _RULES.get(p)
    if rule is None:
        if len(_RULES) >= _TABLES_LIMIT:
            _RULES.clear()
        rule = _RULES[p] = Rule.from_expr(p)
    return rule


# ---------------------------------------------------------------- Replace family
@builtin(
    "ReplaceAll",
    nargs=(1, 2),
    operator_form=(1, 0),
    usage="expr /. rules (ReplaceAll) applies a rule or list of rules to each part of expr, trying the whole "
    "before its parts and leaving a replaced part alone; a list of rule lists gives a list of results. "
    "ReplaceAll[rules] is the operator form.\n"
    "Example: {1, 2, 3} /. x_Integer -> x^2 gives {1, 4, 9}",
)
def replace_all_builtin(ev, expr, *rest):
    if not rest:
        return None
    table = _rules_or_message(ev, rest[0], "ReplaceAll")
    if table is None:
        return None
    return _for_each_table(table, lambda t: replace_all(expr, t, ev))


@builtin(
    "Replace",
    nargs=(1, 4),
    operator_form=(1, 0),
    usage="Replace[expr, rules] applies rules to the whole of expr only; Replace[expr, rules, levelspec] to the "
    "parts at those levels, deepest first. Replace[rules] is the operator form.\n"
    "Example: Replace[f[f[a]], f[x_] :> g[x], All] gives g[g[a]]",
)
def replace_builtin(ev, expr, *rest):
    args, options = _split_options(rest, (_Heads,))
    if not args:
        return None
    if len(args) > 2:
        return None
    table = _rules_or_message(ev, args[0], "Replace")
    if table is None:
        return None
    levels = _levels(ev, args, 1, (0, 0), "Replace")
    if levels is None:
        return None
    lo, hi = levels
    heads = _heads_option(options, False)
    return _for_each_table(table, lambda t: _replace_at_levels(expr, t, ev, lo, hi, heads))


@builtin(
    "ReplaceRepeated",
    nargs=(1, 3),
    operator_form=(1, 0),
    usage="expr //. rules (ReplaceRepeated) applies rules with ReplaceAll, evaluating after each step, until the "
    "result no longer changes (at most MaxIterations steps, 65536 by default).\n"
    "Example: f[3] //. f[n_ /; n > 0] :> n f[n - 1] gives 6 f[0]",
)
def replace_repeated_builtin(ev, expr, *rest):
    args, options = _split_options(rest, (_MaxIterations,))
    if len(args) != 1:
        return None
    table = _rules_or_message(ev, args[0], "ReplaceRepeated")
    if table is None:
        return None
    limit = options.get(_MaxIterations, 65536)
    if type(limit) is not int or limit < 1:
        limit = _INFINITE if limit is S.Infinity else 65536
    return _for_each_table(table, lambda t: _repeat(expr, t, ev, limit))


def _repeat(expr, table, ev, limit):
    current = expr
    steps = 0
    while True:
        new = replace_all(current, table, ev)
        if new is current:
            return current
        new = ev.evaluate(new)
        if same(new, current):
            return new
        current = new
        steps += 1
        if steps >= limit:
            ev.message("ReplaceRepeated", "rrlim", expr, limit)
            return current


@builtin(
    "ReplaceList",
    nargs=(1, 3),
    operator_form=(1, 0),
    usage="ReplaceList[expr, rules] gives the results of every way each rule can apply to the whole of expr, "
    "in order; ReplaceList[expr, rules, n] at most n of them.\n"
    "Example: ReplaceList[{a, b, c}, {x__, y__} :> {{x}, {y}}] gives {{{a}, {b, c}}, {{a, b}, {c}}}",
)
def replace_list_builtin(ev, expr, *rest):
    if not rest:
        return None
    table = _rules_or_message(ev, rest[0], "ReplaceList")
    if table is None:
        return None
    limit = _INFINITE
    if len(rest) > 1:
        limit = _count_arg(ev, "ReplaceList", rest[1], 3, (expr,) + rest)
        if limit is None:
            return None
    return _for_each_table(table, lambda t: _all_results(expr, t, ev, limit))


def _all_results(expr, table, ev, limit):
    out = []
    if limit > 0:
        for rule in table.rules:
            for r in rule.results(expr, ev):
                out.append(r)
                if len(out) >= limit:
                    return Expr(_List, tuple(out))
    return Expr(_List, tuple(out))


@builtin(
    "Dispatch",
    nargs=1,
    usage="Dispatch[rules] is the list of rules prepared for fast repeated use by Replace, ReplaceAll and "
    "their relatives (indexed on first use).\n"
    "Example: {a, b} /. Dispatch[{a -> 1, b -> 2}] gives {1, 2}",
)
def dispatch_builtin(ev, rules):
    if rules_from(rules) is None:
        ev.message("Dispatch", "invrl", rules)
    return None  # Dispatch[{...}] stays as it is: the table itself


# ---------------------------------------------------------------- matching queries
@builtin(
    "MatchQ",
    nargs=(1, 2),
    operator_form=(1, 0),
    usage="MatchQ[expr, form] gives True when expr matches the pattern form, and False otherwise. "
    "MatchQ[form] is the operator form.\n"
    "Example: MatchQ[{1, 2}, {__Integer}] gives True",
)
def match_q(ev, expr, *rest):
    if not rest:
        return None
    return S.True_ if pattern_predicate(rest[0], ev)(expr) else S.False_


@builtin(
    "Cases",
    nargs=(1, 5),
    operator_form=(1, 0),
    usage="Cases[expr, pattern] gives the elements of expr that match pattern; Cases[expr, lhs -> rhs] gives rhs "
    "for each match; Cases[expr, pattern, levelspec, n] searches those levels and gives at most n. "
    "Cases[pattern] is the operator form.\n"
    "Example: Cases[{1, a, 2.5, 3}, _Integer] gives {1, 3}",
)
def cases(ev, expr, *rest):
    args, options = _split_options(rest, (_Heads,))
    if not args or len(args) > 3:
        return None
    pattern = args[0]
    levels = _levels(ev, args, 1, (1, 1), "Cases")
    if levels is None:
        return None
    limit = _INFINITE
    if len(args) > 2:
        limit = _count_arg(ev, "Cases", args[2], 4, (expr,) + rest)
        if limit is None:
            return None
    parts = _parts(expr, levels[0], levels[1], _heads_option(options, False))
    out = []
    if limit > 0:
        if _is_rule(pattern):
            rule = _rule_of(pattern)
            for part in parts:
                r = rule.apply(part, ev, False)
                if r is not None:
                    out.append(r)
                    if len(out) >= limit:
                        break
        else:
            test = pattern_predicate(pattern, ev)
            for part in parts:
                if test(part):
                    out.append(part)
                    if len(out) >= limit:
                        break
    return Expr(_List, tuple(out))


@builtin(
    "DeleteCases",
    nargs=(1, 5),
    operator_form=(1, 0),
    usage="DeleteCases[expr, pattern] removes the elements of expr that match pattern; DeleteCases[expr, pattern, "
    "levelspec, n] removes at most n parts at those levels. DeleteCases[pattern] is the operator form.\n"
    "Example: DeleteCases[{1, a, 2, b}, _Integer] gives {a, b}",
)
def delete_cases(ev, expr, *rest):
    args, options = _split_options(rest, (_Heads,))
    if not args or len(args) > 3:
        return None
    levels = _levels(ev, args, 1, (1, 1), "DeleteCases")
    if levels is None:
        return None
    limit = _INFINITE
    if len(args) > 2:
        limit = _count_arg(ev, "DeleteCases", args[2], 4, (expr,) + rest)
        if limit is None:
            return None
    test = pattern_predicate(args[0], ev)
    budget = [limit]
    return _delete(expr, test, levels[0], levels[1], 0, budget)


def _delete(e, test, lo, hi, level, budget):
    """e without its parts at levels lo..hi that pass `test` (children first)."""
    if level >= hi and hi >= 0:
        return e
    if type(e) is Expr:
        kept = []
        changed = False
        for a in e.args:
            a2 = _delete(a, test, lo, hi, level + 1, budget)
            if budget[0] > 0 and in_range(level + 1, a2, lo, hi) and test(a2):
                budget[0] -= 1
                changed = True
                continue
            changed = changed or a2 is not a
            kept.append(a2)
        return Expr(e.head, tuple(kept)) if changed else e
    if type(e) is Association:
        pairs = []
        changed = False
        for key, value, delayed in e.items.values():
            v2 = _delete(value, test, lo, hi, level + 1, budget)
            if budget[0] > 0 and in_range(level + 1, v2, lo, hi) and test(v2):
                budget[0] -= 1
                changed = True
                continue
            changed = changed or v2 is not value
            pairs.append((key, v2, delayed))
        return Association.from_pairs(pairs) if changed else e
    return e


@builtin(
    "Position",
    nargs=(1, 5),
    operator_form=(1, 0),
    usage="Position[expr, pattern] gives the positions of the parts of expr (heads included) that match pattern; "
    "Position[expr, pattern, levelspec, n] searches those levels and gives at most n. "
    "Position[pattern] is the operator form.\n"
    "Example: Position[{1, a, {2}}, _Integer] gives {{1}, {3, 1}}",
)
def position(ev, expr, *rest):
    args, options = _split_options(rest, (_Heads,))
    if not args or len(args) > 3:
        return None
    levels = _levels(ev, args, 1, (0, _INFINITE), "Position")
    if levels is None:
        return None
    limit = _INFINITE
    if len(args) > 2:
        limit = _count_arg(ev, "Position", args[2], 4, (expr,) + rest)
        if limit is None:
            return None
    test = pattern_predicate(args[0], ev)
    out = []
    if limit > 0:
        for pos, part in walk(expr, levels[0], levels[1], _heads_option(options, True)):
            if test(part):
                out.append(Expr(_List, pos))
                if len(out) >= limit:
                    break
    return Expr(_List, tuple(out))


@builtin(
    "Count",
    nargs=(1, 4),
    operator_form=(1, 0),
    usage="Count[expr, pattern] gives the number of elements of expr that match pattern; Count[expr, pattern, "
    "levelspec] counts the parts at those levels. Count[pattern] is the operator form.\n"
    "Example: Count[{1, a, 2, b}, _Integer] gives 2",
)
def count(ev, expr, *rest):
    args, options = _split_options(rest, (_Heads,))
    if not args or len(args) > 2:
        return None
    levels = _levels(ev, args, 1, (1, 1), "Count")
    if levels is None:
        return None
    test = pattern_predicate(args[0], ev)
    return sum(1 for part in _parts(expr, levels[0], levels[1], _heads_option(options, False)) if test(part))


@builtin(
    "FreeQ",
    nargs=(1, 4),
    operator_form=(1, 0),
    usage="FreeQ[expr, form] gives True when no part of expr (heads included) matches form; FreeQ[expr, form, "
    "levelspec] tests the parts at those levels. FreeQ[form] is the operator form.\n"
    "Example: FreeQ[{1, x^2}, x] gives False",
)
def free_q(ev, expr, *rest):
    args, options = _split_options(rest, (_Heads,))
    if not args or len(args) > 2:
        return None
    levels = _levels(ev, args, 1, (0, _INFINITE), "FreeQ")
    if levels is None:
        return None
    test = pattern_predicate(args[0], ev)
    for part in _parts(expr, levels[0], levels[1], _heads_option(options, True)):
        if test(part):
            return S.False_
    return S.True_


@builtin(
    "MemberQ",
    nargs=(1, 4),
    operator_form=(1, 0),
    usage="MemberQ[list, form] gives True when an element of list matches form; MemberQ[list, form, levelspec] "
    "tests the parts at those levels. MemberQ[form] is the operator form.\n"
    "Example: MemberQ[{1, 2, 3}, 2] gives True",
)
def member_q(ev, expr, *rest):
    args, options = _split_options(rest, (_Heads,))
    if not args or len(args) > 2:
        return None
    levels = _levels(ev, args, 1, (1, 1), "MemberQ")
    if levels is None:
        return None
    test = pattern_predicate(args[0], ev)
    for part in _parts(expr, levels[0], levels[1], _heads_option(options, False)):
        if test(part):
            return S.True_
    return S.False_


# ---------------------------------------------------------------- options
@builtin(
    "OptionValue",
    nargs=(1, 3),
    usage="OptionValue[name] in the right side of a definition with OptionsPattern[] gives the option's value in "
    "the call, else its default in Options[f]; OptionValue[f, name] and OptionValue[f, opts, name] look it up "
    "explicitly. name may be a list of names.\n"
    "Example: Options[f] = {a -> 1}; f[OptionsPattern[]] := OptionValue[a]; f[a -> 2] gives 2",
)
def option_value(ev, *args):
    if len(args) == 1:
        return None  # only meaningful inside a definition with OptionsPattern[]
    if len(args) == 2:
        source, name = args
        given = ()
    else:
        source, opts, name = args
        given = opts.args if type(opts) is Expr and opts.head is _List else (opts,)
    return option_values(name, given, source, ev)

