# Sourced by benches/rustc_passes.sh and benches/rustc_instructions.sh (needs `$work`, the
# directory benches/build_cost.sh writes its crates to).
#
# edit CRATE: the "edit one agent" of a build-cost crate. For `expanded` (the generated code
# pasted in), insert one character at the start of the first prompt literal (raw or not); for
# the others, append a line to agents/0001.md.
edit() {
  case "$1" in
    expanded)
      python3 - "$work/expanded/src/expanded.rs" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
at = text.index("prompt: ") + len("prompt: ")
at = text.index('"', at) + 1
open(path, "w", encoding="utf-8").write(text[:at] + "x" + text[at:])
PY
      ;;
    *) echo "edit" >> "$work/$1/agents/0001.md" ;;
  esac
}
