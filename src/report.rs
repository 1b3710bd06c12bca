//! `agentgen check` output formats: rustc-style text (with its summary by lint), short lines,
//! JSON lines, and SARIF 2.1.0.
//!
//! # `--format json`
//!
//! One JSON object per line. Each diagnostic is
//!
//! ```json
//! {"type": "diagnostic", "severity": "error" | "warning", "code": "unknown-tool",
//!  "message": "…", "file": "agents/x.md" (relative, `/`-separated; "" for catalog-wide),
//!  "line": 4, "column": 8, "end_line": 4, "end_column": 13 (1-based, columns in characters;
//!  null without a place), "label": "…" | null, "help": "…" | null, "notes": ["…"],
//!  "related": [{"file", "line", "column", "message"}], "rendered": "error[unknown-tool]: …"}
//! ```
//!
//! and the last line is `{"type": "summary", "errors": 0, "warnings": 4, "files": 12,
//! "agent_files": 11, "skill_files": 0, "command_files": 0, "plugin_manifests": 0,
//! "marketplace_manifests": 0, "config_files": 1}` (`files` is the sum of the other counts: [`FileCounts`]).
//! Field names are stable; new fields may be added.
//!
//! # `--format short` and the summary by lint
//!
//! [`short_line`]: one line per diagnostic, `file:line:col: level[code]: message`.
//! [`lint_summary`]: the counts per lint and the busiest files that end a human report longer
//! than [`SUMMARY_AFTER_LINES`].
//!
//! # `--format sarif`
//!
//! One SARIF 2.1.0 log (the format GitHub code scanning uploads): a rule per diagnostic code with
//! its help text, one result per diagnostic with a physical location (the file and a region: the
//! diagnostic's place, or line 1 for a problem of a whole file), related locations, and
//! `columnKind: unicodeCodePoints` (agentgen counts columns in characters).
//!
//! File locations are relative to the root of the git repository that holds the current
//! directory (`git rev-parse --show-toplevel`; the current directory itself outside git or
//! without git), with `uriBaseId: "%SRCROOT%"`, and the run's `originalUriBaseIds` says where
//! `%SRCROOT%` is (`file:///…/`): code scanning places a finding in `crates/app/agents/x.md`
//! whether `agentgen check` ran in the repository root or in `crates/app`. A file outside the
//! root gets an absolute `file://` URI. URIs are percent-encoded (a space is `%20`).

use std::path::{Component, Path, PathBuf};

use agentgen_compiler::diagnostic::Span;
use agentgen_compiler::source::SourceFile;
use agentgen_compiler::{Catalog, Code, Diagnostic, LintLevel, Severity};
use serde_json::{Value, json};

use crate::output::plural;

/// The SARIF schema the log declares.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF rule of a code: id, name, descriptions, help and default level.
fn sarif_rule(code: Code) -> Value {
    let level = match code.default_level() {
        LintLevel::Deny => "error",
        LintLevel::Warn => "warning",
        LintLevel::Allow => "none",
    };
    let configurable = if !code.is_lint() {
        "Always an error: Claude Code skips, rejects or drops something here."
    } else {
        "A lint: set its level in agentgen.toml `[lints]` or with `-A`/`-W`/`-D` on the command line."
    };
    let summary = code.summary();
    json!({
        "id": code.as_str(),
        "name": upper_camel(code.as_str()),
        "shortDescription": { "text": summary },
        "fullDescription": { "text": summary },
        "help": {
            "text": format!("{summary}\n\n{configurable}"),
            "markdown": format!("**{}**: {summary}\n\n{configurable}", code.as_str()),
        },
        "defaultConfiguration": { "level": level },
    })
}

