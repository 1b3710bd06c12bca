//! The build-script API, in the style of prost-build: a small [`Builder`] with options and
//! [`Builder::compile_or_exit`] (or [`Builder::compile`]), which writes `$OUT_DIR/agents.rs` for
//! `include!(concat!(env!("OUT_DIR"), "/agents.rs"))`.
//!
//! ```no_run
//! // build.rs, in `fn main()`
//! agentgen_compiler::build::Builder::new().compile_or_exit("agents");
//! ```
//!
//! When the agents have errors, [`Builder::compile_or_exit`] prints every diagnostic to stderr
//! as `agentgen check` renders it (`error[code]: message`, `--> file:line:col`, the source line
//! with a caret, notes, `help:`) and exits with status 1; cargo shows that text under
//! `--- stderr` and nothing else of the script's. [`Builder::compile`] returns the same text in
//! its [`Error`] instead (its `Display` and `Debug`), so `?` in a
//! `fn main() -> Result<(), Box<dyn Error>>` prints it too, after Rust's `Error: `.
//!
//! [`Builder::compile_default`] compiles the crate's catalog as `include_agents!()` finds it (the
//! package's or the workspace's `[….metadata.agentgen] dir`, else `agents/`, else `.claude/`).
//! A folder outside the crate is refused unless [`Builder::allow_outside_crate`] or the
//! workspace's setting names it, as in the macro; paths in messages are relative to the
//! workspace root, where cargo has rustc print its own.
//!
//! On success, each warning is printed for cargo as one `cargo::warning=` line
//! (`[code] message --> file:line:col (help: …)`; cargo cuts a message at a newline), and
//! `cargo::rerun-if-changed` names the agents directory (cargo then watches every file below
//! it, so added, edited and deleted agents rebuild) and the configuration file. The output is
//! written only when it changed. A script that fails is run again by cargo on the next build,
//! so on failure nothing is printed to stdout.

use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::config::Config;
use crate::diagnostic::LintLevel;
/// Why compilation failed: the engine's [`Error`], here under the name build
/// scripts have always used (`agentgen::build::Error`).
pub use crate::error::Error;
use crate::generate::{self, Options};
use crate::project::Project;

/// Compiles an agents directory from a build script.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    config: Config,
    out_dir: Option<PathBuf>,
    out_file: Option<String>,
    runtime_crate: Option<String>,
    lint_errors: Vec<String>,
    quiet: bool,
    allow_outside_crate: bool,
}

/// A successful compilation.
#[derive(Debug)]
pub struct Compiled {
    /// The validated catalog (with its warnings).
    pub catalog: Catalog,
    /// The file written (or left unchanged because identical).
    pub output: PathBuf,
    /// Whether the file's content changed.
    pub changed: bool,
}

impl Builder {
    /// A builder with the defaults (and whatever `agentgen.toml` in the agents directory says).
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Treats each top-level directory as a pack (`pack:name`), as `packs = true` does.
    pub fn packs(mut self, packs: bool) -> Builder {
        self.config.packs = packs;
        self
    }

    /// Accepts a tool name beside Claude Code's built-ins.
    pub fn custom_tool(mut self, name: impl Into<String>) -> Builder {
        self.config.custom_tools.push(name.into());
        self
    }

    /// Declares an MCP server; once any is declared, MCP tools of other servers are errors.
    pub fn mcp_server(mut self, name: impl Into<String>) -> Builder {
        self.config
            .mcp_servers
            .get_or_insert_with(Vec::new)
            .push(name.into());
        self
    }

    /// Declares an agent that exists outside this catalog.
    pub fn external_agent(mut self, name: impl Into<String>) -> Builder {
        self.config.external_agents.push(name.into());
        self
    }

    /// Sets how the directory is organised, as `layout = "…"` does in `agentgen.toml`
    /// (default: detected from the folder; see [`Layout`](crate::config::Layout)):
    /// `.layout(Layout::Claude)` compiles a project's `.claude/` folder, agents and skills.
    pub fn layout(mut self, layout: crate::config::Layout) -> Builder {
        self.config.layout = Some(layout);
        self
    }

    /// Also checks how another runtime reads the agents, as `targets = ["copilot"]` does in
    /// `agentgen.toml`: `.target(Target::Copilot)` reports what the GitHub Copilot CLI, which
    /// loads `.claude/agents` too, reads otherwise (the `copilot-…` lints).
    pub fn target(mut self, target: crate::config::Target) -> Builder {
        self.config.add_target(target);
        self
    }

