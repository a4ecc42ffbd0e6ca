#!/usr/bin/env bash
# Pack loading against pack size: a pack of N elements made from the built-in one
# (scripts/big-pack.py), timed with `rules list` (load only) and `rules check` (load and
# every example), N = 1,000 to 10,000. Usage: scripts/bench-pack.sh [LAWSCORE] [N...].
# Needs GNU time and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/lawscore}
shift || true
sizes=${*:-1000 2000 5000 10000}
[ "$bin" = target/release/lawscore ] && cargo build --release -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" rules export "$work/base" >/dev/null
for n in $sizes; do
  python3 scripts/big-pack.py "$work/base" "$work/p$n" "$n" >/dev/null
  for cmd in list check; do
    /usr/bin/time -f "%e s, %M KiB peak, exit %x" -o "$work/t" "$bin" rules $cmd --rules "$work/p$n" >/dev/null 2>&1 || true
    printf 'N=%-6s rules %-6s %s\n' "$n" "$cmd" "$(cat "$work/t" | tail -1)"
  done
done
