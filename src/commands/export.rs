//! `agentgen export`: the catalog as the JSON of `claude --agents`, or written as Claude Code
//! plugins (`--format plugin --out DIR`), or as Gemini CLI agents (`--format gemini --out DIR`).

use std::path::{Path, PathBuf};

use agentgen_compiler::catalog::targets::Target;
use agentgen_compiler::{Catalog, Diagnostic, export};
use clap::{Args, ValueEnum};

use super::team_lead;
use crate::error::{CliError, Outcome};
use crate::options::{CatalogArgs, Locate, shown_as_given};
use crate::output::{eprint_diagnostics, plural, print};

/// `agentgen export`'s options.
#[derive(Args)]
#[command(after_help = "\
Examples:
  agentgen export agents --format claude-agents-json > agents.json
  claude --agents \"$(agentgen export agents)\"
  agentgen export agents --team planner   planner and every agent it hands work to
  agentgen export --layout plugin plugins/reviews    the agents of a plugin, named plugin:name
  agentgen export .claude --format plugin --out dist/team-plugin --plugin-name team
  claude --plugin-dir dist/team-plugin
  agentgen export .claude --format gemini --out .    writes .gemini/agents/<name>.md
  agentgen export .claude/agents --format copilot --out .   writes .github/agents/<name>.agent.md

