#!/usr/bin/python3
"""Builds the segmentation agreement/speed corpus from the shared evaluation data, read in place.

Usage: build_corpus.py DATA_DIR OUT_FILE

Every string in the sources becomes one or more lines (split at line breaks); lines are kept in
source order, duplicates removed, blank lines dropped. Then paragraphs made of the same text are
added, one per line: a whole CrossWOZ dialogue, a whole database record (its strings joined with
"，"), a whole FAQ cluster (standard and similar questions joined with "；"), as longer real-text
lines. Sources (all real Chinese text):
  faq-zh-bq              bank customer-service questions (KB, held-out queries, look-alike pairs)
  nlu-zh-smp2019         assistant utterances (JSON sources and the char-tagged train/dev/test files)
  dialogs-zh-crosswoz    val.json.gz dialogue turns and the attraction/hotel/restaurant/metro databases
  chitchat               chatterbot-zh (simplified and traditional YAML) and Dialogflow small talk zh-CN
  safety                 flames_zh, jade_db (Chinese prompts), for unusual punctuation and length
The corpus is written outside the repository (the caller chooses where); nothing is copied in.
"""
import glob, gzip, json, os, sys

data, out = sys.argv[1], sys.argv[2]
seen, lines, per_source = set(), [], {}


def add(text, source):
    if not isinstance(text, str):
        return
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        if not line or line in seen:
            continue
        seen.add(line)
        lines.append(line)
        per_source[source] = per_source.get(source, 0) + len(line.encode("utf-8")) + 1


def walk(node, source):
    if isinstance(node, str):
        add(node, source)
    elif isinstance(node, dict):
        for v in node.values():
            walk(v, source)
    elif isinstance(node, list):
        for v in node:
            walk(v, source)


def jsonl(path, source):
    with open(path, encoding="utf-8") as f:
        for row in f:
            if row.strip():
                walk(json.loads(row), source)


def tagged(path, source):
    # One character per line with its tag; a blank line ends a sentence, the line before it is the intent.
    chars = []
    with open(path, encoding="utf-8") as f:
        for row in f:
            row = row.rstrip("\n")
            if not row.strip():
                if chars:
                    add("".join(chars), source)
                chars = []
            elif "\t" in row or " " in row.strip():
                chars.append(row.split()[0] if row.split() else "")
    if chars:
        add("".join(chars), source)


def yaml_lines(path, source):
    with open(path, encoding="utf-8") as f:
        for row in f:
            row = row.strip()
            if row.startswith("- - "):
                row = row[4:]
            elif row.startswith("- "):
                row = row[2:]
            else:
                continue
            add(row.strip("'\""), source)


for p in sorted(glob.glob(os.path.join(data, "faq-zh-bq", "*.jsonl"))):
    jsonl(p, "faq-zh-bq")
for p in sorted(glob.glob(os.path.join(data, "nlu-zh-smp2019", "*.json"))):
    with open(p, encoding="utf-8") as f:
        walk(json.load(f), "nlu-zh-smp2019")
for p in sorted(glob.glob(os.path.join(data, "nlu-zh-smp2019", "*.txt"))):
    tagged(p, "nlu-zh-smp2019")
with gzip.open(os.path.join(data, "dialogs-zh-crosswoz", "val.json.gz"), "rt", encoding="utf-8") as f:
    walk(json.load(f), "dialogs-zh-crosswoz")
for name in ("attraction_db", "hotel_db", "restaurant_db", "metro_db"):
    with open(os.path.join(data, "dialogs-zh-crosswoz", name + ".json"), encoding="utf-8") as f:
        walk(json.load(f), "dialogs-zh-crosswoz")
for p in sorted(glob.glob(os.path.join(data, "chitchat", "chatterbot-zh", "*", "*.yml"))):
    yaml_lines(p, "chitchat")
for p in sorted(glob.glob(os.path.join(data, "chitchat", "dialogflow-prebuilt", "*zh*", "**", "*.json"), recursive=True)):
    with open(p, encoding="utf-8") as f:
        walk(json.load(f), "chitchat")
for p in sorted(glob.glob(os.path.join(data, "safety", "flames_zh", "*")) + glob.glob(os.path.join(data, "safety", "jade_db", "*"))):
    if p.endswith(".jsonl"):
        jsonl(p, "safety-zh")
    elif p.endswith(".json"):
        with open(p, encoding="utf-8") as f:
            walk(json.load(f), "safety-zh")
    elif p.endswith(".csv") or p.endswith(".txt"):
        with open(p, encoding="utf-8", errors="replace") as f:
            for row in f:
                add(row, "safety-zh")

def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


# Paragraphs: each a unit of real text from the sources, on one line.
with gzip.open(os.path.join(data, "dialogs-zh-crosswoz", "val.json.gz"), "rt", encoding="utf-8") as f:
    for dialogue in json.load(f).values():
        add("".join(m["content"] for m in dialogue["messages"]), "paragraphs")
for name in ("attraction_db", "hotel_db", "restaurant_db", "metro_db"):
    with open(os.path.join(data, "dialogs-zh-crosswoz", name + ".json"), encoding="utf-8") as f:
        for record in json.load(f):
            add("，".join(s.replace("\n", " ") for s in strings(record) if s.strip()), "paragraphs")
with open(os.path.join(data, "faq-zh-bq", "bq_faq_kb.jsonl"), encoding="utf-8") as f:
    for row in f:
        if row.strip():
            entry = json.loads(row)
            add("；".join([entry["standard_question"]] + entry["similar_questions"]), "paragraphs")

# Keep lines with at least one CJK character: the corpus is Chinese text (mixed with Latin, digits, symbols).
kept = [l for l in lines if any("\u4e00" <= c <= "\u9fff" for c in l)]
with open(out, "w", encoding="utf-8") as f:
    for l in kept:
        f.write(l + "\n")
size = sum(len(l.encode("utf-8")) + 1 for l in kept)
print(f"corpus={out} lines={len(kept)} bytes={size} MB={size / 1e6:.2f} " + " ".join(f"{k}={v / 1e6:.2f}MB" for k, v in per_source.items()))
