#!/usr/bin/env python3
"""Checks the forms make_forms.py wrote with readers that are not lawscore's, so the
fixtures themselves are known right: pdftotext (poppler-utils + poppler-data) for the
PDFs, LibreOffice's own text export for the .doc files, and the OFD's TextCode strings
read straight from its XML. Each must hold the report's text, white space aside, and
once furniture (page numbers, the running header) is taken out.

Usage: check_forms.py [--no-doc] OUT   (OUT as given to make_forms.py; prints one line a
problem; --no-doc leaves out the .doc files, which take a LibreOffice run)
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

FURNITURE = re.compile(r"—\s*\d+\s*—")


def squash(text):
    """Text without white space, full-width forms folded (poppler prints GBK-EUC-H's
    one-byte codes as full-width)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def same(name, want, got):
    if want != got:
        i = next((k for k, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)))
        print(f"{name}: differs at {i}: want …{want[max(0, i - 20):i + 20]}… got …{got[max(0, i - 20):i + 20]}…")
        return False
    return True


def pdf_text(path, title):
    # from 75 pt down: above it stands the running header, which repeats the title
    got = subprocess.run(["pdftotext", "-y", "75", "-W", "600", "-H", "770", "-layout", "-enc", "UTF-8", path, "-"], capture_output=True, check=True).stdout
    got = FURNITURE.sub("", squash(got.decode()))
    head = squash(title)
    return got


def ofd_text(path):
    with zipfile.ZipFile(path) as z:
        pages = sorted((n for n in z.namelist() if re.match(r"Doc_0/Pages/Page_\d+/Content.xml", n)),
                       key=lambda n: int(re.findall(r"\d+", n)[-1]))
        codes = [re.findall(r"<ofd:TextCode[^>]*>([^<]*)<", z.read(n).decode()) for n in pages]
    raw = "".join("".join(c) for c in codes)
    return squash(raw.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


def doc_texts(out, stems):
    work = tempfile.mkdtemp()
    try:
        docs = [f"{out}/{s}{k}.doc" for s in stems for k in ("", "-styled")]
        subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/p", "--headless", "--convert-to",
                        "txt:Text (encoded):UTF8", "--outdir", work] + docs, capture_output=True, check=True)
        return {os.path.basename(p)[:-4]: open(p, encoding="utf-8-sig").read() for p in glob.glob(f"{work}/*.txt")}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    args = sys.argv[1:]
    with_doc = "--no-doc" not in args
    out = [a for a in args if a != "--no-doc"][0]
    stems = sorted(os.path.basename(p)[:-4] for p in glob.glob(f"{out}/src/*.txt"))
    docs = doc_texts(out, stems) if with_doc else {}
    bad = 0
    for s in stems:
        text = open(f"{out}/src/{s}.txt", encoding="utf-8").read()
        title = next((l for l in text.split("\n") if l.strip()), "")
        want = squash(text.replace("\u00a0", " "))
        for form in ("lo", "cairo", "stsong", "gbk"):
            # poppler's UniGB-UCS2-H has no U+00B7 (GB's 间隔号 is U+30FB there), so it drops
            # the code; the code in the file is still U+00B7
            w = want.replace("·", "") if form == "stsong" else want
            bad += not same(f"{s}-{form}.pdf", w, pdf_text(f"{out}/{s}-{form}.pdf", title))
        bad += not same(f"{s}.ofd", want, ofd_text(f"{out}/{s}.ofd"))
        for k in ("", "-styled") if with_doc else ():
            bad += not same(f"{s}{k}.doc", want, squash(docs.get(f"{s}{k}", "")))
    print(f"{len(stems)} reports, {bad} problems")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
