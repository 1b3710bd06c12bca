# Sourced by benches/rustc_instructions.sh and benches/metadata_rustc.sh (needs `$root`, the
# checkout). Counting rustc's instructions with valgrind's callgrind.
#
# count_instructions WORKDIR CRATE OUTFILE [NAME=VALUE...]: `cargo build --quiet` in WORKDIR
# (the extra environment variables set for it), rustc of CRATE (its crate name) running under
# callgrind through benches/rustc_instructions.sh as RUSTC_WRAPPER and writing OUTFILE; prints
# the instruction count (callgrind's `totals:`). Without a count (the build did not run rustc
# of CRATE) says so on stderr, naming WORKDIR's last component, and returns 1.
count_instructions() {
  local workdir="$1" crate="$2" file="$3"
  shift 3
  rm -f "$file"
  (cd "$workdir" &&
    env "$@" AGENTGEN_CALLGRIND_WRAPPER=1 RUSTC_WRAPPER="$root/benches/rustc_instructions.sh" \
      AGENTGEN_CALLGRIND_CRATE="$crate" AGENTGEN_CALLGRIND_OUT="$file" \
      cargo build --quiet > /dev/null 2>&1) || true
  if [ ! -s "$file" ]; then
    echo "no count for ${workdir##*/} (did the build run?)" >&2
    return 1
  fi
  awk '$1 == "totals:" { print $2 }' "$file"
}

# median: the median of the whitespace-separated whole numbers on stdin (the lower middle one
# of an even count).
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