    /// Declares a skill that exists outside this catalog (an agent may preload it).
    pub fn external_skill(mut self, name: impl Into<String>) -> Builder {
        self.config.external_skills.push(name.into());
        self
    }

    /// Sets a lint's level, e.g. `.lint("legacy-tool", LintLevel::Allow)`; the name as in the
    /// messages or with `_` (`"legacy_tool"`). An unknown name makes [`Builder::compile`]
    /// return [`Error::Option`] (with the nearest lint's name).
    pub fn lint(mut self, name: &str, level: LintLevel) -> Builder {
        if let Err(error) = self.config.set_lint(name, level) {
            self.lint_errors.push(error.message());
        }
        self
    }

    /// Writes into `dir` instead of `$OUT_DIR`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Builder {
        self.out_dir = Some(dir.into());
        self
    }

    /// Names the output file (default `agents.rs`).
    pub fn out_file(mut self, name: impl Into<String>) -> Builder {
        self.out_file = Some(name.into());
        self
    }

    /// The path of the runtime crate in the generated code (default `::agentgen`), for a crate
    /// that depends on agentgen-rs under another name or through a crate that re-exports it,
    /// like serde's `#[serde(crate = "…")]`:
    ///
    /// ```no_run
    /// // Cargo.toml: my_agentgen = { package = "agentgen-rs", version = "0.1" }
    /// agentgen_compiler::build::Builder::new()
    ///     .runtime_crate("::my_agentgen")
    ///     .compile("agents")?;
    /// # Ok::<(), agentgen_compiler::build::Error>(())
    /// ```
    ///
    /// A string that is not a Rust path makes [`Builder::compile`] return [`Error::Option`].
    pub fn runtime_crate(mut self, path: impl Into<String>) -> Builder {
        self.runtime_crate = Some(path.into());
        self
    }

    /// Accepts a catalog folder outside the crate (`..`, an absolute path, a symbolic link that
    /// points outside), as the macro's `allow_outside_crate = true` does. Without it such a
    /// folder is an `invalid-path` error ([`Error::Diagnostics`]) in a build script, unless it is the folder the
    /// workspace's `[workspace.metadata.agentgen] dir` names (that setting is the opt-in). Files
    /// outside the crate are not in what `cargo package` and `cargo publish` upload.
    pub fn allow_outside_crate(mut self, allow: bool) -> Builder {
        self.allow_outside_crate = allow;
        self
    }

    /// Prints nothing for cargo (for use outside build scripts).
    pub fn quiet(mut self, quiet: bool) -> Builder {
        self.quiet = quiet;
        self
    }

    /// Compiles `dir` (relative to `CARGO_MANIFEST_DIR` when set) for a build script: the
    /// [`Compiled`] output, or, when the agents have errors (or an option is invalid, or the
    /// file cannot be written), the rendered diagnostics on stderr and exit status 1.
    ///
    /// ```no_run
    /// // build.rs, in `fn main()`
    /// agentgen_compiler::build::Builder::new()
    ///     .lint("unknown-agent-in-prompt", agentgen_compiler::LintLevel::Deny)
    ///     .compile_or_exit("agents");
    /// ```
    ///
    /// Cargo then shows exactly what `agentgen check` would (its summary line aside):
    ///
    /// ```text
    /// error: failed to run custom build command for `my-crate v0.1.0 (/src/my-crate)`
    /// …
    ///   --- stderr
    ///   error[unknown-tool]: unknown tool `Grpe`
    ///    --> agents/reviewer.md:4:14
    ///     |
    ///   4 | tools: Read, Grpe
    ///     |              ^^^^ not a tool of Claude Code 2.1.332
    ///     |
    ///     = note: Claude Code keeps the name and silently drops it when the agent runs
    ///     = help: did you mean `Grep`?
    /// ```
    pub fn compile_or_exit(self, dir: impl AsRef<Path>) -> Compiled {
        exit_on_error(self.compile(dir))
    }

    /// Compiles the crate's catalog as `include_agents!()` and `agentgen check` find it:
    /// `[package.metadata.agentgen] dir` in the crate's `Cargo.toml`, else
    /// `[workspace.metadata.agentgen] dir` in its workspace's, else `agents/`, else `.claude/`
    /// ([`crate::project::crate_catalog`]). Cargo is told to rerun the script when the catalog
    /// (files added too) or one of those manifests changes.
    ///
    /// ```no_run
    /// // build.rs of every crate of a workspace whose Cargo.toml says
    /// // [workspace.metadata.agentgen] dir = "shared-agents"
    /// agentgen_compiler::build::Builder::new().compile_default()?;
    /// # Ok::<(), agentgen_compiler::build::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Builder::compile`]; [`Error::Option`] when `CARGO_MANIFEST_DIR` is not set or a
    /// `[….metadata.agentgen] dir` setting is invalid, [`Error::NoCatalog`] when the crate has no
    /// catalog (the message lists what was tried), [`Error::Read`] when a manifest cannot be read.
    pub fn compile_default(self) -> Result<Compiled, Error> {
        let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) else {
            return Err(Error::Option(
                "CARGO_MANIFEST_DIR is not set: `compile_default` finds the crate's catalog from it (run from a build script)".to_owned(),
            ));
        };
        let found = crate::project::crate_catalog(
            &manifest_dir,
            Path::new(""),
            Some(Path::new("Cargo.toml")),
        )?;
        let named_by_workspace = found.setting == crate::project::CatalogSetting::Workspace;
        let quiet = self.quiet;
        let compiled = self.compile_in(&found.dir, named_by_workspace)?;
        if !quiet {
            for manifest in &found.manifests {
                println!(
                    "cargo::rerun-if-changed={}",
                    manifest_dir.join(manifest).display()
                );
            }
        }
        Ok(compiled)
    }

    /// [`Builder::compile_default`], or the rendered diagnostics (or the error) on stderr and
    /// exit status 1, as [`Builder::compile_or_exit`].
    pub fn compile_default_or_exit(self) -> Compiled {
        exit_on_error(self.compile_default())
    }

    /// Compiles `dir` (relative to `CARGO_MANIFEST_DIR` when set). When the agents have errors,
    /// prints nothing and returns [`Error::Diagnostics`], whose text is every diagnostic
    /// rendered; [`Builder::compile_or_exit`] prints it and exits.
    ///
    /// In a build script (where cargo sets `OUT_DIR`), a folder outside the crate is refused (an
    /// `invalid-path` diagnostic) unless [`Builder::allow_outside_crate`] or the workspace's
    /// `[workspace.metadata.agentgen] dir` names it: the macro's rule. Paths in diagnostics and the generated `source_path`s are
    /// relative to the workspace root (the crate's folder outside a workspace), where cargo has
    /// rustc print its own paths from.
    ///
    /// # Errors
    ///
    /// [`Error::Diagnostics`] when the catalog has errors (or the folder is outside the crate),
    /// [`Error::Option`] for an invalid option, [`Error::NoOutDir`] and [`Error::Io`] when the
    /// output cannot be written.
    pub fn compile(self, dir: impl AsRef<Path>) -> Result<Compiled, Error> {
        self.compile_in(dir.as_ref(), false)
    }

    fn compile_in(self, dir: &Path, named_by_workspace: bool) -> Result<Compiled, Error> {
        if let Some(message) = self.lint_errors.first() {
            return Err(Error::Option(message.clone()));
        }
        let options = match &self.runtime_crate {
            Some(path) => Options::default().with_runtime_crate(path)?,
            None => Options::default(),
        };
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
        let (absolute, display) = match &manifest_dir {
            Some(base) => {
                let display = crate::project::display_in_workspace(base, dir);
                // The rule is the crate's: it applies in a build script (where cargo sets
                // `OUT_DIR`), not to a program or test that compiles a folder of its choosing.
                let in_build_script = std::env::var_os("OUT_DIR").is_some();
                if in_build_script
                    && !self.allow_outside_crate
                    && !named_by_workspace
                    && let Some(diagnostic) = crate::project::outside_crate_error(
                        base,
                        dir,
                        &display,
                        "`.allow_outside_crate(true)` to the builder",
                    )
                {
                    return Err(Error::diagnostics(vec![diagnostic], |_| None));
                }
                (crate::project::normalize(&base.join(dir)), display)
            }
            None => (dir.to_path_buf(), crate::project::display_path(dir)),
        };
        // The builder's options are invisible to `agentgen check`: say when one contradicts
        // agentgen.toml (`overridden-config`).
        let mut catalog = Project::open(&absolute, &display, &self.config)
            .options_hidden_from_cli()
            .compile();
        let (errors, _) = catalog.counts();
        if errors > 0 {
            // Nothing for cargo: the rendered text says it all, and cargo runs a script that
            // failed again on the next build.
            let diagnostics = std::mem::take(&mut catalog.diagnostics);
            return Err(Error::diagnostics(diagnostics, |file| catalog.source(file)));
        }
        if !self.quiet {
            println!("cargo::rerun-if-changed={}", absolute.display());
            // The configuration file, and what the catalog reads outside the directory (a
            // `.claude` project's skills beside its `agents/`).
            for path in
                catalog.tracked_paths.iter().skip(1).filter(|p| {
                    p.ends_with(crate::config::CONFIG_FILE) || !p.starts_with(&absolute)
                })
            {
                println!("cargo::rerun-if-changed={}", path.display());
            }
            for diagnostic in &catalog.diagnostics {
                println!("cargo::warning={}", diagnostic.one_line());
            }
        }
        let out_dir = match self
            .out_dir
            .or_else(|| std::env::var_os("OUT_DIR").map(PathBuf::from))
        {
            Some(dir) => dir,
            None => return Err(Error::NoOutDir),
        };
        let output = out_dir.join(self.out_file.as_deref().unwrap_or("agents.rs"));
        let code = generate::render(&generate::generate(&catalog, &options));
        let changed = write_if_changed(&output, &code).map_err(|e| Error::Io(output.clone(), e))?;
        Ok(Compiled {
            catalog,
            output,
            changed,
        })
    }
}

