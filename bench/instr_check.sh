#!/usr/bin/env bash
# The CI regression check (bench/README.md): counts the instructions of three
# fixed pieces of work with valgrind's callgrind and fails when one of them
# costs more than 1.3 times the count recorded in bench/baseline.txt.
#
#   bash bench/instr_check.sh [BUILD_DIR] [BASELINE]
#
# The work (check_bench --count, 10 generated documents, seed 1):
#   load   parse + check of every built-in pack
#   read   reading the 10 documents
#   check  reading and evaluating them with their packs (loaded beforehand)
# Instruction counts do not depend on the machine's load or speed, so the
# check neither fails on a busy machine nor passes a real slow-down on a fast
# one, which timing ratios did (bench/README.md, 2026-12-01).
set -euo pipefail
build=${1:-build}
baseline=${2:-bench/baseline.txt}
bench="$build/bench/check_bench"
[ -x "$bench" ] || { echo "instr_check: $bench not built" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "instr_check: valgrind is not installed (tools/deps.sh installs it)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
for work in load read check; do
  valgrind --tool=callgrind --toggle-collect='*gouji_bench_measured_*' \
    --callgrind-out-file="$out/$work" "$bench" --count "$work" >"$out/$work.log" 2>&1 ||
    { cat "$out/$work.log" >&2; echo "instr_check: valgrind failed on --count $work" >&2; exit 2; }
  got=$(awk '$1 == "summary:" { print $2 }' "$out/$work")
  want=$(awk -v k="${work}_instructions" '$1 == k { print $2 }' "$baseline")
  [ -n "$got" ] || { echo "instr_check: no instruction count for $work" >&2; exit 2; }
  [ -n "$want" ] || { echo "instr_check: no ${work}_instructions in $baseline" >&2; exit 2; }
  verdict=$(awk -v g="$got" -v w="$want" 'BEGIN { printf "%.3f %s", g / w, (g <= w * 1.3) ? "ok" : "REGRESSION" }')
  printf '%-6s %12d instructions, baseline %12d: ratio %s\n' "$work" "$got" "$want" "$verdict"
  case $verdict in *REGRESSION) status=1 ;; esac
done
[ $status -eq 0 ] && echo "instr_check: ok (limit 1.3 × the baseline)" || echo "instr_check: REGRESSION (limit 1.3 × the baseline)"
exit $status
