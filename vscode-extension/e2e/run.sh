#!/usr/bin/env bash
# End-to-end test of the VS Code extension (the vsix, with the real server jar
# inside) in code-server + headless Chromium. .ci/run runs it after
# ./mvnw -B verify.
#
#   vscode-extension/e2e/run.sh [--build] [--docs] [--scenario all|main|no-java|notebook|diagram] [--headed]
#
#   --build        rebuild the vsix first (./mvnw -pl vscode-extension -am package)
#   --docs         when every check passed, copy the screenshots to docs/vscode-*.png
#
# Installs what it needs: Debian chromium, ripgrep and build tools (apt, when
# missing) and code-server 4.96.4 into $MEMLENS_E2E_CACHE (default
# ~/.cache/memlens-e2e), reused on later runs. Exit code: 0 when every check
# passed, 1 when one failed, 2 when the test could not run.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ext=$(dirname "$here")
repo=$(dirname "$ext")
cache=${MEMLENS_E2E_CACHE:-$HOME/.cache/memlens-e2e}

build=false
args=()
for a in "$@"; do
  if [[ $a == --build ]]; then build=true; else args+=("$a"); fi
done

vsix() { ls -t "$ext"/target/memlens-*.vsix 2>/dev/null | head -1; }
if $build || [[ -z $(vsix) ]]; then
  echo "== building the vsix"
  (cd "$repo" && ./mvnw -q -B -pl vscode-extension -am package -DskipTests)
fi
VSIX=$(vsix)
[[ -n $VSIX ]] || { echo "no vsix in $ext/target" >&2; exit 2; }

echo "== code-server"
"$here/install-code-server.sh" "$cache/code-server"

if [[ ! -d $ext/node_modules/playwright-core ]]; then
  echo "== npm ci (playwright-core)"
  (cd "$ext" && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "== e2e"
exec node "$here/e2e.mjs" --vsix "$VSIX" --code-server "$cache/code-server/node_modules/code-server" "${args[@]}"
