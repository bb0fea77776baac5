"""Dump CPython's own view of Python files for MemLens' scope tests.

Reads file paths from stdin, one per line, and writes one JSON line per file:
  {"file": path, "ok": false, "error": "..."}                 when CPython rejects it
  {"file": path, "ok": true, "src": text, "ast": node, "st": table, "qn": [qualname...]}
`ast` is CPython's AST in a compact form: a node is ["#Type", start, end, field...] in `_fields` order,
with start/end as UTF-16 offsets into `src` (-1 when CPython has no position), a list is a JSON array,
operators and contexts are bare strings ("Add", "Load") and Constant carries its kind instead of its value.
`st` is the symbol table: [type, name, lineno, [[symbol, scope, flags]...], [child tables...]] where scope
is CPython's raw scope (1 LOCAL, 2 GLOBAL_EXPLICIT, 3 GLOBAL_IMPLICIT, 4 FREE, 5 CELL) and flags are the
symtable predicates that hold: L is_local, G is_global, D is_declared_global, N is_nonlocal, F is_free,
P is_parameter, A is_assigned, R is_referenced, I is_imported, T is_annotated.
`qn` lists the co_qualname of every code object compile() makes (null if compile() rejects the file; code in
statically dead branches such as `if 0:` gets none).
One process handles every file so the interpreter starts once.
"""
import ast
import json
import sys
import symtable
import tokenize
import types
import warnings

sys.setrecursionlimit(100000)

OPERATOR_TYPES = (ast.expr_context, ast.operator, ast.boolop, ast.unaryop, ast.cmpop)


def constant_kind(value):
    if value is None:
        return "NONE"
    if value is True:
        return "TRUE"
    if value is False:
        return "FALSE"
    if value is Ellipsis:
        return "ELLIPSIS"
    return {int: "INT", float: "FLOAT", complex: "COMPLEX", str: "STR", bytes: "BYTES"}[type(value)]


class Offsets:
    """CPython positions are (1-based line, UTF-8 byte column); MemLens wants UTF-16 offsets."""

    def __init__(self, text):
        self.line_starts = [0]
        self.lines = []
        pos16 = 0
        for line in text.splitlines(keepends=True):
            self.lines.append(line)
            pos16 += len(line.encode("utf-16-le")) // 2
            self.line_starts.append(pos16)
        self.cache = {}

    def offset(self, lineno, col):
        if lineno is None or lineno < 1:
            return -1
        i = lineno - 1
        if i >= len(self.lines):
            return self.line_starts[-1]
        line = self.lines[i]
        if line.isascii():
            return self.line_starts[i] + col
        raw = self.cache.get(i)
        if raw is None:
            raw = self.cache[i] = line.encode("utf-8")
        return self.line_starts[i] + len(raw[:col].decode("utf-8", "replace").encode("utf-16-le")) // 2


def encode_ast(tree, offsets):
    def enc(node):
        if isinstance(node, list):
            return [enc(x) for x in node]
        if isinstance(node, OPERATOR_TYPES):
            return type(node).__name__
        if not isinstance(node, ast.AST):
            return node
        lineno = getattr(node, "lineno", None)
        if lineno is not None:
            start = offsets.offset(lineno, node.col_offset)
            end = offsets.offset(node.end_lineno, node.end_col_offset)
        else:
            start = end = -1
        out = ["#" + type(node).__name__, start, end]
        if isinstance(node, ast.Constant):
            out.append(constant_kind(node.value))
            return out
        for field in node._fields:
            if field in ("type_comment", "type_ignores"):
                continue
            out.append(enc(getattr(node, field, None)))
        return out
    return enc(tree)


def table(t):
    symbols = []
    for s in t.get_symbols():
        flags = "".join(letter for letter, on in (
            ("L", s.is_local()), ("G", s.is_global()), ("D", s.is_declared_global()),
            ("N", s.is_nonlocal()), ("F", s.is_free()), ("P", s.is_parameter()),
            ("A", s.is_assigned()), ("R", s.is_referenced()), ("I", s.is_imported()),
            ("T", s.is_annotated())) if on)
        raw = t._table.symbols[s.get_name()]
        scope = (raw >> symtable.SCOPE_OFF) & symtable.SCOPE_MASK
        symbols.append([s.get_name(), scope, flags])
    return [t.get_type(), t.get_name(), t.get_lineno(), symbols, [table(c) for c in t.get_children()]]


def qualnames(tree, path):
    try:
        code = compile(tree, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    names = []
    stack = [code]
    while stack:
        c = stack.pop()
        if c is not code:
            names.append(c.co_qualname)
        stack.extend(k for k in c.co_consts if isinstance(k, types.CodeType))
    return sorted(names)


def dump(path):
    try:
        with tokenize.open(path) as f:
            text = f.read()
        tree = ast.parse(text, path)
        top = symtable.symtable(text, path, "exec")
    except (SyntaxError, ValueError, UnicodeError, RecursionError, MemoryError) as e:
        return {"file": path, "ok": False, "error": type(e).__name__ + ": " + str(e)}
    return {"file": path, "ok": True, "src": text, "ast": encode_ast(tree, Offsets(text)), "st": table(top),
            "qn": qualnames(tree, path)}


def main():
    warnings.simplefilter("ignore")
    out = sys.stdout
    for line in sys.stdin:
        path = line.rstrip("\n")
        if path:
            out.write(json.dumps(dump(path), ensure_ascii=True, separators=(",", ":")))
            out.write("\n")
            out.flush()


if __name__ == "__main__":
    main()
