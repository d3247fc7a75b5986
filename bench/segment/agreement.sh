#!/usr/bin/env bash
# Agreement with the reference: `servicebot segment` against Debian python3-jieba (ref_segment.py) on the
# same corpus, line by line, in default mode with and without the HMM, full mode, and search mode with
# and without the HMM. Prints identical lines per mode and the first differing lines.
#
#   bench/segment/agreement.sh [CORPUS]   (default /tmp/servicebot-segment/corpus.txt, built when absent)
#
# DATA_DIR: the shared evaluation data the corpus is built from (default ../shared/data beside the checkout).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work=/tmp/servicebot-segment
mkdir -p "$work"
corpus="${1:-$work/corpus.txt}"
if [ ! -s "$corpus" ]; then
  data_dir="${DATA_DIR:-}"
  for d in "$root/../shared/data" "$root/../../shared/data"; do [ -z "$data_dir" ] && [ -d "$d" ] && data_dir="$d"; done
  [ -n "$data_dir" ] || { echo "agreement.sh: no corpus and no DATA_DIR to build it from" >&2; exit 2; }
  /usr/bin/python3 "$root/bench/segment/build_corpus.py" "$data_dir" "$corpus" >&2
fi

dotnet build "$root/src/ServiceBot.Cli/ServiceBot.Cli.csproj" -c Release -o "$root/artifacts/servicebot" --nologo -v quiet -clp:ErrorsOnly >&2
servicebot=(dotnet "$root/artifacts/servicebot/servicebot.dll" segment)

echo "corpus: $corpus, $(wc -l <"$corpus") lines, $(stat -c %s "$corpus") bytes"
for combo in "default" "default --no-hmm" "full" "search" "search --no-hmm"; do
  read -r mode flag <<<"$combo"
  name="$mode${flag:+-no-hmm}"
  /usr/bin/python3 "$root/bench/segment/ref_segment.py" "$mode" ${flag:+"$flag"} "$corpus" >"$work/ref.$name.txt"
  "${servicebot[@]}" --mode "$mode" ${flag:+"$flag"} "$corpus" >"$work/servicebot.$name.txt"
  /usr/bin/python3 - "$name" "$work/ref.$name.txt" "$work/servicebot.$name.txt" <<'EOF'
import sys
name, ref_path, our_path = sys.argv[1:4]
ref = open(ref_path, encoding="utf-8", newline="\n").read().split("\n")
ours = open(our_path, encoding="utf-8", newline="\n").read().split("\n")
same = sum(1 for a, b in zip(ref, ours) if a == b) - (1 if ref[-1] == ours[-1] == "" else 0)
total = len(ref) - (1 if ref[-1] == "" else 0)
print(f"{name:16} lines={total} identical={same} ({100 * same / max(total, 1):.3f}%) line_counts_match={len(ref) == len(ours)}")
shown = 0
for i, (a, b) in enumerate(zip(ref, ours)):
    if a != b and shown < 5:
        shown += 1
        print(f"  line {i + 1}\n    reference:  {a[:300]}\n    servicebot: {b[:300]}")
EOF
done
