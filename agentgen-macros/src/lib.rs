//! # agentgen-macros — `include_agents!`
//!
//! The proc macro of agentgen, re-exported as `agentgen::include_agents!`. It is thin glue over
//! `agentgen-compiler`: the same [`Project`] → [`generate`] pipeline as the build-script API,
//! so both entry points produce the same items.
//!
//! ```
//! mod agents {
//!     agentgen::include_agents!("agents");
//! }
//!
//! fn main() {
//!     for spec in agents::ALL {
//!         println!("{}: {}", spec.qualified_name, spec.description);
//!     }
//!     assert_eq!(agents::ALL.len(), 2);
//!     let test_runner = agentgen::AgentRef::Catalog(agents::Agent::TestRunner);
//!     assert_eq!(agents::CODE_REVIEWER.collaborators, [test_runner]);
//! }
//! ```
//!
//! The macro expands, at the call site, to the generated `Agent` enum, the `AgentSpec` alias,
//! `ALL`, `by_name` and one constant per agent (inside one module per pack with packs). Wrap the
//! call in a `mod` of your choice to name the module.
//!
//! ## Options
//!
//! Extra arguments after the path, merged on top of `<dir>/agentgen.toml`:
//!
//! ```
//! # mod agents {
//! agentgen::include_agents!(
//!     "agents",
//!     packs = true,                      // each top-level directory is a pack (`pack:name`)
//!     custom_tools = ["Deploy"],         // tool names your runner adds
//!     mcp_servers = ["github"],          // once given, MCP tools of other servers are errors
//!     external_agents = ["reviewer"],    // agents that exist outside this catalog
//!     external_skills = ["team-style"],  // skills that exist outside this catalog
//!     layout = "agents",                 // agents | claude | plugin | plugins | marketplace
//!     targets = ["claude-code"],         // also check other runtimes' reading: "copilot"
//!     lints(legacy-tool = "allow", yaml_fallback = "deny"),
//!     allow_outside_crate = false,       // accept a path that leaves the crate
//!     crate = ::agentgen,                // the runtime crate's path in the generated code
//! );
//! # }
//! # assert_eq!(agents::by_name("test-runner").map(|spec| spec.name), Some("test-runner"));
//! ```
//!
//! `crate = path` (or `crate = "path"`, serde's spelling) names the runtime crate in the
//! generated code, `::agentgen` by default: give it when the crate depends on agentgen-rs under
//! another name (`my_agentgen = { package = "agentgen-rs", … }` → `crate = ::my_agentgen`) or
//! reaches it through a crate that re-exports it (`crate = ::facade::agentgen`).
//!
//! Without a path, `include_agents!()` (options may follow: `include_agents!(packs = true)`)
//! compiles the crate's catalog as `agentgen check` finds it: the folder named by
//! `[package.metadata.agentgen] dir` in `Cargo.toml`, else by `[workspace.metadata.agentgen]
//! dir` in the workspace's (a folder shared by the workspace's crates), else `agents/`, else
//! `.claude/`. Which
//! `agentgen.toml` applies and how a folder is read is the engine's project model
//! (`agentgen_compiler::project`): a `.claude/agents` folder stands for its `.claude` project,
//! whose configuration is `.claude/agentgen.toml` or `.claude/agents/agentgen.toml`.
//!
//! ## Diagnostics
//!
//! Paths are relative to `CARGO_MANIFEST_DIR`; a path that leaves the crate (`..`, an absolute
//! path, a symbolic link pointing outside) is refused unless `allow_outside_crate = true` or it
//! is the folder the workspace's `[workspace.metadata.agentgen] dir` names (the build-script
//! builder has the same rule). Messages show paths relative to the workspace root, as rustc
//! shows its own (`shared-agents/x.md`, `crates/app/agents/x.md`; `agents/x.md` in a crate of
//! its own).
//! Every error of the catalog becomes a `compile_error!` on the path literal, its first line
//! `error: agentgen[code]: message --> agents/x.md:3:14`, then the source line, a caret, notes
//! and `help:` as rustc renders its own. Warnings come out as real compiler warnings, the use of
//! a `#[deprecated]` macro whose note is the rendered warning:
//!
//! ```text
//! warning: use of deprecated macro `agentgen_warning`: agentgen[legacy-tool]: … --> agents/x.md:3:14
//! ```
//!
//! So `#![deny(warnings)]`, `-D warnings` and `#![deny(deprecated)]` make them errors, and
//! `#[allow(deprecated)]` on the module (or crate) silences every agentgen warning in it. The
//! agentgen way to set one lint's level is `lints(legacy-tool = "deny")` or agentgen.toml's
//! `[lints]`: `deny` makes its warnings errors, `allow` drops them.
//!
//! ## Rebuilds
//!
//! The compiler reads every file the macro read too (agent files and `agentgen.toml`), through
//! `include_bytes!` in a function that is never called, so cargo recompiles when one is edited
//! or deleted. Cargo cannot see *added* files that way on stable: add the one-line build
//! script `fn main() { agentgen::rerun_if_changed("agents"); }` (the folder relative to the
//! crate: `"../../shared-agents"` for a shared one), or, with the `build` feature,
//! `fn main() { agentgen::build::rerun_if_catalog_changed().ok(); }`, which finds the folder as
//! `include_agents!()` does. With the cargo
//! feature `nightly` (nightly compilers only) the macro also reports its paths through
//! `proc_macro::tracked::path`, directories included.
//!
//! ## Cost
//!
//! The items reach the compiler as one piece of source text, which rustc lexes once, rather than
//! as thousands of tokens built one by one through the proc-macro bridge, with the prompts
//! copied into it as raw string literals (no token built for them, nothing for rustc to
//! unescape): with the macro optimised, an edit rebuild of a 697-agent catalog runs 25 % fewer
//! rustc instructions than when the macro handed rustc its tokens one by one (BENCHMARKS.md). Proc macros and their dependencies are compiled without optimisation in dev
//! builds; `[profile.dev.build-override] opt-level = 3` in your workspace makes the macro's own
//! work several times faster.
//!
//! [`Project`]: agentgen_compiler::Project
//! [`generate`]: agentgen_compiler::generate::generate

