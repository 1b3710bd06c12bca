//! The generator: a validated [`Catalog`] in, Rust out. The build script calls [`generate`]
//! (tokens) and [`render`] (prettyplease); the proc macro calls [`generate_source`], the same
//! items as source text for rustc to lex in one piece.
//!
//! Output shape (names chosen by the user's `mod`/macro call):
//!
//! ```text
//! pub enum Agent { DddBackendDeveloper, … }      // Display/FromStr by qualified name
//! pub type AgentSpec = agentgen::AgentSpec<Agent>;
//! pub static ALL: [&AgentSpec; N];
//! pub fn by_name(name: &str) -> Option<&'static AgentSpec>;  // O(1), FNV hash table
//! pub mod ddd { pub const BACKEND_DEVELOPER: AgentSpec = …; }  // or top-level without packs
//! ```
//!
//! The shape is kept small for rustc, which checks it on every build that touches an agent:
//! each constant names only the fields its frontmatter gives and takes the rest from
//! `AgentSpec::base` (struct update); `Agent::spec`, `Agent::name` and `Debug` index tables in
//! the order of `ALL` instead of matching one arm per agent; prompts are raw string literals
//! (nothing to escape or unescape) unless they hold control characters. Measured in
//! BENCHMARKS.md.
//!
//! One generator writes the items as source text, in two shapes: for readers (one doc attribute
//! per line, prompts escaped where a text file needs it), which [`generate`] parses into tokens;
//! and for the compiler, which [`generate_source`] returns as it is. The output is formulaic
//! and holds every prompt: written as text, a prompt is copied once and never built as a token
//! (BENCHMARKS.md, fifth pass). `include_agents!` hands the compiler that text in one piece,
//! which costs rustc less than thousands of tokens built one by one through the proc-macro
//! bridge.

use proc_macro2::TokenStream;
use std::fmt;

use quote::quote;

use crate::catalog::Catalog;

mod agents;
mod expressions;
mod literals;
mod lookup;
mod metadata;
mod skills;

use literals::{compiler_prompt_literal_text, prompt_literal_text, string_literal_text};

/// Options of the generator.
#[derive(Debug, Clone)]
pub struct Options {
    /// The path of the runtime crate in generated code (default `::agentgen`).
    pub runtime: TokenStream,
    /// Absolute paths to `include_bytes!` so that cargo rebuilds when a file changes (proc
    /// macro). They are read in the body of a function that is never called, inside
    /// `const _: () = { … };`: rustc reads and hashes each file (which puts it in the crate's
    /// dep-info) but never evaluates the bytes as a constant.
    pub track_files: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            runtime: quote!(::agentgen),
            track_files: Vec::new(),
        }
    }
}

