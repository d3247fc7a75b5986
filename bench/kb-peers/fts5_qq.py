#!/usr/bin/python3
"""SQLite FTS5 bm25() as a question-question FAQ matcher over the project's analyzer terms.

Usage: fts5_qq.py DIR   (DIR holds kb.tsv and queries.tsv from `servicebot eval kb --dump-tokens DIR`)
Prints one JSON line: recall@1/3/5/10, MRR@10, QPS and per-query latency percentiles.

Every KB question row is one FTS5 document. Terms are renamed to opaque ASCII ids first, so FTS5's
tokenizer sees exactly the project's terms (unicode61 would otherwise split 3.5 or e-mail again).
A query is the OR of its terms; the best ROWS rows are mapped to their entries, deduplicated in rank order.
"""
import json, os, sqlite3, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qq_metrics import read_dump, score

ROWS = 1000
folder = sys.argv[1]
rows, queries = read_dump(folder)
vocab = {}
def ids(terms, grow):
    out = []
    for t in terms:
        if t not in vocab:
            if not grow:
                continue
            vocab[t] = "t%d" % len(vocab)
        out.append(vocab[t])
    return out

db = sqlite3.connect(":memory:")
started = time.perf_counter()
db.execute("create virtual table kb using fts5(terms, tokenize='unicode61')")
db.executemany("insert into kb(rowid, terms) values (?, ?)", ((i, " ".join(ids(terms, True))) for i, (_, terms) in enumerate(rows)))
db.commit()
build_s = time.perf_counter() - started
prepared = [(faq, " OR ".join(ids(terms, False))) for faq, terms in queries]

def search(expr):
    if not expr:
        return []
    entries, seen = [], set()
    for (rowid,) in db.execute("select rowid from kb where kb match ? order by bm25(kb) limit ?", (expr, ROWS)):
        entry = rows[rowid][0]
        if entry not in seen:
            seen.add(entry)
            entries.append(entry)
            if len(entries) == 10:
                break
    return entries

for _, expr in prepared[:50]:
    search(expr)
results, latencies = [], []
for faq, expr in prepared:
    t0 = time.perf_counter()
    ranked = search(expr)
    latencies.append((time.perf_counter() - t0) * 1000)
    results.append((faq, ranked))
report = score("sqlite-fts5 bm25() " + sqlite3.sqlite_version, results, latencies)
report["build_s"] = round(build_s, 3)
print(json.dumps(report))
