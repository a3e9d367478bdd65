"""The bytecode engine: Session(engine="vm").

    opcodes.py   the instruction set (one line per opcode)
    compiler.py  Lyra expression -> IR tree (+ the assumptions it makes)
    codegen.py   IR tree -> one generated Python function per definition
    vm.py        VMEvaluator: the tree-walker running compiled definitions
    dis.py       the listing shown by lyra_core.dis and the shell's %dis
"""

from .vm import VMEvaluator, compile_expression, compile_rule

__all__ = ["VMEvaluator", "compile_expression", "compile_rule"]
