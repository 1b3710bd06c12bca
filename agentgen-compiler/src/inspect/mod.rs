//! `agentgen inspect`: one JSON object per agent file, what agentgen (and Claude Code) read.
//!
//! Shape (stable field names):
//! `{"file": path relative to the directory, "ok": bool, "status": what Claude Code does with
//! the file ("accepted", "skipped-silently", "rejected", "not-loaded"), "name", "description",
//! "tools": null (inherit all) or [strings as written after splitting], "effective_tools": null
//! (inherit all) or the list the agent runs with (`tools` plus what `memory` adds),
//! "disallowed_tools", "model", "color" (as written, even if invalid), "permission_mode",
//! "skills", "max_turns", "effort" (a level string or an integer), "memory", "background",
//! "isolation", "initial_prompt", "auto_compact_window", "omit_claude_md", "observer",
//! "observer_message", "observe_subagents", "observe_tool_results", "cache_ttl",
//! "system_prompt_appends": null or "persistent-agent-memory" (Claude Code appends ~13 KB of
//! memory instructions to the prompt), "prompt_sha256" (of the prompt as written),
//! "diagnostics": [{"severity", "code", "message", "line", "column"}], "kind": "agent",
//! "qualified_name": the name Claude Code lists the agent under (`plugin:review:name`; null when
//! it loads no agent from the file), "plugin", "mentions": [{"agent"
//! (qualified name), "external" (bool: a declared or built-in agent outside the catalog),
//! "line", "column", "form"}], "unresolved_references": [{"name", "line", "column", "form",
//! "suggestions"}]}` — fields are those parsed even when validation
//! fails, null where absent or dropped. `ok` is true when the file has no error. A catalog with a
//! `[metadata]` schema adds `"metadata": {"<key>": value}` (each declared key, typed: the default
//! or null when absent, null when invalid; a version or an enum value as its text; null for a
//! file that is no agent).
//!
//! Then one object per skill file (`SKILL.md`), sorted by path: `{"kind": "skill", "file", "ok",
//! "loaded", "name" (as listed within its plugin), "qualified_name", "plugin", "folder",
//! "description", "when_to_use", "allowed_tools", "disallowed_tools", "model", "effort",
//! "context" ("inline" or "fork"), "agent", "disable_model_invocation", "user_invocable",
//! "argument_hint", "arguments", "paths", "shell", "body_sha256", "diagnostics"}`; then one
//! object of the same fields per command file (`commands/**/*.md` of a `.claude` project or a
//! plugin, which Claude Code offers as skills), in path order, with `"kind": "command"`: its
//! `name` and `folder` are its name from its path (`grp:deploy`), `qualified_name` adds the
//! plugin's (null for a file Claude Code does not load), `paths` is empty.
//!
//! With the target `copilot` (agentgen.toml `targets`, `--target copilot`), each agent file's
//! object adds `"targets": {"copilot": {"loads": bool (Copilot lists an agent from the file),
//! "reason" (why not, when it does not), "name", "description", "tools" (as Copilot lists them,
//! before its alias table), "model", "models", "user_invocable", "verdict": null (a file Claude
//! Code loads no agent from) or "whole" | "loses-fields" | "cannot-take", "lost": [keys]}}`.
//! With the target `gemini`, the object of each file Claude Code loads an agent from adds
//! `"targets": {"gemini": {"name", "tools", "model" (as the Gemini export writes them; null =
//! left out), "verdict", "lost": [keys], "reason" (why Gemini cannot take it, else null)}}`.
//!
//! `mentions` and `unresolved_references` are the agent references of the prompt, every place in
//! text order (lines and columns in the file, 1-based; `form` as `ReferenceForm::as_str`:
//! `agent-word`, `list-item`, …), empty for a file Claude Code does not load as an agent.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::catalog::targets::{Target, Verdict, copilot, gemini};
use crate::catalog::{Agent, AgentTarget, Catalog};
use crate::read::{Effort, Status, ToolsReading};

mod metadata;
mod schema;

pub use schema::infer_schema;

