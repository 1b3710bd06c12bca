#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml, run for real by pre-commit (pinned, from PyPI, in a
# virtual environment under target/), in a scratch git repository that holds a good agent file,
# a bad one (unknown tool) and one that only Claude Code's fallback reads. The hooks come from a
# snapshot of this checkout (its commit, with uncommitted and untracked changes committed on top,
# as `pre-commit try-repo` makes one): the first run is `pre-commit try-repo` of it, the others
# `pre-commit run` with a configuration (outside the scratch repository) that names it, so that
# pre-commit's `cargo install` of agentgen happens twice, not once per run.
#
# Expected: with every file, `agentgen check` fails with the rustc-style message for the bad
# file and nothing for the good one, and `agentgen fix` rewrites the fallback-only file (so it
# fails, as pre-commit does when a hook changes files); on the good files both hooks pass; a bad
# skill file fails the check; the `.claude` project's agentgen.toml applies to the hook as to the
# build. Then the hook checks the catalogs of what a commit changes, not only the files
# pre-commit passes: `git rm` of a skill an agent preloads fails it (pre-commit passes no file
# for a deletion), so does a plugin manifest Claude Code refuses, and with `--from-ref`/`--to-ref`
# a deletion committed in that range; a command file's change checks its plugin; a change to no
# catalog checks nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/target/pre-commit-hooks"
version="4.7.0"

venv="$work/venv"
if ! "$venv/bin/pre-commit" --version 2>/dev/null | grep -qx "pre-commit $version"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$version"
fi

# pre-commit's store (anew for each run of this script), and cargo's build directory for the
# hook's `cargo install` (shared, so that the second build is of agentgen's own crates only),
# stay under target/. Offline: `cargo install` ignores Cargo.lock and resolves again, and
# offline it takes the crates this checkout's build already downloaded rather than whatever was
# published since.
export PRE_COMMIT_HOME="$work/store"
export CARGO_TARGET_DIR="$work/cargo-target"
export CARGO_NET_OFFLINE=true
rm -rf "$PRE_COMMIT_HOME"

# The snapshot of this checkout the hooks come from.
snapshot="$work/snapshot"
rm -rf "$snapshot"
git clone --quiet "$root" "$snapshot"
git -C "$root" diff HEAD --binary > "$work/changes.patch"
if [ -s "$work/changes.patch" ]; then
  git -C "$snapshot" apply "$work/changes.patch"
fi
(cd "$root" && git ls-files -z --others --exclude-standard \
  | xargs -0 --no-run-if-empty cp --parents --target-directory="$snapshot")
git -C "$snapshot" add --all
git -C "$snapshot" -c user.name=ci -c user.email=ci@example.invalid commit --quiet --no-verify \
  --allow-empty -m "the checkout, as it is"
config="$work/pre-commit-config.yaml"
cat > "$config" <<EOF
repos:
  - repo: $snapshot
    rev: $(git -C "$snapshot" rev-parse HEAD)
    hooks:
      - id: agentgen-check
      - id: agentgen-fix
EOF
# `pre-commit run` with that configuration: HOOK_ID and options as for `pre-commit run`.
hooks() { "$venv/bin/pre-commit" run --config "$config" "$@"; }

repo="$work/repo"
rm -rf "$repo"
mkdir -p "$repo/.claude/agents" "$repo/plugins/lint/agents"
cd "$repo"
git init --quiet
printf -- '---\nname: reviewer\ndescription: Reviews code\ntools: Read, Grep\n---\nReview the diff.\n' \
  > .claude/agents/reviewer.md
printf -- '---\nname: helper\ndescription: Helps: with anything\ntools: Read\n---\nHelp.\n' \
  > .claude/agents/helper.md
printf -- '---\nname: linter\ndescription: Lints code\ntools: Read, Bsh\n---\nLint.\n' \
  > plugins/lint/agents/linter.md
git add --all
commit() { git -c user.name=ci -c user.email=ci@example.invalid commit --quiet --no-verify -m "$1"; }

fail() {
  echo "error: pre-commit hooks: $1" >&2
  echo "--- pre-commit output ---" >&2
  cat "$work/out.txt" >&2
  exit 1
}
expect() { grep -qF -- "$1" "$work/out.txt" || fail "expected \`$1\` in the output"; }
refute() { ! grep -qF -- "$1" "$work/out.txt" || fail "did not expect \`$1\` in the output"; }

# Every file: check fails on the bad one, fix rewrites the fallback-only one.
status=0
"$venv/bin/pre-commit" try-repo "$snapshot" --all-files --color never > "$work/out.txt" 2>&1 || status=$?
[ "$status" -eq 1 ] || fail "try-repo --all-files exited with $status, not 1"
expect "agentgen check...........................................................Failed"
expect "error[unknown-tool]: unknown tool \`Bsh\`"
expect " --> plugins/lint/agents/linter.md:4:14"
expect "  = help: did you mean \`Bash\`?"
expect "warning[yaml-fallback]"
expect "1 error, 1 warning in 3 files"
refute "reviewer.md:"
expect "agentgen fix.............................................................Failed"
expect "- files were modified by this hook"
expect "fixed .claude/agents/helper.md"
grep -qx 'description: "Helps: with anything"' .claude/agents/helper.md \
  || fail "agentgen fix did not quote the description of helper.md"

# The good files (helper.md now fixed): both hooks pass. (The bad file is committed first: the
# check also takes the catalogs of the staged changes.)
git reset --quiet -- .claude/agents/helper.md
commit "the first files"
git add --all
status=0
hooks --files .claude/agents/reviewer.md .claude/agents/helper.md \
  --color never > "$work/out.txt" 2>&1 || status=$?
