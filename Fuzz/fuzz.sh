#!/usr/bin/env bash
# Runs each libFuzzer target for FUZZ_SECONDS (default 60) and prints its execution count.
# Usage: Fuzz/fuzz.sh [TARGET...]   (default: every target)
# Environment: FUZZ_SECONDS, FUZZ_CONFIG (debug or release; default release), SWIFT;
# FUZZ_BUILD=0 runs the binary already built.
# Seeds are copied from the fixtures at run time into Fuzz/.build/corpus/TARGET (not
# committed; the corpus grows from run to run). Crashes are saved as
# Fuzz/.build/crashes/TARGET/crash-*; add each, once fixed, to Tests/GameFilesTests/Malformed.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SWIFT=${SWIFT:-swift}
SECONDS_EACH=${FUZZ_SECONDS:-60}
CONFIG=${FUZZ_CONFIG:-release}
ALL=(nfg efg negotiation outreach bargaining coalitional actors repl)
TARGETS=("$@")
[ $# -gt 0 ] || TARGETS=("${ALL[@]}")

# libFuzzer needs both flags: `--sanitize fuzzer` links its runtime, `-sanitize=fuzzer,address`
# instruments the Swift code (either alone gives a binary that does nothing useful).
if [ "${FUZZ_BUILD:-1}" != 0 ]; then
  $SWIFT build -c "$CONFIG" --package-path Fuzz --sanitize fuzzer \
    -Xswiftc -sanitize=fuzzer,address --product ParleyFuzz 2>&1 \
    | grep -v "ld.gold: warning: Cannot export local symbol" || true
fi
BIN=Fuzz/.build/$CONFIG/ParleyFuzz
[ -x "$BIN" ] || { echo "fuzz: $BIN was not built" >&2; exit 1; }

MALFORMED=Tests/GameFilesTests/Malformed
seed() {  # seed TARGET: copy the fixtures of TARGET's format into its corpus folder
  local dir=Fuzz/.build/corpus/$1
  mkdir -p "$dir"
  case $1 in
    nfg) find Tests/Fixtures/gambit Models -name '*.nfg' -exec cp {} "$dir" \;
         cp $MALFORMED/*.nfg "$dir" ;;
    efg) find Tests/Fixtures/gambit -name '*.efg' -exec cp {} "$dir" \;
         cp $MALFORMED/*.efg "$dir" ;;
    negotiation) cp Models/negotiation/six-party-talks.yaml $MALFORMED/*.negotiation.yaml "$dir" ;;
    outreach) cp Models/negotiation/africa-outreach.yaml $MALFORMED/*.outreach.yaml "$dir" ;;
    bargaining) cp Models/bargaining/*.txt $MALFORMED/*.bargaining.txt "$dir" ;;
    coalitional) cp Models/coop/*.txt $MALFORMED/*.coalitional.txt "$dir" ;;
    actors) cp Models/forecast/*.csv $MALFORMED/*.csv "$dir" ;;
    repl)  # one seed per line of the REPL fixture scripts
      local n=0
      for f in Tests/Fixtures/parley-repl/*.parley; do
        while IFS= read -r line; do
          [ -n "$line" ] || continue
          n=$((n + 1)); printf '%s' "$line" > "$dir/line-$n"
        done < "$f"
      done ;;
  esac
}

SUMMARY=()
for t in "${TARGETS[@]}"; do
  seed "$t"
  mkdir -p "Fuzz/.build/crashes/$t"
  log=Fuzz/.build/fuzz-$t.log
  echo "== $t: $SECONDS_EACH s"
  status=0
  PARLEY_FUZZ_TARGET=$t SWIFT_BACKTRACE=enable=no "$BIN" "Fuzz/.build/corpus/$t" \
    -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="Fuzz/.build/crashes/$t/" -print_final_stats=1 > "$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  result=ok; [ "$status" = 0 ] || result="FAILED (status $status; see $log)"
  line=$(printf '%-12s %12s executions %8s exec/s  %s' "$t" "${runs:-?}" "${rate:-?}" "$result")
  echo "$line"
  SUMMARY+=("$line")
done
echo "== summary ($CONFIG, $SECONDS_EACH s each)"
printf '%s\n' "${SUMMARY[@]}"
for line in "${SUMMARY[@]}"; do [[ $line == *FAILED* ]] && exit 1; done
exit 0