`--format plugin` writes one plugin per pack or plugin of the catalog, and one named
--plugin-name (default: the catalog's folder name) for the rest; with several, or from a
marketplace, each goes in a folder of its own under --out. A plugin of the catalog is copied
whole (its manifest, hooks/, scripts/, .mcp.json, … byte for byte); other agents keep their
frontmatter lines, rewritten only where a plugin agent reads them otherwise. A marketplace gets
its .claude-plugin/marketplace.json, `source` paths pointing at the written folders. --out must
be empty or absent, or --force given (it is then replaced).

`--format gemini` writes OUT/.gemini/agents/<name>.md for Gemini CLI 0.61.0: names slugged,
tools mapped through its table, models through agentgen.toml `[target.gemini] models`, every
field Gemini does not read dropped — each change a `gemini-…` diagnostic on stderr. An agent
that depends on a tool Gemini lacks is an error (`-A gemini-unmapped-tool` exports it without).
--out is a project: the files an earlier export wrote there (their first frontmatter line says
so) are replaced, hand-written agents beside them kept; --force overwrites one in the way.

`--format copilot` writes OUT/.github/agents/<name>.agent.md for the GitHub Copilot CLI: tools
through its alias table, every field it does not read left out — each loss a `copilot-…`
diagnostic on stderr. An agent that depends on a tool Copilot has no equivalent for is an error
(`-A copilot-unmapped-tool` exports it without). --out as for gemini (OUT/.github/agents).

Shape: {\"name\": {\"description\", \"prompt\", \"tools\"?, \"disallowedTools\"?, \"model\"?, \"color\"?,
\"permissionMode\"?, \"skills\"?, \"maxTurns\"?, \"effort\"?, \"memory\"?, \"background\"?,
\"isolation\"?, \"initialPrompt\"?, \"mcpServers\"?, \"hooks\"?}}. Absent tools = inherit all.
A catalog with errors is not exported (exit 1, diagnostics on stderr).")]
pub struct ExportArgs {
    /// The agents directory (default: the current crate's).
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    #[command(flatten)]
    locate: Locate,
    /// The output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::ClaudeAgentsJson)]
    format: ExportFormat,
    /// With `--format plugin`: the folder to write the plugin (or plugins) to; with
    /// `--format gemini` or `copilot`: the project to write `.gemini/agents/` or
    /// `.github/agents/` in.
    #[arg(long, value_name = "DIR", required_if_eq_any([("format", "plugin"), ("format", "gemini"), ("format", "copilot")]))]
    out: Option<PathBuf>,
    /// With `--format plugin`: the name of the plugin of the agents and skills that are in
    /// no pack or plugin (default: the catalog's folder name).
    #[arg(long, value_name = "NAME")]
    plugin_name: Option<String>,
    /// Only this agent and its team: every agent it can hand work to, directly or through
    /// others (Agent(x) tools, dependencies, collaborators, observer, prompt mentions).
    #[arg(long, value_name = "AGENT")]
    team: Option<String>,
    /// With `--format plugin`: replace `--out` when it is not empty (its files are deleted).
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    catalog: CatalogArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// `{name: {description, prompt, tools?, …}}` for `claude --agents` and the Agent SDK.
    ClaudeAgentsJson,
    /// Claude Code plugin folders (manifest, agents, skills), written to `--out`.
    Plugin,
    /// Gemini CLI agents, written to `--out`/.gemini/agents/<name>.md.
    Gemini,
    /// GitHub Copilot CLI custom agents, `.github/agents/<name>.agent.md` under `--out`.
    Copilot,
}

impl ExportArgs {
    /// Exports the catalog in the chosen format; a catalog with errors is refused (its errors
    /// on stderr).
    pub fn run(self) -> Result<Outcome, CliError> {
        let dir = self.locate.one_dir(self.dir)?;
        match (self.format, self.out) {
            (ExportFormat::ClaudeAgentsJson, None) => {
                export_agents(&dir, self.team.as_deref(), &self.catalog)
            }
            (ExportFormat::ClaudeAgentsJson, Some(_)) => Err(CliError::usage(
                "--out is for `--format plugin`; the JSON goes to stdout",
            )),
            (ExportFormat::Plugin | ExportFormat::Gemini | ExportFormat::Copilot, _)
                if self.team.is_some() =>
            {
                Err(CliError::usage(
                    "--team is for `--format claude-agents-json`",
                ))
            }
            (ExportFormat::Gemini, out) => {
                let Some(out) = out else {
                    return Err(CliError::usage("`--format gemini` needs `--out DIR`"));
                };
                export_gemini(&dir, &out, self.force, &self.catalog)
            }
            (ExportFormat::Copilot, out) => {
                let Some(out) = out else {
                    return Err(CliError::usage("`--format copilot` needs `--out DIR`"));
                };
                export_copilot(&dir, &out, self.force, &self.catalog)
            }
            (ExportFormat::Plugin, out) => {
                let Some(out) = out else {
                    return Err(CliError::usage("`--format plugin` needs `--out DIR`"));
                };
                let target = PluginTarget::check(&dir, out, self.force)?;
                export_plugins(&dir, &target, self.plugin_name.as_deref(), &self.catalog)
            }
        }
    }
}

/// Compiles `dir`; a catalog with errors is refused: its errors go to stderr and the error says
/// nothing was exported.
fn exportable(dir: &Path, args: &CatalogArgs) -> Result<Catalog, CliError> {
    let catalog = args.compile(dir)?;
    // Claude Code's errors refuse every export. The other runtimes' (`gemini-…`, `copilot-…`,
    // there when agentgen.toml names targets) do not: the Copilot and Gemini exports report and
    // refuse on their own translation's, and one runtime's problem never stops another's export.
    let errors: Vec<&Diagnostic> = catalog
        .diagnostics()
        .iter()
        .filter(|d| d.is_error() && Target::of_code(d.code).is_none())
        .collect();
    if !errors.is_empty() {
        eprint_diagnostics(&catalog, errors.iter().copied());
        return Err(CliError::Refused(format!(
            "not exported: {} in {}",
            plural(errors.len(), "error"),
            catalog.display_root()
        )));
    }
    Ok(catalog)
}

/// `--format claude-agents-json`: the catalog (or `team`'s agents) on stdout.
fn export_agents(dir: &Path, team: Option<&str>, args: &CatalogArgs) -> Result<Outcome, CliError> {
    let catalog = exportable(dir, args)?;
    let json = match team {
        None => export::claude_agents_json(&catalog),
        Some(name) => {
            let (_, lead) = team_lead(&[&catalog], name)?;
            export::claude_agents_json_of(&catalog, &catalog.team(lead))
        }
    };
    print(&json, false)
}

/// `--format gemini`: writes `out/.gemini/agents/<name>.md`, the translation's diagnostics on
/// stderr; refused (nothing written) when one is an error. An earlier export's files there are
/// replaced, hand-written ones kept ([`AgentsFolder`]).
fn export_gemini(
    dir: &Path,
    out: &Path,
    force: bool,
    args: &CatalogArgs,
) -> Result<Outcome, CliError> {
    // Where it writes is checked first, before the catalog's diagnostics are shown.
    let target = AgentsFolder::open(out.join(export::gemini::AGENTS_DIR))?;
    let catalog = exportable(dir, args)?;
    let exported = export::gemini::export(&catalog);
    eprint_diagnostics(&catalog, &exported.diagnostics);
    let (whole, loses, cannot) = exported.counts();
    let verdicts = verdict_counts(whole, loses, cannot, &exported.diagnostics);
    if exported.has_errors() {
        let errors = exported.diagnostics.iter().filter(|d| d.is_error()).count();
        return Err(CliError::Refused(format!(
            "not exported: {} for Gemini CLI in {} ({verdicts})",
            plural(errors, "error"),
            catalog.display_root()
        )));
    }
    let paths: Vec<PathBuf> = exported.files.iter().map(|(p, _)| out.join(p)).collect();
    target.replace(&paths, force)?;
    for ((_, text), path) in exported.files.iter().zip(&paths) {
        write_file(path, text.as_bytes())?;
    }
    print(
        &format!(
            "wrote {} to {} for {} ({verdicts})\n",
            plural(exported.files.len(), "agent"),
            shown_as_given(&target.dir),
            agentgen_compiler::registry::gemini::RUNTIME,
        ),
        false,
    )
}

/// Where the Copilot and Gemini exports write: a runtime's agents folder in a project
/// (`.github/agents`, `.gemini/agents`). The files an export wrote before
/// ([`export::is_generated`]) are replaced, so agents renamed or removed since go too;
/// hand-written agents beside them are kept, unless one has the path of a file the export
/// writes (`--force` overwrites it).
struct AgentsFolder {
    dir: PathBuf,
    /// Files of an earlier export.
    generated: Vec<PathBuf>,
}

impl AgentsFolder {
    /// Reads what `dir` holds (nothing when it is absent); an error when it is not a folder.
    fn open(dir: PathBuf) -> Result<AgentsFolder, CliError> {
        let mut generated = Vec::new();
        if dir.exists() {
            let entries = std::fs::read_dir(&dir)
                .map_err(|e| CliError::usage(format_args!("cannot read {}: {e}", dir.display())))?;
            for entry in entries.flatten() {
                let path = entry.path();
                if written_by_an_export(&path) {
                    generated.push(path);
                }
            }
        }
        Ok(AgentsFolder { dir, generated })
    }

    /// Removes the earlier export's files, once no hand-written file is in the way of `paths`
    /// (or `force` is given).
    fn replace(&self, paths: &[PathBuf], force: bool) -> Result<(), CliError> {
        let in_the_way: Vec<String> = paths
            .iter()
            .filter(|path| path.exists() && !self.generated.contains(path))
            .map(|path| path.display().to_string())
            .collect();
        if !in_the_way.is_empty() && !force {
            return Err(CliError::usage(format_args!(
                "{} not written by `agentgen export` would be overwritten: {} (use --force to overwrite)",
                plural(in_the_way.len(), "file"),
                in_the_way.join(", ")
            )));
        }
        for path in &self.generated {
            std::fs::remove_file(path).map_err(|e| {
                CliError::usage(format_args!("cannot replace {}: {e}", path.display()))
            })?;
        }
        Ok(())
    }
}

/// Whether the file at `path` opens as an export's files do ([`export::is_generated`]): only
/// its first line or two are read, not the whole file.
fn written_by_an_export(path: &Path) -> bool {
    let head_len = export::GENERATED_LINE.len() as u64 + 8;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| {
            std::io::Read::read_to_end(&mut std::io::Read::take(file, head_len), &mut head)
        })
        .is_ok_and(|_| export::is_generated(&String::from_utf8_lossy(&head)))
}

/// Where `--format plugin` writes: `--out`, and whether it holds files that `--force` replaces.
struct PluginTarget {
    out: PathBuf,
    occupied: bool,
}

impl PluginTarget {
    /// Empties the folder when it holds files (`--force` was given): it is then written anew.
    fn clear(&self) -> Result<(), CliError> {
        if self.occupied
            && let Err(e) = std::fs::remove_dir_all(&self.out)
        {
            return Err(CliError::usage(format_args!(
                "cannot replace {}: {e}",
                self.out.display()
            )));
        }
        Ok(())
    }

    /// `out` must be empty or absent, or `force` given: then it is replaced, unless it is the
    /// catalog's folder `dir` or holds it.
    fn check(dir: &Path, out: PathBuf, force: bool) -> Result<PluginTarget, CliError> {
        let occupied = out.exists()
            && std::fs::read_dir(&out).map_or(true, |mut entries| entries.next().is_some());
        if occupied && !force {
            return Err(CliError::usage(format_args!(
                "{} exists and is not an empty folder (use --force to replace it)",
                out.display()
            )));
        }
        if occupied && !out.is_dir() {
            return Err(CliError::usage(format_args!(
                "{} exists and is not a folder",
                out.display()
            )));
        }
        if occupied {
            let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
            if canonical(dir).starts_with(canonical(&out)) {
                return Err(CliError::usage(format_args!(
                    "--force would delete {}, which holds the catalog {}: choose another --out",
                    out.display(),
                    dir.display()
                )));
            }
        }
        Ok(PluginTarget { out, occupied })
    }
}

/// `export --format plugin`: writes the catalog's plugins under the target's folder (a
/// marketplace's `marketplace.json` too), and says on stdout what it wrote.
fn export_plugins(
    dir: &Path,
    target: &PluginTarget,
    plugin_name: Option<&str>,
    args: &CatalogArgs,
) -> Result<Outcome, CliError> {
    let out = target.out.as_path();
    let catalog = exportable(dir, args)?;
    let default_name = plugin_name
        .map(str::to_owned)
        .unwrap_or_else(|| match catalog.plugins() {
            [only] => only.name.clone(),
            _ => catalog_folder_name(dir),
        });
    let options = export::plugin::Options {
        default_name,
        skip: vec![out.to_path_buf()],
    };
    let exported = export::plugin::plugins(&catalog, &options)?;
    if exported.plugins.is_empty() {
        return Err(CliError::usage(format_args!(
            "{} has no agent and no skill to export",
            catalog.display_root()
        )));
    }
    target.clear()?;
    let mut report = String::new();
    for plugin in &exported.plugins {
        let root = out.join(&plugin.folder);
        for (relative, bytes) in &plugin.files {
            write_file(&root.join(relative), bytes)?;
            if plugin.executables.contains(relative)
                && let Err(e) = make_executable(&root.join(relative))
            {
                return Err(CliError::usage(format_args!(
                    "cannot make {} executable: {e}",
                    root.join(relative).display()
                )));
            }
        }
        for note in &plugin.notes {
            eprintln!("note: {note}");
        }
        report.push_str(&format!(
            "wrote the plugin `{}` to {} ({})\n",
            plugin.name,
            shown_as_given(&root),
            plural(plugin.files.len(), "file")
        ));
    }
    if let Some(bytes) = &exported.marketplace {
        let path = out.join(".claude-plugin/marketplace.json");
        write_file(&path, bytes)?;
        report.push_str(&format!(
            "wrote the marketplace's manifest to {} ({})\n",
            shown_as_given(&path),
            plural(exported.plugins.len(), "plugin")
        ));
    }
    print(&report, false)
}

/// `export --format copilot`: writes `.github/agents/<name>.agent.md` per agent under the
/// target's folder, the translation's diagnostics on stderr (an error among them refuses the
/// export), and says on stdout what it wrote.
fn export_copilot(
    dir: &Path,
    out: &Path,
    force: bool,
    args: &CatalogArgs,
) -> Result<Outcome, CliError> {
    // As for Gemini: `--out` is a project; only its `.github/agents` must be empty or replaced,
    // and that is checked first, before the catalog's diagnostics are shown.
    let target = AgentsFolder::open(out.join(agentgen_compiler::registry::copilot::EXPORT_DIR))?;
    let catalog = exportable(dir, args)?;
    let (files, verdicts, diagnostics) = export::copilot::copilot_export(&catalog);
    eprint_diagnostics(&catalog, diagnostics.iter());
    let count = |kind: &str| verdicts.iter().filter(|v| v.as_str() == kind).count();
    let counts = verdict_counts(
        count("whole"),
        count("loses-fields"),
        count("cannot-take"),
        &diagnostics,
    );
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        return Err(CliError::Refused(format!(
            "not exported: {} for {} in {} ({counts})",
            plural(errors, "error"),
            agentgen_compiler::registry::copilot::RUNTIME,
            catalog.display_root()
        )));
    }
    if files.is_empty() {
        return Err(CliError::usage(format_args!(
            "{} has no agent to export",
            catalog.display_root()
        )));
    }
    let paths: Vec<PathBuf> = files.iter().map(|f| out.join(&f.path)).collect();
    target.replace(&paths, force)?;
    for (file, path) in files.iter().zip(&paths) {
        write_file(path, file.text.as_bytes())?;
    }
    // Agents it cannot take are written only when `copilot-unmapped-tool` is allowed or warned.
    print(
        &format!(
            "wrote {} to {} for {} ({counts})\n",
            plural(files.len(), "agent"),
            shown_as_given(&target.dir),
            agentgen_compiler::registry::copilot::RUNTIME,
        ),
        false,
    )
}

