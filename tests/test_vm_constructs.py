"""Block, Switch, NestWhile and Do/Table/Sum over several iterators: what the
VM compiles natively (BLOCK_ENTER/BLOCK_EXIT, MATCH jumps, the NestWhile
intrinsic, nested iterator loops) gives exactly the tree-walker's results,
messages and printed lines. Each program runs on both engines with its
expected InputForm; the engines must also agree on the message texts."""

import pytest

from lyra_core import Session

# (program, InputForm of the result, message names, printed lines)
CASES = [
    # ---------------- Block
    ('x = 1; f[n_] := Block[{x = n}, x + g[]]; g[] := 10 x; {f[3], x}', '{33, 1}'),
    ('x = 1; h[] := Block[{x}, x]; {h[], x}', '{x, 1}'),
    ('x = 5; Block[{x = x + 1}, x]', '6'),
    ('x = 5; f[] := Block[{x = x + 1}, x]; {f[], x}', '{6, 5}'),
    ('f[n_] := Block[{y := n + 1}, {Hold[y], y}]; f[4]', '{Hold[y], 5}'),
    ('f[n_] := Block[{x = n}, Block[{x = x + 1}, x] + x]; {f[1], x}', '{3, x}'),
    ('f[n_] := Block[{x = n, y = 2 n}, x y]; {f[3], x, y}', '{18, x, y}'),
    ('f[n_] := Block[{x = n, x = 2}, x]; {f[1], x}', '{2, x}'),
    ('f[] := Block[{}, 7]; f[]', '7'),
    ('f[n_] := Block[{x}, x = n; x^2]; {f[4], x}', '{16, x}'),
    ('f[n_] := Block[{c = 0}, Do[c += i, {i, n}]; c]; {f[100], c}', '{5050, c}'),
    ('x = 1; f[n_] := Block[{x = n}, Throw[x]]; {Catch[f[5]], x}', '{5, 1}'),
    ('x = 1; f[n_] := Block[{x = n}, Return[x + 1]; 0]; {f[5], x}', '{6, 1}'),
    ('x = 1; f[n_] := Block[{x = n}, Abort[]]; {CheckAbort[f[2], aborted], x}', '{aborted, 1}'),
    ('x = 1; f[n_] := Block[{x = n}, 1/0; x]; {f[2], x}', '{2, 1}', ('Power::infy',)),
    ('x = 1; f[n_] := Do[Block[{x = i}, If[i > 2, Break[]]; Print[x]], {i, 5}]; {f[1], x}', '{Null, 1}', (), ('1', '2')),
    ('x = 1; f[n_] := Do[Block[{x = i}, If[OddQ[i], Continue[]]; Print[x]], {i, 4}]; {f[1], x}', '{Null, 1}', (), ('2', '4')),
    ('g[y_] := y^2; f[n_] := Block[{g}, {g[n], Definition[g]}]; {f[3], g[3]}', '{{g[3], "Null"}, 9}'),
    ('g[y_] := y^2; f[n_] := Block[{g = Sin}, g[n]]; {f[0], g[3]}', '{0, 9}'),
    ('g[y_] := y^2; f[n_] := Block[{g}, g[z_] := -z; g[n]]; {f[3], g[3]}', '{-3, 9}'),
    ('h[m_] := Block[{t}, t[1] = m; t[1] + t[2]]; {h[3], t[1]}', '{3 + t[2], t[1]}'),
    ('Protect[p]; f[n_] := Block[{p = n}, p]; f[2]', 'p', ('Block::wrsym',)),
    ('Protect[p]; f[n_] := Block[{p}, p]; f[2]', 'p'),
    ('f[n_] := Block[{n = 1}, n]; f[2]', 'Block[{2 = 1}, 2]', ('Block::lvsym',)),
    ('f[n_] := Block[x, n]; f[2]', 'Block[x, 2]', ('Block::lvlist',)),
    ('f[n_] := Block[{1 + x}, n]; f[2]', 'Block[{1 + x}, 2]', ('Block::lvsym',)),
    ('$RecursionLimit = 30; x = 0; f[n_] := Block[{x = n}, f[n + 1]]; f[1]; x', '0', ('$RecursionLimit::reclim',)),
    ('f[n_] := Block[{$RecursionLimit = 20}, r[k_] := r[k + 1]; r[n]]; f[1]', 'Hold[r[15 + 1]]', ('$RecursionLimit::reclim',)),
    ('s = 0; Do[Block[{x = i}, s += x], {i, 100}]; {s, x}', '{5050, x}'),
    ('Total[Table[Block[{i = 10}, i], {i, 40}]]', '400'),
    ('s = 0; Do[Block[{x = i}, s += x + i], {i, 50}]; s', '2550'),
    ('f[n_] := Block[{x = n}, Map[# + x &, {1, 2, 3}]]; f[10]', '{11, 12, 13}'),
    ('f[n_] := Block[{x = n}, Module[{y = x}, y + 1]]; f[10]', '11'),
    ('a = 3; f[n_] := Block[{a = n}, Hold[a]]; f[1]', 'Hold[a]'),
    ('f[n_] := Block[{x = n}, y]; y := x^2; {f[3], y}', '{9, x^2}'),
    ('f[n_] := Block[{x}, n]; f[x]', 'x'),
    ('x = 7; f[n_] := Block[{x = 2}, n]; f[x]', '7'),
    ('f[n_] := Block[{u = n}, u]; {f[a], f[{1, 2}], f[1.5]}', '{a, {1, 2}, 1.5}'),
    ('f[] := Block[{x = Print[1]; 2}, x]; f[]', 'Block[{x = Print[1]; 2}, x]', ('Block::lvsym',)),
    ('f[n_] := Block[{x = n}, x] + Block[{y = n}, y]; Table[f[i], {i, 40}][[-1]]', '80'),
    ('Block[{x = 1}, Block[{x = 2}, Throw[x]]]', 'Hold[Throw[2]]', ('Throw::nocatch',)),
    ('f[n_] := Block[{x = n}, If[x > 1, f[x - 1] + x, x]]; {f[10], x}', '{55, x}'),
    # ---------------- Switch
    ('f[n_] := Switch[n, 1, a, _Integer, b, _String, c, _, d]; {f[1], f[2], f["s"], f[x]}', '{a, b, c, d}'),
    ('f[n_] := Switch[n, 1 | 2, small, _?EvenQ, even, _, other]; Map[f, {1, 2, 4, 5, x}]', '{small, small, even, other, other}'),
    ('f[n_] := Switch[n, x_ /; x > 3, big, _, small]; {f[1], f[5], f[y]}', '{small, big, small}'),
    ('f[n_] := Switch[n, n, same]; f[3]', 'same'),
    ('a = 2; f[n_] := Switch[n, a, isa, _, no]; {f[2], f[a], f[b]}', '{isa, isa, no}'),
    ('f[n_] := Switch[n, _Integer, Switch[n, 1, one, _, many], _, none]; Map[f, {1, 2, y}]', '{one, many, none}'),
    ('f[n_] := Switch[n]; f[1]', 'Switch[1]', ('Switch::argmu',)),
    ('f[n_] := Switch[n, 1]; f[1]', 'Switch[1, 1]', ('Switch::argm',)),
    ('f[n_] := Switch[n, 1, a, 2]; f[1]', 'Switch[1, 1, a, 2]', ('Switch::argct',)),
    ('f[n_] := Switch[n, 1.0, real, 1, int]; {f[1], f[1.0]}', '{int, real}'),
    ('f[n_] := Switch[n, {_, _}, pair, {___}, list, _, no]; Map[f, {{1, 2}, {}, 3}]', '{pair, list, no}'),
    ('f[n_] := Switch[n, _Integer, Return[n]; 0, _, 1]; f[3]', '3'),
    ('f[n_] := Switch[Sequence[n, 1], _, a]; f[1]', 'Switch[1, 1, _, a]', ('Switch::argct',)),
    ('x /: Switch[x, r__] := up; f[n_] := Switch[n, _, a]; f[x]', 'up'),
    ('f[n_] := Switch[n, 1, Print[one], 2, Print[two]]; {f[2], f[3]}', '{Null, Null}', (), ('two',)),
    ('Table[Switch[Mod[i, 3], 0, fizz, 1, one, _, i], {i, 40}]', '{one, 2, fizz, one, 5, fizz, one, 8, fizz, one, 11, fizz, one, 14, fizz, one, 17, fizz, one, 20, fizz, one, 23, fizz, one, 26, fizz, one, 29, fizz, one, 32, fizz, one, 35, fizz, one, 38, fizz, one}'),
    ('f[n_] := Switch[n, Except[1], no1, _, yes1]; Map[f, {1, 2}]', '{yes1, no1}'),
    ('f[n_] := Switch[n, _, a, _, b]; f[1]', 'a'),
    ('f[n_] := Switch[n, "s", str, _String, otherstr]; Map[f, {"s", "t", 1}]', '{str, otherstr, Null}'),
    ('f[n_] := Switch[n, m_ /; m > g[m], big, _, small]; g[x_] := 2; {f[3], f[1]}', '{big, small}'),
    ('f[n_] := Switch[n, _Integer, k++, _, k--]; k = 0; f[1]; f[1]; f[x]; k', '1'),
    ('f[n_, p_] := Switch[n, p, match, _, nomatch]; {f[1, 1], f[1, _Integer], f[1, _String]}', '{match, match, nomatch}'),
    ('f[n_] := Switch[n, 1/2, half, 1, one]; {f[1/2], f[0.5], f[1]}', '{half, Null, one}'),
    ('f[n_] := Switch[n, {x_, x_}, twin, _, no]; {f[{1, 1}], f[{1, 2}]}', '{twin, no}'),
    ('f[n_] := Switch[n, HoldPattern[1 + 1], held, 2, two]; f[2]', 'two'),
    ('f[n_] := Switch[n, _Integer, n + 1, _Real, n / 2]; {f[1], f[3.0], f["s"]}', '{2, 1.5, Null}'),
    ('Unprotect[Blank]; Blank[Integer] := 5; Protect[Blank]; f[n_] := Switch[n, _Integer, a, 5, b]; {f[5], f[6]}', '{a, a}'),
    ('f[n_] := Switch[n, 1, a]; p = 0; Table[p++; f[i], {i, 40}]; p', '40'),
    ('f[n_] := Switch[n, 1, Block[{x = n}, x + 1], _, Block[{x}, x]]; {f[1], f[2]}', '{2, x}'),
    ('f[n_] := Switch[n, _Integer, Throw[n], _, 0]; Catch[f[4]]', '4'),
    ('f[n_] := Switch[n, 1, a, 2, b]; f[Unevaluated[1]]', 'a'),
    ('f[n_] := Switch[n, k, isk, _, no]; r1 = f[1]; k = 1; {r1, f[1]}', '{no, isk}'),
    ('f[n_] := Switch[n, {k, _}, isk, _, no]; r1 = f[{1, 2}]; k = 1; r2 = f[{1, 2}]; Clear[k]; {r1, r2, f[{1, 2}], f[{k, 2}]}', '{no, isk, no, isk}'),
    ('f[n_] := Switch[n, _h, hh, _, no]; r1 = f[h[1]]; h[x_] := x; {r1, f[h[1]], f[g[1]]}', '{hh, no, no}'),
    ('f[n_] := Switch[n, 1, a, _, b]; SetAttributes[f, Listable]; f[{1, x}]', '{a, b}'),
    ('f[n_] := Switch[n, _List, l, _Rational, r, _Real, re, _Complex, c, _Symbol, s, _g, gg, _String, str, _, other]; Map[f, {{1}, 1/2, 1.5, 2 + I, x, g[1], g[1][2], "s", 3}]', '{l, r, re, c, s, gg, other, str, other}'),
    ('f[n_] := Switch[n, _Integer, int, _, other]; Unprotect[Integer]; Integer = 5; {f[1], f[x]}', '{other, other}'),
    # ---------------- NestWhile
    ('NestWhile[#/2 &, 96, EvenQ]', '3'),
    ('NestWhile[#/2 &, 96, EvenQ[#] &]', '3'),
    ('NestWhileList[#/2 &, 96, EvenQ]', '{96, 48, 24, 12, 6, 3}'),
    ('NestWhile[# + 1 &, 1, # < 10 &, 1, 5]', '6'),
    ('NestWhile[# + 1 &, 1, #1 + #2 < 100 &, 2]', '51'),
    ('NestWhile[# + 1 &, 1, Length[{##}] < 5 &, All]', '5'),
    ('NestWhile[# + 1 &, 1, #1 < 5 &, {2, 3}]', '7'),
    ('NestWhile[# + 1 &, 1, # < 10 &, 1, Infinity, 3]', '13'),
    ('NestWhile[# + 1 &, 1, # < 10 &, 1, Infinity, -3]', '7'),
    ('NestWhileList[# + 1 &, 1, # < 10 &, 1, Infinity, -20]', '{}'),
    ('NestWhile[# + 1 &, 1, # < 10 &, 0]', 'NestWhile[#1 + 1 & , 1, #1 < 10 & , 0]', ('NestWhile::nwargs',)),
    ('NestWhile[# + 1 &, 1, # < 10 &, 1, -1]', 'NestWhile[#1 + 1 & , 1, #1 < 10 & , 1, -1]', ('NestWhile::intnm',)),
    ('NestWhile[# + 1 &, 1, # < 10 &, 1, 10, x]', 'NestWhile[#1 + 1 & , 1, #1 < 10 & , 1, 10, x]', ('NestWhile::nwargs',)),
    ('NestWhile[#/2 &, 96]', 'NestWhile[#1/2 & , 96]', ('NestWhile::argb',)),
    ('NestWhile[f, x, g]', 'x'),
    ('NestWhile[f, x, True &, 1, 3]', 'f[f[f[x]]]'),
    ('NestWhile[{#, #} &, 1, Depth[#] < 4 &]', '{{{1, 1}, {1, 1}}, {{1, 1}, {1, 1}}}'),
    ('k = 0; NestWhile[(k++; # + 1) &, 0, # < 50 &]; k', '50'),
    ('NestWhile[Function[x, If[x > 5, Return[x], x + 1]], 0, True &, 1, 20]', 'Return[6]'),
    ('$IterationLimit = 20; NestWhile[# + 1 &, 0, # < 100 &]', '100'),
    ('NestWhile[(#^2 + 1)/(# + 1) &, 2., Abs[#1 - #2] > 10^-10 &, 2]', '1.0000000000720057'),
    ('Catch[NestWhile[If[# > 5, Throw[#], # + 1] &, 0, True &]]', '6'),
    ('NestWhile[# + 1 &, 1.5, # < 60 &]', '60.5'),
    ('c[n_] := NestWhile[If[EvenQ[#], #/2, 3 # + 1] &, n, # != 1 &, 1, Infinity, 0]; c[27]', '1'),
    ('f[n_] := NestWhile[# + n &, 0, # < 100 &]; f[7]', '105'),
    ('g[x_] := x + 2; NestWhile[g, 0, # < 9 &]', '10'),
    ('NestWhile[Function[{x}, x + 1], 0, Function[{x}, x < 5]]', '5'),
    ('$RecursionLimit = 30; r[x_] := r[x + 1]; NestWhile[r, 1, True &, 1, 1]', 'Hold[r[27 + 1]]', ('$RecursionLimit::reclim',)),
    ('Block[{y = 2}, NestWhile[# y &, 1, # < 100 &]]', '128'),
    ('NestWhileList[# + 1 &, 0, # < 3 &, 1, 2]', '{0, 1, 2}'),
    ('NestWhile[# + 1 &, 0, (Print[#]; # < 3) &]', '3', (), ('0', '1', '2', '3')),
    # ---------------- several iterators
    ('Table[i j, {i, 3}, {j, 3}]', '{{1, 2, 3}, {2, 4, 6}, {3, 6, 9}}'),
    ('Table[i j, {i, 10}, {j, i}]', '{{1}, {2, 4}, {3, 6, 9}, {4, 8, 12, 16}, {5, 10, 15, 20, 25}, {6, 12, 18, 24, 30, 36}, {7, 14, 21, 28, 35, 42, 49}, {8, 16, 24, 32, 40, 48, 56, 64}, {9, 18, 27, 36, 45, 54, 63, 72, 81}, {10, 20, 30, 40, 50, 60, 70, 80, 90, 100}}'),
    ('Do[Print[{i, j}], {i, 3}, {j, i}]', 'Null', (), ('{1, 1}', '{2, 1}', '{2, 2}', '{3, 1}', '{3, 2}', '{3, 3}')),
    ('Sum[i j, {i, 10}, {j, 10}]', '3025'),
    ('Sum[i j, {i, 10}, {j, i}]', '1705'),
    ('Sum[i j, {i, n}, {j, 3}]', '3*n*(1 + n)'),
    ('Sum[1/(i + j), {i, 1, 8}, {j, 1, 8}]', '6162851/720720'),
    ('s = 0; Do[s += i j, {i, 20}, {j, 20}]; s', '44100'),
    ('Do[If[j > 2, Break[]]; Print[{i, j}], {i, 3}, {j, 5}]', 'Null', (), ('{1, 1}', '{1, 2}')),
    ('s = 0; Do[If[OddQ[j], Continue[]]; s += j, {i, 10}, {j, 10}]; s', '300'),
    ('Table[{i, j}, {i, 2}, {j, x}]', 'Table[{i, j}, {i, 2}, {j, x}]', ('Table::iterb',)),
    ('Table[{i, j}, {i, 2}, {j, 1, 3, 0}]', 'Table[{i, j}, {i, 2}, {j, 1, 3, 0}]', ('Power::infy', 'Table::iterb')),
    ('Do[Print[i], {i, 2}, {j, "a"}]', 'Do[Print[i], {i, 2}, {j, "a"}]', ('Do::iterb',)),
    ('Do[Print[i], {i, x}, {j, 2}]', 'Do[Print[i], {i, x}, {j, 2}]', ('Do::iterb',)),
    ('Sum[i, {i, 3}, {j}]', 'Sum[i, {i, 3}, {j}]'),
    ('Table[1, {i, 2}, {}]', 'Table[1, {i, 2}, {}]', ('Table::itform',)),
    ('Table[1, {i, 2}, {1, 2}]', 'Table[1, {i, 2}, {1, 2}]', ('Table::itform',)),
    ('Table[f[i, j, k], {i, 2}, {j, 2}, {k, 2}]', '{{{f[1, 1, 1], f[1, 1, 2]}, {f[1, 2, 1], f[1, 2, 2]}}, {{f[2, 1, 1], f[2, 1, 2]}, {f[2, 2, 1], f[2, 2, 2]}}}'),
    ('Table[i, {i, {a, b}}, {2}]', '{{a, a}, {b, b}}'),
    ('Table[x, {2}, {3}]', '{{x, x, x}, {x, x, x}}'),
    ('Table[{i, j}, {i, 1, 2, 1/2}, {j, 0, 1}]', '{{{1, 0}, {1, 1}}, {{3/2, 0}, {3/2, 1}}, {{2, 0}, {2, 1}}}'),
    ('Table[i + j, {i, 0, 1, 0.5}, {j, {10, 20}}]', '{{10., 20.}, {10.5, 20.5}, {11., 21.}}'),
    ('Table[i - j, {i, 10, 1, -3}, {j, i, 1, -4}]', '{{0, 4, 8}, {0, 4}, {0}, {0}}'),
    ('i = 7; j = 8; Table[i + j, {i, 10}, {j, 10}]; {i, j}', '{7, 8}'),
    ('f[n_] := Do[If[i + j > n, Return[{i, j}]], {i, 10}, {j, 10}]; f[12]', '{3, 10}'),
    ('Table[i j, {i, 3}, {j, 3}, {k, 0}]', '{{{}, {}, {}}, {{}, {}, {}}, {{}, {}, {}}}'),
    ('Length[Table[i, {i, 40}, {j, 1, 1}]]', '40'),
    ('Catch[Do[If[i j == 12, Throw[{i, j}]], {i, 10}, {j, 10}]]', '{2, 6}'),
    ('Table[If[j == 2, Continue[], j], {i, 2}, {j, 3}]', 'Continue[]', ('Continue::nofdw',)),
    ('Table[Block[{i = 0}, i + j], {i, 6}, {j, 6}]', '{{1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6}}'),
    ('g[] := {i, j}; Table[g[], {i, 6}, {j, 6}][[6, 6]]', '{6, 6}'),
    ('n = 0; Table[n++, {i, 6}, {j, i}]; n', '21'),
    ('Table[j, {i, 3}, {j, i, 3}]', '{{1, 2, 3}, {2, 3}, {3}}'),
    ('Do[i = 10; Print[{i, j}], {i, 2}, {j, 2}]', 'Null', (), ('{10, 1}', '{10, 2}', '{10, 1}', '{10, 2}')),
    ('Module[{s = 0}, Do[s += Mod[i j, 7], {i, 50}, {j, 50}]; s]', '6469'),
    ('f[m_] := Table[Switch[Mod[i + j, 3], 0, a, 1, b, _, c], {i, m}, {j, m}]; Count[f[8], a, 2]', '22'),
    ('f[m_] := Sum[Block[{x = i}, x j], {i, m}, {j, m}]; f[9]', '2025'),
    ('Product[i + j, {i, 3}, {j, 2}]', '1440'),
    ('Table[i, {i, 3}, {j, 2}, {k, 1}]', '{{{1}, {1}}, {{2}, {2}}, {{3}, {3}}}'),
    ('Sum[i, {i, 1, 5}, {j, 1, 2}, {k, 1, 2}]', '60'),
    ('Table[1, {i, -1}, {j, 5}]', '{}'),
    # ---------------- inside compiled loop bodies (40 iterations)
    ('Length[Table[Switch[Mod[i, 3], 0, fizz, 1, one, _, i], {i, 40}]]', '40'),
    ('Table[Switch[1, x_ /; i > 38, big, _, small], {i, 40}][[-3 ;;]]', '{small, big, big}'),
    ('Table[Block[{y = i}, i + y], {i, 40}][[-1]]', '80'),
    ('Table[Block[{y}, i], {i, 40}][[-1]]', '40'),
    ('k = 0; Do[Block[{k = i}, Null]; k++, {i, 40}]; k', '40'),
    ('Do[Block[{j = 0}, Print[j]], {i, 1}, {j, 2}]', 'Null', (), ('0', '0')),
    ('Total[Table[Block[{x = i + j}, x^2], {i, 8}, {j, 8}], 2]', '5856'),
    ('Table[Switch[{i, j}, {1, _}, a, {_, 1}, b, _, c], {i, 6}, {j, 6}][[1 ;; 2, 1 ;; 2]]', '{{a, a}, {b, c}}'),
    ('Do[Print[i j], {i, 2}, {j, i, 2}, {k, 1}]', 'Null', (), ('1', '2', '4')),
    ('Table[i j, {i, 3}, j]', 'Table[i*j, {i, 3}, j]', ('Table::itform',)),
    ('Table[i, {i, 2}, {j, Print["bound"]; 2}]', '{{1, 1}, {2, 2}}', (), ('bound', 'bound')),
    ('Sum[k, {k, 1, 3}, {m, 2}] + Sum[k m, {k, 40}, {m, 2}]', '2472'),
    ('Clear[x]; Block[{x = 2}, Table[x^i + j, {i, 3}, {j, 2}]]', '{{3, 4}, {5, 6}, {9, 10}}'),
    # ---------------- Sequence, Unevaluated, Evaluate, UpValues
    ('f[] := Block[{x = Sequence[1, 2]}, {x}]; f[]', '{1, 2}'),
    ('f[] := Block[{x = Unevaluated[1 + 1]}, Hold[x]]; f[]', 'Hold[x]'),
    ('f[] := Block[{x = Evaluate[2]}, x]; f[]', '2'),
    ('f[] := Block[{x = 2}, Unevaluated[x]]; f[]', '2'),
    ('f[] := Block[{x = 2}, Sequence[x, x]]; {f[]}', '{Block[{x = 2}, x, x]}', ('Block::argrx',)),
    ('f[n_] := Block[{x}, x := n; x]; f[3]', '3'),
    ('f[n_] := Block[{x = n}, Clear[x]; x]; {f[1], x}', '{x, x}'),
    ('x = 3; f[n_] := Block[{x = n}, Unset[x]; x]; {f[1], x}', '{x, 3}'),
    ('x /: Block[s_, x] := up; Table[Block[{y}, i], {i, Join[Range[40], {x}]}][[-3 ;;]]', '{39, 40, x}'),
    ('f[] := Switch[Unevaluated[1 + 1], _Plus, p, _, q]; f[]', 'p'),
    ('f[] := Switch[1, Evaluate[1], a]; f[]', 'a'),
    ('f[] := Switch[1, Sequence[1], a, _, b]; f[]', 'a'),
    ('f[] := Switch[1, 1, Sequence[a, b], _, b]; {f[]}', '{Switch[1, 1, a, b, _, b]}', ('Switch::argct',)),
    ('f[n_] := Switch[n, 1, Unevaluated[a + b], _, b]; Hold[Evaluate[f[1]]]', 'Hold[a + b]'),
    ('x /: Switch[x, r__] := up; Table[Switch[If[i == 35, x, i], _, a], {i, 40}][[35]]', 'up'),
    ('Table[Switch[Sequence[i, 1], _, a], {i, 40}][[1]]', 'Switch[1, 1, _, a]', ('Switch::argct', 'Switch::argct', 'Switch::argct', 'General::stop')),
]


