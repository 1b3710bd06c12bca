#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from ../shared (the conformance cases, the seeds and
# the 697-file corpus): fuzz/corpus/<target>/, one file per seed, named by its SHA-1.
# The corpora are not committed (fuzz/.gitignore); run.sh calls this script when they are absent.
#
# Usage: fuzz/seed.sh [path-to-shared]   (default: ../shared beside the checkout)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shared="${1:-$here/../../shared}"
if [ ! -d "$shared/conformance/cases" ]; then
    echo "seed.sh: $shared/conformance/cases not found (pass the path of ../shared)" >&2
    exit 2
fi
corpus="$here/corpus"
mkdir -p "$corpus"/{split,yaml,read_agent,pipeline,fix,skill,prompt_scan,lsp_documents}

# Every agent file, in a stable order; and the hand-made probes (indentation, BOMs, names, …).
mapfile -d '' files < <(find "$shared/conformance/cases" "$shared/seeds" "$shared/corpus" \
    "$here/../agentgen-compiler/tests/probes" \
    -type f \( -name '*.md' -o -name '*.txt' \) -print0 | LC_ALL=C sort -z)

put() { # put <target> <file-with-content>
    local sum
    sum="$(sha1sum "$2" | cut -d' ' -f1)"
    mv "$2" "$corpus/$1/$sum"
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for f in "${files[@]}"; do
    cp "$f" "$tmp/s" && put split "$tmp/s"
    cp "$f" "$tmp/r" && put read_agent "$tmp/r"
    cp "$f" "$tmp/f" && put fix "$tmp/f"
    head -c 16384 "$f" > "$tmp/k" && put skill "$tmp/k"
    # The YAML target gets the frontmatter text alone (between the first two `---` lines).
    awk 'NR == 1 && /^---/ { inside = 1; next } inside && /^---/ { exit } inside { print }' \
        "$f" > "$tmp/y"
    if [ -s "$tmp/y" ]; then put yaml "$tmp/y"; else rm -f "$tmp/y"; fi
    # The pipeline target: flags byte 0, one file, cut to its first 4 KiB (the frontmatter
    # matters; long prompts only slow the target down, syn re-reads every literal).
    { printf '\x00'; head -c 4096 "$f"; } > "$tmp/p" && put pipeline "$tmp/p"
    # The prompt scanner: flags 0, a few agent names the prompts use, then the file as prompt.
    { printf '\x00api-designer\ncode-reviewer\ndomain-modeller\xff'; head -c 16384 "$f"; } > "$tmp/m" \
        && put prompt_scan "$tmp/m"
    # The language server: open the file as agent `b` (opcode 0x08), type `x` at its start
    # (0x0a, range 0:0–0:0), publish (0x05).
    { printf '\x08'; head -c 4096 "$f" | tr -d '\377'; printf '\xff\x0a\x00\x00\x00\x00x\xff\x05'; } \
        > "$tmp/l" && put lsp_documents "$tmp/l"
done

# Pipeline seeds of three consecutive files, flags cycling through all 16 option combinations,
# so that duplicate names, collaborators across files and packs are in the corpus from the start.
count=${#files[@]}
for ((i = 0; i + 2 < count; i += 3)); do
    flags=$(( (i / 3) % 16 ))
    {
        printf "\\x$(printf '%02x' "$flags")"
        head -c 2048 "${files[i]}"; printf '\xff'
        head -c 2048 "${files[i + 1]}"; printf '\xff'
        head -c 2048 "${files[i + 2]}"
    } > "$tmp/p3" && put pipeline "$tmp/p3"
done

# Typed custom frontmatter. `semver`: versions valid and not (SemVer 2.0.0's own examples and
# near misses). `metadata`: agentgen.toml with a [metadata] schema, 0xFF, up to three agent
# files: each metadata fixture of the macro's tests, the bundled catalog's schema with the ddd
# pack's files, and the conformance cases in threes under that schema.
mkdir -p "$corpus"/{semver,metadata}
for version in 0.0.0 1.0.0 10.20.30 1.1.2-prerelease+meta 1.0.0-alpha.beta.1 1.0.0-0A.is.legal \
    1.0.0+0.build.1-rc.10000aaa-kk-0.1 2.0.0-rc.1+build.123 1.2.3----RC-SNAPSHOT.12.9.1--.12+788 \
    18446744073709551615.0.0 18446744073709551616.0.0 1.2 1.2.3.4 01.1.1 1.0.0-01 1.0.0- 1.0.0+ \
    1.0.0-alpha..1 v1.0.0 1.0.0-alpha_beta 9.8.7+meta+meta; do
    printf '%s' "$version" > "$tmp/v" && put semver "$tmp/v"
done
repo="$here/.."
schema="$repo/agents/agentgen.toml"
for dir in "$repo"/agentgen-macros/tests/fixtures/metadata*; do
    {
        cat "$dir/agentgen.toml"
        for f in "$dir"/*.md; do printf '\xff'; head -c 2048 "$f"; done
    } > "$tmp/m" && put metadata "$tmp/m"
done
# put_metadata_in_threes DIR: one metadata seed per three agent files of DIR (sorted), each the
# bundled catalog's schema followed by the files' first 2 KiB, each after a 0xFF.
put_metadata_in_threes() {
    local agent_files i f
    mapfile -d '' agent_files < <(find "$1" -name '*.md' -print0 | LC_ALL=C sort -z)
    for ((i = 0; i < ${#agent_files[@]}; i += 3)); do
        {
            cat "$schema"
            for f in "${agent_files[@]:i:3}"; do printf '\xff'; head -c 2048 "$f"; done
        } > "$tmp/m" && put metadata "$tmp/m"
    done
}
put_metadata_in_threes "$repo/agents/ddd"
put_metadata_in_threes "$shared/conformance/cases"


# Skill seeds: the hand-made SKILL.md files of the tests, beside the agent files above.
while IFS= read -r -d '' f; do
    cp "$f" "$tmp/k" && put skill "$tmp/k"
done < <(find "$here/../tests/fixtures" "$here/../agentgen-macros/tests/fixtures" -name SKILL.md -print0 | LC_ALL=C sort -z)


for target in split yaml read_agent pipeline semver metadata skill; do
    echo "seed.sh: $target: $(find "$corpus/$target" -type f | wc -l) seeds"
done