#![cfg_attr(feature = "nightly", feature(proc_macro_tracked_path))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::path::{Path, PathBuf};

use agentgen_compiler::catalog;
use agentgen_compiler::config::{Layout, Target};
use agentgen_compiler::generate::{self, Options};
use agentgen_compiler::{Catalog, Code, Config, Diagnostic, LintLevel, Project, project};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote_spanned};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitBool, LitStr, Token};

/// What the last expansion's prompt scan read, for the next expansion of the same catalog in
/// this process (rust-analyzer's proc-macro server expands it again and again; rustc once per
/// crate): one catalog's prompts at most, and the same items either way.
static SCAN_CACHE: std::sync::LazyLock<catalog::ScanCache> =
    std::sync::LazyLock::new(catalog::ScanCache::default);

/// Compiles a directory of Claude Code subagent files into typed Rust items, at the call site.
///
/// `include_agents!("agents")` reads `agents/` (relative to the crate's `Cargo.toml`) and its
/// `agentgen.toml`, and expands to the generated `Agent` enum, `AgentSpec` alias, `ALL`,
/// `by_name` and per-agent constants. Wrap it in a module to name the catalog:
///
/// ```
/// mod agents {
///     agentgen::include_agents!("agents", packs = true, lints(legacy_tool = "allow"));
/// }
///
/// let reviewer = agents::by_name("code-reviewer").expect("in the catalog");
/// // Relative to the workspace root, where rustc's own paths are shown from: `agents/…` in a
/// // crate of its own, `agentgen-macros/agents/…` in agentgen's workspace.
/// assert!(reviewer.source_path.ends_with("agents/code-reviewer.md"));
/// ```
///
/// Options (all optional, merged on top of `agentgen.toml`): `packs = bool`,
/// `custom_tools = ["…"]`, `mcp_servers = ["…"]`, `external_agents = ["…"]`,
/// `external_skills = ["…"]`, `layout = "agents" | "claude" | "plugin" | "plugins" |
/// "marketplace"` (default: detected from the folder), `targets = ["claude-code", "copilot"]`
/// (the runtimes whose reading is checked too: `copilot-…` warnings),
/// `lints(name = "allow" | "warn" | "deny", …)` (names as in the messages,
/// `unknown-agent-in-prompt`, or with `_`, or as strings),
/// `allow_outside_crate = bool`, `crate = path` (the runtime crate's path in the generated code,
/// default `::agentgen`, for a renamed or re-exported dependency). See the crate documentation
/// for diagnostics and rebuilds.
#[proc_macro]
pub fn include_agents(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    match syn::parse2::<Input>(input.into()) {
        Ok(input) => expand(&input),
        Err(err) => err.to_compile_error().into(),
    }
}

