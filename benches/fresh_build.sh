#!/usr/bin/env bash
# What agentgen adds to a clean build of a fresh crate: a crate with one agent file and
# `include_agents!`, built in an empty target directory (dev profile, offline, this checkout's
# Cargo.lock), once as users get it and once with the engine features only the CLI needs
# (`json`, `render`) forced on, i.e. as every crate compiled before those features existed.
#
# Usage: benches/fresh_build.sh [runs]     (default 2; alternating order; prints every sample)
# The crates live under target/fresh-build/ and are not part of `cargo test`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-2}"
work="$root/target/fresh-build"
mkdir -p "$work"
make_crate() { # name, extra dependency line
    local dir="$work/$1"
    rm -rf "$dir"
    mkdir -p "$dir/src" "$dir/agents"
    cp "$root/agents/voltagent/backend-developer.md" "$dir/agents/"
    printf 'mod agents {\n    agentgen::include_agents!("agents");\n}\nfn main() {\n    println!("{}", agents::ALL.len());\n}\n' > "$dir/src/main.rs"
    printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2024"\n[dependencies]\nagentgen-rs = { path = "%s/agentgen" }\n%s\n[workspace]\n' \
        "$1" "$root" "$2" > "$dir/Cargo.toml"
    cp "$root/Cargo.lock" "$dir/"
}
make_crate fresh-default ""
make_crate fresh-all-features "agentgen-compiler = { path = \"$root/agentgen-compiler\", features = [\"json\", \"render\"] }"
time_build() { # dir → seconds, units
    local dir="$work/$1"
    rm -rf "$dir/target"
    local start end
    start=$(date +%s.%N)
    (cd "$dir" && cargo build --offline --quiet)
    end=$(date +%s.%N)
    printf '%s %.1f s, %d compiled units, load %s\n' "$1" "$(echo "$end - $start" | bc)" \
        "$(ls "$dir"/target/debug/deps/*.rlib "$dir"/target/debug/deps/*.so 2>/dev/null | wc -l)" \
        "$(cut -d' ' -f1 /proc/loadavg)"
}
for i in $(seq 1 "$runs"); do
    if [ $((i % 2)) -eq 1 ]; then order=(fresh-default fresh-all-features); else order=(fresh-all-features fresh-default); fi
    for crate in "${order[@]}"; do time_build "$crate"; done
done
