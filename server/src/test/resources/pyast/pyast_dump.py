#!/usr/bin/env python3
"""Test-only bridge: dumps CPython's AST of a file as JSON shaped like MemLens's AST records.

It lets the analysis tests run on real source before the project's own parser lands; once
SourceParser parses, nothing uses it. Spans are UTF-16 offsets into the decoded text.

usage: pyast_dump.py FILE.py   (JSON on stdout)
"""
import ast
import json
import sys

RENAME = {"List": "ListDisplay", "Tuple": "TupleDisplay", "Set": "SetDisplay", "Dict": "DictDisplay",
          "Expr": "Expression"}
OPS = {"Add": "ADD", "Sub": "SUB", "Mult": "MULT", "MatMult": "MATMULT", "Div": "DIV", "Mod": "MOD",
       "Pow": "POW", "LShift": "LSHIFT", "RShift": "RSHIFT", "BitOr": "BITOR", "BitXor": "BITXOR",
       "BitAnd": "BITAND", "FloorDiv": "FLOORDIV", "And": "AND", "Or": "OR", "Invert": "INVERT",
       "Not": "NOT", "UAdd": "UADD", "USub": "USUB", "Eq": "EQ", "NotEq": "NOT_EQ", "Lt": "LT", "LtE": "LT_E",
       "Gt": "GT", "GtE": "GT_E", "Is": "IS", "IsNot": "IS_NOT", "In": "IN", "NotIn": "NOT_IN",
       "Load": "LOAD", "Store": "STORE", "Del": "DEL"}


def main(path):
    print(dump(path))


