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
use std::fmt::Write as _;

use quote::quote;

use crate::catalog::{Agent, AgentTarget, Catalog, ResolvedTool};
use crate::naming::{fnv1a, pack_module};
use crate::read::AgentFile;
use crate::yaml::{Node, Value};

mod metadata;
mod skills;

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
    items_text(catalog, options, false)
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
    items_text(catalog, options, true)
}

/// The items as source text, written directly rather than built as tokens: the output is
/// formulaic, holds every prompt, and building, printing and dropping its tokens was most of
/// the generator's time (BENCHMARKS.md, fifth pass). `for_compiler` chooses
/// [`generate_source`]'s shape over the reader's (one doc attribute per constant, prompts
/// escaped only where rustc requires it).
fn items_text(catalog: &Catalog, options: &Options, for_compiler: bool) -> String {
    let rt = options.runtime.to_string();
    let agents = generated_agents(catalog);
    let count = agents.len();
    let prompts_len: usize = agents.iter().map(|a| catalog.file_of(a).prompt.len()).sum();
    let mut out = String::with_capacity(prompts_len + 2048 * count + 4096);

    // In a function that is never called: a `const _: usize = include_bytes!(…).len();` per
    // file made rustc evaluate and validate every file's bytes as a constant (BENCHMARKS.md).
    if !options.track_files.is_empty() {
        out.push_str("const _: () = {\n#[allow(dead_code)]\nfn tracked_files() {\n");
        for path in &options.track_files {
            out.push_str("let _ = include_bytes!(");
            out.push_str(&string_literal_text(path));
            out.push_str(");\n");
        }
        out.push_str("}\n};\n");
    }

    // The lists of the template below, in the order of `ALL`.
    let mut variants = String::new();
    let mut spec_paths = String::new();
    let mut all_agents = String::new();
    let mut names = String::new();
    let mut variant_names = String::new();
    for &agent in &agents {
        let doc = format!(
            "`{}` — {}",
            agent.qualified_name,
            catalog.file_of(agent).path()
        );
        let variant = &agent.variant;
        let doc = string_literal_text(&doc_safe(&doc));
        let _ = writeln!(variants, "#[doc = {doc}]\n{variant},");
        let _ = match &agent.pack {
            Some(pack) => writeln!(spec_paths, "&{}::{},", pack_module(pack), agent.constant),
            None => writeln!(spec_paths, "&{},", agent.constant),
        };
        let _ = write!(all_agents, "Agent::{variant}, ");
        let _ = write!(names, "{}, ", string_literal_text(&agent.qualified_name));
        let _ = write!(variant_names, "{}, ", string_literal_text(variant));
    }
    // Each agent's team (`Catalog::team`), as paths of constants; a stub (generated only while
    // the catalog has errors) is a team of one.
    let spec_path = |agent: &Agent| match &agent.pack {
        Some(pack) => format!("&{}::{}", pack_module(pack), agent.constant),
        None => format!("&{}", agent.constant),
    };
    let mut teams = String::new();
    for (index, &agent) in agents.iter().enumerate() {
        let members: Vec<String> = if index < catalog.agents.len() {
            catalog
                .team(index)
                .into_iter()
                .map(|member| spec_path(&catalog.agents[member]))
                .collect()
        } else {
            vec![spec_path(agent)]
        };
        let _ = writeln!(teams, "&[{}],", members.join(", "));
    }
    let qualified_names: Vec<&str> = agents.iter().map(|a| a.qualified_name.as_str()).collect();
    let mut slots = String::new();
    for slot in name_table_slots(&qualified_names) {
        let _ = write!(slots, "{slot}u32, ");
    }
    // Indexing tables instead of one match arm per agent: the enum's discriminants are the
    // agents' positions in `ALL`, and rustc checks one small body instead of N arms.
    // The spec's skill parameter is the generated `Skill` with skills; its third parameter is
    // the generated `Metadata` with a `[metadata]` schema.
    let skill_type = if catalog.skills.is_empty() {
        format!("{rt}::NoSkill")
    } else {
        "Skill".to_owned()
    };
    let spec_arguments = match (&catalog.config.metadata, catalog.skills.is_empty()) {
        (Some(_), _) => format!("Agent, {skill_type}, Metadata"),
        (None, true) => "Agent".to_owned(),
        (None, false) => "Agent, Skill".to_owned(),
    };
    let (spec_body, name_body, debug_body, team_body) = if count == 0 {
        (
            "match self {}",
            "match self {}",
            "match *self {}",
            "match self {}",
        )
    } else {
        (
            "ALL[self as usize]",
            "Agent::NAMES[self as usize]",
            "f.write_str(Agent::VARIANT_NAMES[*self as usize])",
            "TEAMS[self as usize]",
        )
    };
    let _ = write!(
        out,
        "/// The agents of this catalog (generated by agentgen). `Display` and `FromStr` use the
/// agent's qualified name (`pack:name` with packs, else `name`); `Debug` the variant name.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Agent {{
{variants}}}
/// The typed spec of one agent of this catalog.
pub type AgentSpec = {rt}::AgentSpec<{spec_arguments}>;
/// Every agent's spec, sorted by qualified name.
#[allow(dead_code)]
pub static ALL: [&AgentSpec; {count}usize] = [
{spec_paths}];
/// Each agent's team, in the order of `ALL`: see `Agent::team`.
#[allow(dead_code)]
static TEAMS: [&[&AgentSpec]; {count}usize] = [
{teams}];
#[allow(dead_code)]
static NAME_TABLE: {rt}::NameTable = {rt}::NameTable {{
    names: &Agent::NAMES,
    slots: &[{slots}],
}};
/// The spec of the agent with this qualified name, in O(1) (an FNV-1a hash table).
#[allow(dead_code)]
pub fn by_name(name: &str) -> ::core::option::Option<&'static AgentSpec> {{
    NAME_TABLE.find(name).map(|index| ALL[index])
}}
#[allow(dead_code)]
impl Agent {{
    /// Every agent, sorted by qualified name.
    pub const ALL: [Agent; {count}usize] = [{all_agents}];
    /// Qualified names, in the order of `ALL`.
    const NAMES: [&'static str; {count}usize] = [{names}];
    /// Variant names (for `Debug`), in the order of `ALL`.
    const VARIANT_NAMES: [&'static str; {count}usize] = [{variant_names}];
    /// The agent's spec.
    pub fn spec(self) -> &'static AgentSpec {{
        {spec_body}
    }}
    /// The agent and every agent of this catalog it can hand work to, directly or through
    /// others: `Agent(x)` tools, the `dependencies` / `collaborators` keys, `observer`, and the
    /// agents its prompt names. The agent first, then the others sorted by qualified name.
    /// Computed when the catalog is compiled. Hand the whole team to Claude Code
    /// (`ClaudeAgents(Agent::X.team())`), or its hand-offs name agents the session lacks.
    pub fn team(self) -> &'static [&'static AgentSpec] {{
        {team_body}
    }}
    /// The qualified name (`pack:name` or `name`).
    pub const fn name(self) -> &'static str {{
        {name_body}
    }}
    /// The agent with this qualified name, in O(1).
    pub fn by_name(name: &str) -> ::core::option::Option<Agent> {{
        NAME_TABLE.find(name).map(|index| Agent::ALL[index])
    }}
}}
impl ::core::fmt::Debug for Agent {{
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {{
        {debug_body}
    }}
}}
impl ::core::fmt::Display for Agent {{
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {{
        f.write_str(self.name())
    }}
}}
impl ::core::str::FromStr for Agent {{
    type Err = {rt}::UnknownAgent;
    fn from_str(name: &str) -> ::core::result::Result<Agent, {rt}::UnknownAgent> {{
        Agent::by_name(name).ok_or({rt}::UnknownAgent)
    }}
}}
"
    );
    if let Some(schema) = &catalog.config.metadata {
        out.push_str(&metadata::items_text(schema, &rt));
    }

    // Agents grouped by pack module (None = top level), each module once, in name order.
    let mut packs: std::collections::BTreeMap<String, Vec<&Agent>> = Default::default();
    for &agent in &agents {
        match &agent.pack {
            Some(pack) => packs.entry(pack_module(pack)).or_default().push(agent),
            None => write_agent_const(&mut out, catalog, agent, &rt, for_compiler),
        }
    }
    for (module, pack_agents) in packs {
        let doc = format!("Agents of the pack `{module}`.");
        let _ = write!(
            out,
            "#[doc = {}]\n\
             #[allow(dead_code)]\n\
             pub mod {module} {{\n\
             #[allow(unused_imports)]\n\
             use super::{{Agent, AgentSpec{}}};\n",
            string_literal_text(&doc),
            if catalog.skills.is_empty() {
                ""
            } else {
                ", Skill"
            }
        );
        if let Some(schema) = &catalog.config.metadata {
            out.push_str(&metadata::pack_import_text(schema));
        }
        for agent in pack_agents {
            write_agent_const(&mut out, catalog, agent, &rt, for_compiler);
        }
        out.push_str("}\n");
    }
    if catalog.layout.has_plugins() {
        let short_names: Vec<&str> = agents.iter().map(|a| a.name.as_str()).collect();
        write_short_name_lookup(&mut out, &rt, &short_names, ShortNameItems::AGENTS);
    }
    skills::write_skill_items(&mut out, catalog, &rt, for_compiler);
    skills::write_command_items(&mut out, catalog, &rt, for_compiler);
    out
}

