#!/usr/bin/python3
"""Builds the Chinese benchmark corpus for the rejector from the shared evaluation data, one chat-like
line per message: CrossWOZ dialogues and their venue databases, SMP NLU utterances, BQ questions,
chit-chat, JADE and Flames prompts. Deterministic; the output is not committed.

Usage: make_corpus.py SHARED_DATA_DIR OUT [MIN_MB]"""
import csv, glob, gzip, json, os, re, sys

data, out = sys.argv[1], sys.argv[2]
min_mb = float(sys.argv[3]) if len(sys.argv) > 3 else 5.0
cjk = re.compile(r"[\u4e00-\u9fff]")
lines = []

def add(text):
    for part in str(text).replace("\r", "\n").split("\n"):
        part = part.strip()
        if part and cjk.search(part):
            lines.append(part)

def walk(node):
    if isinstance(node, str):
        add(node)
    elif isinstance(node, dict):
        for v in node.values():
            walk(v)
    elif isinstance(node, list):
        for v in node:
            walk(v)

with gzip.open(os.path.join(data, "dialogs-zh-crosswoz/val.json.gz"), "rt", encoding="utf-8") as f:
    for dialogue in json.load(f).values():
        for message in dialogue["messages"]:
            add(message["content"])
for name in ("attraction_db.json", "hotel_db.json", "restaurant_db.json", "metro_db.json"):
    with open(os.path.join(data, "dialogs-zh-crosswoz", name), encoding="utf-8") as f:
        walk(json.load(f))
for name in ("source_2019train.json", "source_2020train.json"):
    with open(os.path.join(data, "nlu-zh-smp2019", name), encoding="utf-8") as f:
        walk(json.load(f))
with open(os.path.join(data, "faq-zh-bq/bq_faq_kb.jsonl"), encoding="utf-8") as f:
    for row in map(json.loads, f):
        add(row["standard_question"]); [add(q) for q in row["similar_questions"]]
with open(os.path.join(data, "faq-zh-bq/bq_hard_negative_pairs.jsonl"), encoding="utf-8") as f:
    for row in map(json.loads, f):
        walk(row)
for path in sorted(glob.glob(os.path.join(data, "chitchat/chatterbot-zh/chinese/*.yml"))):
    with open(path, encoding="utf-8") as f:
        for line in f:
            add(line.lstrip(" -"))
for path in sorted(glob.glob(os.path.join(data, "safety/jade_db/*_zh*.csv"))):
    with open(path, encoding="utf-8", errors="replace") as f:
        for row in csv.reader(f):
            [add(cell) for cell in row]
with open(os.path.join(data, "safety/flames_zh/Flames_1k_Chinese.jsonl"), encoding="utf-8") as f:
    for row in map(json.loads, f):
        walk(row)

size = sum(len(l.encode("utf-8")) + 1 for l in lines)
base = list(lines)
while size < min_mb * 1e6:  # repeat the collection in order only if the sources fall short
    lines.extend(base); size += sum(len(l.encode("utf-8")) + 1 for l in base)
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
print(f"{out}: {len(lines)} lines, {size / 1e6:.2f} MB")
