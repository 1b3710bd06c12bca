#!/usr/bin/env bash
# The language server's edit-to-diagnostics latency and its memory over many edits, over stdio.
#
# A workspace of the 1,004 agent files benches/workspace_1004.sh lists (the 697 corpus files of
# ../shared, the 24 bundled agents, 55 conformance cases, 228 probe files: the set
# benches/check_vs_agnix.sh checks), as one agents folder with packs (agentgen.toml
# `packs = true`, so that every file is an agent of its group's pack). The driver (Python, no
# dependencies) starts `target/release/agentgen lsp`, opens one agent (a bundled one), then edits
# it N times (a whole-text change that alternates a misspelt tool with the
# right one, so that every edit changes its diagnostics) and waits after each for its
# publishDiagnostics: the median and 90th percentile of edit → publishDiagnostics. Then it sends
# M more edits the same way and reads the server's RSS (VmRSS, /proc) before and after.
#
# Usage: benches/lsp_latency.sh [edits (default 200)] [edits for memory (default 10000)]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED:-$here/../shared}"
edits="${1:-200}"
memory_edits="${2:-10000}"
cargo build --release --bin agentgen --manifest-path "$here/Cargo.toml" >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
SHARED="$shared" "$here/benches/workspace_1004.sh" "$work/agents" > /dev/null
printf 'packs = true\n' > "$work/agents/agentgen.toml"
files=$(find "$work/agents" -name '*.md' | wc -l)
echo "workspace: $files agent files; load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$here/target/release/agentgen" "$work/agents" "$edits" "$memory_edits" <<'PY'
import json, os, statistics, subprocess, sys, time
binary, agents, edits, memory_edits = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
server = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
def send(message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()
def receive():
    length = None
    while True:
        line = server.stdout.readline()
        if not line:
            raise SystemExit("the server closed its output")
        line = line.strip()
        if not line:
            break
        if line.startswith(b"Content-Length: "):
            length = int(line[16:])
    return json.loads(server.stdout.read(length))
def wait_for(predicate):
    while True:
        message = receive()
        if predicate(message):
            return message
def rss_kib():
    for line in open(f"/proc/{server.pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
wait_for(lambda m: m.get("id") == 1)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
path = os.path.join(agents, "bundled", "ddd__api-designer.md")
if not os.path.exists(path):
    path = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(agents, "bundled")) for f in fs if f.endswith(".md"))[0]
uri = "file://" + path
text = open(path, encoding="utf-8").read()
good = "---\nname: latency-probe\ndescription: Probe\ntools: Read, Grep\n---\n" + text
bad = good.replace("tools: Read, Grep", "tools: Read, Grepp")
start = time.perf_counter()
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": uri, "languageId": "markdown", "version": 0, "text": good}}})
is_ours = lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
send({"jsonrpc": "2.0", "id": 2, "method": "workspace/symbol", "params": {"query": ""}})
wait_for(lambda m: m.get("id") == 2)
opened = time.perf_counter() - start
def edit(version):
    text = bad if version % 2 else good
    sent = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}})
    wait_for(lambda m: is_ours(m) and m["params"].get("version") == version)
    return time.perf_counter() - sent
latencies = [edit(v) for v in range(1, edits + 1)]
latencies.sort()
ms = lambda s: f"{s * 1000:.1f} ms"
print(f"open (project read and compiled, first publish): {ms(opened)}")
print(f"edit -> publishDiagnostics over {edits} edits: median {ms(statistics.median(latencies))}, "
      f"p90 {ms(latencies[int(len(latencies) * 0.9)])}, min {ms(latencies[0])}, max {ms(latencies[-1])}")
before = rss_kib()
checkpoints = []
for n, v in enumerate(range(edits + 1, edits + 1 + memory_edits), start=1):
    edit(v)
    if n % 2000 == 0:
        checkpoints.append(f"{n}: {rss_kib() / 1024:.1f}")
after = rss_kib()
print(f"RSS after {edits} edits: {before / 1024:.1f} MiB; after {memory_edits} more: {after / 1024:.1f} MiB")
if checkpoints:
    print("RSS (MiB) every 2,000 of those edits: " + ", ".join(checkpoints))
send({"jsonrpc": "2.0", "id": 3, "method": "shutdown"})
wait_for(lambda m: m.get("id") == 3)
send({"jsonrpc": "2.0", "method": "exit"})
print(f"exit status {server.wait()}")
PY
