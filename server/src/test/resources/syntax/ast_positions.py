"""Dumps, for every .py file under a directory, the multiset of (node kind, lineno, col_offset) of every stmt, expr
and pattern node that CPython's ast.parse produces, as JSON on stdout: {relative path: [[kind, line, col], ...]}.
Files that CPython rejects are listed under the key "__rejected__". One process for all files, so it takes seconds.

Python 3.11 gives the Constant and FormattedValue parts of a JoinedStr (and a format spec's JoinedStr) the position
of the enclosing JoinedStr; 3.12 gives them their own. Those nodes are dumped with line and col -1 (kind only).
3.11 also parses a replacement field as if its text were wrapped in parentheses, so an unparenthesised tuple in a
field ({x, y}) starts at the '{'; 3.12 starts it at its first element. That tuple is dumped by kind only too.
The t-strings of 3.14 (TemplateStr, Interpolation) get the same treatment as f-strings, so one rule serves every
version.

usage: ast_positions.py ROOT [--verdicts-only]"""
import ast
import gc
import json
import os
import sys

gc.disable()  # millions of short-lived nodes: the cyclic collector would dominate the run time
root = sys.argv[1]
verdicts_only = "--verdicts-only" in sys.argv
AST = ast.AST
NODES = (ast.stmt, ast.expr) + ((ast.pattern,) if hasattr(ast, "pattern") else ())  # 3.8-3.9 have no patterns
JOINED = (ast.JoinedStr,) + ((ast.TemplateStr,) if hasattr(ast, "TemplateStr") else ())
FORMATTED = (ast.FormattedValue,) + ((ast.Interpolation,) if hasattr(ast, "Interpolation") else ())
TUPLE = ast.Tuple
out = {}
rejected = []
for d, dirs, files in os.walk(root):
    if os.path.relpath(d, root).split(os.sep)[0] == "site-packages":
        dirs[:] = []
        continue
    for f in files:
        if not f.endswith(".py"):
            continue
        path = os.path.join(d, f)
        rel = os.path.relpath(path, root)
        try:
            with open(path, "rb") as fh:
                tree = ast.parse(fh.read())
        except (SyntaxError, ValueError):
            rejected.append(rel)
            continue
        if verdicts_only:
            continue
        rows = []
        kind_only = set()
        todo = [tree]
        while todo:
            node = todo.pop()
            if isinstance(node, NODES):
                if id(node) in kind_only:
                    rows.append((type(node).__name__, -1, -1))
                else:
                    rows.append((type(node).__name__, node.lineno, node.col_offset))
                if isinstance(node, JOINED):
                    kind_only.update(id(v) for v in node.values)
                elif isinstance(node, FORMATTED):
                    if node.format_spec is not None:
                        kind_only.add(id(node.format_spec))
                    if isinstance(node.value, TUPLE):
                        kind_only.add(id(node.value))
            for name in node._fields:
                v = getattr(node, name, None)
                if isinstance(v, AST):
                    todo.append(v)
                elif isinstance(v, list):
                    for x in v:
                        if isinstance(x, AST):
                            todo.append(x)
        out[rel] = rows
out["__rejected__"] = sorted(rejected)
json.dump(out, sys.stdout, separators=(",", ":"))
