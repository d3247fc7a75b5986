#!/usr/bin/python3
"""Builds a stress corpus for the agreement check: lines of the segmentation corpus with characters
inserted at random places, the kinds where segmenters part ways (Latin letters and digits, decimals,
percentages, C++/C#, full-width forms, kana, hangul, emoji and other characters outside the BMP,
combining marks, tabs and ideographic spaces, punctuation of every width).

Usage: perturb_corpus.py CORPUS OUT [LINES [SEED]]   (defaults: 20000 lines, seed 1)
"""
import random, sys

corpus, out = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
random.seed(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
lines = open(corpus, encoding="utf-8").read().split("\n")[:-1]
inserts = list("abcXYZ0123456789.%+#&_-  \t\u3000，。！？、·…—“”《》()（）ＡＢＣ１２３ｱｲ한국あいう繁體臺灣ｅ😀🀄𠀀\u00e9\u0301~@/\\:;'\"") + [
    "3.14", "50%", "iPhone12", "C++", "C#", "a.b", "..", "1.2.3", "U盘", "ｉＰｈｏｎｅ"]
with open(out, "w", encoding="utf-8") as f:
    for line in random.sample(lines, min(count, len(lines))):
        chars = list(line)
        for _ in range(random.randint(1, 6)):
            chars.insert(random.randint(0, len(chars)), random.choice(inserts))
        f.write("".join(chars) + "\n")