/// The JSON objects for every file of the catalog, sorted by path.
pub fn inspect(catalog: &Catalog) -> Vec<Value> {
    let mut objects = inspect_files(catalog);
    if catalog.config.checks(Target::Copilot) {
        let assessments = copilot::assess_catalog(catalog);
        for (object, assessment) in objects.iter_mut().zip(&assessments) {
            object["targets"] = json!({ "copilot": copilot_json(assessment) });
        }
    }
    if catalog.config.checks(Target::Gemini) {
        for (index, agent) in catalog.agents.iter().enumerate() {
            if let (Some(translation), Some(object)) = (
                gemini::translate(catalog, index),
                objects.get_mut(agent.file),
            ) {
                object["targets"]["gemini"] = gemini_json(&translation);
            }
        }
    }
    objects
}

/// What the Gemini export makes of one agent, as `inspect` writes it: `{"name", "tools",
/// "model", "verdict", "lost": [keys], "reason"}` (`reason`: why Gemini cannot take it, else null).
pub fn gemini_json(translation: &gemini::Translation) -> Value {
    let mut value = translation.verdict.to_json();
    value["name"] = json!(translation.agent.name);
    value["tools"] = json!(translation.agent.tools);
    value["model"] = json!(translation.agent.model);
    value
}

/// Copilot's reading of one file, as `inspect` writes it.
pub fn copilot_json(assessment: &copilot::Assessment) -> Value {
    let (verdict, lost) = match &assessment.verdict {
        None => (Value::Null, Vec::new()),
        Some(verdict @ Verdict::LosesFields(keys)) => (json!(verdict.as_str()), keys.clone()),
        Some(verdict) => (json!(verdict.as_str()), Vec::new()),
    };
    match &assessment.reading {
        Ok(agent) => json!({
            "loads": true,
            "name": agent.name,
            "description": agent.description,
            "tools": agent.tools,
            "model": agent.model,
            "models": agent.models,
            "user_invocable": agent.user_invocable,
            "verdict": verdict,
            "lost": lost,
        }),
        Err(skip) => json!({
            "loads": false,
            "reason": skip.reason,
            "verdict": verdict,
            "lost": lost,
        }),
    }
}

