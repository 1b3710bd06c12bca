#!/usr/bin/env bash
# Build-time cost of agentgen in a downstream crate, against hand-written `include_str!` constants.
#
# Usage (from anywhere; needs cargo and ../shared/corpus beside the checkout, or CORPUS=<dir>):
#   benches/build_cost.sh [--runs N] [--no-fresh]      (or RUNS=N benches/build_cost.sh)
#
# It writes crates under target/build-cost/ (never committed), all over the same agent files:
# the corpus (697 files) flattened to agents/NNNN.md with unique names `agent-NNNN`, and the few
# lines agentgen rejects as errors (invalid model/colour) removed; unknown tool names are declared
# in agentgen.toml as custom tools, so the catalog compiles. Crates:
#   baseline   one `pub const AGENT_NNNN: &str = include_str!("../agents/NNNN.md");` per file
#   macro      `agentgen::include_agents!("agents")`
#   macro-opt  the same with `[profile.dev.build-override] opt-level = 3` (proc macros and their
#              dependencies optimised, as askama documents for its derive)
#   buildrs    build.rs with `agentgen::build::Builder::new().compile("agents")` + `include!`
#   buildrs-opt  the same with `[profile.dev.build-override] opt-level = 3`
#   expanded   no macro, no build script: the code `include_agents!` generates, pasted in
#              (`agentgen expand`); its "edit one" appends a comment to that file. It shows what
#              rustc spends on the generated code alone.
# They share one CARGO_TARGET_DIR (target/build-cost/target), so dependencies are built once.
# Per crate and run (dev profile, `cargo build`): a clean build of the crate alone
# (`cargo clean -p <crate>` first, dependencies prebuilt), a no-op rebuild, and a rebuild after
# appending a line to one agent file. Medians of N runs (default 5) and ratios to the baseline.
# Unless --no-fresh: one clean build of `macro` and `buildrs` in an empty target directory, i.e.
# what agentgen's dependencies add to a fresh crate.
# Not part of `cargo test`.
set -euo pipefail

runs="${RUNS:-5}"
fresh=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --runs=*) runs="${1#--runs=}"; shift ;;
    --no-fresh) fresh=0; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${CORPUS:-$root/../shared/corpus}"
if [ ! -d "$corpus" ]; then
  echo "SKIPPED: corpus $corpus is absent (set CORPUS=<dir of agent files>)" >&2
  exit 0
fi
work="$root/target/build-cost"
mkdir -p "$work"

echo "== preparing the catalog from $corpus"
# The agentgen CLI of this checkout, built where this checkout's builds go.
cargo build --quiet --release --manifest-path "$root/Cargo.toml" --bin agentgen
agentgen_bin="${CARGO_TARGET_DIR:-$root/target}/release/agentgen"
export CARGO_TARGET_DIR="$work/target"
catalog="$work/agents"
rm -rf "$catalog"
mkdir -p "$catalog"
index=0
while IFS= read -r -d '' file; do
  index=$((index + 1))
  name=$(printf 'agent-%04d' "$index")
  # Replace the first `name:` line with a unique name.
  awk -v name="$name" '!done && /^name:/ { print "name: " name; done = 1; next } { print }' \
    "$file" > "$catalog/$(printf '%04d' "$index").md"
done < <(find "$corpus" -name '*.md' -type f -print0 | sort -z)
echo "   $index agent files"

