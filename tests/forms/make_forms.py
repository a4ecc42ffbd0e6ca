#!/usr/bin/env python3
"""Every published form of the given plain-text reports, written into OUT:

  STEM.doc          Word 97 .doc of the plain text (LibreOffice text import)
  STEM.wps          the same bytes named .wps, as WPS Office saves a 97-format file
  STEM-doc.txt      the same bytes again, named .txt (a wrong extension)
  STEM-styled.docx  a 公文-styled .docx (docx_styled.py)
  STEM-styled.doc   that .docx saved by LibreOffice as Word 97 (footer in its own story)
  STEM-lo.pdf       that .docx exported by LibreOffice (embedded simple TrueType subsets,
                    WinAnsi codes, ToUnicode)
  STEM-cairo.pdf    that PDF printed again through cairo (pdftocairo), as print-to-PDF
                    drivers write: CID TrueType subsets, Identity-H, ToUnicode
  STEM-stsong.pdf   reportlab, non-embedded STSong-Light, UniGB-UCS2-H (pdf_stsong.py)
  STEM-gbk.pdf      hand-written, non-embedded STSong-Light, GBK-EUC-H (pdf_gbk.py)
  STEM.ofd          OFD package (ofd.py)
  STEM-ofd.zip      the same bytes named .zip
  STEM-stsong.pages, STEM-gbk.pages (the OFD's too)
                    what each page prints, pages separated by form feeds, so a test can
                    check the page a quote is said to stand on

Usage: make_forms.py OUT REPORT.txt...   (needs reportlab, LibreOffice's soffice and
poppler's pdftocairo)
LibreOffice runs once per target, the runs side by side, each with a private profile
so parallel test binaries do not clash.
"""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import docx_styled  # noqa: E402
import gongwen  # noqa: E402
import ofd  # noqa: E402
import pdf_gbk  # noqa: E402
import pdf_stsong  # noqa: E402


def soffice(profile, target, infilter, files, outdir):
    """Starts one LibreOffice conversion of `files` to `target` into `outdir`."""
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", target, "--outdir", outdir] + files
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def convert(out, plain, styled):
    """The three LibreOffice conversions, run side by side; fails naming what is missing."""
    work = tempfile.mkdtemp(prefix="lawscore-forms-")
    try:
        runs = [
            ("doc", soffice(f"{work}/p1", 'doc:MS Word 97', "Text (encoded):UTF8,,,", plain, f"{work}/doc")),
            ("styled", soffice(f"{work}/p2", 'doc:MS Word 97', None, styled, f"{work}/styled")),
            ("pdf", soffice(f"{work}/p3", "pdf:writer_pdf_Export", None, styled, f"{work}/pdf")),
        ]
        for name, run in runs:
            _, err = run.communicate()
            if run.returncode != 0:
                sys.exit(f"soffice ({name}) failed: {err.decode(errors='replace')}")
        for src in plain:
            stem = os.path.basename(src)[:-4]
            doc = f"{work}/doc/{stem}.doc"
            for name in (f"{stem}.doc", f"{stem}.wps", f"{stem}-doc.txt"):
                shutil.copyfile(doc, f"{out}/{name}")
            shutil.copyfile(f"{work}/styled/{stem}-styled.doc", f"{out}/{stem}-styled.doc")
            shutil.copyfile(f"{work}/pdf/{stem}-styled.pdf", f"{out}/{stem}-lo.pdf")
        cairo([f"{out}/{os.path.basename(p)[:-4]}" for p in plain])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def cairo(stems):
    """STEM-lo.pdf → STEM-cairo.pdf, two at a time."""
    runs = []
    for stem in stems:
        runs.append(subprocess.Popen(["pdftocairo", "-pdf", f"{stem}-lo.pdf", f"{stem}-cairo.pdf"],
                                     stderr=subprocess.PIPE))
        if len(runs) >= 2:
            finish(runs.pop(0))
    for run in runs:
        finish(run)


def finish(run):
    _, err = run.communicate()
    if run.returncode != 0:
        sys.exit(f"pdftocairo failed: {err.decode(errors='replace')}")


def main():
    out, reports = sys.argv[1], sys.argv[2:]
    os.makedirs(f"{out}/src", exist_ok=True)
    plain, styled = [], []
    for path in reports:
        stem = os.path.basename(path)[:-4]
        with open(path, encoding="utf-8") as f:
            text = f.read().lstrip("\ufeff")
        src = f"{out}/src/{stem}.txt"
        if os.path.exists(src):
            sys.exit(f"two reports named {stem}.txt")
        with open(src, "w", encoding="utf-8") as f:
            f.write(text)
        plain.append(src)
        docx_styled.write(text, f"{out}/{stem}-styled.docx")
        styled.append(f"{out}/{stem}-styled.docx")
        pdf_stsong.write(text, f"{out}/{stem}-stsong.pdf")
        pdf_gbk.write(text, f"{out}/{stem}-gbk.pdf")
        for form, width in (("stsong", pdf_stsong.width), ("gbk", None)):
            with open(f"{out}/{stem}-{form}.pages", "w", encoding="utf-8") as f:
                f.write("\f".join("\n".join(l.text for l in page) for page in gongwen.lay_out(text, width)))
        ofd.write(text, f"{out}/{stem}.ofd")
        shutil.copyfile(f"{out}/{stem}.ofd", f"{out}/{stem}-ofd.zip")
    convert(out, plain, styled)


if __name__ == "__main__":
    main()