/// The parsed macro input.
struct Input {
    /// The catalog folder as written; `None`: the crate's (`[package.metadata.agentgen] dir`,
    /// else `agents/`, else `.claude/`).
    path: Option<LitStr>,
    config: Config,
    allow_outside_crate: bool,
    /// `crate = path`: the runtime crate's path in the generated code (default `::agentgen`).
    runtime: Option<syn::Path>,
}

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        // Without a path: the crate's catalog, as `agentgen check` finds it.
        let path = if input.peek(LitStr) {
            Some(input.parse::<LitStr>()?)
        } else if input.is_empty() || input.peek(Ident::peek_any) {
            None
        } else {
            return Err(input.error(
                "expected the agents directory, e.g. `include_agents!(\"agents\")` (relative to the crate's Cargo.toml), or options",
            ));
        };
        let mut parsed = Input {
            path,
            config: Config::default(),
            allow_outside_crate: false,
            runtime: None,
        };
        let mut seen: Vec<String> = Vec::new();
        let mut first = parsed.path.is_none();
        while !input.is_empty() {
            if !first {
                input.parse::<Token![,]>()?;
                if input.is_empty() {
                    break;
                }
            }
            first = false;
            // `crate` is a keyword: `Ident::parse_any` takes it.
            let key: Ident = input.call(Ident::parse_any)?;
            let name = key.to_string();
            if seen.contains(&name) {
                return Err(syn::Error::new(
                    key.span(),
                    format!("option `{name}` is given twice"),
                ));
            }
            seen.push(name.clone());
            match name.as_str() {
                "packs" => parsed.config.packs = parse_bool(input)?,
                "allow_outside_crate" => parsed.allow_outside_crate = parse_bool(input)?,
                "custom_tools" => parsed.config.custom_tools = parse_strings(input)?,
                "mcp_servers" => parsed.config.mcp_servers = Some(parse_strings(input)?),
                "external_agents" => parsed.config.external_agents = parse_strings(input)?,
                "external_skills" => parsed.config.external_skills = parse_strings(input)?,
                "layout" => parsed.config.layout = Some(parse_layout(input)?),
                "targets" => parse_targets(input, &mut parsed.config)?,
                "lints" => parse_lints(input, &mut parsed.config)?,
                "crate" => parsed.runtime = Some(parse_runtime(input)?),
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown option `{name}`; options are `packs`, `custom_tools`, `mcp_servers`, \
                             `external_agents`, `external_skills`, `layout`, `targets`, `lints(…)`, \
                             `allow_outside_crate`, `crate`"
                        ),
                    ));
                }
            }
        }
        Ok(parsed)
    }
}

/// `= "claude"`: one of the layouts' names.
fn parse_layout(input: ParseStream) -> syn::Result<Layout> {
    input.parse::<Token![=]>()?;
    let name: LitStr = input.parse()?;
    Layout::from_name(&name.value()).ok_or_else(|| {
        syn::Error::new(
            name.span(),
            format!(
                "unknown layout `{}`; layouts are {}",
                name.value(),
                Layout::names()
            ),
        )
    })
}

