#!/usr/bin/python3
"""Generates the rejector's evasion set from a third-party lexicon: for every usable entry (2-12
characters, Chinese with optional Latin letters/digits) one disguised copy inside a carrier
sentence. Deterministic (fixed seed); the output is evaluation data and is not committed.

Kinds: noise (1-3 separators between characters), repeat (a character doubled), width (full-width
Latin/digits), case (Latin upper case), homoglyph (Cyrillic look-alikes for Latin letters),
traditional (simplified -> traditional characters from OpenCC's STCharacters table), mixed
(noise + width + case).

Usage: make_evasions.py LEXICON STCHARACTERS PATTERNS_OUT EVASIONS_OUT"""
import random, re, sys

lexicon, st_file, patterns_out, evasions_out = sys.argv[1:5]
rng = random.Random(20261122)
usable = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]{2,12}$")
cjk = re.compile(r"[\u4e00-\u9fff]")
words, seen = [], set()
with open(lexicon, encoding="utf-8") as f:
    for line in f:
        w = line.strip()
        if usable.match(w) and cjk.search(w) and w.lower() not in seen:
            seen.add(w.lower())
            words.append(w)

to_trad = {}
with open(st_file, encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or "\t" not in line:
            continue
        s, t = line.rstrip("\n").split("\t", 1)
        t = t.split(" ")[0]
        if len(s) == 1 and len(t) == 1 and s != t:
            to_trad[s] = t

NOISE = [" ", "*", ".", "-", "_", "·", "、", "~", "|", "/", "#", "❤", "★"]
HOMO = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к", "m": "м", "t": "т"}
CARRIERS = ["请问{}怎么办", "我看到有人说{}是真的吗", "{}", "客服你好，{}，麻烦处理一下", "这个{}到底什么意思"]

def noise(w):
    out = w[0]
    for ch in w[1:]:
        out += "".join(rng.choice(NOISE) for _ in range(rng.randint(1, 3))) + ch
    return out

def repeat(w):
    i = rng.randrange(len(w))
    return w[:i + 1] + w[i] + w[i + 1:]

def width(w):
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in w)

def case(w):
    return w.upper()

def homoglyph(w):
    return "".join(HOMO.get(c.lower(), c) for c in w)

def trad(w):
    return "".join(to_trad.get(c, c) for c in w)

def mixed(w):
    return noise(case(width(w)))

kinds = [("noise", noise), ("repeat", repeat), ("traditional", trad), ("mixed", mixed)]
latin_kinds = [("width", width), ("case", case), ("homoglyph", homoglyph)]
with open(patterns_out, "w", encoding="utf-8") as p, open(evasions_out, "w", encoding="utf-8") as e:
    for w in words:
        p.write(w + "\n")
        options = kinds + (latin_kinds if re.search(r"[A-Za-z]", w) else [])
        if not any(c in to_trad for c in w):
            options = [k for k in options if k[0] != "traditional"]
        name, fn = rng.choice(options)
        disguised = fn(w)
        e.write(f"{name}\t{w}\t{rng.choice(CARRIERS).format(disguised)}\n")
print(f"{patterns_out}: {len(words)} patterns; {evasions_out}: {len(words)} evasions", file=sys.stderr)
