#!/usr/bin/env bash
# What the targets cost `agentgen check` (issue 27): `agentgen check CORPUS` of the 697 files of
# ../shared/corpus (one agents folder, its 7 collections as sub-folders) without a target, with
# `--target copilot`, with `--target gemini` and with both, interleaved run by run in the same
# loop (text diagnostics to /dev/null; the exit code is ignored: the corpus has errors), and
# prints each variant's median, minimum and maximum wall time in ms and its ratio to no target.
# Exits 3 without ../shared/corpus.
#
# Usage: benches/check_targets.sh [RUNS] [AGENTGEN]   (default: 21, target/release/agentgen)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED:-$root/../shared}"
runs="${1:-21}"
agentgen="${2:-$root/target/release/agentgen}"
corpus="$shared/corpus"
[ -d "$corpus" ] || { echo "needs $corpus" >&2; exit 3; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
variants=("none" "copilot" "gemini" "copilot+gemini")
args_of() {
  case "$1" in
    none) ;;
    copilot) echo "--target copilot" ;;
    gemini) echo "--target gemini" ;;
    copilot+gemini) echo "--target copilot --target gemini" ;;
  esac
}
# One warm-up run each.
for v in "${variants[@]}"; do
  # shellcheck disable=SC2046
  "$agentgen" check "$corpus" $(args_of "$v") >/dev/null 2>&1 || true
done
for ((i = 0; i < runs; i++)); do
  for v in "${variants[@]}"; do
    start=$(date +%s%N)
    # shellcheck disable=SC2046
    "$agentgen" check "$corpus" $(args_of "$v") >/dev/null 2>&1 || true
    end=$(date +%s%N)
    echo $(((end - start) / 1000)) >>"$work/$v"
  done
done
# median FILE: the median of the µs values in FILE, in ms with one decimal.
stats() {
  sort -n "$1" | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.1f %.1f %.1f\n", m / 1000, v[1] / 1000, v[NR] / 1000 }'
}
read -r base _ _ <<<"$(stats "$work/none")"
echo "| agentgen check of the corpus ($runs runs each, interleaved) | median ms | min | max | ratio |"
echo "|---|---:|---:|---:|---:|"
for v in "${variants[@]}"; do
  read -r median min max <<<"$(stats "$work/$v")"
  label="$(args_of "$v")"
  echo "| ${label:-no target} | $median | $min | $max | $(awk -v a="$median" -v b="$base" 'BEGIN { printf "%.2f×", a / b }') |"
done
