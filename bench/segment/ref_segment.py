#!/usr/bin/python3
"""The reference for every mode: Debian python3-jieba, read and written like `python3 -m jieba`.

Usage: ref_segment.py default|full|search [--no-hmm] [-d DELIM] INPUT > OUTPUT

`python3 -m jieba` has no search mode; this script gives all three modes with the same line handling
(universal newlines, trailing '\\r\\n' stripped, one output line per input line).
"""
import argparse, logging
import jieba

parser = argparse.ArgumentParser()
parser.add_argument("mode", choices=["default", "full", "search"])
parser.add_argument("--no-hmm", dest="hmm", action="store_false")
parser.add_argument("-d", dest="delim", default="/")
parser.add_argument("input")
args = parser.parse_args()
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
with open(args.input, "r", encoding="utf-8") as f:
    for ln in f:
        line = ln.rstrip("\r\n")
        if args.mode == "search":
            words = jieba.cut_for_search(line, HMM=args.hmm)
        else:
            words = jieba.cut(line, cut_all=args.mode == "full", HMM=args.hmm)
        print(args.delim.join(words))
