#!/usr/bin/env python3
"""A synthetic corpus of annual rule-of-law reports for scripts/bench.

    make-corpus.py OUT N [--seed S] [--source DIR]...   write OUT/r00000.txt … (N files)
    make-corpus.py --check [--source DIR]...           determinism, size and distinctness
    make-corpus.py --verify OUT [--seed S] [--source DIR]...  OUT is what the seed makes
    make-corpus.py --digest [--source DIR]...          names the sources (for the cache)

Each report is recombined from the source reports (by default the fixtures; bench adds the
seeds when they are there): a title with a new issuer and year, an addressee, a preamble,
one or two measures sections filled with sub-sections drawn from many sources, a problems
section and a plans section, and a closing. Years are moved to the report's year and other
figures varied, so no two reports are equal and each still has the genre's structure.
Sizes are drawn from 10-30 KiB. Report i depends only on (seed, i, the sources), so the
first 1,000 of a 10,000 corpus are the 1,000 corpus and a sample can be regenerated to
check the files on disk.
"""

import hashlib
import os
import random
import re
import sys

MIN_SIZE, MAX_SIZE = 10 * 1024, 30 * 1024
TOP = re.compile(r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)")
SUB = re.compile(r"^\s*[（(]([一二三四五六七八九十]+)[）)]")
PROBLEM_WORDS = re.compile(r"问题|不足|困难|短板|差距")
PLAN_WORDS = re.compile(r"下一步|打算|安排|计划|思路|展望|工作重点")
CRUFT = re.compile(r"发布时间|来源[:：]|阅读次数|ICP|首页|打印|关闭|网站|主办|承办|链接|字体|公网安备|当前位置")
TRADITIONAL = set("國與為們實發個會來時說對過這還開關應體點經區機")
NUM = re.compile(r"(?<![0-9.,])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?)(?![0-9])")
CN_DIGITS = "〇一二三四五六七八九"
NUMERALS = "一二三四五六七八九十"

PLACES = list("青岚沅川江淮临海云泽松阳清河望川北湖南山东平西林安远长宁白石金溪玉泉")
LEVELS = [
    ("省人民政府", "国务院"),
    ("市人民政府", "省人民政府"),
    ("县人民政府", "市人民政府"),
    ("区人民政府", "市人民政府"),
    ("市司法局", "市人民政府"),
    ("县市场监督管理局", "县人民政府"),
    ("市生态环境局", "市人民政府"),
    ("区卫生健康委员会", "区人民政府"),
    ("县交通运输局", "县人民政府"),
    ("镇人民政府", "县人民政府"),
    ("街道办事处", "区人民政府"),
]
TITLES = [
    "{issuer}关于{year}年度法治政府建设情况的报告",
    "{issuer}关于{year}年法治政府建设工作情况的报告",
    "{issuer}{year}年度法治政府建设年度报告",
]


