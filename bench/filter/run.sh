#!/usr/bin/env bash
# The rejector beside the npm Aho–Corasick packages, in one run, on the same corpus and patterns,
# then its quality numbers (evasion recall, false positives, prompt-injection screen).
#
#   bench/filter/run.sh [SHARED_DATA_DIR]
#
# Everything generated (corpus, patterns, evasion set, npm peers) goes under $BENCH_OUT
# (default /tmp/servicebot-filter-bench) and $PEERS_DIR (default /tmp/peers): nothing is written
# into the repository. Rerunning reuses what is already there.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
data="$(cd "${1:-$root/../shared/data}" && pwd)"
out="${BENCH_OUT:-/tmp/servicebot-filter-bench}"
peers="${PEERS_DIR:-/tmp/peers}"
python=/usr/bin/python3   # Debian's, which can import python3-jieba for the peer pattern maker
mkdir -p "$out"

if [ ! -s "$out/corpus.txt" ]; then
  "$python" "$root/bench/filter/make_corpus.py" "$data" "$out/corpus.txt" 5
fi
if [ ! -s "$out/evasions.tsv" ]; then
  "$python" "$root/bench/filter/make_evasions.py" \
    "$data/lexicons/sensitive-zh-houbb/dict_v20240407.txt" "$data/lexicons/opencc/STCharacters.txt" \
    "$out/lexicon-patterns.txt" "$out/evasions.tsv"
fi
# Two pattern sets of 10k: real sensitive words (few hits in ordinary text) and common dictionary
# words (a hit every few characters, the worst case for reporting matches).
if [ ! -s "$out/lexicon-10k.txt" ]; then
  "$python" -c 'import random,sys; w=[l.rstrip("\n") for l in open(sys.argv[1],encoding="utf-8") if l.strip()]; random.Random(7).shuffle(w); open(sys.argv[2],"w",encoding="utf-8").write("\n".join(w[:10000])+"\n")' \
    "$out/lexicon-patterns.txt" "$out/lexicon-10k.txt"
fi
# The allow-list: common words of jieba's dictionary that are (or contain) lexicon entries, plus the
# project's customer-service words (bench/filter/customer-service-allow.txt).
if [ ! -s "$out/allow.txt" ]; then
  "$python" "$root/bench/filter/make_allowlist.py" "$out/lexicon-patterns.txt" 20 "$out/allow-jieba.txt"
  cat "$root/bench/filter/customer-service-allow.txt" "$out/allow-jieba.txt" > "$out/allow.txt"
fi
if [ ! -s "$out/common-10k.txt" ]; then
  "$python" "$root/../shared/peers/filter/make_patterns.py" 10000 mixed "$out/common-10k.txt" >/dev/null
fi

if [ ! -d "$peers/node_modules/@monyone/aho-corasick" ] || [ ! -d "$peers/node_modules/ahocorasick" ]; then
  mkdir -p "$peers"
  (cd "$peers" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund @monyone/aho-corasick ahocorasick >/dev/null)
fi
export NODE_PATH="$peers/node_modules"

dotnet build -c Release "$root/bench/ServiceBot.Benchmarks" -v quiet -nologo >/dev/null
bench() { dotnet run -c Release --no-build --project "$root/bench/ServiceBot.Benchmarks" -- "$@"; }

for patterns in lexicon-10k common-10k; do
  echo "## throughput: $patterns"
  node "$root/../shared/peers/filter/bench_filter.js" "$out/corpus.txt" "$out/$patterns.txt" '@monyone,ahocorasick.search'
  bench filter-throughput "$out/corpus.txt" "$out/$patterns.txt"
  echo
done

echo "## rejector quality, lexicon alone"
bench rejector-eval "$out/lexicon-patterns.txt" "$out/evasions.tsv" "$data"
echo
echo "## rejector quality, with the allow-list"
bench rejector-eval "$out/lexicon-patterns.txt" "$out/evasions.tsv" "$data" "$out/allow.txt"
echo
echo "## prompt-injection screen"
bench injection-eval "$data"
