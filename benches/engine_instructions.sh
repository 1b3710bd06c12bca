#!/usr/bin/env bash
# Instructions the CLI spends on `check` and `expand` of each corpus collection and the bundled
# catalog, for a baseline binary and a candidate binary measured in the same run (callgrind
# counts instructions, so a loaded machine does not blur the ratio). Prints a Markdown table.
#
# Usage: benches/engine_instructions.sh BASELINE_BIN CANDIDATE_BIN
#   e.g. git worktree add /tmp/base <rev> && cargo build --release --manifest-path /tmp/base/Cargo.toml \
#          --target-dir /tmp/base/target -p cargo-agentgen
#        cargo build --release -p cargo-agentgen
#        benches/engine_instructions.sh /tmp/base/target/release/agentgen target/release/agentgen
# Needs valgrind and ../shared/corpus (SKIPPED without them).
set -euo pipefail

if [ $# -ne 2 ] || [ "$1" = -h ] || [ "$1" = --help ]; then
  sed -n '2,11p' "$0"
  exit 2
fi
baseline="$1"
candidate="$2"
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$root/../shared/corpus"
if [ ! -d "$corpus" ] || ! command -v valgrind > /dev/null; then
  echo "SKIPPED: needs valgrind and $corpus" >&2
  exit 0
fi

# Instructions of one run (the command's own exit status does not matter: a catalog with errors
# exits 1).
instructions() {
  { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 > /dev/null || true; } |
    awk '/Collected :/ { print $NF }'
}

printf '| catalog | command | baseline | candidate | ratio |\n|---|---|---:|---:|---:|\n'
total_base=0
total_cand=0
for dir in "$root/agents" "$corpus"/*/; do
  dir="${dir%/}"
  name="$(basename "$dir")"
  [ "$dir" = "$root/agents" ] && name="bundled (agents/)"
  for command in check expand; do
    args=("$command" "$dir")
    [ "$command" = check ] && args+=(--format short)
    base=$(instructions "$baseline" "${args[@]}")
    cand=$(instructions "$candidate" "${args[@]}")
    total_base=$((total_base + base))
    total_cand=$((total_cand + cand))
    printf '| %s | %s | %s | %s | %s |\n' "$name" "$command" "$base" "$cand" \
      "$(awk -v b="$base" -v c="$cand" 'BEGIN { printf "%.3f", c / b }')"
  done
done
printf '| **all** | | %s | %s | **%s** |\n' "$total_base" "$total_cand" \
  "$(awk -v b="$total_base" -v c="$total_cand" 'BEGIN { printf "%.3f", c / b }')"
