#!/usr/bin/env bash
# Builds and runs every fuzz target, one after the other, in one process each (libFuzzer's
# default; no -jobs/-workers), at the lowest CPU priority (nice 19). Seeds the corpora from
# ../shared first when they are absent (seed.sh). Limits per input: 10 s (a hang is a crash),
# 2 GiB RSS (memory growth is a crash).
#
# Usage: fuzz/run.sh [seconds-per-target] [target...]
#   fuzz/run.sh                 # 60 s for each of split, yaml, read_agent, fix, pipeline,
#                               # semver, metadata, skill, prompt_scan, lsp_documents
#   fuzz/run.sh 600 pipeline    # 10 minutes of the pipeline target alone
# Needs cargo-fuzz (`cargo install cargo-fuzz`); nightly when installed, else stable with
# RUSTC_BOOTSTRAP=1 (below).
# Crashes land in fuzz/artifacts/<target>/; the script exits non-zero when a target fails.
# Each run's libFuzzer log is fuzz/logs/<target>.log; the summary line is printed at the end.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(split yaml read_agent fix pipeline semver metadata skill prompt_scan lsp_documents); fi

cd "$here"
if [ ! -d corpus/split ] || [ ! -d corpus/fix ] || [ ! -d corpus/metadata ] || [ ! -d corpus/skill ] || [ ! -d corpus/prompt_scan ] || [ ! -d corpus/lsp_documents ]; then ./seed.sh; fi
mkdir -p logs

# No sanitizer: the engine forbids unsafe code, so ASan would only slow it down; debug assertions
# (-a) turn integer overflow into a crash, as in a debug build of a proc macro.
# cargo-fuzz passes nightly-only flags to rustc (`-Z`, sanitizer coverage): the nightly toolchain
# when it is installed, else the stable one with RUSTC_BOOTSTRAP=1, which lets stable rustc accept
# them (the same compiler and LLVM; how it ran on a machine with no nightly, 2026-12-06).
if cargo +nightly --version > /dev/null 2>&1; then
    fuzz=(cargo +nightly fuzz)
else
    export RUSTC_BOOTSTRAP=1
    fuzz=(cargo fuzz)
fi
build_flags=(--sanitizer none --debug-assertions)
status=0
summary=()
for target in "${targets[@]}"; do
    # Longest input: the pipeline is slow on big inputs (syn re-reads every string literal),
    # and its interesting part is the frontmatter of several files. The pipeline spends most of its time in syn; comparison tracing there costs 2.7× the
    # throughput for little, so it is built without it, in its own target dir (a change of
    # flags would otherwise rebuild every dependency when switching targets).
    flags=("${build_flags[@]}")
    case "$target" in
        pipeline)
            max_len=8192
            flags+=(--no-trace-compares --target-dir target/no-trace-compares)
            ;;
        yaml) max_len=16384 ;;
        semver) max_len=256 ;;
        lsp_documents) max_len=16384 ;;
        metadata)
            max_len=8192
            flags+=(--no-trace-compares --target-dir target/no-trace-compares)
            ;;
        *) max_len=65536 ;;
    esac
    "${fuzz[@]}" build "${flags[@]}" "$target"
    log="logs/$target.log"
    start=$(date +%s)
    if nice -n 19 "${fuzz[@]}" run "${flags[@]}" "$target" -- \
        -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 > "$log" 2>&1; then
        outcome=ok
    else
        outcome="FAILED (see fuzz/$log and fuzz/artifacts/$target/)"
        status=1
    fi
    elapsed=$(( $(date +%s) - start ))
    stat() { grep -o "stat::$1: *[0-9]*" "$log" | grep -o '[0-9]*$' | tail -n 1; }
    crashes=$(find "artifacts/$target" -type f 2>/dev/null | wc -l)
    summary+=("$target: $(stat number_of_executed_units) executions, $(stat average_exec_per_sec) exec/s, ${elapsed} s wall clock, peak RSS $(stat peak_rss_mb) MB, $crashes artifact(s) in fuzz/artifacts/$target, $outcome")
done
printf '%s\n' "${summary[@]}"
exit $status
