"""Shared by the peer scripts: reads the token dump and scores ranked entry lists the way `eval kb` does."""
import math

def read_dump(folder):
    def read(name):
        out = []
        with open(f"{folder}/{name}", encoding="utf-8") as f:
            for line in f:
                key, _, terms = line.rstrip("\n").partition("\t")
                out.append((key, [t for t in terms.split(" ") if t]))
        return out
    return read("kb.tsv"), read("queries.tsv")

def percentile(values, p):
    """Nearest rank, as KbMetrics.Percentile."""
    s = sorted(values)
    return s[max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))]

def score(system, results, latencies_ms):
    """results: (expected faq id or "", ranked entry ids best first); only questions with an id count."""
    n = 0
    hits = {1: 0, 3: 0, 5: 0, 10: 0}
    rr = 0.0
    for faq, ranked in results:
        if not faq:
            continue
        n += 1
        rank = ranked.index(faq) if faq in ranked[:10] else -1
        for k in hits:
            hits[k] += 1 if 0 <= rank < k else 0
        rr += 1 / (rank + 1) if rank >= 0 else 0
    total_s = sum(latencies_ms) / 1000
    return {
        "system": system,
        "queries": len(results),
        "answerable": n,
        **{f"recall_at_{k}": round(v / n, 6) for k, v in hits.items()},
        "mrr_at_10": round(rr / n, 6),
        "qps": round(len(results) / total_s, 1) if total_s > 0 else None,
        "latency_p50_ms": round(percentile(latencies_ms, 50), 4),
        "latency_p99_ms": round(percentile(latencies_ms, 99), 4),
    }