fn upper_camel(kebab: &str) -> String {
    kebab
        .split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// Where the SARIF log's file locations are relative to (see the module docs).
#[derive(Debug, Clone)]
pub struct SarifRoot {
    /// The directory paths are shown relative to (the current directory), absolute.
    cwd: PathBuf,
    /// The root `%SRCROOT%` stands for, absolute.
    root: PathBuf,
}

impl SarifRoot {
    /// The repository root around `cwd` (an absolute path), or `cwd` outside git.
    pub fn find(cwd: &Path) -> SarifRoot {
        let cwd = cwd.canonicalize().unwrap_or_else(|_| cwd.to_path_buf());
        let top = std::process::Command::new("git")
            .args(["rev-parse", "--show-toplevel"])
            .current_dir(&cwd)
            .output()
            .ok()
            .filter(|output| output.status.success())
            .and_then(|output| String::from_utf8(output.stdout).ok())
            .map(|text| PathBuf::from(text.trim_end_matches(['\n', '\r'])))
            .filter(|top| top.is_absolute());
        let root = top
            .map(|top| top.canonicalize().unwrap_or(top))
            .unwrap_or_else(|| cwd.clone());
        SarifRoot { cwd, root }
    }

    /// `%SRCROOT%`'s URI: `file:///…/`, ending with a slash.
    fn root_uri(&self) -> String {
        let mut uri = file_uri(&self.root);
        if !uri.ends_with('/') {
            uri.push('/');
        }
        uri
    }

    /// The artifact location of a file shown as `display` (relative to the current directory,
    /// or absolute).
    fn artifact_location(&self, display: &str) -> Value {
        let path = self.cwd.join(display);
        let path = path.canonicalize().unwrap_or_else(|_| normalize(&path));
        match path.strip_prefix(&self.root) {
            Ok(relative) => {
                let relative = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                json!({ "uri": percent_encode(&relative), "uriBaseId": "%SRCROOT%" })
            }
            Err(_) => json!({ "uri": file_uri(&path) }),
        }
    }
}

/// `path` without `.` and with `..` applied (no file system access).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The `file://` URI of an absolute path (`file:///C:/x` on Windows).
fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let text = text.strip_prefix("//?/").unwrap_or(&text);
    if text.starts_with('/') {
        format!("file://{}", percent_encode(text))
    } else {
        format!("file:///{}", percent_encode(text))
    }
}

/// Percent-encodes what may not stand in a URI's path (RFC 3986: unreserved characters,
/// sub-delimiters, `:`, `@` and `/` stay).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn sarif_location(
    root: &SarifRoot,
    file: &str,
    span: Option<&Span>,
    source: Option<&SourceFile>,
) -> Value {
    let mut physical = json!({
        "artifactLocation": root.artifact_location(file),
    });
    physical["region"] = match span {
        Some(span) => {
            let (end_line, end_column) = span.end(source);
            json!({
                "startLine": span.line,
                "startColumn": span.column,
                "endLine": end_line,
                "endColumn": end_column,
            })
        }
        // A problem of the whole file: GitHub code scanning wants a line, so the first one.
        None => json!({ "startLine": 1 }),
    };
    json!({ "physicalLocation": physical })
}