/// For a crate that compiles its catalog with `include_agents!()`: tells cargo to rerun the
/// build script, and so rebuild the crate, when a file is added to (or removed from) the
/// crate's catalog, found as the macro finds it ([`crate::project::crate_catalog`]: the
/// package's or the workspace's `[….metadata.agentgen] dir`, else `agents/`, else `.claude/`),
/// or when one of the manifests that name it changes. Returns the catalog folder (absolute).
/// The one-line build script of every crate that includes a shared folder:
///
/// ```no_run
/// // build.rs, in `fn main()`; [build-dependencies] agentgen-rs = { version = "0.1",
/// // default-features = false, features = ["build"] }
/// agentgen_compiler::build::rerun_if_catalog_changed().ok();
/// ```
///
/// (Without the `build` feature, `agentgen::rerun_if_changed("../../shared-agents")` names the
/// folder by hand, relative to the crate.)
///
/// # Errors
///
/// As [`Builder::compile_default`]: [`Error::Option`], [`Error::NoCatalog`] or [`Error::Read`];
/// nothing is printed then.
pub fn rerun_if_catalog_changed() -> Result<PathBuf, Error> {
    let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) else {
        return Err(Error::Option(
            "CARGO_MANIFEST_DIR is not set (run from a build script)".to_owned(),
        ));
    };
    let found =
        crate::project::crate_catalog(&manifest_dir, Path::new(""), Some(Path::new("Cargo.toml")))?;
    let dir = crate::project::normalize(&manifest_dir.join(&found.dir));
    println!("cargo::rerun-if-changed={}", dir.display());
    for manifest in &found.manifests {
        println!(
            "cargo::rerun-if-changed={}",
            manifest_dir.join(manifest).display()
        );
    }
    Ok(dir)
}

