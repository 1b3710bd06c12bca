//! `agentgen new NAME`: a new agent file ([`crate::scaffold`]), written only when the catalog it
//! joins reads it without an error.

use std::path::{Path, PathBuf};

use agentgen_compiler::{Catalog, Code, Config, Diagnostic, Project};
use clap::Args;

use crate::error::{CliError, Outcome};
use crate::locate;
use crate::options::{Locate, current_dir, shown_as_given};
use crate::output::{eprint_diagnostics, print};
use crate::scaffold::{self, Scaffold};

/// `agentgen new`'s options.
#[derive(Args)]
#[command(after_help = "\
Examples:
  agentgen new code-reviewer                 in the current crate's agents folder, from any subfolder
  agentgen new code-reviewer --dir .claude/agents --tools Read,Grep,Glob --model sonnet --color blue
  agentgen new test-writer --description \"Use this agent after code changes to write tests\"

The new file is checked with the catalog it joins (its agentgen.toml, its other agents) and is
written only when that gives no error. Keys the catalog's [metadata] schema requires are filled
with a value of their type (an enum's first value) and a comment to edit it. Without
--description, the placeholder description is a `placeholder-description` warning until edited.")]
pub struct NewArgs {
    /// The agent's name: lower-case letters, digits and hyphens (`code-reviewer`).
    name: String,
    /// The folder to create NAME.md in (default: the agents folder of the current crate's
    /// catalog, as `check` finds it; `agents/` in a crate without one, `.claude/agents/`
    /// outside any crate).
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    #[command(flatten)]
    locate: Locate,
    /// When Claude should delegate to the agent.
    #[arg(long)]
    description: Option<String>,
    /// Tools, comma-separated (absent = inherit all).
    #[arg(long)]
    tools: Option<String>,
    /// Model alias (sonnet, opus, haiku, inherit) or a full model id.
    #[arg(long)]
    model: Option<String>,
    /// One of red, blue, green, yellow, purple, orange, pink, cyan.
    #[arg(long)]
    color: Option<String>,
    /// Overwrite an existing file.
    #[arg(long)]
    force: bool,
}

/// Where the new file goes: its folder, the catalog it joins, and that catalog's project when
/// it was already opened to find the folder.
struct Destination {
    folder: PathBuf,
    catalog_dir: PathBuf,
    opened: Option<Project>,
}

impl NewArgs {
    /// Writes the file, checks it with its catalog (its diagnostics on stderr) and keeps it only
    /// without an error; says on stdout what to edit next.
    pub fn run(self) -> Result<Outcome, CliError> {
        if let Some(problem) = scaffold::name_problem(&self.name) {
            return Err(CliError::usage(format_args!(
                "invalid agent name `{}`: {problem}",
                self.name
            )));
        }
        let file_name = format!("{}.md", self.name);
        let destination = Destination::find(self.dir, &self.locate, &file_name)?;
        let path = destination.folder.join(&file_name);
        if path.exists() && !self.force {
            return Err(CliError::usage(format_args!(
                "{} exists (use --force to overwrite)",
                path.display()
            )));
        }
        let previous = path.exists().then(|| std::fs::read(&path).ok()).flatten();
        std::fs::create_dir_all(&destination.folder).map_err(|e| {
            CliError::usage(format_args!(
                "cannot create {}: {e}",
                destination.folder.display()
            ))
        })?;
        let catalog_dir = destination.catalog_dir;
        let project = destination.opened.unwrap_or_else(|| {
            Project::open(
                &catalog_dir,
                &shown_as_given(&catalog_dir),
                &Config::default(),
            )
        });
        let mut agent = Scaffold {
            name: self.name,
            description: self.description,
            tools: self.tools,
            model: self.model,
            color: self.color,
            metadata: Vec::new(),
        };
        if let Some(schema) = &project.config().metadata {
            agent.metadata = scaffold::metadata_lines(schema);
        }
        write(&path, agent.render().as_bytes())?;
        // Check the new file with the catalog it joins, as `agentgen check` and the build will.
        let described = project.describe();
        let catalog = project.compile();
        let mine = diagnostics_of_file(&catalog, &catalog_dir, &path);
        eprint_diagnostics(&catalog, mine.iter().copied());
        if mine.iter().any(|d| d.is_error()) {
            restore(&path, previous);
            return Err(CliError::Refused(
                "not written: fix the options above".to_owned(),
            ));
        }
        let mut out = format!("created {} in catalog {described}\n", shown_as_given(&path));
        if mine.iter().any(|d| d.code == Code::PlaceholderDescription) {
            out.push_str(
                "edit its description (when Claude should delegate to it): until then `agentgen check` warns (placeholder-description)\n",
            );
        }
        if !agent.metadata.is_empty() {
            out.push_str("edit the values of the [metadata] keys marked `# edit`\n");
        }
        if let Some(note) = rebuild_note(&catalog_dir) {
            out.push_str(&note);
        }
        print(&out, false)
    }
}

impl Destination {
    /// `--dir` (the catalog is the one the new file would belong to), or the default:
    /// [`Destination::of_project`].
    fn find(
        dir: Option<PathBuf>,
        locate: &Locate,
        file_name: &str,
    ) -> Result<Destination, CliError> {
        let Some(dir) = dir else {
            return Destination::of_project(locate);
        };
        if locate.manifest_path.is_some() {
            return Err(CliError::usage(
                "--manifest-path is only used without --dir",
            ));
        }
        let catalog_dir = if dir.is_dir() {
            locate::catalog_dir_of(&dir.join(file_name))
        } else {
            dir.clone()
        };
        Ok(Destination {
            folder: dir,
            catalog_dir,
            opened: None,
        })
    }

    /// The agents folder of the current crate's catalog, found as `check` finds it; without a
    /// catalog, `agents/` in the crate root or `.claude/agents/` outside a crate.
    fn of_project(locate: &Locate) -> Result<Destination, CliError> {
        let cwd = current_dir()?;
        if let Ok(catalog_dir) = locate::agents_dir(locate.manifest_path.as_deref(), &cwd) {
            let project = Project::open(
                &catalog_dir,
                &shown_as_given(&catalog_dir),
                &Config::default(),
            );
            let Some((folder, _)) = project.agents_folder() else {
                return Err(CliError::usage(format_args!(
                    "{} is a {} of several plugins: say which plugin's agents folder with --dir",
                    shown_as_given(&catalog_dir),
                    project.layout
                )));
            };
            return Ok(Destination {
                folder,
                catalog_dir,
                opened: Some(project),
            });
        }
        let (root, manifest) =
            locate::crate_root(locate.manifest_path.as_deref(), &cwd).map_err(CliError::Usage)?;
        let folder = if manifest.is_some() {
            root.join("agents")
        } else {
            root.join(".claude/agents")
        };
        Ok(Destination {
            folder: folder.clone(),
            catalog_dir: folder,
            opened: None,
        })
    }
}

/// Writes the new file atomically, or the I/O error.
fn write(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    agentgen_compiler::fix::write_atomically(path, bytes)
        .map_err(|e| CliError::usage(format_args!("cannot write {}: {e}", path.display())))
}

/// Puts back the file that was at `path` before `new` wrote it (`previous`), or removes the new
/// one; a failure is said on stderr.
fn restore(path: &Path, previous: Option<Vec<u8>>) {
    let restored = match previous {
        Some(bytes) => agentgen_compiler::fix::write_atomically(path, &bytes),
        None => std::fs::remove_file(path),
    };
    if let Err(e) = restored {
        eprintln!("error: cannot remove {}: {e}", path.display());
    }
}

/// The diagnostics of `catalog` (compiled from `catalog_dir`) in the file at `path`.
fn diagnostics_of_file<'a>(
    catalog: &'a Catalog,
    catalog_dir: &Path,
    path: &Path,
) -> Vec<&'a Diagnostic> {
    let canonical = path.canonicalize().ok();
    let is_the_file = |display: &str| {
        let file = catalog_dir.join(
            display
                .strip_prefix(catalog.display_root())
                .unwrap_or(display)
                .trim_start_matches('/'),
        );
        canonical.is_some() && file.canonicalize().ok() == canonical
    };
    catalog
        .diagnostics()
        .iter()
        .filter(|d| is_the_file(&d.file))
        .collect()
}

/// After `new`: a crate whose build script does not watch the catalog folder compiles the old
/// catalog until a source file changes (`include_agents!` cannot see added files on stable
/// Rust). `None` when the crate's build.rs mentions agentgen (the one-line `rerun_if_changed`
/// or the build API, which prints its own) or there is no crate.
fn rebuild_note(catalog_dir: &Path) -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let (root, manifest) = locate::crate_root(None, &cwd).ok()?;
    manifest?;
    let build_script =
        std::fs::read_to_string(cwd.join(&root).join("build.rs")).unwrap_or_default();
    if build_script.contains("agentgen") {
        return None;
    }
    let inside = cwd
        .join(catalog_dir)
        .canonicalize()
        .ok()?
        .strip_prefix(cwd.join(&root).canonicalize().ok()?)
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    Some(format!(
        "note: cargo sees a new agent file only through a build script: add `fn main() {{ agentgen::rerun_if_changed(\"{inside}\"); }}` as build.rs (README), or touch src/main.rs before `cargo build`\n"
    ))
}
