#!/usr/bin/env bash
# What the GitHub Copilot CLI 1.0.102 makes of the `.claude/agents` files it loads itself, per
# corpus collection and in all: the agents it reads whole, with a field lost or changed, or not at
# all (issue 27's figures; docs/guide/other-runtimes.md). Each collection of ../shared/corpus and
# the bundled catalog (agents/, with its agentgen.toml: packs) is copied to PROJECT/.claude/agents
# (as tests/runtime_copilot.rs lays it out) and read with `agentgen inspect PROJECT/.claude/agents
# --target copilot`; the counts are the agent files' `targets.copilot.verdict` (`none`: a file
# Claude Code loads no agent from) and, over the corpus, how many agents lose each key
# (`targets.copilot.lost`). Then what the Copilot export keeps: each collection copied without
# the files `agentgen check` reports errors for (they are not exported) and exported with
# `agentgen export --format copilot` (its stdout line's whole / losing-a-field counts).
# Prints three Markdown tables. Exits 3 without ../shared/corpus.
#
# Usage: benches/copilot_verdicts.sh [AGENTGEN]   (default: target/debug/agentgen)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED:-$root/../shared}"
agentgen="${1:-$root/target/debug/agentgen}"
[ -d "$shared/corpus" ] || { echo "needs $shared/corpus" >&2; exit 3; }
command -v jq >/dev/null || { echo "needs jq" >&2; exit 3; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# objects DIR NAME: the agent files' objects of `inspect --target copilot`, one per line.
objects() {
  mkdir -p "$work/$2/.claude"
  cp -r "$1" "$work/$2/.claude/agents"
  "$agentgen" inspect "$work/$2/.claude/agents" --target copilot 2>/dev/null |
    jq -c 'select(.kind == "agent") | .targets.copilot'
}
# count FILE VERDICT: how many objects of FILE have this verdict.
count() { jq -r '.verdict // "none"' "$1" | { grep -cx "$2" || true; }; }
echo "| collection | files | whole | loses a field | cannot take | no Claude Code agent |"
echo "|---|---:|---:|---:|---:|---:|"
all="$work/all.jsonl"
: >"$all"
row() {
  local f="$work/$1.jsonl"
  objects "$2" "$1" >"$f"
  echo "| $1 | $(wc -l <"$f") | $(count "$f" whole) | $(count "$f" loses-fields) | $(count "$f" cannot-take) | $(count "$f" none) |"
}
for c in "$shared"/corpus/*/; do
  c="${c%/}"
  name="$(basename "$c")"
  name="${name%%__*}"
  row "$name" "$c"
  cat "$work/$name.jsonl" >>"$all"
done
echo "| **corpus** | **$(wc -l <"$all")** | **$(count "$all" whole)** | **$(count "$all" loses-fields)** | **$(count "$all" cannot-take)** | **$(count "$all" none)** |"
row bundled "$root/agents"
echo
echo "| key lost or changed (corpus) | agents |"
echo "|---|---:|"
jq -r '.lost[]?' "$all" | sort | uniq -c | sort -k1,1nr -k2 | awk '{ printf "| `%s` | %d |\n", $2, $1 }'
echo
echo "| the Copilot export | agents | whole | loses a field | cannot take (exported with -A copilot-unmapped-tool) |"
echo "|---|---:|---:|---:|---:|"
# exported DIR NAME: "agents whole loses cannot" of the Copilot export of DIR without its error
# files, with `copilot-unmapped-tool` allowed so that an agent Copilot cannot take is counted.
exported() {
  local copy="$work/export-$2"
  cp -r "$1" "$copy"
  { "$agentgen" check "$1" --format json 2>/dev/null || true; } |
    { grep '"severity":"error"' || true; } | sed -E 's/.*"file":"([^"]*)".*/\1/' | sort -u |
    while IFS= read -r f; do rm -f "$copy/${f#"$1/"}"; done
  "$agentgen" export "$copy" --format copilot --out "$work/out" --force -A copilot-unmapped-tool 2>/dev/null |
    sed -E 's/^wrote ([0-9]+) agents? .*\(([0-9]+) whole, ([0-9]+) losing a field, ([0-9]+) that it cannot take.*/\1 \2 \3 \4/'
}
ta=0 tw=0 tl=0 tc=0
for c in "$shared"/corpus/*/; do
  c="${c%/}"
  name="$(basename "$c")"
  name="${name%%__*}"
  read -r a w l n <<<"$(exported "$c" "$name")"
  echo "| $name | $a | $w | $l | $n |"
  ta=$((ta + a)) tw=$((tw + w)) tl=$((tl + l)) tc=$((tc + n))
done
echo "| **corpus** | **$ta** | **$tw** | **$tl** | **$tc** |"
read -r a w l n <<<"$(exported "$root/agents" bundled)"
echo "| bundled | $a | $w | $l | $n |"