/// `= ["claude-code", "copilot"]`: the runtimes checked besides Claude Code.
fn parse_targets(input: ParseStream, config: &mut Config) -> syn::Result<()> {
    input.parse::<Token![=]>()?;
    let content;
    syn::bracketed!(content in input);
    let items = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
    for item in &items {
        let target = Target::from_name(&item.value()).ok_or_else(|| {
            syn::Error::new(
                item.span(),
                format!(
                    "unknown target `{}`; targets are {}",
                    item.value(),
                    Target::names()
                ),
            )
        })?;
        config.add_target(target);
    }
    Ok(())
}

fn parse_bool(input: ParseStream) -> syn::Result<bool> {
    input.parse::<Token![=]>()?;
    Ok(input.parse::<LitBool>()?.value())
}

/// `= path` or `= "path"` (serde's spelling): a path without generic arguments.
fn parse_runtime(input: ParseStream) -> syn::Result<syn::Path> {
    input.parse::<Token![=]>()?;
    let path: syn::Path = if input.peek(LitStr) {
        input.parse::<LitStr>()?.parse()?
    } else {
        input.call(syn::Path::parse_mod_style)?
    };
    if let Some(segment) = path.segments.iter().find(|s| !s.arguments.is_none()) {
        return Err(syn::Error::new_spanned(
            segment,
            "the runtime crate's path cannot have generic arguments",
        ));
    }
    Ok(path)
}

fn parse_strings(input: ParseStream) -> syn::Result<Vec<String>> {
    input.parse::<Token![=]>()?;
    let content;
    syn::bracketed!(content in input);
    let items = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
    Ok(items.iter().map(LitStr::value).collect())
}

/// `(name = "level", …)`: a lint's name as in its messages (`unknown-agent-in-prompt`), with
/// `_` (`unknown_agent_in_prompt`) or as a string (`"unknown-agent-in-prompt"`).
fn parse_lints(input: ParseStream, config: &mut Config) -> syn::Result<()> {
    let content;
    syn::parenthesized!(content in input);
    while !content.is_empty() {
        let (name, tokens) = parse_lint_name(&content)?;
        content.parse::<Token![=]>()?;
        let level: LitStr = content.parse()?;
        let level_value = match level.value().as_str() {
            "allow" => LintLevel::Allow,
            "warn" => LintLevel::Warn,
            "deny" => LintLevel::Deny,
            other => {
                return Err(syn::Error::new(
                    level.span(),
                    format!(
                        "unknown lint level `{other}`; levels are \"allow\", \"warn\", \"deny\""
                    ),
                ));
            }
        };
        config
            .set_lint(&name, level_value)
            .map_err(|error| syn::Error::new_spanned(&tokens, error.message()))?;
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(())
}

/// A lint's name: a string, or identifiers joined by `-` (`unknown-agent-in-prompt`, whose
/// `in` is a keyword) — the name and its tokens (for an error spanning the whole name).
fn parse_lint_name(input: ParseStream) -> syn::Result<(String, TokenStream)> {
    if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        return Ok((lit.value(), lit.to_token_stream()));
    }
    let first: Ident = input.call(Ident::parse_any).map_err(|error| {
        syn::Error::new(
            error.span(),
            "expected a lint name, e.g. `unknown-agent-in-prompt = \"deny\"`",
        )
    })?;
    let mut name = first.to_string();
    let mut tokens = first.to_token_stream();
    while input.peek(Token![-]) {
        let dash: Token![-] = input.parse()?;
        let part: Ident = input.call(Ident::parse_any)?;
        name.push('-');
        name.push_str(&part.to_string());
        dash.to_tokens(&mut tokens);
        part.to_tokens(&mut tokens);
    }
    Ok((name, tokens))
}

