#!/usr/bin/env python3
"""Milliseconds per report for each published form: every fixture (tests/fixtures/reports,
tests/fixtures/blind) and seed (../shared/corpus/seeds) as txt, html, docx, doc, pdf-lo,
pdf-cairo, pdf-stsong, pdf-gbk and ofd, each form's files scored in one `lawscore score -q -j1`
run (the release binary), best of three runs, divided by the number of reports.
A form that fails to read is counted and shown; its time still counts.

Usage: scripts/form-timing.py [--bin target/release/lawscore] [--runs 3] [FORMS_DIR]
FORMS_DIR: a folder tests/forms/make_forms.py already wrote (else it is made, ~1 min).
"""

import argparse
import glob
import html
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORMS = [
    ("txt", "src/{}.txt"),
    ("html", "{}.html"),
    ("docx", "{}-styled.docx"),
    ("doc", "{}.doc"),
    ("pdf-lo", "{}-lo.pdf"),
    ("pdf-cairo", "{}-cairo.pdf"),
    ("pdf-stsong", "{}-stsong.pdf"),
    ("pdf-gbk", "{}-gbk.pdf"),
    ("ofd", "{}.ofd"),
]


def reports():
    files = sorted(glob.glob(f"{ROOT}/tests/fixtures/reports/*.txt"))
    files += sorted(glob.glob(f"{ROOT}/tests/fixtures/blind/*.txt"))
    return files + sorted(glob.glob(f"{ROOT}/../shared/corpus/seeds/*.txt"))


def html_pages(forms):
    """An article page of each report (one <p> a line), as a site publishes it."""
    for src in glob.glob(f"{forms}/src/*.txt"):
        text = open(src, encoding="utf-8").read()
        body = "".join(f"<p>{html.escape(l)}</p>\n" for l in text.split("\n"))
        stem = os.path.basename(src)[:-4]
        with open(f"{forms}/{stem}.html", "w", encoding="utf-8") as f:
            f.write(f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div id="zoom">{body}</div></body></html>')


def run(binary, files):
    """Seconds of one scoring run over `files`, and how many came back as errors."""
    t = time.perf_counter()
    o = subprocess.run([binary, "score", "-q", "-j1", "--format", "jsonl"] + files, capture_output=True)
    took = time.perf_counter() - t
    errors = sum(1 for l in o.stdout.decode().splitlines() if '"error"' in l[:200])
    return took, errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=f"{ROOT}/target/release/lawscore")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("forms", nargs="?")
    a = ap.parse_args()
    forms = a.forms or tempfile.mkdtemp(prefix="lawscore-timing-")
    if not a.forms:
        subprocess.run([sys.executable, f"{ROOT}/tests/forms/make_forms.py", forms] + reports(), check=True)
    html_pages(forms)
    stems = sorted(os.path.basename(p)[:-4] for p in glob.glob(f"{forms}/src/*.txt"))
    print(f"{len(stems)} reports, best of {a.runs} runs, lawscore score -q -j1 (one process a form)")
    print(f"{'form':<12}{'ms/report':>10}{'MB':>8}{'unread':>8}")
    for name, pattern in FORMS:
        files = [f"{forms}/{pattern.format(s)}" for s in stems]
        best, errors = min(run(a.bin, files) for _ in range(a.runs))
        mb = sum(os.path.getsize(f) for f in files) / 1e6
        print(f"{name:<12}{best * 1000 / len(files):>10.1f}{mb:>8.1f}{errors:>8}")


if __name__ == "__main__":
    main()
