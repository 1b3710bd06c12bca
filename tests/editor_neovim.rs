//! `agentgen lsp` in a real editor: Neovim's built-in LSP client (Debian's `neovim`, headless)
//! opens a `.claude` project, shows the diagnostics of an unsaved buffer, jumps from a prompt
//! mention to the agent's file, and applies a rename across the catalog. The editor runs the
//! Lua script below and writes what it saw as JSON; the test reads that.
//!
//! Without `nvim` on the PATH the test says SKIPPED and passes, unless `CI` is set (`.ci/run`
//! installs it).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The editor session, in Lua (Neovim 0.7 API): start the server for the project, open the
/// planner, break a tool name in the buffer without saving, wait for its diagnostic, jump to
/// the definition of the `reviewer` the prompt names, rename `reviewer` to `code-reviewer` and
/// apply the edit to every file, then write the report and quit.
const SESSION: &str = r#"
local report = {}
local root = vim.env.AGENTGEN_PROJECT
local client_id = vim.lsp.start_client({
  cmd = { vim.env.AGENTGEN_BIN, 'lsp' },
  root_dir = root,
  name = 'agentgen',
})
local function finish()
  local out = io.open(vim.env.AGENTGEN_REPORT, 'w')
  out:write(vim.fn.json_encode(report))
  out:close()
  vim.cmd('qa!')
end
if not client_id then report.error = 'the server did not start'; finish() end

vim.cmd('edit ' .. root .. '/.claude/agents/planner.md')
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)
local client = vim.lsp.get_client_by_id(client_id)
vim.wait(10000, function() return client.initialized end, 50)

-- An unsaved edit: `Read` becomes `Reed` on line 4 (`tools: Read, Grep`).
vim.api.nvim_buf_set_lines(buf, 3, 4, false, { 'tools: Reed, Grep' })
local found = vim.wait(10000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'unknown-tool' then return true end
  end
  return false
end, 50)
report.modified = vim.api.nvim_buf_get_option(buf, 'modified')
report.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(report.diagnostics, { code = d.code, lnum = d.lnum, col = d.col, message = d.message, source = d.source })
end
report.diagnostic_found = found

-- Fix it again: the diagnostic goes.
vim.api.nvim_buf_set_lines(buf, 3, 4, false, { 'tools: Read, Grep' })
report.cleared = vim.wait(10000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'unknown-tool' then return false end
  end
  return true
end, 50)

-- Go to definition from `reviewer` in the prompt (line 7: `Hand the diff to the reviewer agent.`).
local line = vim.api.nvim_buf_get_lines(buf, 6, 7, false)[1]
local col = line:find('reviewer', 1, true) - 1
local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 6, character = col } }
local results = vim.lsp.buf_request_sync(buf, 'textDocument/definition', params, 10000) or {}
for _, result in pairs(results) do
  local locations = result.result or {}
  if locations.uri then locations = { locations } end
  for _, location in ipairs(locations) do
    report.definition = { uri = location.uri or location.targetUri, range = location.range or location.targetSelectionRange }
  end
end

-- Rename `reviewer` to `code-reviewer` from the same place, and apply the edit.
params.newName = 'code-reviewer'
local renames = vim.lsp.buf_request_sync(buf, 'textDocument/rename', params, 10000) or {}
for _, result in pairs(renames) do
  if result.result then
    vim.lsp.util.apply_workspace_edit(result.result, 'utf-16')
    report.renamed = true
  elseif result.err then
    report.rename_error = result.err.message
  end
end
vim.cmd('silent! wall')
finish()
"#;

fn nvim() -> Option<PathBuf> {
    let found = Command::new("nvim").arg("--version").output().ok()?;
    found.status.success().then(|| PathBuf::from("nvim"))
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("create the folder");
    fs::write(path, text).expect("write the file");
}

#[test]
fn neovim_shows_unsaved_diagnostics_jumps_to_an_agent_and_renames_it() {
    let Some(nvim) = nvim() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "nvim is not on the PATH (.ci/run installs Debian's neovim)"
        );
        eprintln!("SKIPPED: nvim is not on the PATH");
        return;
    };
    let root = std::env::temp_dir().join(format!("agentgen-neovim-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    write(
        &root.join(".claude/agents/planner.md"),
        "---\nname: planner\ndescription: Plans the work\ntools: Read, Grep\nmodel: opus\n---\nHand the diff to the reviewer agent.\n",
    );
    write(
        &root.join(".claude/agents/reviewer.md"),
        "---\nname: reviewer\ndescription: Reviews the diff\n---\nReview the diff.\n",
    );
    let script = root.join("session.lua");
    write(&script, SESSION);
    let report_path = root.join("report.json");
    let output = Command::new(nvim)
        .args(["--headless", "-n", "-i", "NONE", "-u"])
        .arg(&script)
        .env("AGENTGEN_BIN", env!("CARGO_BIN_EXE_agentgen"))
        .env("AGENTGEN_PROJECT", &root)
        .env("AGENTGEN_REPORT", &report_path)
        .env("XDG_STATE_HOME", root.join("state"))
        .env("XDG_DATA_HOME", root.join("data"))
        .output()
        .expect("nvim runs");
    let report: Value =
        serde_json::from_str(&fs::read_to_string(&report_path).unwrap_or_else(|e| {
            panic!(
                "no report ({e}); nvim said: {}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        }))
        .expect("the report is JSON");

    // The unsaved buffer's diagnostic, at `Reed` (line 4, column 7; 0-based 3 and 7).
    assert_eq!(report["modified"], true, "{report:#}");
    assert_eq!(report["diagnostic_found"], true, "{report:#}");
    let diagnostic = report["diagnostics"]
        .as_array()
        .and_then(|all| all.iter().find(|d| d["code"] == "unknown-tool"))
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(
        (&diagnostic["lnum"], &diagnostic["col"]),
        (&Value::from(3), &Value::from(7))
    );
    assert_eq!(diagnostic["source"], "agentgen");
    assert!(
        diagnostic["message"]
            .as_str()
            .is_some_and(|m| m.contains("Reed")),
        "{report:#}"
    );
    assert_eq!(report["cleared"], true, "{report:#}");

    // The definition of the prompt's `reviewer`: the reviewer's file.
    let uri = report["definition"]["uri"].as_str().unwrap_or_default();
    assert!(uri.ends_with("/.claude/agents/reviewer.md"), "{report:#}");

    // The rename, applied and saved: the agent's `name:` and the planner's prompt.
    assert_eq!(report["renamed"], true, "{report:#}");
    let reviewer = fs::read_to_string(root.join(".claude/agents/reviewer.md")).expect("reviewer");
    assert!(reviewer.contains("name: code-reviewer\n"), "{reviewer}");
    let planner = fs::read_to_string(root.join(".claude/agents/planner.md")).expect("planner");
    assert!(
        planner.contains("Hand the diff to the code-reviewer agent."),
        "{planner}"
    );
    let _ = fs::remove_dir_all(&root);
}