/// The verdict counts both exports end with: `W whole, L losing a field, C that it cannot
/// take; N warnings`.
fn verdict_counts(whole: usize, loses: usize, cannot: usize, diagnostics: &[Diagnostic]) -> String {
    let warnings = diagnostics.iter().filter(|d| !d.is_error()).count();
    format!(
        "{whole} whole, {loses} losing a field, {cannot} that it cannot take; {}",
        plural(warnings, "warning")
    )
}

/// Writes `bytes` to `path`, creating its folders.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    path.parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(path, bytes))
        .map_err(|e| CliError::usage(format_args!("cannot write {}: {e}", path.display())))
}

/// Sets the execute bits of a written file (a plugin's script was executable where it came
/// from); nothing to do outside Unix.
fn make_executable(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut permissions = std::fs::metadata(path)?.permissions();
        permissions.set_mode(permissions.mode() | 0o111);
        std::fs::set_permissions(path, permissions)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// The name of a catalog's folder for its plugin: the folder's own name, or for a `.claude`
/// folder (or its `agents/`) the project's.
fn catalog_folder_name(dir: &Path) -> String {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut names = canonical
        .ancestors()
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    let mut name = names.next().unwrap_or_default();
    while name == ".claude" || name == "agents" {
        match names.next() {
            Some(parent) => name = parent,
            None => break,
        }
    }
    name.trim_start_matches('.').replace(' ', "-")
}
