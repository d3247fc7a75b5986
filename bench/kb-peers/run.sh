#!/usr/bin/env bash
# The KB-Bot's FAQ matching beside two lexical peers, in one run, on the same analyzer terms:
# SQLite FTS5 bm25() and npm MiniSearch, question-question matching (every standard and similar
# question is a document; a hit counts for its entry; entries deduplicated in rank order; OR queries).
#
#   bench/kb-peers/run.sh [OUT_DIR]     (default /tmp/servicebot-kb-peers/out)
#
# Datasets, read in place from ../shared/data: faq-zh-bq (KB + held-out queries) and Banking77 as an
# FAQ (train.csv: one entry per intent; test.csv: the queries). MiniSearch is installed into a
# scratch folder (PEERS_DIR, default /tmp/servicebot-kb-peers), never into the project; FTS5 is
# Debian's libsqlite3 through /usr/bin/python3. Idempotent: a second run reinstalls nothing.
# servicebot runs with the kb: settings of bench/kb-peers/bots/faq (the KB-Bot's defaults).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${SERVICEBOT_SHARED_DATA:-$root/../shared/data}"
peers="${PEERS_DIR:-/tmp/servicebot-kb-peers}"
out="${1:-$peers/out}"
cli="$root/src/ServiceBot.Cli/bin/Release/net10.0/servicebot.dll"

[ -d "$data/faq-zh-bq" ] && [ -d "$data/intents-en-banking77" ] || { echo "kb-peers: shared data not found at $data (set SERVICEBOT_SHARED_DATA)" >&2; exit 2; }
/usr/bin/python3 -c 'import sqlite3; sqlite3.connect(":memory:").execute("create virtual table t using fts5(x)")' \
  || { echo "kb-peers: /usr/bin/python3's sqlite3 has no FTS5 (apt-get install python3 libsqlite3-0)" >&2; exit 2; }

if [ ! -d "$peers/node_modules/minisearch" ]; then
  mkdir -p "$peers"
  (cd "$peers" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund --loglevel=error minisearch@7 >/dev/null)
fi

[ -f "$cli" ] || dotnet build "$root/src/ServiceBot.Cli" -c Release -v q >/dev/null
servicebot() { (cd "$root" && dotnet "$cli" eval kb "$@" "--ServiceBot:BotsDirectory=$here/bots" "--ServiceBot:DataDirectory=$out/data"); }

run_dataset() { # name kb queries
  local name="$1" kb="$2" queries="$3" dir="$out/$1"
  mkdir -p "$dir"
  echo "kb-peers: $name" >&2
  servicebot --kb "$kb" --queries "$queries" --dump-tokens "$dir/tokens" 2>/dev/null
  /usr/bin/python3 "$here/fts5_qq.py" "$dir/tokens" >"$dir/fts5.jsonl"
  NODE_PATH="$peers/node_modules" node "$here/minisearch_qq.js" "$dir/tokens" >"$dir/minisearch.jsonl"
  servicebot --kb "$kb" --queries "$queries" --json >"$dir/servicebot.jsonl"
}

run_dataset faq-zh-bq "$data/faq-zh-bq/bq_faq_kb.jsonl" "$data/faq-zh-bq/bq_faq_queries.jsonl"
run_dataset banking77 "$data/intents-en-banking77/train.csv" "$data/intents-en-banking77/test.csv"

echo "kb-peers: $(nproc) cores, $(uname -m); servicebot's latency covers analysis (jieba), recall, rerank and tiers; the peers' covers search only (terms given)" >&2
/usr/bin/python3 "$here/table.py" "$out" faq-zh-bq banking77