/// The SARIF 2.1.0 log for the diagnostics of `catalogs`, with file locations relative to
/// `root`.
pub fn sarif(catalogs: &[Catalog], root: &SarifRoot) -> Value {
    let rules: Vec<Value> = Code::ALL.iter().map(|&code| sarif_rule(code)).collect();
    let mut results = Vec::new();
    for catalog in catalogs {
        let sources = catalog.sources_by_path();
        for diagnostic in catalog.diagnostics() {
            let source = sources.get(&diagnostic.file);
            // A catalog-wide diagnostic is placed on the agents directory.
            let file = if diagnostic.file.is_empty() {
                catalog.display_root()
            } else {
                diagnostic.file.as_str()
            };
            let mut text = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let related: Vec<Value> = diagnostic
                .related
                .iter()
                .enumerate()
                .map(|(id, r)| {
                    let mut location =
                        sarif_location(root, &r.file, r.span.as_ref(), sources.get(&r.file));
                    location["id"] = json!(id);
                    location["message"] = json!({ "text": r.message });
                    location
                })
                .collect();
            let rule_index = Code::ALL.iter().position(|&c| c == diagnostic.code);
            let mut result = json!({
                "ruleId": diagnostic.code.as_str(),
                "ruleIndex": rule_index,
                "level": match diagnostic.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                "message": { "text": text },
                "locations": [sarif_location(root, file, diagnostic.span.as_ref(), source)],
            });
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            results.push(result);
        }
    }
    let mut driver = json!({
        "name": "agentgen",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    // `informationUri` must be an absolute URI; the package has no repository address yet.
    let repository = env!("CARGO_PKG_REPOSITORY");
    if repository.starts_with("https://") {
        driver["informationUri"] = json!(repository);
    }
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "originalUriBaseIds": {
                "%SRCROOT%": {
                    "uri": root.root_uri(),
                    "description": { "text": "The root of the repository that was checked." },
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog_with(diagnostics: Vec<Diagnostic>) -> Catalog {
        agentgen_compiler::catalog::compile(
            agentgen_compiler::catalog::Input {
                diagnostics,
                ..agentgen_compiler::catalog::Input::files("agents", Vec::new())
            },
            agentgen_compiler::Config::default(),
        )
    }

    #[test]
    fn short_lines_place_whole_files_and_the_catalog_without_line_and_column() {
        let whole_file = Diagnostic::new(Code::UnknownKey, "agents/a.md", "first\nsecond");
        let catalog_wide = Diagnostic::new(Code::UnknownTool, "", "everywhere");
        let catalog = catalog_with(vec![whole_file.clone(), catalog_wide.clone()]);
        assert_eq!(
            short_line(&catalog, &whole_file),
            "agents/a.md: warning[unknown-key]: first second"
        );
        assert_eq!(
            short_line(&catalog, &catalog_wide),
            "agents: error[unknown-tool]: everywhere"
        );
    }

    #[test]
    fn the_lint_summary_sorts_by_count_then_code_and_lists_files_only_when_several() {
        let d = |code: Code, file: &str| Diagnostic::new(code, file, "m");
        let catalog = catalog_with(vec![
            d(Code::UnknownTool, "agents/a.md"),
            d(Code::RetiredTool, "agents/a.md"),
            d(Code::UnknownKey, "agents/b.md"),
            d(Code::UnknownTool, "agents/b.md"),
        ]);
        assert_eq!(
            lint_summary(std::slice::from_ref(&catalog)),
            "summary by lint:\n     2 error   unknown-tool\n     1 warning retired-tool\n     \
             1 warning unknown-key\nfiles with the most diagnostics:\n     2 agents/a.md\n     \
             2 agents/b.md\n"
        );
        let one_file = catalog_with(vec![d(Code::UnknownTool, "agents/a.md")]);
        assert_eq!(
            lint_summary(&[one_file]),
            "summary by lint:\n     1 error   unknown-tool\n"
        );
    }

    #[test]
    fn sarif_uris_are_relative_to_the_root_and_encoded() {
        let root = SarifRoot {
            cwd: PathBuf::from("/repo/crates/app"),
            root: PathBuf::from("/repo"),
        };
        assert_eq!(
            root.artifact_location("../../agents/x.md"),
            json!({ "uri": "agents/x.md", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            root.artifact_location("my agents/a b.md")["uri"],
            "crates/app/my%20agents/a%20b.md"
        );
        assert_eq!(
            root.artifact_location("/elsewhere/x.md"),
            json!({ "uri": "file:///elsewhere/x.md" })
        );
        assert_eq!(root.root_uri(), "file:///repo/");
        assert_eq!(percent_encode("a%b#c?d[e]ü"), "a%25b%23c%3Fd%5Be%5D%C3%BC");
    }

    #[test]
    fn rule_names_are_upper_camel_case() {
        assert_eq!(upper_camel("unknown-tool"), "UnknownTool");
        assert_eq!(upper_camel("yaml-fallback"), "YamlFallback");
    }

    #[test]
    fn every_code_has_a_rule_with_help() {
        for &code in Code::ALL {
            let rule = sarif_rule(code);
            assert_eq!(rule["id"], code.as_str());
            let help = rule["help"]["text"].as_str().unwrap_or_default();
            assert!(help.len() > 40, "{code}: {help}");
        }
    }
}

/// How many files of each kind the catalogs read: the "in N files" of `check`'s last line and
/// the counts of its JSON summary.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FileCounts {
    /// Agent files (`*.md` read as agents, whether Claude Code loads them or not).
    pub agents: usize,
    /// Skill files (`SKILL.md`).
    pub skills: usize,
    /// Command files (`commands/**/*.md` of a `.claude` project or a plugin).
    pub commands: usize,
    /// Plugin manifests (`.claude-plugin/plugin.json`).
    pub plugin_manifests: usize,
    /// Marketplace manifests (`.claude-plugin/marketplace.json`).
    pub marketplace_manifests: usize,
    /// `agentgen.toml` files read.
    pub configs: usize,
}

impl FileCounts {
    /// The counts of the files `catalog` read.
    pub fn of(catalog: &Catalog) -> FileCounts {
        let marketplaces = catalog
            .manifests()
            .iter()
            .filter(|m| m.display_path.ends_with("marketplace.json"))
            .count();
        FileCounts {
            agents: catalog.files().len(),
            skills: catalog.skill_files().len(),
            commands: catalog.commands().len(),
            plugin_manifests: catalog.manifests().len() - marketplaces,
            marketplace_manifests: marketplaces,
            configs: usize::from(catalog.config_source().is_some()),
        }
    }

    /// The sum with `other`'s counts.
    pub fn add(self, other: FileCounts) -> FileCounts {
        FileCounts {
            agents: self.agents + other.agents,
            skills: self.skills + other.skills,
            commands: self.commands + other.commands,
            plugin_manifests: self.plugin_manifests + other.plugin_manifests,
            marketplace_manifests: self.marketplace_manifests + other.marketplace_manifests,
            configs: self.configs + other.configs,
        }
    }

    /// Every file counted.
    pub fn total(&self) -> usize {
        self.agents
            + self.skills
            + self.commands
            + self.plugin_manifests
            + self.marketplace_manifests
            + self.configs
    }

    /// `160 files (158 agents, 2 skills)`, `25 files (24 agents, agentgen.toml)`: the kinds
    /// that are present, agents always.
    pub fn describe(&self) -> String {
        let mut kinds = vec![plural(self.agents, "agent")];
        if self.skills > 0 {
            kinds.push(plural(self.skills, "skill"));
        }
        if self.commands > 0 {
            kinds.push(plural(self.commands, "command"));
        }
        if self.plugin_manifests > 0 {
            kinds.push(plural(self.plugin_manifests, "plugin manifest"));
        }
        if self.marketplace_manifests > 0 {
            kinds.push(plural(self.marketplace_manifests, "marketplace manifest"));
        }
        match self.configs {
            0 => {}
            1 => kinds.push("agentgen.toml".to_owned()),
            n => kinds.push(format!("{n} agentgen.toml")),
        }
        format!("{} ({})", plural(self.total(), "file"), kinds.join(", "))
    }
}

/// The file a diagnostic is shown at: its own, or for a catalog-wide one the catalog's root.
fn shown_file<'a>(catalog: &'a Catalog, diagnostic: &'a Diagnostic) -> &'a str {
    if diagnostic.file.is_empty() {
        catalog.display_root()
    } else {
        &diagnostic.file
    }
}

/// One diagnostic on one line, as gcc and ripgrep print places:
/// `file:line:col: level[code]: message`, or `file: level[code]: message` for a problem of a
/// whole file (a catalog-wide one is placed on the catalog's root). Line breaks in the message
/// become spaces.
pub fn short_line(catalog: &Catalog, diagnostic: &Diagnostic) -> String {
    let place = match &diagnostic.span {
        Some(span) => format!(
            "{}:{}:{}",
            shown_file(catalog, diagnostic),
            span.line,
            span.column
        ),
        None => shown_file(catalog, diagnostic).to_owned(),
    };
    format!(
        "{place}: {}[{}]: {}",
        diagnostic.severity.as_str(),
        diagnostic.code.as_str(),
        diagnostic.message.replace('\n', " ")
    )
}

/// How many lines of rendered diagnostics make `check` add [`lint_summary`]: more than a
/// screenful (a terminal of 50 lines has scrolled the first ones away).
pub const SUMMARY_AFTER_LINES: usize = 50;

/// How many files [`lint_summary`] lists under "files with the most diagnostics".
pub const SUMMARY_FILES: usize = 5;

/// The summary by lint that ends a long `check` report: per code and level, the number of
/// diagnostics, most first (ties by code); then, when the diagnostics are in more than one
/// file, the [`SUMMARY_FILES`] files with the most (ties by path).
///
/// ```text
/// summary by lint:
///     51 warning unknown-agent-in-prompt
///      8 error   unknown-tool
/// files with the most diagnostics:
///      4 agents/x.md
/// ```
pub fn lint_summary(catalogs: &[Catalog]) -> String {
    let mut by_lint: Vec<((Severity, Code), usize)> = Vec::new();
    let mut by_file: Vec<(&str, usize)> = Vec::new();
    for catalog in catalogs {
        for diagnostic in catalog.diagnostics() {
            let key = (diagnostic.severity, diagnostic.code);
            match by_lint.iter_mut().find(|(k, _)| *k == key) {
                Some((_, count)) => *count += 1,
                None => by_lint.push((key, 1)),
            }
            let file = shown_file(catalog, diagnostic);
            match by_file.iter_mut().find(|(f, _)| *f == file) {
                Some((_, count)) => *count += 1,
                None => by_file.push((file, 1)),
            }
        }
    }
    by_lint.sort_by(|((sa, ca), na), ((sb, cb), nb)| {
        nb.cmp(na)
            .then_with(|| ca.as_str().cmp(cb.as_str()))
            .then_with(|| sa.as_str().cmp(sb.as_str()))
    });
    by_file.sort_by(|(fa, na), (fb, nb)| nb.cmp(na).then_with(|| fa.cmp(fb)));
    let width = by_lint
        .first()
        .map_or(1, |(_, count)| count.to_string().len())
        .max(4);
    let mut out = String::from("summary by lint:\n");
    for ((severity, code), count) in &by_lint {
        out.push_str(&format!(
            "  {count:>width$} {:<7} {}\n",
            severity.as_str(),
            code.as_str()
        ));
    }
    if by_file.len() > 1 {
        out.push_str("files with the most diagnostics:\n");
        for (file, count) in by_file.iter().take(SUMMARY_FILES) {
            out.push_str(&format!("  {count:>width$} {file}\n"));
        }
    }
    out
}