/// The agents the items are generated for, in the order of `ALL`: the loaded agents, then,
/// while the catalog has errors, the broken agents whose variant and constant no loaded agent
/// has (stubs, so that code using them gets no error of its own beside the catalog's: the
/// build fails on those).
fn generated_agents(catalog: &Catalog) -> Vec<&Agent> {
    let mut agents: Vec<&Agent> = catalog.agents.iter().collect();
    if catalog.broken_agents.is_empty() || !catalog.has_errors() {
        return agents;
    }
    let mut variants: std::collections::BTreeSet<&str> =
        agents.iter().map(|a| a.variant.as_str()).collect();
    let module = |a: &Agent| a.pack.as_deref().map(pack_module);
    let mut constants: std::collections::BTreeSet<(Option<String>, &str)> = agents
        .iter()
        .map(|a| (module(a), a.constant.as_str()))
        .collect();
    for agent in &catalog.broken_agents {
        let in_skills_module =
            !catalog.skills.is_empty() && module(agent).as_deref() == Some("skills");
        if !in_skills_module
            && !variants.contains(agent.variant.as_str())
            && !constants.contains(&(module(agent), agent.constant.as_str()))
        {
            variants.insert(&agent.variant);
            constants.insert((module(agent), &agent.constant));
            agents.push(agent);
        }
    }
    agents
}

