#!/usr/bin/env bash
# Large and odd inputs: time and peak memory of a release build on a 50 MB report, a 5 MB
# single line and a batch of 1,000 reports. Prints one line per case. Needs GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/lawscore
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sample=tests/fixtures/reports/complete.txt
python3 - "$sample" "$work" <<'PY'
import sys, os
src = open(sys.argv[1], encoding='utf-8').read()
out = sys.argv[2]
with open(os.path.join(out, 'big50mb.txt'), 'w', encoding='utf-8') as f:
    n = 0
    while n < 50 * 1024 * 1024:
        f.write(src); n += len(src.encode('utf-8'))
body = src.replace('\n', '')
with open(os.path.join(out, 'oneline5mb.txt'), 'w', encoding='utf-8') as f:
    f.write((body * (5 * 1024 * 1024 // len(body.encode('utf-8')) + 1))[: 5 * 1024 * 1024 // 3])
os.makedirs(os.path.join(out, 'batch'))
for i in range(1000):
    with open(os.path.join(out, 'batch', f'r{i:04}.txt'), 'w', encoding='utf-8') as f:
        f.write(src.replace('2023', str(2019 + i % 5)))
PY
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e s, %M KiB peak" -o "$work/t" "$@" >/dev/null 2>"$work/err" || true
  printf '%-28s %-32s input %s\n' "$name" "$(cat "$work/t")" "$(du -sh "${@: -1}" | cut -f1)"
}
measure "50 MB text" $bin score --format json "$work/big50mb.txt"
measure "one 5 MB line" $bin score --format json "$work/oneline5mb.txt"
measure "1,000 reports, json" $bin score -q --format json "$work/batch"
measure "1,000 reports, html" $bin score -q --format html --out "$work/html" "$work/batch"
