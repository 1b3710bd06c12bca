#!/usr/bin/env node
// Which skills does the REAL Claude Code CLI (2.1.332) preload into an agent? Offline: the CLI
// runs `claude -p` against a stand-in Messages API on 127.0.0.1 (no key, no network; as root in
// a network namespace of its own), whose first answer spawns the agent with the Agent tool.
// Claude Code then preloads the agent's skills and says in its debug log, per `skills` entry,
// "Preloaded skill 'x'" or why not ("… specified in frontmatter was not found", …).
//
// Usage: node skills-preload.mjs --agent NAME [--claude DIR] [--plugin-dir DIR]...
//   --agent NAME       the agent to spawn (`plugin:name` for a plugin's)
//   --claude DIR       copy DIR as the project's `.claude/`
//   --plugin-dir DIR   load DIR as a plugin (repeatable)
//   env CLAUDE_BIN     the native claude binary (default: ../shared/claude-code's)
// Prints one JSON line per `skills` entry Claude Code logs: {"skill", "preloaded": bool,
// "reason"?} (the reason in Claude Code's words), and exits 1 when the agent did not start.
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import http from "node:http";
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const self = fileURLToPath(import.meta.url);
const bin = process.env.CLAUDE_BIN ||
  path.join(here, "../../../shared/claude-code/node_modules/@anthropic-ai/claude-code-linux-x64/claude");
const argv = process.argv.slice(2);

// As root, run again inside a network namespace whose only interface is the loopback.
if (!process.env.AGENTGEN_PRELOAD_NETNS && process.getuid?.() === 0 &&
    spawnSync("unshare", ["-n", "true"]).status === 0) {
  const quoted = [process.execPath, self, ...argv].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  const r = spawnSync("unshare", ["-n", "sh", "-c", `ip link set lo up 2>/dev/null; exec ${quoted}`], {
    stdio: "inherit", env: { ...process.env, AGENTGEN_PRELOAD_NETNS: "1" },
  });
  process.exit(r.status ?? 1);
}

let claudeDir = null, agent = null;
const plugins = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--claude") claudeDir = path.resolve(argv[++i]);
  else if (a === "--plugin-dir") plugins.push(path.resolve(argv[++i]));
  else if (a === "--agent") agent = argv[++i];
  else { console.error(`unknown argument ${a}`); process.exit(2); }
}
if (!agent) { console.error("--agent NAME is required"); process.exit(2); }
if (!fs.existsSync(bin)) { console.error(`no claude binary at ${bin}`); process.exit(2); }

function copyTree(src, out) {
  fs.mkdirSync(out, { recursive: true });
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    const sp = path.join(src, e.name), st = fs.statSync(sp);
    if (st.isDirectory()) copyTree(sp, path.join(out, e.name));
    else if (st.isFile()) fs.copyFileSync(sp, path.join(out, e.name));
  }
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), "cc-skills-preload-"));
const home = path.join(root, "home"), proj = path.join(root, "proj"), log = path.join(root, "debug.log");
fs.mkdirSync(home, { recursive: true });
fs.mkdirSync(proj, { recursive: true });
if (claudeDir) copyTree(claudeDir, path.join(proj, ".claude"));

// The stand-in API: streamed answers; the first request that offers the Agent tool spawns the
// agent, every other request ends its turn.
function stream(res, blocks, stop) {
  res.writeHead(200, { "content-type": "text/event-stream" });
  const event = (type, data) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  event("message_start", { message: { id: `msg_${Date.now()}`, type: "message", role: "assistant", model: "claude-sonnet-4-5", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } });
  blocks.forEach((block, index) => {
    if (block.type === "text") {
      event("content_block_start", { index, content_block: { type: "text", text: "" } });
      event("content_block_delta", { index, delta: { type: "text_delta", text: block.text } });
    } else {
      event("content_block_start", { index, content_block: { type: "tool_use", id: block.id, name: block.name, input: {} } });
      event("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) } });
    }
    event("content_block_stop", { index });
  });
  event("message_delta", { delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 1 } });
  event("message_stop", {});
  res.end();
}
let spawned = false;
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    let request = {};
    try { request = JSON.parse(body); } catch {}
    if (!req.url.startsWith("/v1/messages") || req.url.includes("count_tokens") || !request.stream) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: "msg", type: "message", role: "assistant", model: "claude-sonnet-4-5", content: [{ type: "text", text: "ok" }], stop_reason: "end_turn", usage: { input_tokens: 1, output_tokens: 1 } }));
      return;
    }
    if (!spawned && (request.tools || []).some((t) => t.name === "Agent")) {
      spawned = true;
      stream(res, [{ type: "tool_use", id: "toolu_1", name: "Agent", input: { subagent_type: agent, description: "probe", prompt: "say ok" } }], "tool_use");
    } else stream(res, [{ type: "text", text: "ok" }], "end_turn");
  });
});
server.listen(0, "127.0.0.1", () => {
  const args = ["-p", "say hi", "--output-format", "json", "--debug-file", log, "--dangerously-skip-permissions"];
  for (const p of plugins) args.push("--plugin-dir", p);
  const env = {
    PATH: process.env.PATH, HOME: home, TMPDIR: process.env.TMPDIR || os.tmpdir(),
    ANTHROPIC_API_KEY: "sk-ant-stand-in", ANTHROPIC_BASE_URL: `http://127.0.0.1:${server.address().port}`,
    DISABLE_AUTOUPDATER: "1", DISABLE_TELEMETRY: "1", DISABLE_ERROR_REPORTING: "1",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", IS_SANDBOX: "1",
  };
  const child = spawn(bin, args, { cwd: proj, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stdout.resume();
  child.stderr.on("data", (d) => (stderr += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), 120000);
  child.on("close", () => {
    clearTimeout(timer);
    server.close();
    const text = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
    fs.rmSync(root, { recursive: true, force: true });
    const prefix = `[Agent: ${agent}] `;
    let started = false;
    for (const line of text.split("\n")) {
      const at = line.indexOf(prefix);
      if (at < 0) continue;
      started = true;
      const said = line.slice(at + prefix.length);
      let m = said.match(/^Preloaded skill '(.*)'$/);
      if (m) { process.stdout.write(JSON.stringify({ skill: m[1], preloaded: true }) + "\n"); continue; }
      m = said.match(/^Warning: Skill '(.*?)' (.*)$/);
      if (m) process.stdout.write(JSON.stringify({ skill: m[1], preloaded: false, reason: m[2] }) + "\n");
      else if (/skills list has/.test(said)) process.stdout.write(JSON.stringify({ note: said }) + "\n");
    }
    if (!started && !text.includes(`subagent_type`) && !spawned) {
      console.error(`the agent ${agent} was not spawned; stderr:\n${stderr.slice(0, 2000)}`);
      process.exit(1);
    }
  });
});
