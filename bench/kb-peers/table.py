#!/usr/bin/python3
"""Prints the side-by-side table from the JSON lines run.sh collected: table.py OUT_DIR DATASET..."""
import json, sys

out, datasets = sys.argv[1], sys.argv[2:]

def fmt(v, spec):
    return "–" if v is None else format(v, spec)

print("| dataset | system | Recall@1 | Recall@3 | Recall@5 | Recall@10 | MRR@10 | QPS | p50 ms | p99 ms |")
print("|---|---|---|---|---|---|---|---|---|---|")
for ds in datasets:
    for name in ("fts5", "minisearch", "servicebot"):
        with open(f"{out}/{ds}/{name}.jsonl", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if "skipped" in r:
                    print(f"| {ds} | servicebot {r['config']} | skipped — {r['skipped']} | | | | | | | |")
                    continue
                system = r.get("system") or "servicebot " + r["config"] + ("" if r.get("vectors", True) or r["config"] != "hybrid+rerank" else " (BM25 recall + lexical rerank)")
                qps = r.get("qps")
                print(f"| {ds} | {system} | {fmt(r['recall_at_1'], '.3f')} | {fmt(r['recall_at_3'], '.3f')} | {fmt(r['recall_at_5'], '.3f')} | {fmt(r['recall_at_10'], '.3f')} | {fmt(r['mrr_at_10'], '.3f')} | {fmt(qps, '.0f')} | {fmt(r['latency_p50_ms'], '.3f')} | {fmt(r['latency_p99_ms'], '.3f')} |")