/// Slots of the open-addressing table (power of two ≥ 2 × names), as `agentgen::NameTable` probes.
/// The names of the items of a lookup by short name.
struct ShortNameItems {
    /// The static name table.
    table: &'static str,
    /// The free function.
    function: &'static str,
    /// The enum (and its `ALL`).
    kind: &'static str,
    /// The static of specs.
    all: &'static str,
    /// The spec type.
    spec: &'static str,
    /// What one is called in the docs, and an example of a qualified and a short name.
    noun: &'static str,
    example: (&'static str, &'static str),
}

impl ShortNameItems {
    const AGENTS: ShortNameItems = ShortNameItems {
        table: "SHORT_NAME_TABLE",
        function: "by_short_name",
        kind: "Agent",
        all: "ALL",
        spec: "AgentSpec",
        noun: "agent",
        example: ("review-kit:security:auditor", "auditor"),
    };
    const SKILLS: ShortNameItems = ShortNameItems {
        table: "SKILL_SHORT_NAME_TABLE",
        function: "skill_by_short_name",
        kind: "Skill",
        all: "ALL_SKILLS",
        spec: "SkillSpec",
        noun: "skill",
        example: ("lint-kit:lint-rules", "lint-rules"),
    };
}

/// Lookup by short name (the name within its plugin), for catalogs of plugins: a name table
/// over the short names that only one item has, a free function and an associated one.
/// `short_names` are in the order of the items' `ALL`.
fn write_short_name_lookup(
    out: &mut String,
    rt: &str,
    short_names: &[&str],
    items: ShortNameItems,
) {
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for name in short_names {
        *counts.entry(name).or_default() += 1;
    }
    let unique: Vec<bool> = short_names.iter().map(|n| counts[n] == 1).collect();
    let mut names = String::new();
    for name in short_names {
        let _ = write!(names, "{}, ", string_literal_text(name));
    }
    let mut slots = String::new();
    for slot in name_table_slots_of(short_names, |i| unique[i]) {
        let _ = write!(slots, "{slot}u32, ");
    }
    let ShortNameItems {
        table,
        function,
        kind,
        all,
        spec,
        noun,
        example: (qualified, short),
    } = items;
    let _ = write!(
        out,
        "#[allow(dead_code)]
static {table}: {rt}::NameTable = {rt}::NameTable {{
    names: &[{names}],
    slots: &[{slots}],
}};
/// The spec of the {noun} whose short name (its name within its plugin: `{short}` for
/// `{qualified}`) is `name`, when no other {noun} of the catalog has that short name, in O(1).
/// `None` when two share it (use the qualified name) or none has it.
#[allow(dead_code)]
pub fn {function}(name: &str) -> ::core::option::Option<&'static {spec}> {{
    {table}.find(name).map(|index| {all}[index])
}}
#[allow(dead_code)]
impl {kind} {{
    /// The {noun} whose short name is `name`, when it is the only one of that short name.
    pub fn by_short_name(name: &str) -> ::core::option::Option<{kind}> {{
        {table}.find(name).map(|index| {kind}::ALL[index])
    }}
}}
"
    );
}

fn name_table_slots(names: &[&str]) -> Vec<u32> {
    name_table_slots_of(names, |_| true)
}

/// The slots of a [`NameTable`](agentgen::NameTable) over `names`, holding only the indexes
/// `included` accepts (the others are never found).
fn name_table_slots_of(names: &[&str], included: impl Fn(usize) -> bool) -> Vec<u32> {
    let size = (names.len() * 2).next_power_of_two().max(1);
    let mut slots = vec![u32::MAX; size];
    for (index, name) in names.iter().enumerate().filter(|(i, _)| included(*i)) {
        let mut slot = (fnv1a(name.as_bytes()) as usize) & (size - 1);
        while slots[slot] != u32::MAX {
            slot = (slot + 1) & (size - 1);
        }
        slots[slot] = index as u32;
    }
    slots
}