/// Expands a parsed call: compiles the directory and generates the items plus diagnostics.
fn expand(input: &Input) -> proc_macro::TokenStream {
    let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) else {
        let display = input.path.as_ref().map_or_else(
            || ".".to_owned(),
            |p| project::display_path(Path::new(&p.value())),
        );
        let diag = Diagnostic::new(
            Code::InvalidPath,
            display.clone(),
            "CARGO_MANIFEST_DIR is not set",
        )
        .help("build with cargo, which sets it to the directory of the crate's Cargo.toml");
        return failed(input, &display, &diag);
    };
    // The folder as written (relative to the crate), whether the workspace's setting named it,
    // and the manifests read to find it (tracked like the catalog's files).
    let (written, named_by_workspace, manifests) = match &input.path {
        Some(path) => (path.value(), false, Vec::new()),
        // The crate's catalog, found by the project model as `agentgen check` finds it.
        None => match project::crate_catalog(
            &manifest_dir,
            Path::new(""),
            Some(Path::new("Cargo.toml")),
        ) {
            Ok(found) => (
                found.dir.to_string_lossy().into_owned(),
                found.setting == project::CatalogSetting::Workspace,
                found.manifests,
            ),
            Err(error) => {
                let diag = Diagnostic::new(Code::InvalidPath, ".", error.message())
                    .help("give the folder: `include_agents!(\"agents\")` (relative to the crate's Cargo.toml)");
                return failed(input, ".", &diag);
            }
        },
    };
    let relative = Path::new(&written);
    let absolute = project::normalize(&manifest_dir.join(relative));
    // Shown relative to the workspace root, where cargo has rustc print its own paths from.
    let display = project::display_in_workspace(&manifest_dir, relative);
    if !input.allow_outside_crate
        && !named_by_workspace
        && let Some(diag) = project::outside_crate_error(
            &manifest_dir,
            relative,
            &display,
            "`allow_outside_crate = true`",
        )
    {
        return failed(input, &display, &diag);
    }
    // The macro's options are invisible to `agentgen check`: say when one contradicts agentgen.toml.
    let catalog = Project::open(&absolute, &display, &input.config)
        .options_hidden_from_cli()
        .compile_cached(&SCAN_CACHE);
    track_nightly(catalog.tracked_paths());
    let manifest_paths: Vec<PathBuf> = manifests
        .iter()
        .map(|manifest| manifest_dir.join(manifest))
        .collect();
    track_nightly(&manifest_paths);
    output(&catalog, input)
}

/// The diagnostics (as compiler tokens, at the path literal) followed by the generated items.
fn output(catalog: &Catalog, input: &Input) -> proc_macro::TokenStream {
    let span = input
        .path
        .as_ref()
        .map_or_else(Span::call_site, LitStr::span);
    let mut output: proc_macro::TokenStream = diagnostics(catalog, span).into();
    output.extend(items_in_one_piece(catalog, input, span));
    output
}