def number(n):
    """An ordinal in Chinese numerals, 1 to 99."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def is_traditional(text):
    return sum(c in TRADITIONAL for c in text) > len(text) / 400


class Source:
    """One source report cut into title year, preamble, and blocks by section kind."""

    def __init__(self, name, text):
        self.name = name
        lines = [l.strip() for l in text.replace("\r", "").split("\n")]
        lines = [l for l in lines if l and not CRUFT.search(l)]
        m = re.search(r"(20[0-9]{2})\s*年", "".join(lines[:6]))
        self.year = int(m.group(1)) if m else 2022
        self.preamble, self.sections = [], []
        top = None
        for i, line in enumerate(lines):
            if line.startswith("特此报告"):
                break
            if TOP.match(line) and len(line) < 60:
                top = (kind_of(line), line, [])
                self.sections.append(top)
            elif top is None:
                if i > 0 and "。" in line and len(line) > 40:
                    self.preamble.append(line)
            else:
                top[2].append(line)

    def blocks(self, kind):
        """Sub-sections (a `（一）` line with the paragraphs under it) of the sections of `kind`."""
        out = []
        for k, _, body in self.sections:
            if k != kind:
                continue
            for line in body:
                if SUB.match(line) or not out:
                    out.append([line])
                else:
                    out[-1].append(line)
        # A sub-heading alone (its body was numbered differently) reads as a stray line.
        return [(self, b) for b in out if len(b) > 1 or len(b[0]) > 40]

    def headings(self, kind):
        return [(self, h) for k, h, _ in self.sections if k == kind]


def kind_of(heading):
    problems, plans = PROBLEM_WORDS.search(heading), PLAN_WORDS.search(heading)
    if problems and plans:
        return "mixed"
    return "problems" if problems else "plans" if plans else "measures"


def load_sources(dirs):
    sources = []
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(d, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
            if is_traditional(text):
                continue
            s = Source(name, text)
            if s.sections:
                sources.append(s)
    return sources


class Pools:
    """Everything the reports are drawn from, in a fixed order."""

    def __init__(self, sources):
        self.sources = sources
        self.preambles = [(s, p) for s in sources for p in s.preamble]
        self.blocks = {k: [b for s in sources for b in s.blocks(k)] for k in ("measures", "problems", "plans")}
        self.headings = {k: [h for s in sources for h in s.headings(k)] for k in ("measures", "problems", "plans")}
        missing = [k for k, v in list(self.blocks.items()) + list(self.headings.items()) if not v]
        if missing or not self.preambles:
            sys.exit(f"make-corpus: the sources lack {missing or 'preambles'}")
        h = hashlib.sha256()
        for s in sources:
            h.update(s.name.encode() + b"\0")
            for _, head, body in s.sections:
                h.update(head.encode() + "".join(body).encode())
        self.digest = h.hexdigest()[:12]


def vary(text, src_year, year, rng):
    """`text` moved from its source's year to `year`, its other figures varied."""

    def one(m):
        s, after = m.group(0), m.string[m.end() : m.end() + 1]
        before = m.string[m.start() - 1 : m.start()]
        plain = s.isdigit()
        if plain and 1990 <= int(s) <= 2035:
            if "—" in (before, after) or "-" in (before, after):
                return s  # a period (2021—2025年) is named, not dated
            y = int(s)
            return str(y - src_year + year) if abs(y - src_year) <= 2 else s
        if after and after in "月日时号:：-—":
            return s  # dates and times stay as they were
        if "." in s:
            v = float(s) * rng.uniform(0.7, 1.3)
            return f"{min(v, 99.9) if after == '%' else v:.{len(s.split('.')[1])}f}"
        v = max(1, round(int(s.replace(",", "")) * rng.uniform(0.5, 1.6)))
        v = min(v, 100) if after == "%" else v
        return str(v) if plain else f"{v:,}"

    return NUM.sub(one, text)


def renumber(block, n):
    return [SUB.sub(f"（{number(n)}）", block[0], count=1)] + block[1:]


def cn_year(y):
    return "".join(CN_DIGITS[int(c)] for c in str(y))


def report(pools, seed, i):
    """Report `i` of the corpus with `seed`: text, deterministic in (seed, i, sources)."""
    rng = random.Random(f"{seed}:{i}")
    year = rng.randint(2016, 2025)
    place = "".join(rng.sample(PLACES, 2))
    suffix, addressee = rng.choice(LEVELS)
    issuer = place + suffix
    target = rng.randint(MIN_SIZE, MAX_SIZE)
    text = lambda src_line: vary(src_line[1], src_line[0].year, year, rng)

    def blocks(kind, k):
        drawn = rng.sample(pools.blocks[kind], min(k, len(pools.blocks[kind])))
        return [[vary(l, s.year, year, rng) for l in b] for s, b in drawn]

    head = [rng.choice(TITLES).format(issuer=issuer, year=year), addressee + "："]
    head += [text(p) for p in rng.sample(pools.preambles, 1)]
    n_measures = rng.choice((1, 1, 2))
    measures = [(text(rng.choice(pools.headings["measures"])), []) for _ in range(n_measures)]
    tail = [
        (text(rng.choice(pools.headings["problems"])), blocks("problems", rng.randint(1, 3))),
        (text(rng.choice(pools.headings["plans"])), blocks("plans", rng.randint(2, 5))),
    ]
    close = ["特此报告。", issuer, f"{cn_year(year + 1)}年{number(rng.randint(1, 3))}月{number(rng.randint(1, 28))}日"]

    def render():
        out = list(head)
        for k, (h, bs) in enumerate(measures + tail, 1):
            out.append(TOP.sub(f"{number(k)}、", h, count=1))
            for j, b in enumerate(bs, 1):
                out.extend(renumber(b, j))
        return "\n".join(out + close) + "\n"

    # Fill the measures with sub-sections until the drawn size is reached; pools are
    # drawn without replacement so a report does not repeat a paragraph.
    pool = list(pools.blocks["measures"])
    rng.shuffle(pool)
    size = len(render().encode())
    while size < target and pool:
        s, b = pool.pop()
        block = [vary(l, s.year, year, rng) for l in b]
        grown = size + len("\n".join(block).encode()) + 1
        if grown > MAX_SIZE:
            continue
        rng.choice(measures)[1].append(block)
        size = grown
    # Renumbering changes a few bytes; drop the last sub-sections if that went past the top.
    body = render()
    while len(body.encode()) > MAX_SIZE and any(bs for _, bs in measures):
        max(measures, key=lambda m: len(m[1]))[1].pop()
        body = render()
    return body


