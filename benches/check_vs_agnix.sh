#!/usr/bin/env bash
# Wall time of `agentgen check` against agnix (the agent-config linter) on the same 1,004 agent
# files, measured side by side in one run: the runs alternate (agentgen, agnix, agentgen, …) so
# that both see the same load. Prints each side's median and the ratio agentgen / agnix.
#
# Usage: benches/check_vs_agnix.sh [--runs N] [--agentgen BIN] [--agnix BIN] [--baseline BIN]
#   --runs N         runs of each side (default 15)
#   --agentgen BIN   default target/release/agentgen (cargo build --release -p cargo-agentgen)
#   --agnix BIN      default /work/agnix/bin/agnix, else `agnix` on PATH
#                    (cargo install agnix-cli --version 0.59.3 --locked --root /work/agnix)
#   --baseline BIN   another agentgen, timed in the same alternation (e.g. the tree before a change)
# Needs ../shared/corpus (SKIPPED without it).
#
# The 1,004 files, copied once to $BENCH_CHECK_DIR/agents/<group>/ (default
# ${TMPDIR:-/tmp}/agentgen-bench-check: outside the repository, since agnix skips what
# .gitignore names, target/ among them). agnix lints a `.md` file as an agent when its parent or
# grandparent folder is `agents`; agentgen reads the folder as one catalog. The files are the
# ones benches/workspace_1004.sh lists (the 697 of ../shared/corpus, the 24 bundled agents, the
# 55 conformance cases and 228 probe files), shared with benches/lsp_latency.sh. Both tools
# print their diagnostics as text to /dev/null; exit codes are ignored (both report errors in
# these files).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs=15
agentgen="$root/target/release/agentgen"
agnix="/work/agnix/bin/agnix"
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --agentgen) agentgen="$2"; shift 2 ;;
    --agnix) agnix="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -x "$agnix" ] || agnix="$(command -v agnix || true)"
shared="$root/../shared"
if [ ! -d "$shared/corpus" ]; then
  echo "SKIPPED: needs $shared/corpus" >&2
  exit 0
fi
if [ -z "$agnix" ] || [ ! -x "$agentgen" ]; then
  echo "needs agnix and $agentgen (see --help)" >&2
  exit 2
fi

work="${BENCH_CHECK_DIR:-${TMPDIR:-/tmp}/agentgen-bench-check}"
ws="$work/agents"
if [ ! -f "$work/.complete" ]; then
  rm -rf "$work"
  mkdir -p "$ws"
  "$root/benches/workspace_1004.sh" "$ws" > /dev/null
  touch "$work/.complete"
fi
files=$(find "$ws" -name '*.md' -type f | wc -l)

# ms BIN...: the wall time of one run in milliseconds, to a tenth. The clock is bash's
# EPOCHREALTIME (microseconds, read without starting a process): timing with `$(date +%s%N)`
# counted two starts of `date` into every run, ~2 ms added to both tools alike.
ms() {
  local start end
  start=${EPOCHREALTIME/[.,]/}
  "$@" > /dev/null 2>&1 || true
  end=${EPOCHREALTIME/[.,]/}
  awk -v us=$((end - start)) 'BEGIN { printf "%.1f\n", us / 1000 }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# One unmeasured run each: the page cache warm for both.
"$agentgen" check "$ws" > /dev/null 2>&1 || true
"$agnix" "$ws" > /dev/null 2>&1 || true
[ -n "$baseline" ] && { "$baseline" check "$ws" > /dev/null 2>&1 || true; }

ours=(); theirs=(); base=()
for ((i = 0; i < runs; i++)); do
  ours+=("$(ms "$agentgen" check "$ws")")
  theirs+=("$(ms "$agnix" "$ws")")
  [ -n "$baseline" ] && base+=("$(ms "$baseline" check "$ws")")
done
m_ours=$(printf '%s\n' "${ours[@]}" | median)
m_theirs=$(printf '%s\n' "${theirs[@]}" | median)
echo "files: $files ($ws); runs: $runs each, alternating; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "agentgen check: median $m_ours ms  [${ours[*]}]"
echo "agnix:          median $m_theirs ms  [${theirs[*]}]  ($("$agnix" --version 2>/dev/null | head -1))"
if [ -n "$baseline" ]; then
  m_base=$(printf '%s\n' "${base[@]}" | median)
  echo "baseline check: median $m_base ms  [${base[*]}]"
  awk -v a="$m_base" -v b="$m_theirs" 'BEGIN { printf "baseline / agnix: %.2fx\n", a / b }'
fi
awk -v a="$m_ours" -v b="$m_theirs" 'BEGIN { printf "ratio agentgen / agnix: %.2fx\n", a / b }'
