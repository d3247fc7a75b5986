#!/usr/bin/python3
"""Derives an allow-list for a sensitive-word lexicon from jieba's dictionary (Debian python3-jieba),
not from the evaluation text: every dictionary word used at least MIN_FREQ times that is a lexicon
entry or contains one ("销售" in a lexicon of illegal sales phrases, "桃色" inside "桃色新闻") is
allowed, so the matcher stops flagging ordinary words. The lexicon entries that are themselves
common words are thereby switched off; the evaluation reports how much recall that costs.

Usage: make_allowlist.py LEXICON_PATTERNS MIN_FREQ OUT"""
import sys

patterns_file, min_freq, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lexicon = {l.strip().lower() for l in open(patterns_file, encoding="utf-8") if l.strip()}
longest = max(len(w) for w in lexicon)
allow = []
for line in open("/usr/lib/python3/dist-packages/jieba/dict.txt", encoding="utf-8"):
    word, freq = line.split(" ")[:2]
    if int(freq) < min_freq or len(word) < 2:
        continue
    w = word.lower()
    if any(w[i:j] in lexicon for i in range(len(w)) for j in range(i + 2, min(len(w), i + longest) + 1)):
        allow.append(word)
open(out, "w", encoding="utf-8").write("\n".join(allow) + "\n")
print(f"{out}: {len(allow)} allowed words (jieba dictionary words with frequency >= {min_freq})")
