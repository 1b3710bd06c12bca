#!/bin/sh
# Records Claude Code's own verdict on every probe folder: runs Claude Code 2.1.332's loader
# (../shared/claude-code/oracle.mjs beside the checkout; `npm install` there first) on each
# <folder>/ and writes <folder>/verdicts.jsonl, paths shown as `probes/<folder>`.
# Usage: ./run-oracle.sh [FOLDER]   (from anywhere; ORACLE=path/to/oracle.mjs to override)
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
ORACLE=${ORACLE:-$HERE/../../../../shared/claude-code/oracle.mjs}
SCRATCH=$(mktemp -d)
cd "$SCRATCH"   # `memory: project` makes Claude Code create .claude/agent-memory under the cwd
for d in "$HERE"/*/; do
  [ -n "$1" ] && [ "$(basename "$d")" != "$1" ] && continue
  rm -f "$d/verdicts.jsonl"
  node "$ORACLE" "$d" > "$SCRATCH/out.jsonl" 2> "$SCRATCH/err.txt" || { cat "$SCRATCH/err.txt"; exit 1; }
  sed "s#${d%/}#probes/$(basename "$d")#g" "$SCRATCH/out.jsonl" > "$d/verdicts.jsonl"
  echo "$(basename "$d"): $(wc -l < "$d/verdicts.jsonl") records"
done
rm -rf "$SCRATCH"