/// One line of a doc comment: line breaks become spaces. prettyplease prints `#[doc]` as `///`
/// comments, where a carriage return is a syntax error ("bare CR not allowed in doc-comment").
fn doc_safe(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

fn doc_for(agent: &Agent, file: &AgentFile) -> Vec<String> {
    let mut lines = vec![
        doc_safe(&format!(
            " Agent `{}` (`{}`).",
            agent.qualified_name,
            file.path()
        )),
        String::new(),
    ];
    if let Some(description) = &file.description {
        // A fence longer than any backtick run inside keeps the description verbatim.
        let mut longest = 0;
        let mut rest = description.value.as_str();
        while let Some(at) = rest.find('`') {
            let run = rest[at..].bytes().take_while(|&b| b == b'`').count();
            longest = longest.max(run);
            rest = &rest[at + run..];
        }
        let fence = "`".repeat(longest.max(2) + 1);
        lines.push(format!(" {fence}text"));
        lines.extend(
            description
                .value
                .split("\r\n")
                .flat_map(|l| l.split(['\n', '\r']))
                .map(|l| format!(" {l}")),
        );
        lines.push(format!(" {fence}"));
    }
    lines
}

/// Appends one agent's constant as Rust source text to `out`: its doc comment, then
/// `pub const NAME: AgentSpec = rt::AgentSpec { fields…, ..rt::AgentSpec::base(Agent::V) };`.
///
/// `for_compiler` ([`generate_source`]): the doc comment is one attribute and the prompt the
/// compiler's literal ([`compiler_prompt_literal_text`]); otherwise one attribute per line
/// (prettyplease prints `///` lines) and the readable [`prompt_literal_text`].
fn write_agent_const(
    out: &mut String,
    catalog: &Catalog,
    agent: &Agent,
    rt: &str,
    for_compiler: bool,
) {
    let file = catalog.file_of(agent);
    if !file.is_accepted() {
        return write_stub_const(out, catalog, agent, rt);
    }
    let prompt = if for_compiler {
        compiler_prompt_literal_text(&file.prompt)
    } else {
        prompt_literal_text(&file.prompt)
    };
    let doc_lines = doc_for(agent, file);
    if for_compiler {
        push_doc_attribute(out, &doc_lines.join("\n"));
    } else {
        for line in &doc_lines {
            push_doc_attribute(out, line);
        }
    }
    out.push_str("#[allow(dead_code)]\npub const ");
    out.push_str(&agent.constant);
    out.push_str(": AgentSpec = ");
    out.push_str(rt);
    out.push_str("::AgentSpec {\n");
    // The required fields always; the optional ones only when the frontmatter gives them, the
    // rest from `AgentSpec::base` (struct update): less text to write, fewer tokens for rustc.
    let mut field = |name: &str, value: &str| {
        out.push_str(name);
        out.push_str(": ");
        out.push_str(value);
        out.push_str(",\n");
    };
    field("name", &string_literal_text(&agent.name));
    field(
        "qualified_name",
        &string_literal_text(&agent.qualified_name),
    );
    if let Some(pack) = agent.pack.as_deref() {
        field("pack", &some(&string_literal_text(pack)));
    }
    let description = file.description.as_ref().map_or("", |d| d.value.as_str());
    field("description", &string_literal_text(description));
    if let Some(list) = &agent.tools {
        let items = list.iter().filter_map(|t| tool_text(catalog, t, rt));
        field(
            "tools",
            &format!("{rt}::Tools::List({})", slice_text(items)),
        );
    }
    if !agent.disallowed_tools.is_empty() {
        let items = agent
            .disallowed_tools
            .iter()
            .filter_map(|t| tool_text(catalog, t, rt));
        field("disallowed_tools", &slice_text(items));
    }
    if let Some(model) = &file.model {
        let alias = crate::read::model_alias(&model.value)
            .or_else(|| crate::read::model_alias(&model.value.to_lowercase()));
        let model = match alias {
            Some((_, variant)) => format!("{rt}::Model::Alias({rt}::ModelAlias::{variant})"),
            None => format!("{rt}::Model::Id({})", string_literal_text(&model.value)),
        };
        field("model", &some(&model));
    }
    let variant_of = |enum_name: &str, value: &str| {
        let variant = heck::ToUpperCamelCase::to_upper_camel_case(value);
        some(&format!("{rt}::{enum_name}::{variant}"))
    };
    if let Some(color) = file.color() {
        field("color", &variant_of("Color", color));
    }
    if let Some(mode) = file.permission_mode() {
        field("permission_mode", &variant_of("PermissionMode", mode));
    }
    if !agent.skills.is_empty() {
        let skills = agent
            .skills
            .iter()
            .map(|target| skills::skill_ref_text(catalog, target, rt));
        field("skills", &slice_text(skills));
    }
    if let Some(turns) = file.max_turns {
        field("max_turns", &some(&format!("{turns}u64")));
    }
    if let Some(effort) = &file.effort {
        let effort = match effort {
            crate::read::Effort::Level(level) => {
                let variant = match *level {
                    "xhigh" => "XHigh".to_owned(),
                    other => heck::ToUpperCamelCase::to_upper_camel_case(other),
                };
                format!("{rt}::Effort::{variant}")
            }
            crate::read::Effort::Integer(n) => format!("{rt}::Effort::Integer({n}i64)"),
        };
        field("effort", &some(&effort));
    }
    if let Some(memory) = file.memory.as_deref() {
        field("memory", &variant_of("MemoryScope", memory));
    }
    if let Some(background) = file.background {
        field("background", &some(&background.to_string()));
    }
    if let Some(isolation) = file.isolation.as_deref() {
        field("isolation", &variant_of("Isolation", isolation));
    }
    if let Some(initial) = file.initial_prompt.as_deref() {
        field("initial_prompt", &some(&string_literal_text(initial)));
    }
    if !file.mcp_servers.is_empty() {
        let servers = file.mcp_servers.iter().map(|n| value_text(n, rt));
        field("mcp_servers", &slice_text(servers));
    }
    if let Some(hooks) = &file.hooks {
        field("hooks", &some(&value_text(hooks, rt)));
    }
    if let Some(window) = file.auto_compact_window {
        field("auto_compact_window", &some(&format!("{window}u64")));
    }
    if file.omit_claude_md == Some(true) {
        field("omit_claude_md", "true");
    }
    if !agent.observers.is_empty() {
        let observers = agent
            .observers
            .iter()
            .map(|target| agent_ref_text(catalog, target, rt));
        field("observers", &slice_text(observers));
    }
    if let Some(message) = file.observer_message.as_deref() {
        field("observer_message", &some(&string_literal_text(message)));
    }
    if file.observe_subagents == Some(false) {
        field("observe_subagents", "false");
    }
    if file.observe_tool_results == Some(false) {
        field("observe_tool_results", "false");
    }
    if let Some(ttl) = file.cache_ttl.as_deref() {
        let variant = if ttl == "5m" {
            "FiveMinutes"
        } else {
            "OneHour"
        };
        field("cache_ttl", &some(&format!("{rt}::CacheTtl::{variant}")));
    }
    if !file.memory_tools.is_empty() {
        let tools = file.memory_tools.iter().filter_map(|name| {
            crate::registry::builtin(name)
                .map(|info| format!("{rt}::BuiltinTool::{}", info.variant))
        });
        field("tools_added_by_memory", &slice_text(tools));
    }
    if !agent.collaborators.is_empty() {
        let collaborators = agent
            .collaborators
            .iter()
            .map(|&i| format!("Agent::{}", catalog.agents[i].variant));
        field("collaborators", &slice_text(collaborators));
    }
    if !agent.external_collaborators.is_empty() {
        let external = agent
            .external_collaborators
            .iter()
            .map(|name| string_literal_text(name));
        field("external_collaborators", &slice_text(external));
    }
    if !agent.mentions.is_empty() {
        let mentions = agent
            .mentions
            .iter()
            .map(|&i| format!("Agent::{}", catalog.agents[i].variant));
        field("mentions", &slice_text(mentions));
    }
    if !agent.external_mentions.is_empty() {
        let external = agent
            .external_mentions
            .iter()
            .map(|name| string_literal_text(name));
        field("external_mentions", &slice_text(external));
    }
    // Keys a `[metadata]` schema declares are typed in `metadata`, not kept in `extra`.
    let schema = catalog.config.metadata.as_ref();
    let undeclared = |key: &str| schema.is_none_or(|schema| schema.key(key).is_none());
    if file.extra.iter().any(|(k, _)| undeclared(k)) {
        let extra = file
            .extra
            .iter()
            .filter(|(k, _)| undeclared(k))
            .map(|(k, v)| format!("({}, {})", string_literal_text(k), value_text(v, rt)));
        field("extra", &slice_text(extra));
    }
    field("prompt", &prompt);
    field("source_path", &string_literal_text(file.path()));
    out.push_str(".. ");
    out.push_str(rt);
    match &catalog.config.metadata {
        None => {
            out.push_str("::AgentSpec::base(Agent::");
            out.push_str(&agent.variant);
        }
        Some(schema) => {
            out.push_str("::AgentSpec::base_with(Agent::");
            out.push_str(&agent.variant);
            out.push_str(", ");
            let metadata = catalog.metadata_of(agent);
            out.push_str(&metadata::value_text(schema, metadata, rt));
        }
    }
    out.push_str(")\n};\n");
}

/// Appends the constant of an agent whose file is broken ([`Catalog::broken_agents`]), generated
/// only while the catalog has errors: its names and file, nothing Claude Code would read from it
/// (it reads nothing: it skips or rejects the file), the rest from `AgentSpec::base`.
fn write_stub_const(out: &mut String, catalog: &Catalog, agent: &Agent, rt: &str) {
    let path = catalog.file_of(agent).path();
    push_doc_attribute(
        out,
        &doc_safe(&format!(
            " Agent `{}` (`{path}`), which Claude Code does not load: the file has errors.",
            agent.qualified_name
        )),
    );
    let _ = write!(
        out,
        "#[allow(dead_code)]\npub const {}: AgentSpec = {rt}::AgentSpec {{\nname: {},\nqualified_name: {},\n",
        agent.constant,
        string_literal_text(&agent.name),
        string_literal_text(&agent.qualified_name),
    );
    if let Some(pack) = agent.pack.as_deref() {
        let _ = writeln!(out, "pack: {},", some(&string_literal_text(pack)));
    }
    let _ = writeln!(out, "source_path: {},", string_literal_text(path));
    let _ = match &catalog.config.metadata {
        None => write!(out, ".. {rt}::AgentSpec::base(Agent::{})", agent.variant),
        Some(schema) => write!(
            out,
            ".. {rt}::AgentSpec::base_with(Agent::{}, {})",
            agent.variant,
            metadata::value_text(schema, None, rt)
        ),
    };
    out.push_str("\n};\n");
}

/// Appends `#[doc = "<text>"]` and a line break.
fn push_doc_attribute(out: &mut String, text: &str) {
    out.push_str("#[doc = ");
    out.push_str(&string_literal_text(text));
    out.push_str("]\n");
}

/// `::core::option::Option::Some(<value>)`.
pub(crate) fn some(value: &str) -> String {
    format!("::core::option::Option::Some({value})")
}

/// `&[a, b, c]`: a slice expression of the items' texts.
pub(crate) fn slice_text(items: impl Iterator<Item = String>) -> String {
    let mut text = String::from("&[");
    for (i, item) in items.enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        text.push_str(&item);
    }
    text.push(']');
    text
}

