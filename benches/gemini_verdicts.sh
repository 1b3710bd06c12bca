#!/usr/bin/env bash
# What the Gemini export keeps, per corpus collection and in all: the agents Gemini CLI 0.61.0
# takes whole, with a loss, or not at all (issue 27's figures; docs/guide/other-runtimes.md).
# Each collection of ../shared/corpus is copied without the files `agentgen check` reports
# errors for (they are not exported), then exported with `agentgen export --format gemini -A
# gemini-unmapped-tool` (so every agent is counted), without and with a models table
# (`[target.gemini] models` for sonnet, opus, haiku and claude-sonnet-4-20250514).
# Prints a Markdown table. Exits 3 without ../shared/corpus.
#
# Usage: benches/gemini_verdicts.sh [AGENTGEN]   (default: target/debug/agentgen)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED:-$root/../shared}"
agentgen="${1:-$root/target/debug/agentgen}"
[ -d "$shared/corpus" ] || { echo "needs $shared/corpus" >&2; exit 3; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
models='[target.gemini]
models = { sonnet = "gemini-2.5-pro", claude-sonnet-4-20250514 = "gemini-2.5-pro", opus = "gemini-2.5-pro", haiku = "gemini-2.5-flash" }'
# verdicts DIR: "whole loses cannot" from the export's stdout line.
verdicts() {
  "$agentgen" export "$1" --format gemini --out "$work/out" --force -A gemini-unmapped-tool 2>/dev/null |
    sed -E 's/.*\(([0-9]+) whole, ([0-9]+) losing a field, ([0-9]+) that it cannot take.*/\1 \2 \3/'
}
echo "| collection | agents | whole | loses a field | cannot take | with models: whole / loses / cannot |"
echo "|---|---:|---:|---:|---:|---|"
t=(0 0 0 0 0 0 0)
for c in "$shared"/corpus/*/; do
  c="${c%/}"
  name="$(basename "$c")"
  copy="$work/$name"
  cp -r "$c" "$copy"
  { "$agentgen" check "$c" --format json 2>/dev/null || true; } |
    { grep '"severity":"error"' || true; } | sed -E 's/.*"file":"([^"]*)".*/\1/' | sort -u |
    while IFS= read -r f; do rm -f "$copy/${f#"$c/"}"; done
  read -r w l n <<<"$(verdicts "$copy")"
  printf '%s\n' "$models" >"$copy/agentgen.toml"
  read -r mw ml mn <<<"$(verdicts "$copy")"
  echo "| $name | $((w + l + n)) | $w | $l | $n | $mw / $ml / $mn |"
  t=($((t[0] + w + l + n)) $((t[1] + w)) $((t[2] + l)) $((t[3] + n)) $((t[4] + mw)) $((t[5] + ml)) $((t[6] + mn)))
done
echo "| **all** | **${t[0]}** | **${t[1]}** | **${t[2]}** | **${t[3]}** | **${t[4]} / ${t[5]} / ${t[6]}** |"