def _run(engine, program):
    printed = []
    s = Session(engine=engine, stdout=printed.append)
    value = s.evaluate(program)
    out = (s.format(value) if value is not None else None, list(s.messages),
           [p.rstrip("\n") for p in printed], s.message_texts)
    s.close()
    return out


@pytest.mark.parametrize("engine", ["tree", "vm"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0][:60])
def test_expected_result_and_messages(engine, case):
    program, expected = case[:2]
    messages = list(case[2]) if len(case) > 2 else []
    printed = list(case[3]) if len(case) > 3 else []
    value, names, lines, _ = _run(engine, program)
    assert (value, names, lines) == (expected, messages, printed)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0][:60])
def test_engines_agree(case):
    assert _run("vm", case[0]) == _run("tree", case[0])


def test_static_and_dynamic_dispatch_agree():
    for program, *_ in CASES[::7]:
        printed = []
        s = Session(engine="vm", static_dispatch=False, stdout=printed.append)
        value = s.evaluate(program)
        dynamic = (s.format(value) if value is not None else None, s.message_texts)
        s.close()
        tree = _run("tree", program)
        assert dynamic == (tree[0], tree[3]), program


def test_block_restores_every_state_on_every_exit():
    s = Session(engine="vm")
    s.evaluate("x = 1; x /: up[x] = 2; g[x] = 3; Attributes[x] = {Orderless}")
    before = s.format(s.evaluate("{x, Definition[x]}"))
    for body in ("Throw[0]", "Return[0]", "Abort[]", "Break[]", "1/0", "r[1]"):
        s.evaluate(f"$RecursionLimit = 40; r[n_] := r[n + 1]; f[n_] := Block[{{x = n}}, {body}]; "
                   f"Catch[f[5]]; Do[f[i], {{i, 2}}]; CheckAbort[f[3], 0]")
        assert s.format(s.evaluate("{x, Definition[x]}")) == before, body


def test_constructs_run_compiled():
    """The constructs are compiled, not left to the builtins."""
    from lyra_core.engine.vm.compiler import BLOCK, SWITCH, Compiler
    from lyra_core.syntax import parse

    s = Session(engine="vm")
    s.workspace.activate()
    for source, kind in (("Block[{x = 1}, x + 1]", BLOCK), ("Switch[y, 1, a, _, b]", SWITCH)):
        assert Compiler((), True).compile(parse(source)).kind == kind
    # several iterators: the innermost body is a compiled loop unit
    misses = s.ev.stats["compile_cache_misses"]
    s.evaluate("Table[i j, {i, 10}, {j, 10}]")
    assert s.ev.stats["compile_cache_misses"] > misses


def test_block_heavy_loop_is_exact():
    s = Session(engine="vm")
    assert s.format(s.evaluate("s = 0; Do[Block[{x = i}, s += x^2], {i, 2000}]; {s, x}")) == \
        "{%d, x}" % sum(i * i for i in range(1, 2001))
    assert s.format(s.evaluate("Total[Table[i j, {i, 100}, {j, i}], 2]")) == \
        str(sum(i * j for i in range(1, 101) for j in range(1, i + 1)))