/// The generated items, handed to the compiler as one piece of source text.
///
/// Tokens built one by one through the proc-macro bridge cost rustc more than the same code
/// lexed once (BENCHMARKS.md). So the generator writes the items as text (`generate_source`)
/// and rustc lexes it. Every span is the call site either way.
fn items_in_one_piece(catalog: &Catalog, input: &Input, span: Span) -> proc_macro::TokenStream {
    let mut options = Options::for_proc_macro(catalog);
    if let Some(path) = &input.runtime {
        options.runtime = path.to_token_stream();
    }
    let text = generate::generate_source(catalog, &options);
    text.parse().unwrap_or_else(|error: proc_macro::LexError| {
        let message = format!(
            "agentgen: internal error: the generated code does not lex ({error}); please report it"
        );
        quote_spanned!(span=> ::core::compile_error! { #message }).into()
    })
}

/// Reports the paths to the compiler on nightly (`feature = "nightly"`), so that cargo also
/// sees added and deleted files (directories are tracked by modification time).
#[cfg(feature = "nightly")]
fn track_nightly(paths: &[PathBuf]) {
    for path in paths {
        proc_macro::tracked::path(path);
    }
}

#[cfg(not(feature = "nightly"))]
fn track_nightly(_paths: &[PathBuf]) {}

/// The output for a call refused before compiling: the error, and an empty catalog so that the
/// items still exist.
fn failed(input: &Input, display: &str, diag: &Diagnostic) -> proc_macro::TokenStream {
    let catalog = catalog::compile(
        catalog::Input {
            diagnostics: vec![diag.clone()],
            ..catalog::Input::files(display, Vec::new())
        },
        input.config.clone(),
    );
    output(&catalog, input)
}

/// Every diagnostic as a compiler error or warning at `span`.
///
/// A warning is the use of a `#[deprecated]` macro whose note is the rendered diagnostic: rustc
/// prints ``warning: use of deprecated macro `agentgen_warning`: agentgen[code]: message -->
/// file:line:col`` and the snippet below it, and `#[allow(deprecated)]`, `-D warnings` and
/// `#![deny(deprecated)]` apply to it. (A macro, unlike a struct or a constant, is named as
/// written, without the module path; each one lives in its own `const _` block.)
fn diagnostics(catalog: &Catalog, span: Span) -> TokenStream {
    let mut out = TokenStream::new();
    for diag in catalog.diagnostics() {
        let rendered = message(diag, catalog);
        if diag.is_error() {
            out.extend(quote_spanned! {span=> ::core::compile_error! { #rendered } });
        } else {
            let name = Ident::new("agentgen_warning", span);
            out.extend(quote_spanned! {span=>
                const _: () = {
                    #[deprecated(note = #rendered)]
                    macro_rules! #name { () => {} }
                    #name!();
                };
            });
        }
    }
    out
}

/// The diagnostic as rustc shows it after its own `error: ` or `warning: …: `: a first line
/// `agentgen[code]: message --> file:line:col`, then the rendered snippet, notes and help.
fn message(diag: &Diagnostic, catalog: &Catalog) -> String {
    let mut text = format!("agentgen[{}]: {}", diag.code, diag.message);
    let location = diag.location();
    if !location.is_empty() {
        text.push_str(" --> ");
        text.push_str(&location);
    }
    let rendered = diag.render(catalog.source(&diag.file), false);
    // Below the title (`warning[code]: message`): the origin line (` --> file:line:col`, on
    // the first line now) is left out.
    let origin = format!("--> {location}");
    let title_lines = diag.message.lines().count().max(1);
    for line in rendered.trim_end().lines().skip(title_lines) {
        if !location.is_empty() && line.trim_start() == origin {
            continue;
        }
        text.push('\n');
        text.push_str(line);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn scratch(name: &str) -> PathBuf {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../target/agentgen-macros-unit")
            .join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        dir
    }

    #[test]
    fn refuses_paths_that_leave_the_crate() {
        let root = scratch("paths");
        let krate = root.join("crate");
        std::fs::create_dir_all(krate.join("agents")).expect("agents dir");
        std::fs::create_dir_all(root.join("outside")).expect("outside dir");
        let check = |written: &str| project::leaves_crate(Path::new(written), &krate);
        assert_eq!(check("agents"), None);
        assert_eq!(check("./agents"), None);
        assert_eq!(check("missing"), None);
        assert!(check("../outside").is_some_and(|r| r.contains("..")));
        assert!(check("agents/../../outside").is_some_and(|r| r.contains("..")));
        let absolute = root.join("outside");
        let absolute = absolute.to_string_lossy();
        assert!(check(&absolute).is_some_and(|r| r.contains("absolute")));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("outside"), krate.join("linked"))
                .expect("symlink");
            assert!(check("linked").is_some_and(|r| r.contains("symbolic link")));
            std::os::unix::fs::symlink(krate.join("agents"), krate.join("inside"))
                .expect("symlink");
            assert_eq!(check("inside"), None);
        }
    }

    #[test]
    fn parses_every_option() {
        let input: Input = syn::parse2(quote! {
            "agents",
            packs = true,
            custom_tools = ["Deploy", "Ship"],
            mcp_servers = ["github"],
            external_agents = ["x"],
            lints(legacy_tool = "allow", "yaml-fallback" = "deny", unknown-agent-in-prompt = "deny"),
            allow_outside_crate = true,
            crate = ::my_agentgen,
            external_skills = ["team-style"],
            layout = "claude",
            targets = ["claude-code", "copilot"],
        })
        .expect("valid input");
        assert_eq!(input.config.targets, [Target::Copilot]);
        assert_eq!(input.config.external_skills, ["team-style"]);
        assert_eq!(input.config.layout, Some(Layout::Claude));
        assert_eq!(
            input.path.as_ref().map(LitStr::value).as_deref(),
            Some("agents")
        );
        assert!(input.config.packs && input.allow_outside_crate);
        assert_eq!(input.config.custom_tools, ["Deploy", "Ship"]);
        assert_eq!(
            input.config.mcp_servers.as_deref(),
            Some(&["github".to_owned()][..])
        );
        assert_eq!(input.config.external_agents, ["x"]);
        assert_eq!(input.config.level(Code::LegacyTool), LintLevel::Allow);
        assert_eq!(input.config.level(Code::YamlFallback), LintLevel::Deny);
        assert_eq!(
            input.config.level(Code::UnknownAgentInPrompt),
            LintLevel::Deny
        );
        let runtime = input
            .runtime
            .as_ref()
            .map(|p| p.to_token_stream().to_string());
        assert_eq!(runtime.as_deref(), Some(":: my_agentgen"));
        // serde's spelling, a string, gives the same path.
        let input: Input =
            syn::parse2(quote! { "agents", crate = "crate::vendored::agentgen" }).expect("valid");
        let runtime = input
            .runtime
            .as_ref()
            .map(|p| p.to_token_stream().to_string());
        assert_eq!(runtime.as_deref(), Some("crate :: vendored :: agentgen"));
        let input: Input = syn::parse2(quote! { "agents" }).expect("valid");
        assert!(input.runtime.is_none(), "default: `::agentgen`");
    }

    #[test]
    fn rejects_bad_input_without_panicking() {
        for tokens in [
            quote! { agents },
            quote! { "agents", packs },
            quote! { "agents", packs = "yes" },
            quote! { "agents", packs = true, packs = false },
            quote! { "agents", colour = true },
            quote! { "agents", lints(legacy_tool = "loud") },
            quote! { "agents", lints(no_such_lint = "allow") },
            quote! { "agents", lints(unknown-agent-in-prompts = "deny") },
            quote! { "agents", lints(unknown- = "deny") },
            quote! { "agents", lints(-legacy-tool = "deny") },
            quote! { "agents", lints(legacy-tool "deny") },
            quote! { "agents", lints(unknown-tool = "allow") },
            quote! { "agents", custom_tools = [Deploy] },
            quote! { "agents", crate },
            quote! { "agents", crate = 3 },
            quote! { "agents", crate = "not a path" },
            quote! { "agents", crate = a::<b> },
            quote! { "agents", crate = "a::<b>" },
            quote! { "agents", crate = a, crate = b },
            quote! { "agents" "more" },
            quote! { "agents", layout = "flat" },
            quote! { "agents", layout = claude },
            quote! { "agents", external_skills = "x" },
            quote! { "agents", targets = ["cursor"] },
        ] {
            assert!(syn::parse2::<Input>(tokens.clone()).is_err(), "{tokens}");
        }
    }

    #[test]
    fn the_path_may_be_left_out() {
        for tokens in [
            quote! {},
            quote! { packs = true },
            quote! { layout = "claude", packs = true },
        ] {
            let input: Input = syn::parse2(tokens.clone()).expect("valid");
            assert!(input.path.is_none(), "{tokens}");
        }
        let input: Input = syn::parse2(quote! { packs = true }).expect("valid");
        assert!(input.config.packs);
    }

    #[test]
    fn display_paths_are_stable() {
        let display_path = |written: &str| project::display_path(Path::new(written));
        assert_eq!(display_path("./agents/"), "agents");
        assert_eq!(display_path("a\\b"), "a/b");
        assert_eq!(display_path("./"), ".");
    }
}