impl Options {
    /// These options with `path` as the path of the runtime crate in generated code, for a crate
    /// that depends on agentgen-rs under another name (`my_agentgen = { package = "agentgen-rs",
    /// … }` → `::my_agentgen`) or through a crate that re-exports it
    /// (`::facade::agentgen`, `crate::vendored::agentgen`). Like serde's `#[serde(crate = "…")]`.
    ///
    /// # Errors
    ///
    /// [`Error::Option`](crate::Error::Option): why `path` is not a path without generic
    /// arguments.
    pub fn with_runtime_crate(self, path: &str) -> Result<Options, crate::Error> {
        let parsed: syn::Path = syn::parse_str(path).map_err(|e| {
            crate::Error::Option(format!(
                "the runtime crate `{path}` is not a Rust path: {e}"
            ))
        })?;
        if parsed.segments.iter().any(|s| !s.arguments.is_none()) {
            return Err(crate::Error::Option(format!(
                "the runtime crate `{path}` has generic arguments; give a path such as `::agentgen`"
            )));
        }
        Ok(Options {
            runtime: quote!(#parsed),
            ..self
        })
    }

    /// What `include_agents!` passes: runtime `::agentgen`, every regular file the catalog read
    /// (agent files and `agentgen.toml`, absolute paths) tracked.
    pub fn for_proc_macro(catalog: &Catalog) -> Options {
        Options {
            track_files: catalog
                .tracked_paths
                .iter()
                .filter(|path| path.is_file())
                .filter_map(|path| path.to_str().map(str::to_owned))
                .collect(),
            ..Options::default()
        }
    }
}

/// Generates the catalog's items as tokens: their source text in the shape for readers (one
/// `///` line per doc line, prompts escaped where a text file needs it), parsed. [`render`]
/// formats them for a file. If the text did not lex (a bug in agentgen), the tokens are a
/// `compile_error!` saying so.
pub fn generate(catalog: &Catalog, options: &Options) -> TokenStream {
    items_text(catalog, options, Shape::Reader)
        .parse()
        .unwrap_or_else(|error: proc_macro2::LexError| {
            let message = format!(
                "agentgen: internal error: the generated code does not lex ({error}); please \
                 report it"
            );
            quote!(::core::compile_error! { #message })
        })
}

/// The catalog's items as Rust source text, for a compiler to lex in one piece: what
/// `include_agents!` hands rustc (`proc_macro::TokenStream::from_str`). The same items as
/// [`generate`] (the values of every constant are equal), shaped for the compiler rather than
/// for a reader:
///
/// - each prompt is a raw string literal unless it holds a carriage return (control characters
///   are not escaped): rustc's lexer scans a raw string without unescaping it;
/// - each agent's doc comment is one `#[doc = "…"]` attribute holding its lines, not one
///   attribute per line; rustdoc and rust-analyzer show the same text.
pub fn generate_source(catalog: &Catalog, options: &Options) -> String {
    items_text(catalog, options, Shape::Compiler)
}

/// The two shapes of the generated text, decided once per generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// For people reading it ([`generate`]: `agentgen expand`, build.rs): one doc attribute per
    /// line (prettyplease prints `///` lines), prompts as [`prompt_literal_text`] writes them.
    Reader,
    /// For rustc only ([`generate_source`]): one doc attribute per item, prompts as
    /// [`compiler_prompt_literal_text`] writes them.
    Compiler,
}

impl Shape {
    /// The literal of a prompt (or a skill's body).
    fn prompt_literal(self, text: &str) -> String {
        match self {
            Shape::Reader => prompt_literal_text(text),
            Shape::Compiler => compiler_prompt_literal_text(text),
        }
    }
}

/// Writes the items of one catalog as source text: the output, the catalog, the path of the
/// runtime crate and the shape, held once rather than passed to every function. Each part of
/// the output is a method (`agents.rs`: the `Agent` items and constants; `skills.rs`: skills
/// and commands; `metadata.rs`: the `[metadata]` types; `lookup.rs`: name tables;
/// `expressions.rs`: the values of fields).
struct Emitter<'a> {
    /// The text written so far.
    out: String,
    catalog: &'a Catalog,
    /// The path of the runtime crate (`::agentgen`), as text.
    rt: &'a str,
    shape: Shape,
}

impl<'a> Emitter<'a> {
    /// Appends formatted text: what `write!(emitter, …)` calls. Writing into a `String` cannot
    /// fail, so this returns nothing.
    fn write_fmt(&mut self, args: fmt::Arguments<'_>) {
        match args.as_str() {
            Some(text) => self.out.push_str(text),
            None => self.out.push_str(&fmt::format(args)),
        }
    }