/// The text of the prompt's literal for files people read (`agentgen expand`, build.rs output):
/// a raw string literal (`r#"…"#`, with as few `#` as the text allows): no escaping to build,
/// nothing to unescape for rustc, and the prompt shows as written. A text with a control
/// character other than line feed and tab gets an ordinary (escaped) literal instead: rustc
/// rejects a carriage return in a raw string (and a file written with CRLF would silently lose
/// it when read back), and the others would make the generated file unreadable as text.
fn prompt_literal_text(text: &str) -> String {
    let raw = if has_control_characters(text) {
        None
    } else {
        raw_string_literal_text(text)
    };
    raw.unwrap_or_else(|| string_literal_text(text))
}

/// The text of a literal for `text` that only a compiler reads ([`generate_source`]): raw
/// unless `text` holds a carriage return (which rustc rejects in a raw string) or needs over
/// 255 `#`. Other control characters are fine in a raw string; only [`prompt_literal_text`] (for
/// files people read) escapes them. Each check is a `memchr`-style search, which stays fast in
/// a proc macro compiled without optimisation.
fn compiler_prompt_literal_text(text: &str) -> String {
    let raw = if text.contains('\r') {
        None
    } else {
        raw_string_literal_text(text)
    };
    raw.unwrap_or_else(|| string_literal_text(text))
}

