#!/usr/bin/env python3
"""The plain-Python baseline of scripts/bench: every pattern of the pack, run with `re`.

    bench-python.py PATTERNS DIR

Reads each file of DIR (sorted), runs every pattern of PATTERNS (one a line, as
`lawscore rules patterns` prints them) with `re.finditer` over the whole text and counts
the matches. Prints the total and, on standard error, what had to be translated or dropped.
Like ripgrep it searches the text as it is (lawscore searches the folded text), so the
counts differ a little from lawscore's; the work is the same: every pattern over every byte.

Rust regex syntax that Python's `re` lacks is translated: `\\p{Han}` becomes the CJK
ideograph ranges. A pattern `re` still rejects is dropped and named.
"""

import os
import re
import sys
import warnings

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"


def translate(p):
    """A Rust-regex pattern in Python's dialect."""
    p = p.replace("[\\p{Han}]", f"[{HAN}]").replace("\\p{Han}", f"[{HAN}]")
    return p


def load(path):
    kept, translated, dropped = [], 0, []
    warnings.simplefilter("ignore")  # set-operation lookalikes (`[[`, `--`) warn in 3.7+
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n")
            if not p:
                continue
            t = translate(p)
            translated += t != p
            try:
                kept.append(re.compile(t))
            except re.error as e:
                dropped.append(f"{p}  ({e})")
    return kept, translated, dropped


def main(patterns, folder):
    regexes, translated, dropped = load(patterns)
    print(f"python re: {len(regexes)} patterns, {translated} translated (\\p{{Han}}), {len(dropped)} dropped", file=sys.stderr)
    for d in dropped:
        print(f"  dropped: {d}", file=sys.stderr)
    files = bytes_read = matches = 0
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8", errors="replace")
        files += 1
        bytes_read += len(raw)
        for r in regexes:
            matches += sum(1 for _ in r.finditer(text))
    print(f"{files} files, {bytes_read} bytes, {matches} matches")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