def write(out, n, seed, pools):
    os.makedirs(out, exist_ok=True)
    digests = set()
    total = 0
    for i in range(n):
        body = report(pools, seed, i).encode()
        digests.add(hashlib.sha256(body).digest())
        total += len(body)
        with open(os.path.join(out, f"r{i:05}.txt"), "wb") as f:
            f.write(body)
    if len(digests) != n:
        sys.exit(f"make-corpus: only {len(digests)} of {n} reports differ")
    print(f"{n} reports, {total / 1e6:.1f} MB, sources {pools.digest}")


def check(pools, seed, n=200):
    """Same seed, same reports; sizes within bounds; all different; the structure kept."""
    first = [report(pools, seed, i) for i in range(n)]
    again = [report(pools, seed, i) for i in range(n)]
    assert first == again, "the same seed gave different reports"
    assert first != [report(pools, seed + 1, i) for i in range(n)], "the seed is ignored"
    sizes = [len(r.encode()) for r in first]
    assert all(MIN_SIZE * 0.9 <= s <= MAX_SIZE for s in sizes), (min(sizes), max(sizes))
    assert len(set(first)) == n, "two reports are equal"
    for r in first:
        lines = r.split("\n")
        assert "法治政府建设" in lines[0] and lines[1].endswith("："), lines[:2]
        heads = [l for l in lines if TOP.match(l)]
        assert len(heads) >= 3 and kind_of(heads[-1]) == "plans", heads
    print(f"make-corpus check: {n} reports deterministic, distinct, {min(sizes)}-{max(sizes)} bytes")


def verify(out, seed, pools):
    """The files in `out` are the corpus for `seed`: sizes, count, and every 97th regenerated."""
    names = sorted(os.listdir(out))
    want = [f"r{i:05}.txt" for i in range(len(names))]
    if names != want:
        sys.exit(f"make-corpus: {out} holds other files than r00000.txt … in order")
    sizes = [os.path.getsize(os.path.join(out, n)) for n in names]
    if not all(MIN_SIZE * 0.9 <= s <= MAX_SIZE for s in sizes):
        sys.exit(f"make-corpus: sizes in {out} run from {min(sizes)} to {max(sizes)} bytes")
    for i in range(0, len(names), 97):
        with open(os.path.join(out, names[i]), "rb") as f:
            if f.read() != report(pools, seed, i).encode():
                sys.exit(f"make-corpus: {names[i]} differs from what seed {seed} makes; delete {out}")
    print(f"make-corpus verify: {out}: {len(names)} reports, {sum(sizes) / 1e6:.1f} MB, as seed {seed} makes them")


def main(argv):
    args, sources, seed = [], [], 10
    it = iter(argv)
    for a in it:
        if a == "--source":
            sources.append(next(it))
        elif a == "--seed":
            seed = int(next(it))
        else:
            args.append(a)
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    sources = sources or [os.path.join(root, "tests/fixtures/reports"), os.path.join(root, "tests/fixtures/blind")]
    pools = Pools(load_sources(sources))
    if args == ["--check"]:
        check(pools, seed)
    elif len(args) == 2 and args[0] == "--verify":
        verify(args[1], seed, pools)
    elif args == ["--digest"]:
        print(pools.digest)
    elif len(args) == 2:
        write(args[0], int(args[1]), seed, pools)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
