//! The agents' generated items: the `Agent` enum, `AgentSpec`, `ALL`, the teams, `by_name`, and
//! one constant per agent (at the top level, or in its pack's module).

use std::collections::{BTreeMap, BTreeSet};

use super::Emitter;
use super::literals::{doc_safe, slice_text, some, string_literal_text};
use super::lookup::name_table_slots;
use crate::catalog::{Agent, Catalog, MetadataSlot};
use crate::naming::pack_module;
use crate::read::AgentFile;

/// The agents the items are generated for, in the order of `ALL`: the loaded agents, then,
/// while the catalog has errors, the broken agents whose variant and constant no loaded agent
/// has (stubs, so that code using them gets no error of its own beside the catalog's: the
/// build fails on those).
pub(super) fn generated_agents(catalog: &Catalog) -> Vec<&Agent> {
    let mut agents: Vec<&Agent> = catalog.agents.iter().collect();
    if catalog.broken_agents.is_empty() || !catalog.has_errors() {
        return agents;
    }
    let mut variants: BTreeSet<&str> = agents.iter().map(|a| a.variant.as_str()).collect();
    let module = |a: &Agent| a.pack.as_deref().map(pack_module);
    let mut constants: BTreeSet<(Option<String>, &str)> = agents
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

/// The path of an agent's constant from the top of the generated module, as a reference:
/// `&pack::NAME` or `&NAME`.
fn spec_path(agent: &Agent) -> String {
    match &agent.pack {
        Some(pack) => format!("&{}::{}", pack_module(pack), agent.constant),
        None => format!("&{}", agent.constant),
    }
}

/// The comma-terminated lists of the `Agent` items, in the order of `ALL`.
struct AgentLists {
    /// The enum's variants, each with its doc attribute.
    variants: String,
    /// `&NAME,` per agent: the elements of `ALL`.
    spec_paths: String,
    /// `&[&NAME, …],` per agent: the elements of `TEAMS`.
    teams: String,
    /// `Agent::V, ` per agent.
    all_agents: String,
    /// The qualified names' literals.
    names: String,
    /// The variant names' literals.
    variant_names: String,
}

impl AgentLists {
    fn new(catalog: &Catalog, agents: &[&Agent]) -> AgentLists {
        let variant_doc = |agent: &Agent| {
            let doc = format!(
                "`{}` — {}",
                agent.qualified_name,
                catalog.file_of(agent).path()
            );
            string_literal_text(&doc_safe(&doc))
        };
        AgentLists {
            variants: agents
                .iter()
                .map(|a| format!("#[doc = {}]\n{},\n", variant_doc(a), a.variant))
                .collect(),
            spec_paths: agents
                .iter()
                .map(|a| format!("{},\n", spec_path(a)))
                .collect(),
            teams: team_lists(catalog, agents),
            all_agents: agents
                .iter()
                .map(|a| format!("Agent::{}, ", a.variant))
                .collect(),
            names: agents
                .iter()
                .map(|a| format!("{}, ", string_literal_text(&a.qualified_name)))
                .collect(),
            variant_names: agents
                .iter()
                .map(|a| format!("{}, ", string_literal_text(&a.variant)))
                .collect(),
        }
    }
}

/// Each agent's team ([`Catalog::team`]) as `&[&A, &B],` lines of paths of constants; a stub
/// (generated only while the catalog has errors) is a team of one.
fn team_lists(catalog: &Catalog, agents: &[&Agent]) -> String {
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
        teams.push_str(&format!("&[{}],\n", members.join(", ")));
    }
    teams
}

