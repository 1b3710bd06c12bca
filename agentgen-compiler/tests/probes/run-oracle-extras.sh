#!/bin/sh
# Extra runs that the stock oracle cannot do (its child gets a fixed environment):
#  - memory/ with CLAUDE_CODE_DISABLE_AUTO_MEMORY=1  -> probes/memory/verdicts.auto-memory-off.jsonl
#  - model/ with the run-time model resolution of Claude Code (parseUserSpecifiedModel = model_alias_resolved,
#    getAgentModel(agentModel, parentModel) = model_runtime), for two parent models.
# Uses a patched copy of oracle.mjs (oracle-extras.patch): extra env pass-through via ORACLE_EXTRA_ENV,
# and, when CC_ORACLE_MODEL_PARENT is set, enableConfigs() + the two model functions located by code anchors.
set -e
SHARED=${SHARED:-$(cd "$(dirname "$0")/../../../../shared" && pwd)}
HERE=$(cd "$(dirname "$0")" && pwd)
SCRATCH=$(mktemp -d)
cp $SHARED/claude-code/oracle.mjs "$SCRATCH/oracle-extras.mjs"
patch -s "$SCRATCH/oracle-extras.mjs" < "$HERE/oracle-extras.patch"
export CLAUDE_BIN=${CLAUDE_BIN:-$SHARED/claude-code/node_modules/@anthropic-ai/claude-code-linux-x64/claude}
mkdir "$SCRATCH/cwd" && cd "$SCRATCH/cwd"
d=$HERE/memory
ORACLE_EXTRA_ENV='{"CLAUDE_CODE_DISABLE_AUTO_MEMORY":"1"}' node "$SCRATCH/oracle-extras.mjs" "$d" | sed "s#$d#probes/memory#g" > "$d/verdicts.auto-memory-off.jsonl"
d=$HERE/model
for parent in claude-opus-4-8 claude-sonnet-4-6; do
  ORACLE_EXTRA_ENV="{\"CC_ORACLE_MODEL_PARENT\":\"$parent\"}" node "$SCRATCH/oracle-extras.mjs" "$d" | sed "s#$d#probes/model#g" > "$d/verdicts.runtime-parent-$parent.jsonl"
done
cd / && rm -rf "$SCRATCH"
