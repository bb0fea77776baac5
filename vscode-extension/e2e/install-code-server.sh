#!/usr/bin/env bash
# Installs code-server@4.96.4 offline-safe into $1 (see shared/editors.md):
# the npm package ships a git URL and a ripgrep download that cannot be
# fetched here, so the postinstall is done by hand. Idempotent: a finished
# install leaves a .memlens-ok marker and is reused.
set -euo pipefail

VERSION=4.96.4
DIR=${1:?usage: install-code-server.sh DIR}
PKG="$DIR/node_modules/code-server"
MARK="$DIR/.memlens-ok-$VERSION"

if [[ -f "$MARK" && -f "$PKG/out/node/entry.js" ]]; then
  echo "code-server $VERSION: cached in $DIR"
  exit 0
fi

need_apt=()
command -v rg >/dev/null || need_apt+=(ripgrep)
command -v chromium >/dev/null || need_apt+=(chromium)
command -v make >/dev/null && command -v g++ >/dev/null || need_apt+=(build-essential)
[[ -f /usr/include/krb5.h || -f /usr/include/krb5/krb5.h ]] || need_apt+=(libkrb5-dev)
if ((${#need_apt[@]})); then
  echo "apt-get install ${need_apt[*]}"
  if [[ $(id -u) == 0 ]]; then SUDO=(); else SUDO=(sudo -n); fi
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# node-gyp would download Node's headers; Debian's nodejs ships them in /usr/include/node.
if [[ -z ${npm_config_nodedir:-} && -f /usr/include/node/node.h ]]; then
  export npm_config_nodedir=/usr
fi

rm -rf "$DIR"
mkdir -p "$DIR"
echo "code-server $VERSION: installing into $DIR (about a minute)"
npm install --prefix "$DIR" --no-save --no-audit --no-fund --loglevel=error --ignore-scripts "code-server@$VERSION" >/dev/null
# argon2 is hoisted next to code-server; its prebuilt binary is a GitHub download
(cd "$DIR" && npm_config_build_from_source=true npm rebuild --loglevel=error argon2 >/dev/null)
[[ -f "$DIR/node_modules/argon2/lib/binding/napi-v3/argon2.node" ]] || { echo "argon2 did not build" >&2; exit 1; }

VS="$PKG/lib/vscode"
PROXY_TGZ=$(npm view @vscode/proxy-agent@0.27.0 dist.tarball 2>/dev/null)
node - "$VS/npm-shrinkwrap.json" "$PROXY_TGZ" <<'JS'
const fs = require('fs');
const [file, tgz] = process.argv.slice(2);
const wrap = JSON.parse(fs.readFileSync(file, 'utf8'));
const entry = wrap.packages && wrap.packages['node_modules/@vscode/proxy-agent'];
if (!entry) { throw new Error('no @vscode/proxy-agent in ' + file); }
if (!/^https:\/\/registry/.test(entry.resolved)) { entry.resolved = tgz; }
fs.writeFileSync(file, JSON.stringify(wrap, null, 2) + '\n');
JS
(cd "$VS" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null \
  && npm rebuild --loglevel=error @parcel/watcher @vscode/spdlog @vscode/deviceid native-watchdog node-pty kerberos >/dev/null)
for m in @vscode/spdlog native-watchdog node-pty kerberos; do
  compgen -G "$VS/node_modules/$m/build/Release/*.node" >/dev/null || { echo "$m did not build" >&2; exit 1; }
done
mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VS/node_modules/@vscode/ripgrep/bin/rg"
ln -sfn node_modules "$VS/node_modules.asar"
(cd "$VS/extensions" && npm install --omit=dev --no-audit --no-fund --loglevel=error >/dev/null)
touch "$MARK"
echo "code-server $VERSION: ready"
