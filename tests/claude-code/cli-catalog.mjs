#!/usr/bin/env node
// What the REAL Claude Code CLI (2.1.332) loads from a project's `.claude/` folder, plugins and a
// marketplace: its agents and its skills, as its SDK `initialize` answer lists them. Fully
// offline, like ../shared/claude-code/cli-agents.mjs (which it extends with skills, whole
// `.claude` folders and marketplaces): a throw-away HOME and project, no API key, no API call.
//
// Usage: node cli-catalog.mjs [--claude DIR] [--plugin-dir DIR]... [--marketplace DIR]
//   --claude DIR        copy DIR as the project's `.claude/` (agents/, skills/, …)
//   --plugin-dir DIR    load DIR as a plugin (repeatable)
//   --marketplace DIR   add DIR as a marketplace (`claude plugin marketplace add`) and install
//                       every plugin its marketplace.json lists
//   --builtin           also print Claude Code's own skills and commands:
//                       {"kind": "builtin", "name", "aliases"?}
//   env CLAUDE_BIN      the native claude binary (default: ../shared/claude-code's, beside the
//                       checkout)
// Prints one JSON line per agent and per skill that is not Claude Code's own:
//   {"kind": "agent", "name", "description", "model"?}
//   {"kind": "skill", "name", "description", "aliases"?}   (skills hidden from users —
//   `user-invocable: false` — are not in the answer)
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.env.CLAUDE_BIN ||
  path.join(here, "../../../shared/claude-code/node_modules/@anthropic-ai/claude-code-linux-x64/claude");
const argv = process.argv.slice(2);
let claudeDir = null, marketplace = null, builtin = false;
const plugins = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--claude") claudeDir = path.resolve(argv[++i]);
  else if (a === "--plugin-dir") plugins.push(path.resolve(argv[++i]));
  else if (a === "--marketplace") marketplace = path.resolve(argv[++i]);
  else if (a === "--builtin") builtin = true;
  else { console.error(`unknown argument ${a}`); process.exit(2); }
}
if (!fs.existsSync(bin)) { console.error(`no claude binary at ${bin}`); process.exit(2); }

function copyTree(src, out) {
  fs.mkdirSync(out, { recursive: true });
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    const sp = path.join(src, e.name), st = fs.statSync(sp);
    if (st.isDirectory()) copyTree(sp, path.join(out, e.name));
    else if (st.isFile()) fs.copyFileSync(sp, path.join(out, e.name));
  }
}

const unshare = !process.env.ORACLE_NO_UNSHARE && process.getuid?.() === 0 &&
  spawnSync("unshare", ["-n", "true"]).status === 0;
function run(args, opts) {
  return spawnSync(unshare ? "unshare" : bin, unshare ? ["-n", bin, ...args] : args, {
    encoding: "utf8", maxBuffer: 1 << 28, timeout: 120000, ...opts,
  });
}

function listCatalog(withContent) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cc-cli-catalog-"));
  const home = path.join(root, "home"), proj = path.join(root, "proj");
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(proj, { recursive: true });
  const env = {
    PATH: process.env.PATH, HOME: home, TMPDIR: process.env.TMPDIR || os.tmpdir(),
    DISABLE_AUTOUPDATER: "1", DISABLE_TELEMETRY: "1", DISABLE_ERROR_REPORTING: "1",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
  };
  const args = ["-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose"];
  if (withContent) {
    if (claudeDir) copyTree(claudeDir, path.join(proj, ".claude"));
    for (const p of plugins) args.push("--plugin-dir", p);
    if (marketplace) {
      const added = run(["plugin", "marketplace", "add", marketplace], { cwd: proj, env });
      if (added.status !== 0) { console.error(`marketplace add failed:\n${added.stdout}${added.stderr}`); process.exit(1); }
      const manifest = JSON.parse(fs.readFileSync(path.join(marketplace, ".claude-plugin/marketplace.json"), "utf8"));
      for (const plugin of manifest.plugins || []) {
        const installed = run(["plugin", "install", `${plugin.name}@${manifest.name}`], { cwd: proj, env });
        if (installed.status !== 0) { console.error(`install ${plugin.name} failed:\n${installed.stdout}${installed.stderr}`); process.exit(1); }
      }
    }
  }
  const input = JSON.stringify({ type: "control_request", request_id: "init-1", request: { subtype: "initialize" } }) + "\n";
  const r = run(args, { cwd: proj, env, input });
  fs.rmSync(root, { recursive: true, force: true });
  for (const line of (r.stdout || "").split("\n")) {
    let d;
    try { d = JSON.parse(line); } catch { continue; }
    if (d.type === "control_response" && d.response?.request_id === "init-1") return d.response.response || {};
  }
  console.error("no initialize response; stderr:\n" + (r.stderr || "").slice(0, 2000));
  process.exit(1);
}

const baseline = listCatalog(false);
const builtinAgents = new Set((baseline.agents || []).map((a) => a.name));
const answer = listCatalog(true);
for (const a of answer.agents || [])
  if (!builtinAgents.has(a.name)) process.stdout.write(JSON.stringify({ kind: "agent", ...a }) + "\n");
for (const c of answer.commands || []) {
  if (c.builtin) {
    if (builtin) process.stdout.write(JSON.stringify({ kind: "builtin", name: c.name, ...(c.aliases?.length && { aliases: c.aliases }) }) + "\n");
    continue;
  }
  const skill = { kind: "skill", name: c.name, description: c.description };
  if (c.aliases?.length) skill.aliases = c.aliases;
  process.stdout.write(JSON.stringify(skill) + "\n");
}
