"""The bytecode engine: Session(engine="vm").

    opcodes.py     the instruction set (one line per opcode)
    compiler.py    Lyra expression -> IR tree (+ the assumptions it makes)
    codegen.py     IR tree -> one generated Python function per unit
    reals.py       machine-real fast paths of arithmetic, comparisons, x += d
    linking.py     call plans and links: compiled code calling a user
                   function directly (memo probe, integer-specialised rule)
    intrinsics.py  Do / Table / Sum (one or several iterators) / While / For /
                   Map / NestWhile run with compiled bodies and functions
    matchers.py    left sides of DownValues -> one Python matcher each
    sums.py        sums and products known to be in normal form; a term
                   merged into one without re-sorting it
    vm.py          VMEvaluator: the tree-walker running compiled units
                   (rule right sides, pure functions, loop bodies)
    dis.py         the listing shown by lyra_core.dis and the shell's %dis
"""

from .vm import VMEvaluator, compile_expression, compile_rule

__all__ = ["VMEvaluator", "compile_expression", "compile_rule"]
