#!/usr/bin/env bash
# What typed custom frontmatter costs rustc: its instructions (valgrind's callgrind, stable to
# 0.1 % on this shared machine) for compiling the generated code of a 697-agent catalog whose
# agents all carry seed 004's five custom keys, in three shapes:
#
#   untyped  no [metadata] schema: the keys are `extra` values (`&[("priority", Value::Int(9)), …]`);
#   inline   the bundled catalog's schema: each constant ends with
#            `..AgentSpec::base_with(Agent::X, Metadata { category: …, priority: 9, … })`, what
#            agentgen generates;
#   consts   the same values as one `const METADATA_X: Metadata = Metadata { … };` per agent,
#            which the constant names: `..AgentSpec::base_with(Agent::X, METADATA_X)`.
#
# The generated code alone (`agentgen expand`), pasted into a crate as a module (no macro, no
# build script), built with `cargo build`, dev profile, without incremental compilation; the
# dependencies are built first and not counted. Needs the catalogs that the criterion group
# writes (`cargo bench -p agentgen-compiler --bench throughput -- metadata`) and valgrind.
# Not part of `cargo test`.
#
# Usage: benches/metadata_rustc.sh [--runs N]
set -euo pipefail

runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --runs=*) runs="${1#--runs=}"; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
catalogs="$root/target/bench-metadata"
if [ ! -f "$catalogs/typed/agentgen.toml" ]; then
  echo "SKIPPED: run cargo bench -p agentgen-compiler --bench throughput -- metadata first" >&2
  exit 0
fi
if ! command -v valgrind > /dev/null; then
  echo "SKIPPED: valgrind is not installed" >&2
  exit 0
fi
(cd "$root" && cargo build --quiet --bin agentgen)
agentgen="$root/target/debug/agentgen"
work="$root/target/metadata-rustc"
export CARGO_TARGET_DIR="$work/target"
out="$work/callgrind"
mkdir -p "$out"
# shellcheck source=callgrind_lib.sh
source "$root/benches/callgrind_lib.sh"

variants=(untyped inline consts)
for variant in "${variants[@]}"; do
  mkdir -p "$work/$variant/src"
  cat > "$work/$variant/Cargo.toml" <<EOF
[package]
name = "metadata_rustc_$variant"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
agentgen-rs = { path = "$root/agentgen", default-features = false }
EOF
  cp "$root/Cargo.lock" "$work/$variant/Cargo.lock"
  printf '#[allow(dead_code)]\nmod agents;\n\nfn main() {\n    println!("{}", agents::ALL.len());\n}\n' \
    > "$work/$variant/src/main.rs"
done
# With errors in the catalog (a few corpus files are not agents) `expand` exits 1 and still
# prints the code of every agent.
"$agentgen" expand "$catalogs/untyped" > "$work/untyped/src/agents.rs" 2> /dev/null || true
"$agentgen" expand "$catalogs/typed" > "$work/inline/src/agents.rs" 2> /dev/null || true
python3 - "$work/inline/src/agents.rs" "$work/consts/src/agents.rs" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
out, consts, at = [], [], 0
for match in re.finditer(r"pub const (\w+): AgentSpec = ", text):
    start = text.index("Metadata {", text.index("::AgentSpec::base_with(", match.end()))
    depth, end = 0, start
    while True:
        c = text[end]
        depth += c == "{"
        depth -= c == "}"
        end += 1
        if c == "}" and depth == 0:
            break
    name = "METADATA_" + match.group(1)
    item_end = text.index("};\n", end) + 3
    out.append(text[at:start] + name + text[end:item_end])
    out.append(f"const {name}: Metadata = {text[start:end]};\n")
    at = item_end
out.append(text[at:])
open(sys.argv[2], "w", encoding="utf-8").write("".join(out))
PY

declare -A counts
for variant in "${variants[@]}"; do
  (cd "$work/$variant" && CARGO_INCREMENTAL=0 cargo build --quiet --offline 2> /dev/null)
  for run in $(seq "$runs"); do
    touch "$work/$variant/src/main.rs"
    count=$(count_instructions "$work/$variant" "metadata_rustc_$variant" "$out/$variant.$run.out" \
      CARGO_INCREMENTAL=0 CARGO_NET_OFFLINE=true) || exit 1
    echo "$variant run $run: $count instructions"
    counts[$variant]+=" $count"
  done
done

echo
printf '| %-8s | %16s | %12s | %8s |\n' shape "instructions" "source bytes" "ratio"
printf '|%s|%s|%s|%s|\n' "----------" "-----------------:" "-------------:" "---------:"
base=$(echo "${counts[untyped]}" | median)
for variant in "${variants[@]}"; do
  m=$(echo "${counts[$variant]}" | median)
  ratio=$(awk -v a="$m" -v b="$base" 'BEGIN { printf "%.3f×", a / b }')
  bytes=$(wc -c < "$work/$variant/src/agents.rs")
  printf '| %-8s | %16s | %12s | %8s |\n' "$variant" "$(printf "%'d" "$m" 2> /dev/null || echo "$m")" "$bytes" "$ratio"
done
echo "(medians of $runs; callgrind files in $out)"