[ "$status" -eq 0 ] || fail "pre-commit on the good files exited with $status, not 0"
expect "agentgen check...........................................................Passed"
expect "agentgen fix.............................................................Passed"

# A skill file (`.claude/skills/<name>/SKILL.md`) runs the check too: an unknown tool in its
# `allowed-tools` fails it.
mkdir -p .claude/skills/notes
printf -- '---\ndescription: Takes notes\nallowed-tools: Read, Wrte\n---\nTake notes.\n' \
  > .claude/skills/notes/SKILL.md
git add --all
status=0
hooks --files .claude/skills/notes/SKILL.md --color never \
  > "$work/out.txt" 2>&1 || status=$?
[ "$status" -eq 1 ] || fail "pre-commit on a bad skill exited with $status, not 1"
expect "agentgen check...........................................................Failed"
expect "error[unknown-tool]: unknown tool \`Wrte\`"
expect " --> .claude/skills/notes/SKILL.md:3:22"

# The project's configuration applies to the hook as to the build: `.claude/agentgen.toml` denies
# unknown-agent-in-prompt, so a prompt naming an agent no file defines fails the check of the
# agent file, and so does committing only the configuration.
rm -rf .claude/skills
printf -- '[lints]\nunknown-agent-in-prompt = "deny"\n' > .claude/agentgen.toml
printf -- '---\nname: reviewer\ndescription: Reviews code\ntools: Read, Grep\n---\nReview the diff, then hand it to the release-manager agent.\n' \
  > .claude/agents/reviewer.md
git add --all
for files in ".claude/agents/reviewer.md" ".claude/agentgen.toml"; do
  status=0
  hooks agentgen-check --files $files --color never \
    > "$work/out.txt" 2>&1 || status=$?
  [ "$status" -eq 1 ] || fail "pre-commit on $files with a denied lint exited with $status, not 1"
  expect "catalog .claude (layout claude, detected; config .claude/agentgen.toml)"
  expect "error[unknown-agent-in-prompt]"
  expect " --> .claude/agents/reviewer.md:6:"
done

# Whole catalogs: a plugin whose agent preloads the plugin's skill, with a command.
rm -f .claude/agentgen.toml
printf -- '---\nname: reviewer\ndescription: Reviews code\ntools: Read, Grep\n---\nReview the diff.\n' \
  > .claude/agents/reviewer.md
mkdir -p plugins/lint/.claude-plugin plugins/lint/skills/rules plugins/lint/commands
printf '{"name": "lint"}\n' > plugins/lint/.claude-plugin/plugin.json
printf -- '---\nname: linter\ndescription: Lints code\ntools: Read, Bash\nskills: lint:rules\n---\nLint.\n' \
  > plugins/lint/agents/linter.md
printf -- '---\nname: rules\ndescription: The lint rules\n---\nThe rules.\n' \
  > plugins/lint/skills/rules/SKILL.md
printf -- '---\ndescription: Ship the release\n---\nShip it.\n' > plugins/lint/commands/ship.md
git add --all
commit "a plugin"
try_check() {
  status=0
  hooks agentgen-check --color never "$@" \
    > "$work/out.txt" 2>&1 || status=$?
}

# `git rm` of the skill: pre-commit has no file to pass, the hook runs and fails.
git rm --quiet plugins/lint/skills/rules/SKILL.md
try_check
[ "$status" -eq 1 ] || fail "a deleted skill that an agent preloads: exit $status, not 1"
refute "(no files to check)"
expect "agentgen check...........................................................Failed"
expect "error[unknown-skill]: unknown skill \`lint:rules\`"
expect " --> plugins/lint/agents/linter.md:5:9"
git reset --quiet --hard

# A plugin name Claude Code refuses (it then loads nothing of the plugin).
printf '{"name": "lint kit"}\n' > plugins/lint/.claude-plugin/plugin.json
git add --all
try_check
[ "$status" -eq 1 ] || fail "a plugin manifest with a space in the name: exit $status, not 1"
expect "error[invalid-manifest]: a plugin's name cannot contain spaces"
expect " --> plugins/lint/.claude-plugin/plugin.json:1:10"
git reset --quiet --hard

# A command file's change checks its plugin (shown with --verbose).
printf -- '---\ndescription: Ship the release now\n---\nShip it.\n' > plugins/lint/commands/ship.md
git add --all
try_check --verbose
[ "$status" -eq 0 ] || fail "a command file changed: exit $status, not 0"
expect "agentgen check...........................................................Passed"
expect "catalog plugins/lint (layout plugin, detected; no agentgen.toml)"
expect "0 errors, 0 warnings in 4 files (1 agent, 1 skill, 1 command, 1 plugin manifest)"
git reset --quiet --hard

# A change to no catalog: nothing to check, passed.
printf '# Demo\n' > README.md
git add --all
try_check --verbose
[ "$status" -eq 0 ] || fail "a change outside every catalog: exit $status, not 0"
expect "note: no catalog to check: git reports 1 changed file, none of a catalog"
git reset --quiet --hard

# A deletion committed in the range of `--from-ref`/`--to-ref` (CI, pre-push) fails it too.
git rm --quiet plugins/lint/skills/rules/SKILL.md
commit "delete the skill"
try_check --from-ref HEAD~1 --to-ref HEAD
[ "$status" -eq 1 ] || fail "a deleted skill between two refs: exit $status, not 1"
expect "error[unknown-skill]: unknown skill \`lint:rules\`"

echo "pre-commit hooks: agentgen-check and agentgen-fix behave as expected (pre-commit $version)"