# Errors that would stop the build: declare unknown tools, drop invalid model/colour lines.
custom=()
for attempt in 1 2 3; do
  report=$("$agentgen_bin" check "$catalog" --color never 2>&1 || true)
  errors=$(printf '%s\n' "$report" | awk '
    /^error\[/ { code = $0; sub(/^error\[/, "", code); sub(/\].*/, "", code);
                 msg = $0; sub(/^[^:]*: /, "", msg); next }
    /^ *--> / && code != "" { print code "\t" $2 "\t" msg; code = "" }')
  [ -z "$errors" ] && break
  while IFS=$'\t' read -r code location msg; do
    file="${location%%:*}"
    rest="${location#*:}"
    line="${rest%%:*}"
    case "$code" in
      unknown-tool) tool=$(printf '%s' "$msg" | sed -n 's/^unknown tool `\(.*\)`$/\1/p'); custom+=("$tool") ;;
      invalid-model|invalid-color) sed -i "${line}s/.*//" "$file" ;;
      *) echo "cannot repair $code at $location: $msg" >&2; exit 1 ;;
    esac
  done <<< "$errors"
  if [ ${#custom[@]} -gt 0 ]; then
    printf '[tools]\ncustom = [%s]\n' "$(printf '"%s", ' $(printf '%s\n' "${custom[@]}" | sort -u) | sed 's/, $//')" \
      > "$catalog/agentgen.toml"
  fi
done
if "$agentgen_bin" check "$catalog" --color never > /dev/null 2>&1; then
  echo "   catalog compiles (custom tools: ${#custom[@]})"
else
  echo "the prepared catalog still has errors:" >&2
  "$agentgen_bin" check "$catalog" --color never >&2 || true
  exit 1
fi
bytes=$(cat "$catalog"/*.md | wc -c)

# --- the crates -------------------------------------------------------------------------------
make_crate() { # name, [dependencies] body, [build-dependencies] body, extra manifest text
  local dir="$work/$1"
  rm -rf "$dir"
  mkdir -p "$dir/src"
  cp -r "$catalog" "$dir/agents"
  cp "$root/Cargo.lock" "$dir/Cargo.lock"
  cat > "$dir/Cargo.toml" <<EOF
[package]
name = "build-cost-$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$2

[build-dependencies]
$3

$4

[workspace]
EOF
}

make_crate baseline "" "" ""
{
  echo "//! Hand-written baseline: one include_str! per agent file."
  for file in "$catalog"/*.md; do
    base=$(basename "$file" .md)
    echo "pub const AGENT_$base: &str = include_str!(\"../agents/$base.md\");"
  done
} > "$work/baseline/src/lib.rs"

agentgen_dep="agentgen-rs = { path = \"$root/agentgen\" }"
for crate in macro macro-opt; do
  extra=""
  [ "$crate" = macro-opt ] && extra=$'[profile.dev.build-override]\nopt-level = 3'
  make_crate "$crate" "$agentgen_dep" "" "$extra"
  cat > "$work/$crate/src/lib.rs" <<'EOF'
//! include_agents! over the catalog.
pub mod agents {
    agentgen::include_agents!("agents");
}
EOF
done

for crate in buildrs buildrs-opt; do
  extra=""
  [ "$crate" = buildrs-opt ] && extra=$'[profile.dev.build-override]\nopt-level = 3'
  make_crate "$crate" "agentgen-rs = { path = \"$root/agentgen\", default-features = false }" \
    "agentgen-rs = { path = \"$root/agentgen\", default-features = false, features = [\"build\"] }" "$extra"
  cat > "$work/$crate/build.rs" <<'EOF'
fn main() -> Result<(), Box<dyn std::error::Error>> {
    agentgen::build::Builder::new().compile("agents")?;
    Ok(())
}
EOF
  cat > "$work/$crate/src/lib.rs" <<'EOF'
//! build.rs over the catalog.
pub mod agents {
    include!(concat!(env!("OUT_DIR"), "/agents.rs"));
}
EOF
done

make_crate expanded "agentgen-rs = { path = \"$root/agentgen\", default-features = false }" "" ""
"$agentgen_bin" expand "$work/expanded/agents" > "$work/expanded/src/expanded.rs" 2> /dev/null
cat > "$work/expanded/src/lib.rs" <<'EOF'
//! The generated code alone, as `agentgen expand` prints it.
pub mod agents {
    include!("expanded.rs");
}
EOF

crates=(baseline macro macro-opt buildrs buildrs-opt expanded)

now() { date +%s.%N; }
timed_build() { # crate -> seconds
  local start end
  start=$(now)
  cargo build --quiet --manifest-path "$work/$1/Cargo.toml" 2> "$work/$1.log" || {
    echo "build of $1 failed:" >&2; cat "$work/$1.log" >&2; exit 1; }
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.3f", m }'; }

# --- fresh builds: what agentgen adds to a new crate ----------------------------------------------
declare -A fresh_time
if [ "$fresh" = 1 ]; then
  echo "== fresh builds (empty target directory, dependencies included; one run each)"
  for crate in baseline macro buildrs; do
    rm -rf "$work/fresh-target"
    fresh_time[$crate]=$(CARGO_TARGET_DIR="$work/fresh-target" timed_build "$crate")
    echo "   $crate: ${fresh_time[$crate]} s"
  done
  rm -rf "$work/fresh-target"
fi

# --- warm-up: dependencies into the shared target directory ---------------------------------------
echo "== warm-up (dependencies prebuilt)"
for crate in "${crates[@]}"; do timed_build "$crate" > /dev/null; done

declare -A clean noop edit
edited="$(ls "$catalog" | grep '\.md$' | head -1)"
for run in $(seq 1 "$runs"); do
  echo "== run $run/$runs"
  for crate in "${crates[@]}"; do
    cargo clean --quiet --manifest-path "$work/$crate/Cargo.toml" -p "build-cost-$crate" 2> /dev/null || true
    clean[$crate]+=" $(timed_build "$crate")"
    noop[$crate]+=" $(timed_build "$crate")"
    if [ "$crate" = expanded ]; then
      printf '// edited by build_cost.sh, run %s\n' "$run" >> "$work/$crate/src/expanded.rs"
    else
      printf '\nEdited by build_cost.sh, run %s.\n' "$run" >> "$work/$crate/agents/$edited"
    fi
    edit[$crate]+=" $(timed_build "$crate")"
  done
done

# --- report -----------------------------------------------------------------------------------------
echo
echo "Build-time cost: $index agent files, $bytes bytes; dev profile; medians of $runs runs (seconds)"
echo "rustc $(rustc --version | cut -d' ' -f2), $(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '| %-34s | %9s | %9s | %9s | %9s |\n' "crate" "clean" "no-op" "edit one" "edit ×"
printf '|%s|%s|%s|%s|%s|\n' "------------------------------------" "----------:" "----------:" "----------:" "----------:"
base_edit=$(echo "${edit[baseline]}" | median)
for crate in "${crates[@]}"; do
  c=$(echo "${clean[$crate]}" | median)
  n=$(echo "${noop[$crate]}" | median)
  e=$(echo "${edit[$crate]}" | median)
  ratio=$(awk -v a="$e" -v b="$base_edit" 'BEGIN { print a / b }')
  case "$crate" in
    baseline) label="baseline (include_str! per file)" ;;
    macro) label="include_agents!" ;;
    macro-opt) label="include_agents! + build-override O3" ;;
    buildrs) label="build.rs (Builder)" ;;
    buildrs-opt) label="build.rs + build-override O3" ;;
    expanded) label="generated code pasted (no macro)" ;;
  esac
  printf '| %-34s | %9s | %9s | %9s | %8.2fx |\n' "$label" "$c" "$n" "$e" "$ratio"
done
echo
echo "raw samples (clean / no-op / edit):"
for crate in "${crates[@]}"; do
  echo "  $crate:${clean[$crate]} /${noop[$crate]} /${edit[$crate]}"
done
if [ "$fresh" = 1 ]; then
  echo
  echo "fresh clean build incl. dependencies (one run): baseline ${fresh_time[baseline]} s, include_agents! ${fresh_time[macro]} s, build.rs ${fresh_time[buildrs]} s"
fi
