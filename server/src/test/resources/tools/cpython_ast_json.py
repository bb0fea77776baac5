"""Dumps CPython's own AST of Python files as JSON with UTF-16 offsets, for MemLens tests.

Test oracle only: lets rule tests run on ASTs CPython built while the ANTLR grammar is in progress, and
cross-checks it afterwards. Usage: cpython_ast_json.py FILE... ; prints one JSON line per file:
{"file": ..., "ok": true, "module": {...}} or {"file": ..., "ok": false, "error": "..."}.
"""
import ast
import json
import re
import sys

_NL = re.compile(r"\r\n|\r|\n")


class Offsets:
    def __init__(self, text):
        self.text = text
        self.line_starts = [0]  # code-point offsets
        for m in _NL.finditer(text):
            self.line_starts.append(m.end())
        # code point index -> UTF-16 index, only needed when the text has astral characters
        self.astral = any(ord(c) > 0xFFFF for c in text)
        if self.astral:
            acc, table = 0, []
            for c in text:
                table.append(acc)
                acc += 2 if ord(c) > 0xFFFF else 1
            table.append(acc)
            self.table = table

    def cp(self, line, col_utf8):
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        line_text = self.text[start:end]
        prefix = line_text.encode("utf-8")[:col_utf8].decode("utf-8", "replace")
        return start + len(prefix)

    def u16(self, cp):
        return self.table[cp] if self.astral else cp


def dump(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        tree = ast.parse(data, filename=path)
    except (SyntaxError, ValueError) as e:
        return {"file": path, "ok": False, "error": str(e)}
    import io, tokenize
    text = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    text = data.decode(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    off = Offsets(text)

    def span(node):
        s = off.cp(node.lineno, node.col_offset)
        e = off.cp(node.end_lineno, node.end_col_offset)
        return s, e

    def ident_after(name, s_cp, e_cp, pattern=None):
        """Finds identifier `name` in text[s_cp:e_cp] (as a whole word), optionally after a regex prefix."""
        seg = text[s_cp:e_cp]
        rx = re.compile((pattern or "") + r"(?<![\w])(" + re.escape(name) + r")(?![\w])")
        m = rx.search(seg)
        if not m:
            return [off.u16(s_cp), off.u16(s_cp)]
        return [off.u16(s_cp + m.start(1)), off.u16(s_cp + m.end(1))]

    def conv(node):
        if isinstance(node, list):
            return [conv(n) for n in node]
        if node is None:
            return None
        if not isinstance(node, ast.AST):
            return node
        out = {"_t": type(node).__name__}
        if hasattr(node, "lineno") and hasattr(node, "end_lineno") and node.end_lineno is not None:
            s, e = span(node)
            out["span"] = [off.u16(s), off.u16(e)]
            s_cp, e_cp = s, e
        else:
            s_cp = e_cp = None
        for field, value in ast.iter_fields(node):
            if field == "ctx":
                out[field] = type(value).__name__
            elif isinstance(value, (ast.operator, ast.boolop, ast.unaryop, ast.cmpop)):
                out[field] = type(value).__name__
            elif field == "ops":
                out[field] = [type(v).__name__ for v in value]
            elif field == "type_comment":
                continue
            elif isinstance(value, ast.AST) or isinstance(value, list):
                out[field] = conv(value)
            else:
                out[field] = value if value is None or isinstance(value, (str, int)) else None
        t = type(node)
        if t is ast.Constant:
            v = node.value
            kind = ("NONE" if v is None else "TRUE" if v is True else "FALSE" if v is False
                    else "ELLIPSIS" if v is Ellipsis else "STR" if isinstance(v, str)
                    else "BYTES" if isinstance(v, bytes) else "INT" if isinstance(v, int)
                    else "FLOAT" if isinstance(v, float) else "COMPLEX")
            out["kind"] = kind
            out["raw"] = text[s_cp:e_cp]
            out.pop("value", None)
            out.pop("kind_", None)
        elif t in (ast.FunctionDef, ast.AsyncFunctionDef):
            out["name_span"] = ident_after(node.name, s_cp, e_cp, r"def\s+")
        elif t is ast.ClassDef:
            out["name_span"] = ident_after(node.name, s_cp, e_cp, r"class\s+")
        elif t is ast.Attribute:
            out["attr_span"] = [off.u16(e_cp - len(node.attr)), off.u16(e_cp)]
        elif t is ast.alias:
            if node.asname:
                out["asname_span"] = [off.u16(e_cp - len(node.asname)), off.u16(e_cp)]
        elif t is ast.ImportFrom:
            if node.module:
                out["module_span"] = ident_after(node.module.split(".")[0], s_cp, e_cp, r"from\s+\.*")
        elif t in (ast.Global, ast.Nonlocal):
            spans, cur = [], s_cp
            for n in node.names:
                sp = ident_after(n, cur, e_cp, r"(?:global|nonlocal|,)\s*")
                spans.append(sp)
            out["name_spans"] = spans
        elif t is ast.ExceptHandler:
            if node.name:
                out["name_span"] = ident_after(node.name, s_cp, e_cp, r"as\s+")
        elif t is ast.keyword:
            if node.arg:
                out["arg_span"] = [off.u16(s_cp), off.u16(s_cp + len(node.arg))]
        elif t in (ast.MatchAs, ast.MatchStar):
            if node.name:
                out["name_span"] = [off.u16(e_cp - len(node.name)), off.u16(e_cp)]
        elif t is ast.MatchMapping:
            if node.rest:
                out["rest_span"] = ident_after(node.rest, s_cp, e_cp, r"\*\*\s*")
        elif t is ast.MatchClass:
            out["kwd_spans"] = [ident_after(k, s_cp, e_cp) for k in node.kwd_attrs]
        elif t is ast.Module:
            out["span"] = [0, off.u16(len(text))]
        return out

    return {"file": path, "ok": True, "text": text, "module": conv(tree)}


def main():
    for path in sys.argv[1:]:
        try:
            result = dump(path)
        except Exception as e:  # a file CPython cannot read: report, keep going
            result = {"file": path, "ok": False, "error": repr(e)}
        sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
