#!/usr/bin/env python3
"""The reuse row of scripts/bench (issue 14): what copied-text analysis adds to a batch.

Runs `score --format jsonl` over the 1k corpus (-j1) and, unless --quick, the 10k corpus
(-j1 and -j2), with and without `--no-reuse`, in interleaved pairs, and prints the
median CPU (user + system) and peak RSS of each and their ratios as Markdown rows. CPU and
RSS come from wait4() of each run, so the figures are those of /usr/bin/time -f "%U %S %M".

    scripts/bench-reuse.py --bin BIN --corpus DIR [--quick] [--reps N]
"""
import argparse
import os
import statistics
import subprocess


def run(cmd):
    """CPU seconds (user + system) and peak RSS (MiB) of one run, its output discarded."""
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(cmd, stdout=null, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"bench-reuse: {' '.join(cmd)} failed ({status})")
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def pairs(bin_, corpus, jobs, reps):
    """Medians of (CPU, RSS) with reuse and without, over `reps` interleaved pairs."""
    base = [bin_, "score", "-q", f"-j{jobs}", "--format", "jsonl"]
    on, off = [], []
    for _ in range(reps):
        on.append(run(base + [corpus]))
        off.append(run(base + ["--no-reuse", corpus]))
    med = lambda xs, i: statistics.median(x[i] for x in xs)
    return (med(on, 0), med(on, 1)), (med(off, 0), med(off, 1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    runs = [("1k", 1, a.reps)]
    if not a.quick and os.path.isdir(os.path.join(a.corpus, "10k")):
        runs += [("10k", 1, max(1, a.reps // 3)), ("10k", 2, max(1, a.reps // 3))]
    print("| copied text (reuse), jsonl | CPU s with | without | CPU ratio | RSS MiB with | without | RSS ratio | pairs |")
    print("|---|---|---|---|---|---|---|---|")
    for n, jobs, reps in runs:
        (c1, m1), (c0, m0) = pairs(a.bin, os.path.join(a.corpus, n), jobs, reps)
        print(f"| {n} -j{jobs} | {c1:.2f} | {c0:.2f} | {c1 / c0:.3f}× | {m1:.0f} | {m0:.0f} "
              f"| {m1 / m0:.2f}× | {reps} (medians) |", flush=True)


if __name__ == "__main__":
    main()
