#!/usr/bin/env python3
"""Time CPython's ast.parse over the files `memlens parse --bench` reads.

Finds files the same way (directories searched for *.py in name order, hidden
directories and --exclude names skipped, symlinked directories not followed),
counts lines the same way (len(data.splitlines()) on the raw bytes), reads
everything into memory first, then times one cold pass and --iterations warm
passes of ast.parse on the bytes (decoding included), on one thread.
The last line starts with "summary:" like MemLens's, for scripts/bench-parse.sh.
"""

import argparse
import ast
import os
import statistics
import sys
import time
import warnings


def collect(paths, excluded):
    files, seen = [], set()

    def add(path):
        key = os.path.normpath(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            files.append(path)

    def walk(directory):
        try:
            names = sorted(os.listdir(directory))
        except OSError as e:
            print(f"{directory}: cannot read directory: {e.strerror}", file=sys.stderr)
            return
        for name in names:
            if name in excluded:
                continue
            child = os.path.join(directory, name)
            if os.path.isdir(child) and not os.path.islink(child):
                if not name.startswith("."):
                    walk(child)
            elif name.endswith(".py") and not os.path.isdir(child):
                add(child)

    for path in paths:
        if not os.path.exists(path):
            sys.exit(f"bench-python-ast: no such file or directory: {path}")
        if os.path.isdir(path):
            walk(path)
        else:
            add(path)
    return files


def parse_all(sources, nanos):
    errors = 0
    start = time.perf_counter_ns()
    for i, (name, data, _lines) in enumerate(sources):
        t0 = time.perf_counter_ns()
        try:
            ast.parse(data, name)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            errors += 1
        nanos[i] = time.perf_counter_ns() - t0
    return (time.perf_counter_ns() - start) / 1e9, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--iterations", type=int, default=5, help="warm passes (default: 5)")
    parser.add_argument("--exclude", action="append", default=[], metavar="NAME",
                        help="skip files and directories with this name (repeatable)")
    parser.add_argument("--slowest", type=int, default=10, help="how many of the slowest files to list")
    args = parser.parse_args()
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    # the standard library's own tests are full of invalid escapes: warnings would be printed, not measured
    warnings.simplefilter("ignore")

    t0 = time.perf_counter()
    sources = []
    for path in collect(args.paths, set(args.exclude)):
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            print(f"{path}: cannot read file: {e.strerror} (left out)", file=sys.stderr)
            continue
        sources.append((path, data, len(data.splitlines())))
    total_lines = sum(s[2] for s in sources)
    total_bytes = sum(len(s[1]) for s in sources)
    files = "file" if len(sources) == 1 else "files"
    print(f"loaded {len(sources):,} {files}, {total_lines:,} lines, {total_bytes / 1e6:.1f} MB "
          f"in {time.perf_counter() - t0:.2f} s; CPython {sys.version.split()[0]} ast.parse, 1 thread")
    if not sources:
        print("nothing to parse")
        return 0

    nanos = [0] * len(sources)
    cold, errors = parse_all(sources, nanos)
    print(f"cold pass: {cold:.2f} s, {total_lines / cold:,.0f} lines/s; "
          f"{errors} {'file' if errors == 1 else 'files'} with syntax errors")
    best = list(nanos)
    warm = []
    for i in range(args.iterations):
        seconds, _ = parse_all(sources, nanos)
        warm.append(seconds)
        best = [min(a, b) for a, b in zip(best, nanos)]
        print(f"warm pass {i + 1}: {seconds:.2f} s, {total_lines / seconds:,.0f} lines/s")

    typical = statistics.median(warm) if warm else cold
    lines_per_second = total_lines / typical
    label = "warm" if warm else "cold (no warm passes)"
    print(f"{label}: {lines_per_second:,.0f} lines/s (median pass {typical:.2f} s, "
          f"best {min(warm) if warm else cold:.2f} s)")

    min_lines = 50
    ranked = sorted((i for i, s in enumerate(sources) if s[2] >= min_lines),
                    key=lambda i: best[i] / sources[i][2], reverse=True)[:args.slowest]
    if ranked:
        print(f"slowest files (µs per line, best pass, files of {min_lines} lines or more):")
        for i in ranked:
            name, _data, lines = sources[i]
            print(f"  {best[i] / 1e3 / lines:8.2f} µs/line {best[i] / 1e6:8.1f} ms {lines:9,d} lines  {name}")
    try:
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
        print(f"peak resident memory: {peak / 1e6:,.0f} MB")
    except ImportError:
        pass
    print(f"summary: cpython-ast warm {lines_per_second:.0f} lines/s (1 thread), cold pass {cold:.2f} s, "
          f"{len(sources)} {files}, {total_lines} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
