#!/usr/bin/env python3
"""The measuring half of scripts/bench (which builds, finds ripgrep and makes the corpus).

    bench-run.py --bin BIN [--before BIN] --rg RG --patterns FILE --corpus DIR [--quick]

CPU seconds (user + sys) and peak RSS come from getrusage of each child (os.wait4), so a
busy machine changes wall times but much less the CPU figures. Every measurement of the
measured binary is paired with the same one of --before, the order alternating, and the
median of the repetitions is shown.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

FORMATS = ("jsonl", "json", "csv", "html", "text", "xlsx")
# Issue 10: peak memory for 10,000 reports within this many times that for 100.
FLAT = 1.5


def run(cmd):
    """Runs `cmd`, its output dropped and its stderr kept: wall s, CPU s, peak RSS KiB, exit."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(cmd, stdout=null, stderr=subprocess.PIPE)
        err = p.stderr.read()
        _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss": ru.ru_maxrss, "code": code, "err": err}


def median(runs, key):
    return statistics.median(r[key] for r in runs)


class Bench:
    def __init__(self, a):
        self.a = a
        self.bins = [("lawscore", a.bin)] + ([("before", a.before)] if a.before else [])
        self.scratch = tempfile.mkdtemp(prefix="lawscore-bench-")

    def paired(self, args_of, reps):
        """Each binary `reps` times, interleaved (A B, B A, …): {name: [runs]}."""
        runs = {n: [] for n, _ in self.bins}
        for r in range(reps):
            order = self.bins if r % 2 == 0 else self.bins[::-1]
            for name, b in order:
                res = run([b] + args_of(name))
                if res["code"] not in (0, 1):
                    sys.exit(f"bench: {b} {' '.join(args_of(name))} exited {res['code']}:\n{res['err'].decode(errors='replace')[-2000:]}")
                runs[name].append(res)
        return runs

    def score_args(self, fmt, folder, jobs=1):
        def args_of(name):
            out = {
                "html": ["--out", os.path.join(self.scratch, f"html-{name}")],
                "xlsx": ["--out", os.path.join(self.scratch, f"xlsx-{name}.xlsx")],
            }.get(fmt, [])
            return ["score", "-q", f"-j{jobs}", "--format", fmt] + out + [folder]
        return args_of

    def size(self, label, folder, reps):
        files = sorted(os.listdir(folder))
        nbytes = sum(os.path.getsize(os.path.join(folder, f)) for f in files)
        say(f"{label}: {len(files)} reports, {nbytes / 1e6:.1f} MB; jsonl x{reps} …")
        res = {"files": len(files), "bytes": nbytes, "fmt": {}}
        res["fmt"]["jsonl"] = self.paired(self.score_args("jsonl", folder), reps)
        for fmt in [f for f in FORMATS[1:] if f in self.a.formats]:
            say(f"{label}: {fmt} …")
            res["fmt"][fmt] = self.paired(self.score_args(fmt, folder), 1)
            for name, _ in self.bins:
                shutil.rmtree(os.path.join(self.scratch, f"html-{name}"), ignore_errors=True)
                if os.path.exists(os.path.join(self.scratch, f"xlsx-{name}.xlsx")):
                    os.remove(os.path.join(self.scratch, f"xlsx-{name}.xlsx"))
        say(f"{label}: rg x{reps} …")
        rg = [self.a.rg, "-j1", "--no-ignore", "-c", "-f", self.a.rg_patterns, folder]
        res["rg"] = [run(rg) for _ in range(reps)]
        if label == "1k" or self.a.python_10k:
            say(f"{label}: python re …")
            py = [sys.executable, os.path.join(os.path.dirname(__file__), "bench-python.py"), self.a.patterns, folder]
            res["python"] = [run(py)]
            say("  " + res["python"][0]["err"].decode().strip().replace("\n", "\n  "))
        if label in ("1k", "10k"):
            say(f"{label}: jsonl -j2 …")
            res["j2"] = self.paired(self.score_args("jsonl", folder, jobs=2), reps)
        return res

    def latency(self, report, n=20):
        say(f"one report end to end and pack load, {n} runs each …")
        one = self.paired(lambda _: ["score", report], n)
        load = self.paired(lambda _: ["rules", "list"], n)
        return one, load


def say(s):
    print(s, file=sys.stderr, flush=True)


def fmt_num(x, digits=1):
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def flat(results, n, fmt):
    """Peak RSS at 10k over that at 100 for `fmt`, and whether it is within FLAT."""
    ratio = median(results["10k"]["fmt"][fmt][n], "rss") / median(results["100"]["fmt"][fmt][n], "rss")
    return f"{ratio:.2f}× {'✓' if ratio <= FLAT else '✗'}"