    /// Appends `text`.
    fn push(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// Appends `#[doc = "<text>"]` and a line break.
    fn doc_attribute(&mut self, text: &str) {
        self.push("#[doc = ");
        self.out.push_str(&string_literal_text(text));
        self.push("]\n");
    }

    /// Appends an item's doc comment of `lines`: one attribute per line for readers, one
    /// attribute holding every line for the compiler (rustdoc and rust-analyzer show the same
    /// text).
    fn doc_comment(&mut self, lines: &[String]) {
        match self.shape {
            Shape::Reader => lines.iter().for_each(|line| self.doc_attribute(line)),
            Shape::Compiler => self.doc_attribute(&lines.join("\n")),
        }
    }

    /// Appends `#[allow(dead_code)] pub const <constant>: <alias> = rt::<spec> {`: the start
    /// of a spec constant, whose fields follow ([`Emitter::field`]), then [`Emitter::spec_end`].
    fn spec_start(&mut self, constant: &str, alias: &str, spec: &str) {
        let rt = self.rt;
        write!(
            self,
            "#[allow(dead_code)]\npub const {constant}: {alias} = {rt}::{spec} {{\n"
        );
    }

    /// Appends one field of a struct expression: `<name>: <value>,`.
    fn field(&mut self, name: &str, value: &str) {
        for part in [name, ": ", value, ",\n"] {
            self.out.push_str(part);
        }
    }

    /// Appends the end of a spec constant: `..rt::<base>` (a call giving the fields not
    /// written) and `};`.
    fn spec_end(&mut self, base: &str) {
        let rt = self.rt;
        write!(self, ".. {rt}::{base}\n}};\n");
    }
}

/// The items as source text, written directly rather than built as tokens: the output is
/// formulaic, holds every prompt, and building, printing and dropping its tokens was most of
/// the generator's time (BENCHMARKS.md, fifth pass). `shape` chooses [`generate_source`]'s
/// shape or the reader's.
fn items_text(catalog: &Catalog, options: &Options, shape: Shape) -> String {
    let agents = agents::generated_agents(catalog);
    let prompts_len: usize = agents
        .iter()
        .map(|a| catalog.file_of(a).prompt().len())
        .sum();
    let rt = options.runtime.to_string();
    let mut emitter = Emitter {
        out: String::with_capacity(prompts_len + 2048 * agents.len() + 4096),
        catalog,
        rt: &rt,
        shape,
    };
    emitter.tracked_files(&options.track_files);
    emitter.agent_items(&agents);
    if let Some(schema) = &catalog.config.metadata {
        emitter.metadata_items(schema);
    }
    emitter.agent_constants(&agents);
    if catalog.layout.has_plugins() {
        let short_names: Vec<&str> = agents.iter().map(|a| a.name.as_str()).collect();
        emitter.short_name_lookup(&short_names, lookup::ShortNameItems::AGENTS);
    }
    emitter.skill_items();
    emitter.command_items();
    emitter.out
}

impl Emitter<'_> {
    /// `include_bytes!` of each tracked file, in a function that is never called: a
    /// `const _: usize = include_bytes!(…).len();` per file made rustc evaluate and validate
    /// every file's bytes as a constant (BENCHMARKS.md). Nothing without tracked files.
    fn tracked_files(&mut self, paths: &[String]) {
        if paths.is_empty() {
            return;
        }
        self.push("const _: () = {\n#[allow(dead_code)]\nfn tracked_files() {\n");
        for path in paths {
            self.push("let _ = include_bytes!(");
            self.out.push_str(&string_literal_text(path));
            self.push(");\n");
        }
        self.push("}\n};\n");
    }
}

/// The header of generated files.
pub const GENERATED_HEADER: &str =
    "// @generated by agentgen. Do not edit: change the agent files and rebuild.\n";

/// Formats generated tokens as a Rust file (prettyplease), with the `@generated` header.
/// Returns the tokens' text unformatted if they do not parse (which would be a generator bug).
/// Feature `render` (on by default; the proc macro does without it).
#[cfg(feature = "render")]
pub fn render(tokens: &TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => format!("{GENERATED_HEADER}\n{}", prettyplease::unparse(&file)),
        Err(_) => format!("{GENERATED_HEADER}\n{tokens}\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Input, compile};
    use crate::config::Config;
    use crate::read::read_agent;
    use proc_macro2::Literal;

    fn catalog(files: &[(&str, &str)]) -> Catalog {
        let files = files
            .iter()
            .map(|(p, t)| read_agent(&format!("agents/{p}"), t.as_bytes()))
            .collect();
        compile(
            Input::files("agents", files),
            Config {
                packs: true,
                ..Config::default()
            },
        )
    }

    #[test]
    fn generated_code_parses_and_keeps_prompts_exact() {
        let prompt = "Quotes \" and \"# and \"## and */ and \\ and {} and #[x] and `ticks`";
        let text = format!(
            "---\nname: a\ndescription: 'd ``` x'\ntools: Read, Bash(git diff:*), mcp__gh__x, Agent(b)\ncategory: [1, 2.5, {{k: v}}]\n---\n{prompt}\n"
        );
        let c = catalog(&[
            ("p/a.md", &text),
            ("p/b.md", "---\nname: b\ndescription: d\n---\nx"),
        ]);
        let tokens = generate(&c, &Options::default());
        let rendered = render(&tokens);
        let file = syn::parse_file(&rendered).expect("generated code must parse");
        assert!(rendered.starts_with("// @generated"));
        // The prompt literal of agent `a` is a raw string holding exactly the prompt.
        let literal: Literal = prompt_literal_text(prompt).parse().expect("lexes");
        let expected = literal.to_string();
        assert!(expected.starts_with("r###\""), "{expected}");
        assert!(
            rendered.contains(&expected),
            "prompt literal must be in the output"
        );
        let literal: syn::LitStr = syn::parse_str(&expected).expect("a string literal");
        assert_eq!(literal.value(), prompt);
        assert!(!file.items.is_empty());
    }

    #[test]
    fn output_is_deterministic_whatever_the_input_order() {
        let a = ("p/a.md", "---\nname: a\ndescription: d\n---\nx");
        let b = (
            "q/b.md",
            "---\nname: b\ndescription: d\ntools: Agent(p:a)\n---\ny",
        );
        let one = render(&generate(&catalog(&[a, b]), &Options::default()));
        let two = render(&generate(&catalog(&[b, a]), &Options::default()));
        assert_eq!(one, two);
    }
}