/// `text` as a raw string literal with as few `#` as it allows (one more than the longest run
/// of `#` after a `"`); `None` when that is over rustc's limit of 255. The caller checks for
/// characters a raw string cannot hold.
fn raw_string_literal_text(text: &str) -> Option<String> {
    let hashes = text
        .match_indices('"')
        .map(|(at, _)| 1 + text[at + 1..].bytes().take_while(|&b| b == b'#').count())
        .max()
        .unwrap_or(0);
    if hashes > 255 {
        return None;
    }
    let fence = "#".repeat(hashes);
    let mut literal = String::with_capacity(text.len() + 2 * hashes + 3);
    for part in ["r", &fence, "\"", text, "\"", &fence] {
        literal.push_str(part);
    }
    Some(literal)
}

/// Whether `text` holds a control character (C0, DEL or C1) other than `\n` and `\t`.
fn has_control_characters(text: &str) -> bool {
    let bytes = text.as_bytes();
    // A branch-free pass first (the compiler vectorises it): most prompts have no byte that
    // could start a control character.
    let suspicious = bytes.iter().fold(false, |seen, &byte| {
        seen | (byte < 0x20 && byte != b'\n' && byte != b'\t') | (byte == 0x7f) | (byte == 0xc2)
    });
    suspicious
        && bytes.iter().enumerate().any(|(at, &byte)| match byte {
            b'\n' | b'\t' => false,
            0..=0x1f | 0x7f => true,
            // C1 controls U+0080..=U+009F are 0xC2 0x80..=0x9F in UTF-8.
            0xc2 => matches!(bytes.get(at + 1), Some(0x80..=0x9f)),
            _ => false,
        })
}