def dump(path):
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8-sig")
    lines = text.splitlines(keepends=True)
    # UTF-16 offset of each line start, and per line a byte->utf16 column map
    starts, acc = [], 0
    for ln in lines:
        starts.append(acc)
        acc += len(ln.encode("utf-16-le")) // 2
    total = acc

    def off(lineno, col):
        if lineno is None:
            return 0
        if lineno - 1 >= len(lines):
            return total
        ln = lines[lineno - 1]
        prefix = ln.encode("utf-8")[:col].decode("utf-8", "replace")
        return starts[lineno - 1] + len(prefix.encode("utf-16-le")) // 2

    def span(n):
        s = off(getattr(n, "lineno", None), getattr(n, "col_offset", 0))
        e = off(getattr(n, "end_lineno", None), getattr(n, "end_col_offset", 0))
        return {"start": s, "end": max(s, e)}

    def ident(name, n):
        return None if name is None else {"span": span(n), "name": name}

    def seg(n):
        try:
            return ast.get_source_segment(text, n)
        except Exception:
            return None

    def const(n):
        v = n.value
        kind = ("NONE" if v is None else "TRUE" if v is True else "FALSE" if v is False else
                "ELLIPSIS" if v is Ellipsis else "INT" if isinstance(v, int) else "FLOAT" if isinstance(v, float)
                else "COMPLEX" if isinstance(v, complex) else "STR" if isinstance(v, str) else "BYTES")
        raw = seg(n)
        if raw is None or kind in ("STR", "BYTES") and not raw.rstrip().endswith(("'", '"')):
            raw = repr(v)
        return {"_t": "Constant", "span": span(n), "kind": kind, "raw": raw}

    def args(a):
        return {"posonlyargs": [conv(x) for x in a.posonlyargs], "args": [conv(x) for x in a.args],
                "vararg": conv(a.vararg), "kwonlyargs": [conv(x) for x in a.kwonlyargs],
                "kwDefaults": [conv(x) for x in a.kw_defaults], "kwarg": conv(a.kwarg),
                "defaults": [conv(x) for x in a.defaults]}

    def conv(n):
        if n is None:
            return None
        if isinstance(n, list):
            return [conv(x) for x in n]
        if isinstance(n, (str, int, bool)):
            return n
        t = type(n).__name__
        if t in OPS:
            return OPS[t]
        if isinstance(n, ast.Constant):
            return const(n)
        if isinstance(n, ast.arguments):
            return args(n)
        if isinstance(n, ast.arg):
            return {"span": span(n), "name": n.arg, "annotation": conv(n.annotation)}
        if isinstance(n, ast.keyword):
            return {"span": span(n), "arg": ident(n.arg, n), "value": conv(n.value)}
        if isinstance(n, ast.alias):
            return {"span": span(n), "name": n.name, "asname": ident(n.asname, n)}
        if isinstance(n, ast.comprehension):
            return {"target": conv(n.target), "iter": conv(n.iter), "ifs": conv(n.ifs), "isAsync": bool(n.is_async)}
        if isinstance(n, ast.ExceptHandler):
            return {"span": span(n), "type": conv(n.type), "name": ident(n.name, n), "body": conv(n.body)}
        if isinstance(n, ast.withitem):
            return {"contextExpr": conv(n.context_expr), "optionalVars": conv(n.optional_vars)}
        if isinstance(n, ast.match_case):
            return {"pattern": conv(n.pattern), "guard": conv(n.guard), "body": conv(n.body)}
        d = {"_t": RENAME.get(t, t), "span": span(n)}
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            d.update(_t="FunctionDef", name=ident(n.name, n), typeParams=[], args=args(n.args), body=conv(n.body),
                     decorators=conv(n.decorator_list), returns=conv(n.returns),
                     isAsync=isinstance(n, ast.AsyncFunctionDef))
        elif isinstance(n, ast.ClassDef):
            d.update(name=ident(n.name, n), typeParams=[], bases=conv(n.bases), keywords=conv(n.keywords),
                     body=conv(n.body), decorators=conv(n.decorator_list))
        elif isinstance(n, (ast.For, ast.AsyncFor)):
            d.update(_t="For", target=conv(n.target), iter=conv(n.iter), body=conv(n.body), orelse=conv(n.orelse),
                     isAsync=isinstance(n, ast.AsyncFor))
        elif isinstance(n, (ast.With, ast.AsyncWith)):
            d.update(_t="With", items=conv(n.items), body=conv(n.body), isAsync=isinstance(n, ast.AsyncWith))
        elif type(n).__name__ in ("Try", "TryStar"):
            d.update(_t="Try", body=conv(n.body), handlers=conv(n.handlers), orelse=conv(n.orelse),
                     finalbody=conv(n.finalbody), isStar=type(n).__name__ == "TryStar")
        elif isinstance(n, ast.ImportFrom):
            d.update(module=ident(n.module, n), names=conv(n.names), level=n.level or 0)
        elif isinstance(n, (ast.Global, ast.Nonlocal)):
            d.update(names=[ident(x, n) for x in n.names])
        elif isinstance(n, ast.Attribute):
            d.update(value=conv(n.value), attr=ident(n.attr, n), ctx=conv(n.ctx))
        elif isinstance(n, ast.BoolOp):
            d.update(op=conv(n.op), values=conv(n.values))
        elif isinstance(n, ast.Compare):
            d.update(left=conv(n.left), ops=conv(n.ops), comparators=conv(n.comparators))
        elif isinstance(n, ast.Call):
            d.update(func=conv(n.func), args=conv(n.args), keywords=conv(n.keywords))
        elif isinstance(n, ast.FormattedValue):
            d.update(value=conv(n.value), conversion=n.conversion, formatSpec=conv(n.format_spec))
        elif isinstance(n, ast.MatchSingleton):
            d.update(value="NONE" if n.value is None else "TRUE" if n.value else "FALSE")
        elif isinstance(n, ast.MatchMapping):
            d.update(keys=conv(n.keys), patterns=conv(n.patterns), rest=ident(n.rest, n))
        elif isinstance(n, ast.MatchClass):
            d.update(cls=conv(n.cls), patterns=conv(n.patterns), kwdAttrs=[ident(x, n) for x in n.kwd_attrs],
                     kwdPatterns=conv(n.kwd_patterns))
        elif isinstance(n, (ast.MatchStar, ast.MatchAs)):
            d.update(name=ident(n.name, n))
            if isinstance(n, ast.MatchAs):
                d.update(pattern=conv(n.pattern))
        elif isinstance(n, ast.AnnAssign):
            d.update(target=conv(n.target), annotation=conv(n.annotation), value=conv(n.value),
                     simple=bool(n.simple))
        else:
            for f in n._fields:
                if f in ("type_comment", "kind", "type_ignores"):
                    continue
                d[f] = conv(getattr(n, f))
        return d

    tree = ast.parse(text, path)
    return json.dumps({"_t": "Module", "span": {"start": 0, "end": total}, "body": conv(tree.body)})


if __name__ == "__main__":
    main(sys.argv[1])
