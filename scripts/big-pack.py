#!/usr/bin/env python3
"""Makes a rule pack with N elements from an exported pack, for timing pack loading.

usage: big-pack.py EXPORTED_DIR OUT_DIR N [--no-examples]

Each category file's elements are copied round after round (ids get a `_kN` suffix)
until the pack holds N elements; category weights in pack.yaml are set to the new sums
so the pack checks clean. With --no-examples the copies carry no examples, which keeps
`rules check` (which runs every example) apart from loading proper.
"""
import os, re, shutil, sys

src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
no_examples = "--no-examples" in sys.argv
shutil.rmtree(out, ignore_errors=True)
shutil.copytree(src, out)
files = sorted(f for f in os.listdir(out) if f.endswith(".yaml") and f != "pack.yaml")
heads, items = {}, {}
for f in files:
    text = open(os.path.join(out, f), encoding="utf-8").read()
    head, body = text.split("\nelements:\n", 1)
    heads[f] = head + "\nelements:\n"
    # One chunk per element: from its `  - id:` line to the next.
    items[f] = ["  - id:" + c for c in re.split(r"^  - id:", body, flags=re.M)[1:]]
total = sum(len(v) for v in items.values())
made = {f: [] for f in files}
count, rnd = 0, 0
while count < n:
    for f in files:
        for it in items[f]:
            if count >= n:
                break
            copy = it
            if rnd:
                copy = re.sub(r"^(  - id: \S+)", r"\g<1>_k%d" % rnd, copy, count=1, flags=re.M)
                copy = re.sub(r"^    badge: .*\n", "", copy, flags=re.M)
                # Anchors are per file; each round gets its own so an alias keeps
                # meaning what it meant in the original.
                copy = re.sub(r"(?<=[\s\[{,])([&*])([A-Za-z_]\w*)", r"\1\2_k%d" % rnd, copy)
            if no_examples:
                copy = re.sub(r"^    examples:\n(?:      .*\n|\s*\n)*", "", copy, flags=re.M)
            made[f].append(copy.rstrip("\n") + "\n\n")
            count += 1
    rnd += 1
sums = {}
for f in files:
    body = "".join(made[f])
    cat = re.search(r"^category: (\S+)", heads[f], re.M).group(1)
    sums[cat] = sum(float(w) for w in re.findall(r"^    weight: (\S+)", body, re.M))
    open(os.path.join(out, f), "w", encoding="utf-8").write(heads[f] + body)
pack = open(os.path.join(out, "pack.yaml"), encoding="utf-8").read()
def weight(m):
    return m.group(1) + ("%g" % sums.get(m.group(2), 0))
pack = re.sub(r"(  - id: (\S+)\n(?:    .*\n)*?    weight: )\S+", weight, pack)
open(os.path.join(out, "pack.yaml"), "w", encoding="utf-8").write(pack)
print(f"{out}: {count} elements from {total}")
