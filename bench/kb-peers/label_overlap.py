#!/usr/bin/env python3
"""How far faq-zh-bq's labels let any question matcher go.

For every held-out query, finds the KB question (of any entry) most like it by character-bigram
Jaccard and counts the queries whose nearest question is (near-)identical but belongs to another entry
than the query's label: no ranking can put the labelled entry first for those without ignoring the
question the customer typed. Standard library only; reads the data in place.

    bench/kb-peers/label_overlap.py [DATA_DIR]      (default ../shared/data/faq-zh-bq)
"""
import json
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "..", "shared", "data", "faq-zh-bq")


def norm(text):
    return re.sub(r"[\s\W_]+", "", text.lower())


def bigrams(text):
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


kb = [json.loads(line) for line in open(os.path.join(data, "bq_faq_kb.jsonl"), encoding="utf-8")]
queries = [json.loads(line) for line in open(os.path.join(data, "bq_faq_queries.jsonl"), encoding="utf-8")]
rows = [(e["faq_id"], bigrams(norm(q))) for e in kb for q in [e["standard_question"], *e["similar_questions"]]]

top1 = 0
bands = {1.0: [0, 0], 0.8: [0, 0]}
for query in queries:
    grams = bigrams(norm(query["query"]))
    best_id, best = max(((fid, len(grams & g) / len(grams | g)) for fid, g in rows), key=lambda r: r[1])
    top1 += best_id == query["faq_id"]
    for floor, counts in bands.items():
        if best >= floor:
            counts[0] += 1
            counts[1] += best_id != query["faq_id"]

print(f"queries: {len(queries)}, KB questions: {len(rows)}")
print(f"nearest KB question by bigram Jaccard: Recall@1 {top1 / len(queries):.3f}")
for floor, (near, other) in bands.items():
    print(f"nearest question with Jaccard >= {floor}: {near} queries, {other} of them labelled with another entry")