/// Compiles `dir` with the defaults and its `agentgen.toml` (see [`Builder::compile`]).
///
/// # Errors
///
/// As [`Builder::compile`].
pub fn compile(dir: impl AsRef<Path>) -> Result<Compiled, Error> {
    Builder::new().compile(dir)
}

/// Compiles `dir` with the defaults and its `agentgen.toml`, or prints the rendered diagnostics
/// and exits with status 1 (see [`Builder::compile_or_exit`]): the one-line build script
/// `fn main() { agentgen::build::compile_or_exit("agents"); }`.
pub fn compile_or_exit(dir: impl AsRef<Path>) -> Compiled {
    Builder::new().compile_or_exit(dir)
}

/// The compiled output, or the rendered diagnostics (or the error) on stderr and exit status 1.
fn exit_on_error(result: Result<Compiled, Error>) -> Compiled {
    match result {
        Ok(compiled) => compiled,
        Err(Error::Diagnostics { rendered, .. }) => {
            eprintln!("{rendered}");
            std::process::exit(1);
        }
        Err(other) => {
            eprintln!("error: {other}");
            std::process::exit(1);
        }
    }
}

/// Writes `contents` to `path` unless the file already holds exactly that. Returns whether it wrote.
pub(crate) fn write_if_changed(path: &Path, contents: &str) -> std::io::Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, contents)?;
    Ok(true)
}
