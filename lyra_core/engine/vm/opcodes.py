"""The VM's instruction set: one line per opcode (name, operand, stack effect, meaning).

Units: a rule's right side, a pure function's body, the body of a loop
(While, For, the innermost loop of Do/Table/Sum) are each compiled on first
use. The outer iterators of Do/Table/Sum are intrinsic loops (FOR_ITER over
the symbol); NestWhile's f and test run as compiled pure functions.

A compiled Lyra function is a tree of IR nodes (compiler.py). The listing
`dis` prints is that tree flattened into these instructions, in evaluation
order; codegen.py lowers the same tree to one Python function. Every
instruction that evaluates something does it exactly as the tree-walker
would (same depth and rewrite-chain accounting, same messages).

Frames: an instruction marked [frame] opens an evaluation level as
`Evaluator.evaluate` does (depth + 1, $RecursionLimit check, a fresh
$IterationLimit chain); [tail] opens one that keeps the chain (a rule's right
side); [cont] evaluates in the current level (what a builtin's result is
evaluated in, e.g. the branch If chose).
"""

# name                  operand                 stack         meaning
OPCODES = (
    ("LOAD_CONST",      "constant",             "-> v",       "push an atom (number, string) from the constant pool"),
    ("LOAD_SYMBOL",     "symbol",               "-> v",       "push a symbol, evaluated (its OwnValue when it has one)"),
    ("LOAD_LOCAL",      "slot",                 "-> v",       "push a pattern variable's value, evaluated if not already a fixed point"),
    ("ENTER",           "template",             "",           "open a [frame]/[tail] level for the call being built"),
    ("CALL_STATIC",     "builtin, argc",        "a.. -> v",   "call a builtin's Python function linked at compile time (no user rules)"),
    ("CALL",            "symbol, argc",         "a.. -> v",   "call a head with no hold attributes: UpValues, DownValues (compiled), builtin"),
    ("CALL_LINKED",     "symbol, argc",         "a.. -> v",   "CALL of a user function without attributes; for machine-integer arguments a memo value by one probe or its compiled rule called directly"),
    ("CALL_DYNAMIC",    "name, argc",           "a.. -> v",   "as CALL, resolving the head by name at run time (static_dispatch=False)"),
    ("NUM_OP",          "op",                   "a [b] -> v", "fast path Plus/Times/Power/Less/Mod/EvenQ/... of machine integers, and Plus/Times/Less/LessEqual/Greater/GreaterEqual with a machine real (reals.py); else the CALL_STATIC that follows"),
    ("TEST_IF",         "else-label",           "c -> ",      "If: True goes on, False jumps to else-label, anything else leaves If[...] unevaluated"),
    ("TEST_JUNCTION",   "And|Or, end-label",    "c -> ",      "And/Or: the deciding value (False/True) jumps to end-label as the result, the other goes on, anything else hands the rest to the builtin"),
    ("STORE_SYMBOL",    "symbol",               "v -> v",     "x = v on a plain user symbol: its OwnValue becomes v (atoms; else the builtin Set)"),
    ("UPDATE_SYMBOL",   "symbol, op",           "[d] -> v",   "x += d, x++, ... on a plain user symbol holding a machine integer or real (else the builtin)"),
    ("STORE_LOCAL",     "slot",                 "v -> ",      "a Module's initial value into its local symbol, a With's value into its slot"),
    ("MAKE_LOCALS",     "Module, slots",        "",           "fresh local symbols x$nnn ($ModuleNumber, as the builtin numbers them) into the slots"),
    ("RELEASE_LOCALS",  "slots",                "",           "after a Module's body: forget the local symbols nothing refers to any more"),
    ("BLOCK_ENTER",     "symbols[=value]",      "v.. -> ",    "Block: save each symbol's values and definitions, clear them, give the local values (Block::wrsym for a Protected one)"),
    ("BLOCK_EXIT",      "symbols",              "",           "after a Block's body, on every exit (value, Return, Throw, Break, Abort, $RecursionLimit): the saved states back"),
    ("MATCH",           "pattern, else-label",  "s [p] -> s", "Switch: the subject matches the pattern (a constant when it evaluates to itself, else the evaluated one) or jump to else-label"),
    ("FOR_ITER",        "register, end-label",  "",           "loop unit: the iterator's next value into the register (into the symbol too when the body may read it; an outer iterator's: the symbol only), or jump to end-label"),
    ("COLLECT",         "",                     "v -> ",      "loop unit: append the body's value to the result (Table's list, Sum's terms); Do drops it"),
    ("JUMP",            "label",                "",           "continue at label"),
    ("CONT",            "",                     "",           "the next expression continues the current level ([cont], one rewrite step)"),
    ("POP",             "",                     "v -> ",      "drop a value (CompoundExpression parts but the last)"),
    ("FALLBACK",        "template",             "-> v",       "put the slot values into the template and let the tree-walker evaluate it"),
    ("RETURN_VALUE",    "",                     "v -> ",      "the right side's value"),
)

NAMES = tuple(row[0] for row in OPCODES)