impl Emitter<'_> {
    /// The spec's type arguments: the generated `Skill` with skills; its third, the generated
    /// `Metadata` with a `[metadata]` schema.
    fn spec_arguments(&self) -> String {
        let catalog = self.catalog;
        match (&catalog.config.metadata, catalog.skills.is_empty()) {
            (Some(_), true) => format!("Agent, {}::NoSkill, Metadata", self.rt),
            (Some(_), false) => "Agent, Skill, Metadata".to_owned(),
            (None, true) => "Agent".to_owned(),
            (None, false) => "Agent, Skill".to_owned(),
        }
    }

    /// The `Agent` enum, `AgentSpec`, `ALL`, `TEAMS`, the name table, `by_name` and `Agent`'s
    /// impls. Indexing tables instead of one match arm per agent: the enum's discriminants are
    /// the agents' positions in `ALL`, and rustc checks one small body instead of N arms.
    pub(super) fn agent_items(&mut self, agents: &[&Agent]) {
        let AgentLists {
            variants,
            spec_paths,
            teams,
            all_agents,
            names,
            variant_names,
        } = AgentLists::new(self.catalog, agents);
        let count = agents.len();
        let rt = self.rt;
        let spec_arguments = self.spec_arguments();
        write!(
            self,
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
"
        );
        let qualified_names: Vec<&str> = agents.iter().map(|a| a.qualified_name.as_str()).collect();
        self.name_table(
            "NAME_TABLE",
            "&Agent::NAMES",
            &name_table_slots(&qualified_names),
        );
        write!(
            self,
            "/// The spec of the agent with this qualified name, in O(1) (an FNV-1a hash table).
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
"
        );
        self.agent_methods(count);
    }

    /// The rest of `impl Agent` (`spec`, `team`, `name`, `by_name`) and the `Debug`, `Display`
    /// and `FromStr` impls. Without agents the bodies match on the empty enum.
    fn agent_methods(&mut self, count: usize) {
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
        let rt = self.rt;
        write!(
            self,
            "    /// The agent's spec.
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
    }

    /// Each agent's constant: the agents without a pack at the top level, then one module per
    /// pack (each module once, in name order).
    pub(super) fn agent_constants(&mut self, agents: &[&Agent]) {
        let mut packs: BTreeMap<String, Vec<&Agent>> = BTreeMap::new();
        for &agent in agents {
            match &agent.pack {
                Some(pack) => packs.entry(pack_module(pack)).or_default().push(agent),
                None => self.agent_const(agent),
            }
        }
        for (module, pack_agents) in packs {
            self.pack_module_start(&module);
            for agent in pack_agents {
                self.agent_const(agent);
            }
            self.push("}\n");
        }
    }

    /// `pub mod <module> {` and the `use` of the items its constants name.
    fn pack_module_start(&mut self, module: &str) {
        let doc = format!("Agents of the pack `{module}`.");
        let skill = if self.catalog.skills.is_empty() {
            ""
        } else {
            ", Skill"
        };
        write!(
            self,
            "#[doc = {}]\n\
             #[allow(dead_code)]\n\
             pub mod {module} {{\n\
             #[allow(unused_imports)]\n\
             use super::{{Agent, AgentSpec{skill}}};\n",
            string_literal_text(&doc),
        );
        if let Some(schema) = &self.catalog.config.metadata {
            self.push(&super::metadata::pack_import_text(schema));
        }
    }

    /// Appends one agent's constant: its doc comment, then
    /// `pub const NAME: AgentSpec = rt::AgentSpec { fields…, ..rt::AgentSpec::base(Agent::V) };`.
    /// The required fields always; the optional ones only when the frontmatter gives them, the
    /// rest from `AgentSpec::base` (struct update): less text to write, fewer tokens for rustc.
    fn agent_const(&mut self, agent: &Agent) {
        let file = self.catalog.file_of(agent);
        if !file.is_accepted() {
            return self.stub_const(agent);
        }
        self.doc_comment(&doc_for(agent, file));
        self.spec_start(&agent.constant, "AgentSpec", "AgentSpec");
        self.identity_fields(agent);
        let description = file.description.as_ref().map_or("", |d| d.value.as_str());
        self.field("description", &string_literal_text(description));
        self.tool_fields(agent);
        self.behaviour_fields(agent, file);
        self.observer_fields(agent, file);
        self.reference_fields(agent);
        self.extra_field(file);
        let prompt = self.shape.prompt_literal(file.prompt());
        self.field("prompt", &prompt);
        self.field("source_path", &string_literal_text(file.path()));
        self.agent_spec_end(agent, self.catalog.metadata_of(agent));
    }

    /// `name`, `qualified_name` and (with packs) `pack`.
    fn identity_fields(&mut self, agent: &Agent) {
        self.field("name", &string_literal_text(&agent.name));
        self.field(
            "qualified_name",
            &string_literal_text(&agent.qualified_name),
        );
        if let Some(pack) = agent.pack.as_deref() {
            self.field("pack", &some(&string_literal_text(pack)));
        }
    }

    /// `tools` and `disallowed_tools`.
    fn tool_fields(&mut self, agent: &Agent) {
        if let Some(list) = &agent.tools {
            let tools = format!("{}::Tools::List({})", self.rt, self.tool_slice(list));
            self.field("tools", &tools);
        }
        if !agent.disallowed_tools.is_empty() {
            self.field(
                "disallowed_tools",
                &self.tool_slice(&agent.disallowed_tools),
            );
        }
    }

    /// The fields from `model` to `omitClaudeMd`, in the order of `AgentSpec`.
    fn behaviour_fields(&mut self, agent: &Agent, file: &AgentFile) {
        if let Some(model) = &file.model {
            self.field("model", &some(&self.model(&model.value)));
        }
        if let Some(color) = file.color() {
            self.field("color", &self.keyword("Color", color));
        }
        if let Some(mode) = file.permission_mode() {
            self.field("permission_mode", &self.keyword("PermissionMode", mode));
        }
        if !agent.skills.is_empty() {
            let skills = slice_text(agent.skills.iter().map(|target| self.skill_ref(target)));
            self.field("skills", &skills);
        }
        if let Some(turns) = file.max_turns {
            self.field("max_turns", &some(&format!("{turns}u64")));
        }
        if let Some(effort) = &file.effort {
            self.field("effort", &some(&self.effort(effort)));
        }
        if let Some(memory) = file.memory.as_deref() {
            self.field("memory", &self.keyword("MemoryScope", memory));
        }
        if let Some(background) = file.background {
            self.field("background", &some(&background.to_string()));
        }
        if let Some(isolation) = file.isolation.as_deref() {
            self.field("isolation", &self.keyword("Isolation", isolation));
        }
        if let Some(initial) = file.initial_prompt.as_deref() {
            self.field("initial_prompt", &some(&string_literal_text(initial)));
        }
        if !file.mcp_servers.is_empty() {
            let servers = slice_text(file.mcp_servers.iter().map(|n| self.value(n)));
            self.field("mcp_servers", &servers);
        }
        if let Some(hooks) = &file.hooks {
            self.field("hooks", &some(&self.value(hooks)));
        }
        if let Some(window) = file.auto_compact_window {
            self.field("auto_compact_window", &some(&format!("{window}u64")));
        }
        if file.omit_claude_md == Some(true) {
            self.field("omit_claude_md", "true");
        }
    }

    /// The observer fields, `cache_ttl` and `tools_added_by_memory`.
    fn observer_fields(&mut self, agent: &Agent, file: &AgentFile) {
        if !agent.observers.is_empty() {
            let observers = slice_text(agent.observers.iter().map(|t| self.agent_ref(t)));
            self.field("observers", &observers);
        }
        if let Some(message) = file.observer_message.as_deref() {
            self.field("observer_message", &some(&string_literal_text(message)));
        }
        if file.observe_subagents == Some(false) {
            self.field("observe_subagents", "false");
        }
        if file.observe_tool_results == Some(false) {
            self.field("observe_tool_results", "false");
        }
        if let Some(ttl) = file.cache_ttl.as_deref() {
            let variant = if ttl == "5m" {
                "FiveMinutes"
            } else {
                "OneHour"
            };
            let ttl = some(&format!("{}::CacheTtl::{variant}", self.rt));
            self.field("cache_ttl", &ttl);
        }
        if !file.memory_tools.is_empty() {
            let tools = file.memory_tools.iter().filter_map(|name| {
                crate::registry::builtin(name)
                    .map(|info| format!("{}::BuiltinTool::{}", self.rt, info.variant))
            });
            self.field("tools_added_by_memory", &slice_text(tools));
        }
    }

    /// `collaborators` and `mentions`.
    fn reference_fields(&mut self, agent: &Agent) {
        if let Some(collaborators) =
            self.agent_refs(&agent.collaborators, &agent.external_collaborators)
        {
            self.field("collaborators", &collaborators);
        }
        if let Some(mentions) = self.agent_refs(&agent.mentions, &agent.external_mentions) {
            self.field("mentions", &mentions);
        }
    }

    /// `&[rt::AgentRef, …]`: the agents of this catalog, then the external ones; `None` when
    /// both are empty.
    fn agent_refs(&self, catalog_agents: &[usize], external: &[String]) -> Option<String> {
        if catalog_agents.is_empty() && external.is_empty() {
            return None;
        }
        let catalog_refs = catalog_agents.iter().map(|&i| self.catalog_agent_ref(i));
        let external_refs = external.iter().map(|name| self.external_agent_ref(name));
        Some(slice_text(catalog_refs.chain(external_refs)))
    }

    /// `extra`: the frontmatter keys Claude Code ignores. Keys a `[metadata]` schema declares
    /// are typed in `metadata`, not kept in `extra`.
    fn extra_field(&mut self, file: &AgentFile) {
        let schema = self.catalog.config.metadata.as_ref();
        let undeclared = |key: &str| schema.is_none_or(|schema| schema.key(key).is_none());
        if file.extra.iter().any(|(k, _)| undeclared(k)) {
            let extra = self.entries(file.extra.iter().filter(|(k, _)| undeclared(k)));
            self.field("extra", &extra);
        }
    }

    /// The end of an agent's constant: `..rt::AgentSpec::base(Agent::V)`, or, with a
    /// `[metadata]` schema, `base_with` and the `Metadata` of `slots` (`None`: all absent).
    fn agent_spec_end(&mut self, agent: &Agent, slots: Option<&[MetadataSlot]>) {
        let base = match &self.catalog.config.metadata {
            None => format!("AgentSpec::base(Agent::{})", agent.variant),
            Some(schema) => format!(
                "AgentSpec::base_with(Agent::{}, {})",
                agent.variant,
                self.metadata_value(schema, slots)
            ),
        };
        self.spec_end(&base);
    }

    /// Appends the constant of an agent whose file is broken ([`Catalog::broken_agents`]),
    /// generated only while the catalog has errors: its names and file, nothing Claude Code
    /// would read from it (it reads nothing: it skips or rejects the file), the rest from
    /// `AgentSpec::base`.
    fn stub_const(&mut self, agent: &Agent) {
        let path = self.catalog.file_of(agent).path();
        self.doc_attribute(&doc_safe(&format!(
            " Agent `{}` (`{path}`), which Claude Code does not load: the file has errors.",
            agent.qualified_name
        )));
        self.spec_start(&agent.constant, "AgentSpec", "AgentSpec");
        self.identity_fields(agent);
        self.field("source_path", &string_literal_text(path));
        self.agent_spec_end(agent, None);
    }
}

/// An agent constant's doc comment: its names and file, then its description in a text fence.
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
