"""The VM's instruction set: one line per opcode (name, operand, stack effect, meaning).

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
    ("CALL_DYNAMIC",    "name, argc",           "a.. -> v",   "as CALL, resolving the head by name at run time (static_dispatch=False)"),
    ("INT_OP",          "op",                   "a b -> v",   "fast path Plus/Times/Less/... of two machine integers; else the CALL_STATIC that follows"),
    ("TEST_IF",         "else-label",           "c -> ",      "If: True goes on, False jumps to else-label, anything else leaves If[...] unevaluated"),
    ("JUMP",            "label",                "",           "continue at label"),
    ("CONT",            "",                     "",           "the next expression continues the current level ([cont], one rewrite step)"),
    ("POP",             "",                     "v -> ",      "drop a value (CompoundExpression parts but the last)"),
    ("FALLBACK",        "template",             "-> v",       "put the slot values into the template and let the tree-walker evaluate it"),
    ("RETURN_VALUE",    "",                     "v -> ",      "the right side's value"),
)

NAMES = tuple(row[0] for row in OPCODES)
