#!/usr/bin/env bash
# Parses one corpus with MemLens and with CPython's ast.parse, one after the other on the same machine, and prints
# both speeds. Builds nothing: run `./mvnw -q package -DskipTests` first.
#
#   scripts/bench-parse.sh [PATH...]      default: this python3's standard library, without site-packages
#
# Environment: ITERATIONS (warm passes, default 5), THREADS (MemLens threads, default 1),
# JAVA_OPTS (default -Xmx512m).
# The two run in turn, not at once: on a 2-core machine running both together would measure each other.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=server/target/memlens.jar
if [[ ! -f $jar ]]; then
    echo "bench-parse: $jar is missing; build it first with ./mvnw -q package -DskipTests" >&2
    exit 2
fi
command -v python3 >/dev/null || { echo "bench-parse: python3 is needed for the CPython figure" >&2; exit 2; }

if (($# > 0)); then
    corpus=("$@")
else
    corpus=("$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')")
fi
iterations=${ITERATIONS:-5}
threads=${THREADS:-1}
read -r -a java_opts <<<"${JAVA_OPTS:--Xmx512m}"

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

echo "== MemLens: java ${java_opts[*]} -jar $jar parse --bench =="
java "${java_opts[@]}" -jar "$jar" parse --bench --iterations "$iterations" --threads "$threads" \
    --exclude site-packages "${corpus[@]}" | tee "$results/memlens.txt"
echo
echo "== CPython: scripts/bench-python-ast.py =="
python3 scripts/bench-python-ast.py --iterations "$iterations" --exclude site-packages "${corpus[@]}" \
    | tee "$results/cpython.txt"
echo
echo "== both =="
grep -h '^summary:' "$results/memlens.txt" "$results/cpython.txt"
