#!/usr/bin/env python3
"""MemLens's own ground truth: which names are the same object, according to CPython.

Runs a Python file under sys.settrace. Each time a frame of that file moves to a new line (or returns), the
statement it just finished is recorded: for every pair of names of that frame (module globals at module level,
f_locals in functions) referring to one object. Over all executions of a (scope, line), a pair is "always" when it
held every time and "ever" when it held at least once. Functions, classes, modules and dunder names are skipped.

usage: same_object.py FILE.py  -> JSON on stdout:
  {"lines": [{"scope": "<module>" | qualname, "line": L, "runs": n,
              "always": [[a, b, typename], ...], "ever": [[a, b, typename], ...]}]}
"""
import json
import os
import sys
import types

CODE_TYPES = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.ModuleType, type)


def frame_names(frame):
    space = frame.f_globals if frame.f_code.co_name == "<module>" else frame.f_locals
    return {k: v for k, v in list(space.items()) if not k.startswith("__") and not isinstance(v, CODE_TYPES)}


def same_pairs(names):
    groups = {}
    for k, v in names.items():
        groups.setdefault(id(v), []).append(k)
    out = set()
    for members in groups.values():
        if len(members) > 1:
            members.sort()
            tname = type(names[members[0]]).__name__
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    out.add((a, b, tname))
    return out


def main(path):
    path = os.path.abspath(path)
    seen = {}      # (scope, line) -> [runs, always, ever]
    current = {}   # frame -> line being executed

    def finish(frame, line):
        scope = "<module>" if frame.f_code.co_name == "<module>" else frame.f_code.co_qualname
        pairs = same_pairs(frame_names(frame))
        rec = seen.setdefault((scope, line), [0, None, set()])
        rec[0] += 1
        rec[1] = pairs if rec[1] is None else rec[1] & pairs
        rec[2] |= pairs

    def trace(frame, event, arg):
        if frame.f_code.co_filename != path:
            return None
        if event in ("line", "return"):
            line = current.get(frame)
            if line is not None:
                finish(frame, line)
            if event == "line":
                current[frame] = frame.f_lineno
            else:
                current.pop(frame, None)
        return trace

    with open(path, "rb") as f:
        code = compile(f.read(), path, "exec")
    env = {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__}
    real_stdout = sys.stdout
    sys.stdout = sys.stderr  # the program's own output must not mix with the JSON
    sys.settrace(trace)
    try:
        exec(code, env)
    except BaseException as e:  # what ran before the error is still ground truth
        print(f"{path}: {type(e).__name__}: {e}", file=sys.stderr)
    finally:
        sys.settrace(None)
        sys.stdout = real_stdout
    lines = [{"scope": s, "line": ln, "runs": r, "always": sorted(map(list, a or ())), "ever": sorted(map(list, e))}
             for (s, ln), (r, a, e) in sorted(seen.items(), key=lambda kv: (kv[0][1], kv[0][0]))]
    json.dump({"file": path, "lines": lines}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
