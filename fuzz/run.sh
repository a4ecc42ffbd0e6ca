#!/usr/bin/env bash
# Runs the pdf, ofd and doc targets one after another, each SECONDS long (default 600),
# in-process (no -jobs: libFuzzer's fork mode would write its log to ./fuzz-N.log), at nice
# $NICE (default 15), with the limits issue 13 asks for (2 GB RSS, 10 s per input), and
# keeps each run's log in fuzz/logs/TARGET.log (its last line gives executions, coverage
# and features). A crash, timeout or OOM is minimised (cargo fuzz tmin) and the file the
# reader was given is written to tests/fixtures/fuzz/TARGET/TARGET-KIND-HASH.EXT, ready
# for tests/forms_never_panic.rs. Usage: fuzz/run.sh [SECONDS] [TARGET...]
# SAN=none runs without AddressSanitizer (when ASan does not build).
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
targets=(pdf ofd doc)
[ $# -gt 0 ] && targets=("$@")
san=${SAN:-address}
[ -d fuzz/corpus/pdf ] || FORMS=${FORMS:-$(ls -d target/tmp/forms-* 2>/dev/null | head -1)} bash fuzz/make-corpus.sh
mkdir -p fuzz/logs
for t in "${targets[@]}"; do
  ext=$t
  nice -n ${NICE:-15} cargo +nightly fuzz run -s "$san" "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    > "fuzz/logs/$t.log" 2>&1
  grep -E '^#[0-9]+.*(DONE|pulse)' "fuzz/logs/$t.log" | tail -1
  grep -E '^stat::' "fuzz/logs/$t.log"
  for a in fuzz/artifacts/"$t"/{crash,timeout,oom,slow-unit}-*; do
    [ -e "$a" ] || continue
    kind=$(basename "$a" | cut -d- -f1)
    nice -n ${NICE:-15} cargo +nightly fuzz tmin -s "$san" "$t" "$a" -- -runs=2000 > "fuzz/logs/$t-tmin.log" 2>&1
    min=$(ls -t fuzz/artifacts/"$t"/minimized-from-* 2>/dev/null | head -1)
    min=${min:-$a}
    out="tests/fixtures/fuzz/$t/$t-$kind-$(sha1sum "$min" | cut -c1-8).$ext"
    bin=$(ls -d fuzz/target/*/release/"$t" | head -1)
    LAWSCORE_FUZZ_DUMP="$out" "$bin" "$min" > /dev/null 2>&1
    [ "$t" = doc ] && cp "$min" "$out"
    echo "$t: $kind $(basename "$a") -> $out"
  done
done
