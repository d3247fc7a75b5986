#!/usr/bin/env bash
# Installs what ServiceBot needs on a Debian machine, idempotently: a second run changes nothing.
#
#   scripts/setup.sh runtime   what `./servicebot run` needs (jieba dictionary, OpenCC, Microsoft Web Chat)
#   scripts/setup.sh test      runtime + what the tests need (redis-server, Chromium, PostgreSQL, Web Chat)
#   scripts/setup.sh peers     the peer implementations the side-by-side benchmarks compare against
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$here/.tools"

runtime_packages=(python3-jieba libopencc1.1 libopencc-data ca-certificates)
test_packages=(redis-server sqlite3 postgresql chromium chromium-driver fonts-wqy-microhei)
peer_packages=(python3-hnswlib python3-numpy wrk hyperfine)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "setup: '$*' needs root; run it as root or install sudo" >&2; return 1; fi
}

apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

need_dotnet() {
  command -v dotnet >/dev/null 2>&1 && return 0
  echo "setup: the .NET SDK is missing; install the version in global.json (https://dot.net/v1/dotnet-install.sh)" >&2
  return 1
}

npm_install() { # folder [--npm-flag...] package...
  local dir="$1"; shift
  mkdir -p "$dir"
  local missing=() flags=()
  for p in "$@"; do
    case "$p" in -*) flags+=("$p"); continue ;; esac
    local name="${p%@*}"; [ -z "$name" ] && name="$p"
    [ -d "$dir/node_modules/$name" ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  [ -f "$dir/package.json" ] || (cd "$dir" && npm init -y >/dev/null)
  echo "setup: npm install ${missing[*]}"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "${flags[@]}" "${missing[@]}" >/dev/null)
}

runtime() {
  need_dotnet
  apt_install "${runtime_packages[@]}"
  # Microsoft's own Web Chat bundle, served by the /webchat/ demo page and used by the browser
  # tests; installed from npm, never committed.
  npm_install "$tools/webchat" --ignore-scripts botframework-webchat@4.18.1
}

test_deps() {
  runtime
  apt_install "${test_packages[@]}"
}

peers() {
  test_deps
  apt_install "${peer_packages[@]}"
  local dir="$tools/peers"
  npm_install "$dir" @mapbox/node-pre-gyp node-gyp
  (cd "$dir" && [ -d node_modules/nodejieba ] && [ -d node_modules/@node-rs/jieba ] || npm install --no-audit --no-fund --loglevel=error @node-rs/jieba nodejieba --foreground-scripts >/dev/null)
  npm_install "$dir" @monyone/aho-corasick ahocorasick minisearch
  (cd "$dir" && [ -d node_modules/hnswlib-node ] || npm install --no-audit --no-fund --loglevel=error hnswlib-node --foreground-scripts >/dev/null)
}

case "${1:-test}" in
  runtime) runtime ;;
  test) test_deps ;;
  peers) peers ;;
  *) echo "usage: scripts/setup.sh runtime|test|peers" >&2; exit 2 ;;
esac
