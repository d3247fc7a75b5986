#!/usr/bin/env bash
# The project's HNSW beside npm hnswlib-node (native hnswlib), in one run, on the same vectors:
# 100k clustered unit vectors of 384 dimensions and 1,000 queries with exact ground truth.
#
#   bench/ann/run.sh [KIND=clustered] [N=100000] [M=16] [EF_CONSTRUCTION=200] [EFS=10,20,50,100,200,400] [BUILD=create]
#
# BUILD: `create` measures HnswIndex.Create (the bulk build, batch-parallel on all cores and
# deterministic), `add` a loop of Add on one thread, `both` the two one after the other.
# The project's side is bench/ann/ServiceBot.AnnBench, which builds with ServiceBot.Retrieval only.
#
# Vectors, ground truth and the npm peer go under $BENCH_OUT (default /tmp/servicebot-ann-bench)
# and $PEERS_DIR (default /tmp/peers): nothing is written into the repository. Rerunning reuses them.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
shared_peers="$(cd "$root/../shared/peers" && pwd)"
kind="${1:-clustered}"
n="${2:-100000}"
m="${3:-16}"
efc="${4:-200}"
efs="${5:-10,20,50,100,200,400}"
build="${6:-create}"
out="${BENCH_OUT:-/tmp/servicebot-ann-bench}/$kind-$n"
peers="${PEERS_DIR:-/tmp/peers}"
python=/usr/bin/python3   # Debian's, which has python3-numpy

if ! "$python" -c 'import numpy' 2>/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y python3-numpy; else sudo apt-get install -y python3-numpy; fi
fi
if [ ! -d "$peers/node_modules/hnswlib-node" ]; then
  mkdir -p "$peers"
  (cd "$peers" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install hnswlib-node --foreground-scripts)
fi

mkdir -p "$out"
if [ ! -s "$out/${kind}_gt.i32" ]; then
  (cd "$out" && "$python" "$shared_peers/ann/gen_vectors.py" "$kind" "$n" 384 1000)
fi
ln -sfn "$peers/node_modules" "$out/node_modules"

dotnet build "$root/bench/ann/ServiceBot.AnnBench" -c Release --nologo -v quiet -clp:ErrorsOnly

echo "== hnswlib-node"
(cd "$out" && NODE_PATH="$peers/node_modules" node "$shared_peers/ann/bench_hnswlib_node.js" "$kind" "$m" "$efc" "$efs")
echo "== ServiceBot HnswIndex"
dotnet run -c Release --no-build --project "$root/bench/ann/ServiceBot.AnnBench" -- "$out" "$kind" 384 "$m" "$efc" "$efs" "$build"
