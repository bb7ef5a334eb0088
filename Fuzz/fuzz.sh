#!/usr/bin/env bash
# Runs each libFuzzer target and prints its execution count, rate and a total.
# Usage: Fuzz/fuzz.sh [TARGET...]   (default: every target)
# Environment:
#   FUZZ_SECONDS  seconds per target (default 60);
#   FUZZ_RUNS     if set, run each target for this many executions instead (libFuzzer's
#                 -runs; FUZZ_SECONDS is then only a safety cap, default 24 hours);
#   FUZZ_CONFIG   debug or release (default release); SWIFT; FUZZ_BUILD=0 runs the binary
#                 already built.
# Seeds are copied from the fixtures at run time into Fuzz/.build/corpus/TARGET (not
# committed; the corpus grows from run to run). Crashes are saved as
# Fuzz/.build/crashes/TARGET/crash-*; add each, once fixed, to Tests/GameFilesTests/Malformed.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
RUNS=${FUZZ_RUNS:-}
if [ -n "$RUNS" ]; then SECONDS_EACH=${FUZZ_SECONDS:-86400}; else SECONDS_EACH=${FUZZ_SECONDS:-60}; fi
CONFIG=${FUZZ_CONFIG:-release}
ALL=(nfg efg negotiation outreach bargaining coalitional actors repl expression game tree)
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
  local dir=Fuzz/.build/corpus/$1 n=0
  mkdir -p "$dir"
  case $1 in
    nfg) find Tests/Fixtures/gambit Models -name '*.nfg' -exec cp {} "$dir" \;
         cp $MALFORMED/*.nfg "$dir" ;;
    efg) find Tests/Fixtures/gambit Models -name '*.efg' -exec cp {} "$dir" \;
         cp $MALFORMED/*.efg "$dir" ;;
    negotiation) cp Models/negotiation/six-party-talks.yaml $MALFORMED/*.negotiation.yaml "$dir" ;;
    outreach) cp Models/negotiation/africa-outreach.yaml $MALFORMED/*.outreach.yaml "$dir" ;;
    bargaining)  # both formats (the YAML one by its marker, as parley bargain reads it)
      cp Models/bargaining/*.txt Models/bargaining/*.yaml $MALFORMED/*.bargaining.txt \
        $MALFORMED/*.bargaining.yaml "$dir" ;;
    coalitional)  # files of both formats, and the --weights text of the help examples and tests
      cp Models/coop/*.txt Models/coop/*.yaml $MALFORMED/*.coalitional.txt \
        $MALFORMED/*.coalitional.yaml "$dir"
      { grep -rhoE -- '--weights (\\"|")[^"\\]*' Sources/ParleyCLI Tests \
          | sed -E 's/^--weights (\\"|")//'
        grep -rhoE 'WeightedVotingText.parse\("[^"]*' Tests | sed 's/^[^"]*"//'; } | sort -u \
        | while IFS= read -r w; do n=$((n + 1)); printf '%s' "$w" > "$dir/weights-$n"; done ;;
    actors) cp Models/forecast/*.csv $MALFORMED/*.csv "$dir" ;;
    repl)  # one seed per line of the REPL scripts, the notebook script and the help examples
      for f in Tests/Fixtures/parley-repl/*.parley Notebooks/*.parley; do
        while IFS= read -r line; do
          [ -n "$line" ] && [ "${line:0:1}" != "#" ] || continue
          n=$((n + 1)); printf '%s' "$line" > "$dir/line-$n"
        done < "$f"
      done
      sed -n '/static let examples/,/^  \]$/p' Sources/ParleyCLI/Session/Help.swift \
        | grep -o '"[^"]*"' | sed 's/^"//; s/"$//' | while IFS= read -r line; do
          n=$((n + 1)); printf '%s' "$line" > "$dir/help-$n"
        done ;;
    expression)  # the formulas of the parametric models, of the formula tests, and tables
      grep -rho '"[^"]*"' Tests/GameCoreTests/FormulaTests.swift | sed 's/^"//; s/"$//' \
        | sort -u | while IFS= read -r f; do
          n=$((n + 1)); printf '%s' "$f" > "$dir/formula-$n"
        done
      grep -rhoE '(value|payoffs): .*' Models --include='*.yaml' | sort -u \
        | while IFS= read -r f; do n=$((n + 1)); printf '%s' "${f#*: }" > "$dir/model-$n"; done
      printf 'a = 2\nb = a ^ 3 / 4\nc = if(b > 1, b, -b)\nmax(a, b, c) - min(a, 1/3)' > "$dir/table-1"
      printf 'a = b + 1\nb = a - 1\na' > "$dir/table-cycle"
      printf 'x = 0\nx != 0 and 1/x > 2 or not x' > "$dir/table-guard" ;;
    game)
      grep -rl '^parley: game' Models Tests --include='*.yaml' | xargs -r cp -t "$dir"
      cp $MALFORMED/*.game.yaml "$dir" ;;
    tree)
      grep -rl '^parley: tree' Models Tests --include='*.yaml' | xargs -r cp -t "$dir"
      cp $MALFORMED/*.tree.yaml "$dir" ;;
  esac
}

# Inputs beyond these lengths only slow a target down: a REPL line or a formula is short
# (formulas are refused beyond 1000 characters). File targets keep libFuzzer's own choice
# (the largest seed, at least 4096 bytes; 16 KB for the negotiation models).
max_len() {
  case $1 in
    repl) echo -max_len=512 ;;
    expression) echo -max_len=2048 ;;
  esac
}

SUMMARY=()
TOTAL=0
for t in "${TARGETS[@]}"; do
  seed "$t"
  mkdir -p "Fuzz/.build/crashes/$t"
  log=Fuzz/.build/fuzz-$t.log
  echo "== $t: ${RUNS:+$RUNS executions, at most }$SECONDS_EACH s"
  status=0
  PARLEY_FUZZ_TARGET=$t SWIFT_BACKTRACE=enable=no "$BIN" "Fuzz/.build/corpus/$t" \
    -max_total_time="$SECONDS_EACH" ${RUNS:+-runs=$RUNS} $(max_len "$t") \
    -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="Fuzz/.build/crashes/$t/" -print_final_stats=1 > "$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  TOTAL=$((TOTAL + ${runs:-0}))
  result=ok; [ "$status" = 0 ] || result="FAILED (status $status; see $log)"
  line=$(printf '%-12s %12s executions %8s exec/s  %s' "$t" "${runs:-?}" "${rate:-?}" "$result")
  echo "$line"
  SUMMARY+=("$line")
done
echo "== summary ($CONFIG, ${RUNS:+$RUNS executions or }$SECONDS_EACH s each)"
printf '%s\n' "${SUMMARY[@]}"
printf '%-12s %12s executions\n' total "$TOTAL"
for line in "${SUMMARY[@]}"; do [[ $line == *FAILED* ]] && exit 1; done
exit 0
