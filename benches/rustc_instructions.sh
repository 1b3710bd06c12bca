#!/usr/bin/env bash
# Instructions rustc executes for an "edit one agent" rebuild, counted by valgrind's callgrind:
# a measure that this noisy, shared machine does not move (repeat runs agree to 0.1 %), beside
# the wall-clock medians of benches/build_cost.sh. Run build_cost.sh first: it writes the
# crates under target/build-cost/.
#
# Usage: benches/rustc_instructions.sh [--runs N] [crate...]
#   crates: baseline macro macro-opt expanded (default: all four)
#
# For each crate, after a build and one unmeasured edit rebuild, N times: make the edit (append a
# line to agents/0001.md; for `expanded`, insert a character at the start of the first prompt
# literal), then rebuild with cargo, rustc of that crate running under callgrind (through
# RUSTC_WRAPPER: dependencies are not rebuilt or counted). The count includes the proc macro,
# which runs inside rustc. Build-script crates are not covered: cargo runs a build script
# outside rustc. Takes 30-70 s per build. Needs valgrind. Not part of `cargo test`.
set -euo pipefail

# Invoked by cargo as RUSTC_WRAPPER: count the crate under test, run everything else as is.
if [ -n "${AGENTGEN_CALLGRIND_CRATE:-}" ] && [ "${AGENTGEN_CALLGRIND_WRAPPER:-}" = 1 ]; then
  rustc="$1"
  shift
  for arg in "$@"; do
    if [ "$arg" = "$AGENTGEN_CALLGRIND_CRATE" ]; then
      exec valgrind --tool=callgrind --callgrind-out-file="$AGENTGEN_CALLGRIND_OUT" \
        "$rustc" "$@" 2> /dev/null
    fi
  done
  exec "$rustc" "$@"
fi

runs=2
crates=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --runs=*) runs="${1#--runs=}"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    baseline|macro|macro-opt|expanded) crates+=("$1"); shift ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#crates[@]} -gt 0 ] || crates=(baseline macro macro-opt expanded)

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/target/build-cost"
for crate in "${crates[@]}"; do
  if [ ! -d "$work/$crate" ]; then
    echo "SKIPPED: run benches/build_cost.sh first (it writes the crates under $work)" >&2
    exit 0
  fi
done
if ! command -v valgrind > /dev/null; then
  echo "SKIPPED: valgrind is not installed" >&2
  exit 0
fi
export CARGO_TARGET_DIR="$work/target"
out="$work/callgrind"
mkdir -p "$out"

# shellcheck source=edit_one_agent.sh
source "$root/benches/edit_one_agent.sh"
# shellcheck source=callgrind_lib.sh
source "$root/benches/callgrind_lib.sh"

declare -A counts
for crate in "${crates[@]}"; do
  # Warm up: build, then one edit rebuild unmeasured (the first rebuild after the macro or the
  # generated code changed does more incremental work than the ones after it).
  (cd "$work/$crate" && cargo build --quiet 2> /dev/null) || true
  edit "$crate"
  (cd "$work/$crate" && cargo build --quiet 2> /dev/null) || true
  for run in $(seq "$runs"); do
    edit "$crate"
    count=$(count_instructions "$work/$crate" "build_cost_${crate//-/_}" "$out/$crate.$run.out") || exit 1
    echo "$crate run $run: $count instructions"
    counts[$crate]+=" $count"
  done
done

echo
printf '| %-10s | %16s | %8s |\n' crate "instructions" "ratio"
printf '|%s|%s|%s|\n' "------------" "-----------------:" "---------:"
base=""
[ -n "${counts[baseline]:-}" ] && base=$(echo "${counts[baseline]}" | median)
for crate in "${crates[@]}"; do
  m=$(echo "${counts[$crate]}" | median)
  if [ -n "$base" ]; then
    ratio=$(awk -v a="$m" -v b="$base" 'BEGIN { printf "%.2f×", a / b }')
  else
    ratio="–"
  fi
  printf '| %-10s | %16s | %8s |\n' "$crate" "$(printf "%'d" "$m" 2> /dev/null || echo "$m")" "$ratio"
done
echo "(medians of $runs; callgrind files in $out)"
