#!/usr/bin/env bash
# Side-by-side: `memlens check` vs pylint (its equivalent checks) vs Ruff's WebAssembly build (its equivalent
# rules), over one tree (default: the CPython stdlib without site-packages), 2 workers each, cold processes,
# wall time, CPU time and peak memory from /usr/bin/time -v. memlens runs through scripts/memlens (the launcher,
# with the CDS archive built at package time): once with --no-cache (cold), then once to fill a fresh result
# cache and once more on it (warm). Installs pylint (Debian) and @astral-sh/ruff-wasm-nodejs (npm) when missing.
# SKIP_PYLINT=1 leaves pylint out (it takes ten times as long as the others). Usage: scripts/bench-check.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

DIR=${1:-$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')}
WORK=${BENCH_WORK:-/tmp/memlens-bench-check}
mkdir -p "$WORK"
RUN=$(mktemp -d "$WORK/run.XXXXXX")   # this run's file list, outputs and timings (runs side by side must not mix)
JAR=${MEMLENS_JAR:-server/target/memlens.jar}   # a jar elsewhere needs its own CDS archive beside it

need() { command -v "$1" >/dev/null; }
if [[ -z ${SKIP_PYLINT:-} ]] && ! need pylint; then apt-get update -qq && apt-get install -y -qq pylint >/dev/null; fi
if [[ ! -x /usr/bin/time ]]; then apt-get update -qq && apt-get install -y -qq time >/dev/null; fi
if [[ ! -d $WORK/node_modules/@astral-sh/ruff-wasm-nodejs ]]; then
    (cd "$WORK" && npm install --silent --no-save @astral-sh/ruff-wasm-nodejs >/dev/null)
fi
[[ -f $JAR ]] || ./mvnw -q -o package -DskipTests

# The same file list for all three: *.py under DIR, site-packages excluded.
find "$DIR" -name site-packages -prune -o -name '*.py' -type f -print | sort > "$RUN/files.txt"
echo "files: $(wc -l < "$RUN/files.txt") under $DIR"

cat > "$WORK/ruff-check.js" <<'JS'
// Ruff (wasm) over a file list on N worker threads: B006, B023, F632, B909, RUF024, F823.
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');
const fs = require('fs');
if (isMainThread) {
  const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
  const n = parseInt(process.argv[3] || '2', 10);
  let total = 0, done = 0;
  for (let w = 0; w < n; w++) {
    const worker = new Worker(__filename, { workerData: files.filter((_, i) => i % n === w) });
    worker.on('message', c => { total += c; if (++done === n) console.log(`ruff-wasm findings: ${total}`); });
  }
} else {
  const { Workspace, PositionEncoding } = require(process.cwd() + '/node_modules/@astral-sh/ruff-wasm-nodejs');
  const ws = new Workspace({ lint: { select: ['B006', 'B023', 'F632', 'B909', 'RUF024', 'F823'],
                                     preview: true } }, PositionEncoding.Utf16);
  let count = 0;
  for (const f of workerData) {
    let src;
    try { src = fs.readFileSync(f, 'utf8'); } catch (e) { continue; }
    try { count += ws.check(src).length; } catch (e) { /* a file Ruff cannot parse */ }
  }
  parentPort.postMessage(count);
}
JS

measure() {  # name, command...
    local name=$1; shift
    /usr/bin/time -v -o "$RUN/$name.time" "$@" > "$RUN/$name.out" 2> "$RUN/$name.err" || true
    local wall rss user sys
    wall=$(grep 'Elapsed (wall clock)' "$RUN/$name.time" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$RUN/$name.time" | awk '{print $NF}')
    user=$(grep 'User time' "$RUN/$name.time" | awk '{print $NF}')
    sys=$(grep 'System time' "$RUN/$name.time" | awk '{print $NF}')
    printf '%-14s wall %-9s CPU %6.2f s  peak RSS %6d MiB\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" \
        $((rss / 1024))
}

mapfile -t FILES < "$RUN/files.txt"
echo "load before: $(uptime | sed 's/.*load average: //')"
export MEMLENS_JAR=$(realpath "$JAR")
measure memlens-cold scripts/memlens check --no-cache --threads 2 --format json "${FILES[@]}"
# a fresh cache of this run's own: another run of this script beside it must not touch it between fill and warm
CACHE=$RUN/cache
measure memlens-fill scripts/memlens check --cache-dir "$CACHE" --threads 2 --format json "${FILES[@]}"
measure memlens-warm scripts/memlens check --cache-dir "$CACHE" --threads 2 --format json "${FILES[@]}"
[[ -n ${SKIP_PYLINT:-} ]] || measure pylint pylint --disable=all \
    --enable=dangerous-default-value,cell-var-from-loop,literal-comparison,modified-iterating-list,modified-iterating-dict,modified-iterating-set \
    --jobs=2 --score=n "${FILES[@]}"
(cd "$WORK" && measure ruff-wasm node ruff-check.js "$RUN/files.txt" 2)
echo "load after: $(uptime | sed 's/.*load average: //')"
echo "memlens cold: $(tail -1 "$RUN/memlens-cold.err"); warm: $(tail -1 "$RUN/memlens-warm.err")"
cmp -s "$RUN/memlens-cold.out" "$RUN/memlens-warm.out" && echo "memlens warm output = cold output" \
    || echo "memlens warm output DIFFERS from cold output"
[[ -n ${SKIP_PYLINT:-} ]] || echo "pylint messages: $(grep -c ': [CRWEF][0-9]' "$RUN/pylint.out" || true)"
cat "$RUN/ruff-wasm.out"
