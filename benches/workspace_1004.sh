#!/usr/bin/env bash
# The 1,004 agent files of issue 24's benchmarks (benches/check_vs_agnix.sh and
# benches/lsp_latency.sh), copied into DIR/<group>/ with nested paths flattened (`a/b.md` →
# `a__b.md`), each group's files in path order:
#   - the 697 of ../shared/corpus, a group per collection;
#   - the 24 bundled agents (agents/), group `bundled`;
#   - the 55 conformance cases (../shared/conformance), group `conformance`;
#   - the first 228 probe files of agentgen-compiler/tests/probes, group `probes` (as many as
#     make 1,004 in all).
# Prints the number of files copied. Exits 3 (and copies nothing) without ../shared/corpus.
#
# Usage: benches/workspace_1004.sh DIR   (DIR is created; it should be empty)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED:-$root/../shared}"
dest="${1:?usage: benches/workspace_1004.sh DIR}"
[ -d "$shared/corpus" ] || { echo "needs $shared/corpus" >&2; exit 3; }
mkdir -p "$dest"
# copy SRC_DIR GROUP [LIMIT]: the .md files below SRC_DIR, in path order, flattened into GROUP.
copy() {
  local src="$1" group="$2" limit="${3:-1000000}"
  mkdir -p "$dest/$group"
  (cd "$src" && find . -name '*.md' -type f | LC_ALL=C sort | head -n "$limit") |
    while IFS= read -r f; do
      f="${f#./}"
      cp "$src/$f" "$dest/$group/${f//\//__}"
    done
}
for c in "$shared"/corpus/*/; do
  copy "$c" "$(basename "$c")"
done
copy "$root/agents" bundled
copy "$shared/conformance" conformance
have=$(find "$dest" -name '*.md' -type f | wc -l)
copy "$root/agentgen-compiler/tests/probes" probes $((1004 - have))
find "$dest" -name '*.md' -type f | wc -l