def table(results, one, load, bins, a):
    names = [n for n, _ in bins]
    labels = list(results)
    cols = [(l, n) for l in labels for n in names]
    head = "| | " + " | ".join(f"{l} {n}" for l, n in cols) + " |"
    lines = [head, "|---" * (len(cols) + 1) + "|"]

    def row(title, cell):
        cells = []
        for l, n in cols:
            v = cell(results[l], n)
            cells.append("—" if v is None else v)
        lines.append(f"| {title} | " + " | ".join(cells) + " |")

    def cpu(r, n, fmt="jsonl"):
        return median(r["fmt"][fmt][n], "cpu")

    row("`score --format jsonl -j1`, MB/s per core", lambda r, n: fmt_num(r["bytes"] / 1e6 / cpu(r, n)))
    row("reports/s per core", lambda r, n: fmt_num(r["files"] / cpu(r, n)))
    row("CPU s (wall s)", lambda r, n: f"{cpu(r, n):.1f} ({median(r['fmt']['jsonl'][n], 'wall'):.1f})")
    rg_cpu = lambda r: median(r["rg"], "cpu")
    row(f"`rg -j1 -c -f` ({a.npatterns} patterns), MB/s per core", lambda r, n: fmt_num(r["bytes"] / 1e6 / rg_cpu(r)))
    row("lawscore/rg (CPU)", lambda r, n: f"{cpu(r, n) / rg_cpu(r):.0f}×")
    py = lambda r: median(r["python"], "cpu") if "python" in r else None
    row("Python `re`, MB/s per core", lambda r, n: py(r) and fmt_num(r["bytes"] / 1e6 / py(r)))
    row("python/lawscore (CPU)", lambda r, n: py(r) and f"{py(r) / cpu(r, n):.2f}×")
    shown = [f for f in FORMATS if f == "jsonl" or f in a.formats]
    for fmt in shown:
        row(f"peak RSS, {fmt} (MiB)", lambda r, n, f=fmt: fmt_num(median(r["fmt"][f][n], "rss") / 1024))
    for fmt in shown[1:]:
        row(f"CPU s, {fmt}", lambda r, n, f=fmt: f"{cpu(r, n, f):.1f}")
    if "100" in results and "10k" in results:
        for fmt in shown:
            row(f"peak RSS {fmt}, 10k/100 (≤ {FLAT})", lambda r, n, f=fmt: r is results["10k"] and flat(results, n, f) or None)
    row("`-j2` against `-j1` (wall)", lambda r, n: "j2" in r and f"{median(r['fmt']['jsonl'][n], 'wall') / median(r['j2'][n], 'wall'):.2f}×" or None)
    # Above 1 is work the second core adds (contention, a shared cache), not a stall.
    row("`-j2` CPU over `-j1` CPU", lambda r, n: "j2" in r and f"{median(r['j2'][n], 'cpu') / cpu(r, n):.2f}×" or None)
    lines.append("")
    for n in names:
        ms = lambda runs, k: f"{median(runs, k) * 1e3:.1f} ms"
        lines.append(f"{n}: one report end to end (`score FILE`, text) {ms(one[n], 'wall')} wall, {ms(one[n], 'cpu')} CPU; "
                     f"pack load (`rules list`) {ms(load[n], 'wall')} wall, {ms(load[n], 'cpu')} CPU — medians of {len(one[n])}")
    if len(names) == 2:
        lines.append("")
        lines.append("| lawscore against before (×, >1 is better) | " + " | ".join(labels) + " |")
        lines.append("|---" * (len(labels) + 1) + "|")
        ratio = lambda f: " | ".join(f(results[l]) for l in labels)
        lines.append("| speed, jsonl CPU | " + ratio(lambda r: f"{cpu(r, 'before') / cpu(r, 'lawscore'):.2f}") + " |")
        for fmt in shown:
            lines.append(f"| peak RSS, {fmt} | " + ratio(lambda r, f=fmt: f"{median(r['fmt'][f]['before'], 'rss') / median(r['fmt'][f]['lawscore'], 'rss'):.2f}") + " |")
        lines.append(f"| one report end to end | {median(one['before'], 'wall') / median(one['lawscore'], 'wall'):.2f} |" + " |" * (len(labels) - 1))
        lines.append(f"| pack load | {median(load['before'], 'wall') / median(load['lawscore'], 'wall'):.2f} |" + " |" * (len(labels) - 1))
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--before")
    p.add_argument("--rg", required=True)
    p.add_argument("--patterns", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--python-10k", action="store_true")
    p.add_argument("--formats", default=",".join(FORMATS), help="formats whose memory is measured")
    a = p.parse_args()
    a.formats = a.formats.split(",")
    # ripgrep joins its patterns into one regex, where two `(?P<value>…)` groups clash;
    # unnamed groups match the same text.
    with open(a.patterns, encoding="utf-8") as f:
        pats = [l for l in f.read().splitlines() if l]
    a.npatterns = len(pats)
    a.rg_patterns = a.patterns + ".rg"
    with open(a.rg_patterns, "w", encoding="utf-8") as f:
        f.write("".join(re.sub(r"\(\?P?<[A-Za-z_][A-Za-z0-9_]*>", "(?:", l) + "\n" for l in pats))
    b = Bench(a)
    try:
        results = {}
        if os.path.isdir(os.path.join(a.corpus, "100")):
            results["100"] = b.size("100", os.path.join(a.corpus, "100"), 1)
        results["1k"] = b.size("1k", os.path.join(a.corpus, "1k"), a.reps)
        if not a.quick:
            results["10k"] = b.size("10k", os.path.join(a.corpus, "10k"), max(1, a.reps // 3))
        one, load = b.latency(os.path.join(a.corpus, "1k", "r00000.txt"))
    finally:
        shutil.rmtree(b.scratch, ignore_errors=True)
    print(table(results, one, load, b.bins, a))


if __name__ == "__main__":
    main()
