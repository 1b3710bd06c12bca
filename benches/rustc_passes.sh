#!/usr/bin/env bash
# Where rustc spends an "edit one agent" rebuild: `-Z time-passes` on the crates that
# benches/build_cost.sh writes under target/build-cost/ (run that first).
#
# Usage: benches/rustc_passes.sh [--runs N]      (needs a nightly toolchain: `rustup toolchain
# install nightly`; nightly builds go to target/build-cost/target-nightly)
#
# For each of baseline (include_str! per file), macro-opt (include_agents! + build-override O3)
# and expanded (the generated code pasted in; its edit changes the first prompt's text), N times:
# make the edit, rebuild with `cargo +nightly rustc -- -Z time-passes`, and print the total and the
# largest passes in seconds. Not part of `cargo test`.
set -euo pipefail

runs=3
case "${1:-}" in
  --runs) runs="$2" ;;
  --runs=*) runs="${1#--runs=}" ;;
  -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
  "") ;;
  *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/target/build-cost"
if [ ! -d "$work/baseline" ] || [ ! -d "$work/macro-opt" ] || [ ! -d "$work/expanded" ]; then
  echo "SKIPPED: run benches/build_cost.sh first (it writes the crates under $work)" >&2
  exit 0
fi
if ! cargo +nightly --version > /dev/null 2>&1; then
  echo "SKIPPED: no nightly toolchain (-Z time-passes is nightly-only)" >&2
  exit 0
fi
export CARGO_TARGET_DIR="$work/target-nightly"

# shellcheck source=edit_one_agent.sh
source "$root/benches/edit_one_agent.sh"

printf '%-10s %7s %7s %7s %7s %7s %7s %7s\n' crate total expand typeck metadata llvm codegen other
for crate in baseline macro-opt expanded; do
  (cd "$work/$crate" && cargo +nightly build --quiet 2> /dev/null) || true
  for _ in $(seq "$runs"); do
    edit "$crate"
    (cd "$work/$crate" && cargo +nightly rustc --quiet -- -Z time-passes 2>&1) |
      awk -v crate="$crate" '$1 == "time:" { t[$NF] = $2 }
        END {
          other = t["total"] - t["expand_crate"] - t["type_check_crate"] - t["generate_crate_metadata"] - t["LLVM_passes"] - t["codegen_crate"]
          printf "%-10s %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f\n", crate, t["total"], t["expand_crate"], t["type_check_crate"], t["generate_crate_metadata"], t["LLVM_passes"], t["codegen_crate"], other
        }'
  done
done
