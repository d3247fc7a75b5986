#!/usr/bin/env bash
# Segmentation speed, side by side in one run, on the same corpus: ServiceBot, jieba-rs (@node-rs/jieba),
# cppjieba (nodejieba) and the Python reference (Debian python3-jieba). Default mode with the HMM,
# one thread each, words produced as strings in each host language, nothing written while timed.
#
#   bench/segment/run.sh [ROUNDS]        (default 3 rounds; each implementation runs once per round)
#
# Environment (all optional):
#   CORPUS     the corpus file; built with build_corpus.py when absent (default /tmp/servicebot-segment/corpus.txt)
#   DATA_DIR   the shared evaluation data the corpus is built from (default ../shared/data beside the checkout)
#   PEERS_DIR  the folder of the peer scripts seg_noders.js, seg_nodejieba.js, seg_py.py
#   NODE_PATH  node_modules holding @node-rs/jieba and nodejieba (default /tmp/peers/node_modules,
#              then .tools/peers/node_modules from scripts/setup.sh peers)
#   PIN_CPU    a CPU number: every implementation runs pinned to it with taskset (default: not pinned)
#
# ServiceBot's own figures come from `servicebot segment --stats`: throughput excludes process start and
# dictionary load, which are reported apart (load from the binary cache and cold from dict.txt, and the
# wall time and peak memory of a whole run on an empty input). Its first pass includes the JIT compiling
# the code; the peers' scripts time a single pass, so both are shown.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}"
work=/tmp/servicebot-segment
mkdir -p "$work"

first_dir() { for d in "$@"; do [ -d "$d" ] && { (cd "$d" && pwd); return 0; }; done; return 1; }

data_dir="${DATA_DIR:-$(first_dir "$root/../shared/data" "$root/../../shared/data" || true)}"
peers_dir="${PEERS_DIR:-$(first_dir "$root/../shared/peers/jieba" "$root/../../shared/peers/jieba" || true)}"
export NODE_PATH="${NODE_PATH:-$(first_dir /tmp/peers/node_modules "$root/.tools/peers/node_modules" || true)}"
corpus="${CORPUS:-$work/corpus.txt}"
pin=()
[ -n "${PIN_CPU:-}" ] && pin=(taskset -c "$PIN_CPU")

if [ ! -s "$corpus" ]; then
  [ -n "$data_dir" ] || { echo "run.sh: no corpus and no DATA_DIR to build it from" >&2; exit 2; }
  /usr/bin/python3 "$root/bench/segment/build_corpus.py" "$data_dir" "$corpus" >&2
fi

echo "building servicebot (Release)…" >&2
dotnet build "$root/src/ServiceBot.Cli/ServiceBot.Cli.csproj" -c Release -o "$root/artifacts/servicebot" --nologo -v quiet -clp:ErrorsOnly >&2
servicebot=(dotnet "$root/artifacts/servicebot/servicebot.dll")

field() { # KEY LINE: the value of KEY=value in a stats line
  tr ' ' '\n' <<<"$2" | sed -n "s|^$1=||p" | head -1
}

declare -A results
run_peer() { # NAME COMMAND...
  local name="$1"; shift
  local line
  if line="$("${pin[@]}" "$@" 2>/dev/null | grep 'MB/s=' | tail -1)" && [ -n "$line" ]; then
    results[$name]+="$(field 'MB/s' "$line") "
    echo "  $line" >&2
  else
    results[$name]+="- "
    echo "  $name: not run (install the peers: see $peers_dir/../README.md or scripts/setup.sh peers)" >&2
  fi
}

sb_first="" sb_warm="" sb_spans="" sb_line=""
for round in $(seq 1 "$rounds"); do
  echo "round $round/$rounds" >&2
  sb_line="$("${pin[@]}" "${servicebot[@]}" segment --stats "$corpus" 2>&1 >/dev/null | grep '^impl=servicebot')"
  echo "  $sb_line" >&2
  sb_first+="$(field 'first_pass_MB/s' "$sb_line") "
  sb_warm+="$(field 'MB/s' "$sb_line") "
  sb_spans+="$(field 'spans_MB/s' "$sb_line") "
  [ -n "$peers_dir" ] && run_peer jieba-rs node "$peers_dir/seg_noders.js" "$corpus"
  [ -n "$peers_dir" ] && run_peer cppjieba node "$peers_dir/seg_nodejieba.js" "$corpus"
  [ -n "$peers_dir" ] && run_peer python-jieba /usr/bin/python3 "$peers_dir/seg_py.py" "$corpus"
done

# Load and start-up, apart from throughput.
cold_line="$("${servicebot[@]}" segment --stats --no-cache /dev/null 2>&1 >/dev/null | grep '^impl=servicebot')"
empty_start=$(date +%s.%N)
empty_line="$("${servicebot[@]}" segment --stats /dev/null 2>&1 >/dev/null | grep '^impl=servicebot')"
empty_end=$(date +%s.%N)

summary() { # VALUES...: best and median
  printf '%s\n' "$@" | grep -v '^-$' | sort -g | awk '{v[NR]=$1} END {if (NR==0) {print "-\t-"} else {printf "%.2f\t%.2f\n", v[NR], v[int((NR+1)/2)]}}'
}

bytes=$(field bytes "$sb_line")
echo
echo "corpus: $corpus, $(field lines "$sb_line") lines, $(awk -v b="$bytes" 'BEGIN {printf "%.2f", b/1e6}') MB; $(nproc) cores; $(date -u +%Y-%m-%d); $rounds rounds"
echo "default mode + HMM, single thread, MB/s (best, median):"
printf '  %-38s %s\n' "servicebot (warm, best of 3 passes)" "$(summary $sb_warm | tr '\t' ' ')"
printf '  %-38s %s\n' "servicebot (first pass, with JIT)" "$(summary $sb_first | tr '\t' ' ')"
printf '  %-38s %s\n' "servicebot (offsets only, no strings)" "$(summary $sb_spans | tr '\t' ' ')"
for name in jieba-rs cppjieba python-jieba; do
  printf '  %-38s %s\n' "$name" "$(summary ${results[$name]:--} | tr '\t' ' ')"
done
echo "servicebot load: dictionary from cache $(field dict_load_s "$sb_line") s, from dict.txt $(field dict_load_s "$cold_line") s;" \
  "trie and HMM tables $(field dict_MB "$sb_line") MB;" \
  "a whole run on empty input $(awk -v a="$empty_start" -v b="$empty_end" 'BEGIN {printf "%.2f", b-a}') s, peak RSS $(field peak_rss_MB "$empty_line") MB;" \
  "peak RSS $(field peak_rss_MB "$sb_line") MB with the corpus held in memory"
echo "servicebot allocation: $(field alloc_B_per_byte "$sb_line") bytes per input byte (strings and word lists)"