/// The text of a string literal for `text`, exactly that of [`Literal::string`] (so the output
/// did not change when the generator stopped building tokens), written faster: proc-macro2
/// escapes every character through `char::escape_debug`, which dominated generation on long
/// prompts. Here runs of printable ASCII other than `"` and `\\` are copied at once, and only
/// the remaining characters take proc-macro2's per-character rule.
pub(crate) fn string_literal_text(text: &str) -> String {
    let mut repr = String::with_capacity(text.len() + 2);
    repr.push('"');
    let mut rest = text;
    loop {
        let plain = rest
            .bytes()
            .position(|b| !(b' '..=b'~').contains(&b) || b == b'"' || b == b'\\')
            .unwrap_or(rest.len());
        repr.push_str(&rest[..plain]);
        let mut chars = rest[plain..].chars();
        let Some(special) = chars.next() else { break };
        rest = chars.as_str();
        // The frequent ones directly, as `char::escape_debug` writes them.
        match special {
            '\n' => repr.push_str(r"\n"),
            '\r' => repr.push_str(r"\r"),
            '\t' => repr.push_str(r"\t"),
            '"' => repr.push_str(r#"\""#),
            '\\' => repr.push_str(r"\\"),
            '\0' => {
                // proc-macro2's rule: `\x00` before an octal digit, else `\0`.
                let before_digit = rest.starts_with(|next: char| ('0'..='7').contains(&next));
                repr.push_str(if before_digit { r"\x00" } else { r"\0" });
            }
            other if kept_verbatim(other) => repr.push(other),
            other => repr.extend(other.escape_debug()),
        }
    }
    repr.push('"');
    repr
}

/// Whether `char::escape_debug` keeps `c` as it is, remembered per thread in a direct-mapped
/// table: the Unicode tables behind `escape_debug` are searched linearly, which costs hundreds
/// of instructions per character of CJK text.
fn kept_verbatim(c: char) -> bool {
    const SLOTS: usize = 4096;
    thread_local! {
        static KEPT: std::cell::RefCell<Vec<(char, bool)>> =
            std::cell::RefCell::new(vec![('\0', false); SLOTS]);
    }
    let compute = |c: char| c.escape_debug().len() == 1;
    KEPT.try_with(|table| {
        let Ok(mut table) = table.try_borrow_mut() else {
            return compute(c);
        };
        let slot = &mut table[u32::from(c) as usize % SLOTS];
        // `\0` is never asked for (escaped before), so an empty slot never matches.
        if slot.0 != c {
            *slot = (c, compute(c));
        }
        slot.1
    })
    .unwrap_or_else(|_| compute(c))
}

/// A resolved tool as an expression of type `rt::Tool<Agent>`; `None` for an invalid one
/// (already reported).
fn tool_text(catalog: &Catalog, tool: &ResolvedTool, rt: &str) -> Option<String> {
    Some(match tool {
        ResolvedTool::BuiltIn(info) => {
            format!("{rt}::Tool::BuiltIn({rt}::BuiltinTool::{})", info.variant)
        }
        ResolvedTool::Rule { tool, rule } => format!(
            "{rt}::Tool::Rule {{ tool: {rt}::BuiltinTool::{}, rule: {} }}",
            tool.variant,
            string_literal_text(rule)
        ),
        ResolvedTool::Mcp { server, tool } => {
            let tool = match tool.as_deref() {
                Some(tool) => some(&string_literal_text(tool)),
                None => "::core::option::Option::None".to_owned(),
            };
            format!(
                "{rt}::Tool::Mcp {{ server: {}, tool: {tool} }}",
                string_literal_text(server)
            )
        }
        ResolvedTool::SpawnAgents {
            legacy_task,
            agents,
        } => {
            let targets = agents
                .iter()
                .map(|target| agent_ref_text(catalog, target, rt));
            format!(
                "{rt}::Tool::SpawnAgents {{ legacy_task: {legacy_task}, agents: {} }}",
                slice_text(targets)
            )
        }
        ResolvedTool::Custom(name) => {
            format!("{rt}::Tool::Custom({})", string_literal_text(name))
        }
        ResolvedTool::Invalid => return None,
    })
}

/// An agent reference as an expression of type `rt::AgentRef<Agent>`.
fn agent_ref_text(catalog: &Catalog, target: &AgentTarget, rt: &str) -> String {
    match target {
        AgentTarget::Catalog(i) => format!(
            "{rt}::AgentRef::Catalog(Agent::{})",
            catalog.agents[*i].variant
        ),
        AgentTarget::External(name) => {
            format!("{rt}::AgentRef::External({})", string_literal_text(name))
        }
        // The stub's variant (or the loaded agent's of the same identifier).
        AgentTarget::Broken(i) => format!(
            "{rt}::AgentRef::Catalog(Agent::{})",
            catalog.broken_agents[*i].variant
        ),
    }
}

/// A frontmatter value as an expression of type `rt::Value`.
fn value_text(node: &Node, rt: &str) -> String {
    match &node.value {
        Value::Null => format!("{rt}::Value::Null"),
        Value::Bool(b) => format!("{rt}::Value::Bool({b})"),
        Value::Int(i) => format!("{rt}::Value::Int({i}i64)"),
        Value::Float(f) if f.is_nan() => format!("{rt}::Value::Float(f64::NAN)"),
        Value::Float(f) if f.is_infinite() && *f > 0.0 => {
            format!("{rt}::Value::Float(f64::INFINITY)")
        }
        Value::Float(f) if f.is_infinite() => format!("{rt}::Value::Float(f64::NEG_INFINITY)"),
        Value::Float(f) => format!("{rt}::Value::Float({f}f64)"),
        Value::Str(s) => format!("{rt}::Value::Str({})", string_literal_text(s)),
        Value::Seq(items) => format!(
            "{rt}::Value::List({})",
            slice_text(items.iter().map(|n| value_text(n, rt)))
        ),
        Value::Map(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                format!(
                    "({}, {})",
                    string_literal_text(&k.key_text()),
                    value_text(v, rt)
                )
            });
            format!("{rt}::Value::Map({})", slice_text(entries))
        }
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
    use proc_macro2::Literal;

    /// [`prompt_literal_text`] as a token.
    fn prompt_literal(text: &str) -> Literal {
        prompt_literal_text(text)
            .parse()
            .expect("a prompt literal lexes")
    }
    use crate::catalog::{Input, compile};
    use crate::config::Config;
    use crate::read::read_agent;

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
        let expected = format!("{}", prompt_literal(prompt));
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
    fn compiler_prompt_literals_escape_only_what_rustc_needs() {
        for text in [
            "plain",
            "a\u{0}b\u{1b}c\u{7f}\u{85}",
            "\"# x \"##",
            "tab\tnl\n",
            "",
        ] {
            let literal = compiler_prompt_literal_text(text);
            assert!(literal.starts_with('r'), "{literal}");
            let parsed: syn::LitStr = syn::parse_str(&literal).expect("a string literal");
            assert_eq!(parsed.value(), text);
        }
        for text in ["cr\r", "crlf\r\n", &format!("\"{}", "#".repeat(255))] {
            let literal = compiler_prompt_literal_text(text);
            assert!(literal.starts_with('"'), "{literal}");
            let parsed: syn::LitStr = syn::parse_str(&literal).expect("a string literal");
            assert_eq!(parsed.value(), text);
        }
    }

    #[test]
    fn prompt_literals_are_raw_with_the_fewest_hashes_and_exact() {
        let cases = [
            ("", "r\"\""),
            ("plain", "r\"plain\""),
            ("say \"hi\"", "r#\"say \"hi\"\"#"),
            ("\"# and \"##", "r###\"\"# and \"##\"###"),
            (
                "# heading \\ no escapes\t\u{a0}\u{2028} 日本\n",
                "r\"# heading \\ no escapes\t\u{a0}\u{2028} 日本\n\"",
            ),
        ];
        for (text, repr) in cases {
            let literal = prompt_literal(text);
            assert_eq!(literal.to_string(), repr, "{text:?}");
            let parsed: syn::LitStr = syn::parse_str(repr).expect("a string literal");
            assert_eq!(parsed.value(), text);
        }
        // A carriage return cannot be in a raw string: an ordinary literal, as before.
        // Other control characters would make the generated file binary: escaped too.
        for text in [
            "a\r\nb",
            "bare\r",
            "\"#\r",
            "nul \0",
            "bell \u{7}",
            "del \u{7f}",
            "c1 \u{85}",
            "c1 \u{9f}",
        ] {
            assert_eq!(
                prompt_literal(text).to_string(),
                Literal::string(text).to_string()
            );
        }
        // More than 255 `#` after a quote: no raw delimiter fits.
        let hashes = format!("\"{}", "#".repeat(255));
        assert_eq!(
            prompt_literal(&hashes).to_string(),
            Literal::string(&hashes).to_string()
        );
        let fits = format!("\"{}", "#".repeat(254));
        assert!(prompt_literal(&fits).to_string().starts_with("r###"));
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

    #[test]
    fn string_literals_are_written_as_proc_macro2_writes_them() {
        let samples = [
            "",
            "plain ASCII, with 'single' quotes and ~",
            "\"quoted\" \\ back\\slash\n\r\t",
            "\0 then \x007 and \0x and trailing \0",
            "\u{1}\u{7f}\u{85}\u{a0}\u{ad}\u{200b}\u{2028}\u{feff}",
            "e\u{301} combining, \u{300}\u{301} alone, Hangul \u{1100}\u{1161}",
            "日本語のテキスト、カタカナ — emoji 🦀👩‍💻 \u{e000} \u{10ffff} \u{fffd}",
            "Ωmega ß ﬁ İ",
        ];
        for sample in samples {
            // Twice: the second time the per-character memo is warm.
            for _ in 0..2 {
                assert_eq!(
                    string_literal_text(sample),
                    Literal::string(sample).to_string(),
                    "{sample:?}"
                );
            }
        }
        // Every character of the Basic Multilingual Plane and a slice of the others.
        let all: String = (0..=0x2_ffffu32).filter_map(char::from_u32).collect();
        for chunk in all.as_bytes().chunks(4096) {
            let text = String::from_utf8_lossy(chunk);
            assert_eq!(
                string_literal_text(&text),
                Literal::string(&text).to_string()
            );
        }
    }

    #[test]
    fn name_table_probes_like_the_runtime() {
        let names = ["a", "b", "c", "pack:agent"];
        let slots = name_table_slots(&names);
        assert_eq!(slots.len(), 8);
        for (i, name) in names.iter().enumerate() {
            let mut slot = (fnv1a(name.as_bytes()) as usize) & 7;
            while slots[slot] as usize != i {
                assert_ne!(slots[slot], u32::MAX, "{name} not found");
                slot = (slot + 1) & 7;
            }
        }
    }
}