/// The objects of every file, without targets.
fn inspect_files(catalog: &Catalog) -> Vec<Value> {
    let prefix = format!("{}/", catalog.display_root);
    catalog
        .files
        .iter()
        .enumerate()
        .map(|(index, file)| {
            // The agent Claude Code loads from this file, if any.
            let agent = catalog.agents.iter().find(|a| a.file == index);
            let (mentions, unresolved) = agent.map_or_else(Default::default, |agent| {
                prompt_references(catalog, agent)
            });
            let diagnostics = diagnostics_of(catalog, file.path());
            let ok = !diagnostics.iter().any(|d| d["severity"] == "error");
            let parsed = file.status != Status::NotLoaded && !file.keys.is_empty();
            let tools = match &file.tools {
                ToolsReading::InheritAll => Value::Null,
                ToolsReading::List(list) => json!(list.iter().map(|t| &t.value).collect::<Vec<_>>()),
            };
            let prompt_sha256 = (file.status != Status::NotLoaded && !matches!(file.yaml, crate::read::YamlStatus::NoFrontmatter | crate::read::YamlStatus::Failed))
                .then(|| Sha256::digest(file.prompt().as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>());
            let effort = file.effort.as_ref().map(|effort| match effort {
                Effort::Level(level) => json!(level),
                Effort::Integer(n) => json!(n),
            });
            let mut object = json!({
                "file": file.path().strip_prefix(&prefix).unwrap_or(file.path()),
                "ok": ok,
                "status": file.status.as_str(),
                "name": file.name.as_ref().map(|n| &n.value),
                "description": file.description.as_ref().map(|d| &d.value),
                "tools": if parsed { tools } else { Value::Null },
                "effective_tools": if parsed { json!(file.effective_tools()) } else { Value::Null },
                "disallowed_tools": file.disallowed_tools.iter().map(|t| &t.value).collect::<Vec<_>>(),
                "model": file.model.as_ref().map(|m| &m.value),
                "color": file.color_written.as_ref().map(|c| &c.value),
                "permission_mode": file.permission_mode(),
                "skills": file.skills.iter().map(|s| &s.value).collect::<Vec<_>>(),
                "max_turns": file.max_turns,
                "effort": effort,
                "memory": file.memory,
                "background": file.background,
                "isolation": file.isolation,
                "initial_prompt": file.initial_prompt,
                "auto_compact_window": file.auto_compact_window,
                "omit_claude_md": file.omit_claude_md,
                "observer": file.observer.as_ref().map(|o| &o.value),
                "observer_message": file.observer_message,
                "observe_subagents": file.observe_subagents,
                "observe_tool_results": file.observe_tool_results,
                "cache_ttl": file.cache_ttl,
                "system_prompt_appends": file.memory.as_ref().map(|_| "persistent-agent-memory"),
                "prompt_sha256": prompt_sha256,
                "diagnostics": diagnostics,
                "mentions": mentions,
                "unresolved_references": unresolved,
                "kind": "agent",
                "qualified_name": agent.map(|a| &a.qualified_name),
                "plugin": agent.and_then(|a| a.pack.as_ref()),
            });
            if let Some(metadata) = metadata::metadata_json(catalog, index) {
                object["metadata"] = metadata;
            }
            object
        })
        .chain(catalog.skill_files.iter().map(|file| skill_json(catalog, file, &prefix)))
        .chain(
            catalog
                .command_files
                .iter()
                .map(|file| skill_json(catalog, file, &prefix)),
        )
        .collect()
}

/// The diagnostics of one file, as inspect writes them.
fn diagnostics_of(catalog: &Catalog, path: &str) -> Vec<Value> {
    catalog
        .diagnostics
        .iter()
        .filter(|d| d.file == path)
        .map(crate::diagnostic::Diagnostic::to_json_brief)
        .collect()
}

/// The `mentions` and `unresolved_references` of `agent`.
fn prompt_references(catalog: &Catalog, agent: &Agent) -> (Vec<Value>, Vec<Value>) {
    let mut mentions = Vec::new();
    let mut unresolved = Vec::new();
    for reference in &agent.prompt_references {
        let (line, column, form) = (
            reference.span.line,
            reference.span.column,
            reference.form.as_str(),
        );
        match &reference.target {
            Some(AgentTarget::Catalog(i)) => mentions.push(json!({
                "agent": catalog.agents[*i].qualified_name,
                "external": false,
                "line": line, "column": column, "form": form,
            })),
            Some(AgentTarget::External(name)) => mentions.push(json!({
                "agent": name,
                "external": true,
                "line": line, "column": column, "form": form,
            })),
            Some(AgentTarget::Broken(i)) => mentions.push(json!({
                "agent": catalog.broken_agents[*i].qualified_name,
                "external": false,
                "line": line, "column": column, "form": form,
            })),
            None => unresolved.push(json!({
                "name": reference.written,
                "line": line, "column": column, "form": form,
                "suggestions": reference.suggestions,
            })),
        }
    }
    (mentions, unresolved)
}

fn skill_json(catalog: &Catalog, file: &crate::read::SkillFile, prefix: &str) -> Value {
    let diagnostics = diagnostics_of(catalog, file.path());
    let ok = !diagnostics.iter().any(|d| d["severity"] == "error");
    let (kind, skills, files) = if file.kind.is_command() {
        ("command", &catalog.command_skills, &catalog.command_files)
    } else {
        ("skill", &catalog.skills, &catalog.skill_files)
    };
    let skill = skills.iter().find(|s| files[s.file].path() == file.path());
    let entries = |list: &[crate::read::Spanned<String>]| {
        list.iter().map(|t| t.value.clone()).collect::<Vec<_>>()
    };
    let effort = file.effort.as_ref().map(|effort| match effort {
        Effort::Level(level) => json!(level),
        Effort::Integer(n) => json!(n),
    });
    json!({
        "kind": kind,
        "file": file.path().strip_prefix(prefix).unwrap_or(file.path()),
        "ok": ok,
        "loaded": file.loaded,
        "name": skill.map_or(file.skill_name(), |s| s.name.as_str()),
        "qualified_name": skill.map(|s| &s.qualified_name),
        "plugin": skill.and_then(|s| s.plugin.as_ref()),
        "folder": file.folder,
        "description": file.description,
        "when_to_use": file.when_to_use,
        "allowed_tools": entries(&file.allowed_tools),
        "disallowed_tools": entries(&file.disallowed_tools),
        "model": file.model.as_ref().map(|m| &m.value),
        "effort": effort,
        "context": if file.fork { "fork" } else { "inline" },
        "agent": file.agent.as_ref().map(|a| &a.value),
        "disable_model_invocation": file.disable_model_invocation,
        "user_invocable": file.user_invocable,
        "argument_hint": file.argument_hint,
        "arguments": file.arguments,
        "paths": file.paths,
        "shell": file.shell,
        "body_sha256": Sha256::digest(file.body.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>(),
        "diagnostics": diagnostics,
    })
}
