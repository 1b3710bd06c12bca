//! The generated items of a catalog's skills: the `Skill` enum, `SkillSpec`, `ALL_SKILLS`,
//! `skill_by_name` and one constant per skill in the module `skills`. A catalog without skills
//! generates none of them (and its output is what it was before skills existed).
//!
//! Commands, which Claude Code offers as skills, get the same items under their own names: the
//! `Command` enum, `CommandSpec` (the runtime's `SkillSpec<Agent, Command>`), `ALL_COMMANDS`,
//! `command_by_name` and the module `commands`. A catalog without commands generates none.

use std::fmt::Write as _;

use super::{
    ShortNameItems, agent_ref_text, compiler_prompt_literal_text, doc_safe, name_table_slots,
    prompt_literal_text, push_doc_attribute, slice_text, some, string_literal_text, tool_text,
    value_text, write_short_name_lookup,
};
use crate::catalog::{Catalog, Skill, SkillTarget};
use crate::read::Effort;

/// An agent's `skills` entry as an expression of type `rt::SkillRef<Skill>` (or
/// `rt::SkillRef<rt::NoSkill>` without skills: then every entry is a name).
pub(super) fn skill_ref_text(catalog: &Catalog, target: &SkillTarget, rt: &str) -> String {
    match target {
        SkillTarget::Catalog(i) => format!(
            "{rt}::SkillRef::Catalog(Skill::{})",
            catalog.skills[*i].variant
        ),
        SkillTarget::Named(name) => format!("{rt}::SkillRef::Named({})", string_literal_text(name)),
    }
}

/// `rt::Model::…` for a model as Claude Code keeps it.
fn model_text(model: &str, rt: &str) -> String {
    let alias =
        crate::read::model_alias(model).or_else(|| crate::read::model_alias(&model.to_lowercase()));
    match alias {
        Some((_, variant)) => format!("{rt}::Model::Alias({rt}::ModelAlias::{variant})"),
        None => format!("{rt}::Model::Id({})", string_literal_text(model)),
    }
}

/// `rt::Effort::…`.
fn effort_text(effort: &Effort, rt: &str) -> String {
    match effort {
        Effort::Level(level) => {
            let variant = match *level {
                "xhigh" => "XHigh".to_owned(),
                other => heck::ToUpperCamelCase::to_upper_camel_case(other),
            };
            format!("{rt}::Effort::{variant}")
        }
        Effort::Integer(n) => format!("{rt}::Effort::Integer({n}i64)"),
    }
}

/// The names of one family of generated items: skills or commands.
struct Family<'a> {
    /// `Skill` or `Command`: the enum.
    enum_name: &'static str,
    /// `skill` or `command`, in docs.
    noun: &'static str,
    /// `SKILL` or `COMMAND`: in the statics' names.
    shouting: &'static str,
    /// `skills` or `commands`: the module of constants.
    module: &'static str,
    /// The runtime's `FromStr` error.
    unknown: &'static str,
    /// What `qualified_name` is, in the enum's doc.
    qualified_doc: &'static str,
    /// The skills (or commands) and the files they index.
    items: &'a [Skill],
    files: &'a [crate::read::SkillFile],
}

/// Appends the skill items of `catalog` (nothing when it has no skills).
pub(super) fn write_skill_items(out: &mut String, catalog: &Catalog, rt: &str, for_compiler: bool) {
    write_family(
        out,
        catalog,
        &Family {
            enum_name: "Skill",
            noun: "skill",
            shouting: "SKILL",
            module: "skills",
            unknown: "UnknownSkill",
            qualified_doc: "`plugin:name` for a plugin's skill, else `name`",
            items: &catalog.skills,
            files: &catalog.skill_files,
        },
        rt,
        for_compiler,
    );
}

/// Appends the command items of `catalog` (nothing when it has no commands): the skill items'
/// shapes under the names `Command`, `CommandSpec`, `ALL_COMMANDS`, `command_by_name` and
/// `commands`.
pub(super) fn write_command_items(
    out: &mut String,
    catalog: &Catalog,
    rt: &str,
    for_compiler: bool,
) {
    write_family(
        out,
        catalog,
        &Family {
            enum_name: "Command",
            noun: "command",
            shouting: "COMMAND",
            module: "commands",
            unknown: "UnknownCommand",
            qualified_doc: "`plugin:grp:name` for a plugin's command, else `grp:name`",
            items: &catalog.command_skills,
            files: &catalog.command_files,
        },
        rt,
        for_compiler,
    );
}

fn write_family(
    out: &mut String,
    catalog: &Catalog,
    family: &Family,
    rt: &str,
    for_compiler: bool,
) {
    let skills = family.items;
    if skills.is_empty() {
        return;
    }
    let Family {
        enum_name,
        noun,
        shouting,
        module,
        unknown,
        qualified_doc,
        ..
    } = *family;
    let spec = format!("{enum_name}Spec");
    let nouns = format!("{noun}s");
    let count = skills.len();
    let mut variants = String::new();
    let mut spec_paths = String::new();
    let mut all = String::new();
    let mut names = String::new();
    let mut variant_names = String::new();
    for skill in skills {
        let doc = format!(
            "`{}` — {}",
            skill.qualified_name,
            family.files[skill.file].path()
        );
        let _ = writeln!(
            variants,
            "#[doc = {}]\n{},",
            string_literal_text(&doc_safe(&doc)),
            skill.variant
        );
        let _ = writeln!(spec_paths, "&{module}::{},", skill.constant);
        let _ = write!(all, "{enum_name}::{}, ", skill.variant);
        let _ = write!(names, "{}, ", string_literal_text(&skill.qualified_name));
        let _ = write!(variant_names, "{}, ", string_literal_text(&skill.variant));
    }
    let qualified: Vec<&str> = skills.iter().map(|s| s.qualified_name.as_str()).collect();
    let mut slots = String::new();
    for slot in name_table_slots(&qualified) {
        let _ = write!(slots, "{slot}u32, ");
    }
    let all_name = format!("ALL_{shouting}S");
    let table = format!("{shouting}_NAME_TABLE");
    let by_name = format!("{noun}_by_name");
    let _ = write!(
        out,
        "/// The {nouns} of this catalog (generated by agentgen). `Display` and `FromStr` use the
/// {noun}'s qualified name ({qualified_doc}); `Debug` the variant
/// name.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum {enum_name} {{
{variants}}}
/// The typed spec of one {noun} of this catalog.
pub type {spec} = {rt}::SkillSpec<Agent, {enum_name}>;
/// Every {noun}'s spec, sorted by qualified name.
#[allow(dead_code)]
pub static {all_name}: [&{spec}; {count}usize] = [
{spec_paths}];
#[allow(dead_code)]
static {table}: {rt}::NameTable = {rt}::NameTable {{
    names: &{enum_name}::NAMES,
    slots: &[{slots}],
}};
/// The spec of the {noun} with this qualified name, in O(1) (an FNV-1a hash table).
#[allow(dead_code)]
pub fn {by_name}(name: &str) -> ::core::option::Option<&'static {spec}> {{
    {table}.find(name).map(|index| {all_name}[index])
}}
#[allow(dead_code)]
impl {enum_name} {{
    /// Every {noun}, sorted by qualified name.
    pub const ALL: [{enum_name}; {count}usize] = [{all}];
    /// Qualified names, in the order of `ALL`.
    const NAMES: [&'static str; {count}usize] = [{names}];
    /// Variant names (for `Debug`), in the order of `ALL`.
    const VARIANT_NAMES: [&'static str; {count}usize] = [{variant_names}];
    /// The {noun}'s spec.
    pub fn spec(self) -> &'static {spec} {{
        {all_name}[self as usize]
    }}
    /// The qualified name (`plugin:name` or `name`).
    pub const fn name(self) -> &'static str {{
        {enum_name}::NAMES[self as usize]
    }}
    /// The {noun} with this qualified name, in O(1).
    pub fn by_name(name: &str) -> ::core::option::Option<{enum_name}> {{
        {table}.find(name).map(|index| {enum_name}::ALL[index])
    }}
}}
impl ::core::fmt::Debug for {enum_name} {{
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {{
        f.write_str({enum_name}::VARIANT_NAMES[*self as usize])
    }}
}}
impl {rt}::CatalogSkill<Agent> for {enum_name} {{
    fn skill_spec(self) -> &'static {spec} {{
        {all_name}[self as usize]
    }}
}}
impl ::core::fmt::Display for {enum_name} {{
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {{
        f.write_str(self.name())
    }}
}}
impl ::core::str::FromStr for {enum_name} {{
    type Err = {rt}::{unknown};
    fn from_str(name: &str) -> ::core::result::Result<{enum_name}, {rt}::{unknown}> {{
        {enum_name}::by_name(name).ok_or({rt}::{unknown})
    }}
}}
/// The {nouns} of this catalog: one constant each.
#[allow(dead_code)]
pub mod {module} {{
#[allow(unused_imports)]
use super::{{Agent, {enum_name}, {spec}}};
"
    );
    for skill in skills {
        write_skill_const(out, catalog, family, skill, rt, for_compiler);
    }
    out.push_str("}\n");
    if catalog.layout.has_plugins() {
        let short_names: Vec<&str> = skills.iter().map(|s| s.name.as_str()).collect();
        write_short_name_lookup(out, rt, &short_names, ShortNameItems::SKILLS);
    }
}

fn write_skill_const(
    out: &mut String,
    catalog: &Catalog,
    family: &Family,
    skill: &Skill,
    rt: &str,
    for_compiler: bool,
) {
    let file = &family.files[skill.file];
    let mut doc = vec![
        doc_safe(&format!(
            " {} `{}` (`{}`).",
            family.enum_name,
            skill.qualified_name,
            file.path()
        )),
        String::new(),
    ];
    doc.extend(
        file.description
            .split('\n')
            .map(|l| format!(" {}", doc_safe(l))),
    );
    if for_compiler {
        push_doc_attribute(out, &doc.join("\n"));
    } else {
        for line in &doc {
            push_doc_attribute(out, line);
        }
    }
    out.push_str("#[allow(dead_code)]\npub const ");
    out.push_str(&skill.constant);
    out.push_str(": ");
    out.push_str(family.enum_name);
    out.push_str("Spec = ");
    out.push_str(rt);
    out.push_str("::SkillSpec {\n");
    let mut field = |name: &str, value: &str| {
        out.push_str(name);
        out.push_str(": ");
        out.push_str(value);
        out.push_str(",\n");
    };
    field("name", &string_literal_text(&skill.name));
    field(
        "qualified_name",
        &string_literal_text(&skill.qualified_name),
    );
    if let Some(plugin) = &skill.plugin {
        field("plugin", &some(&string_literal_text(plugin)));
    }
    field("folder", &string_literal_text(&file.folder));
    field("description", &string_literal_text(&file.description));
    if let Some(when) = &file.when_to_use {
        field("when_to_use", &some(&string_literal_text(when)));
    }
    if !skill.allowed_tools.is_empty() {
        let tools = skill
            .allowed_tools
            .iter()
            .filter_map(|t| tool_text(catalog, t, rt));
        field("allowed_tools", &slice_text(tools));
    }
    if !skill.disallowed_tools.is_empty() {
        let tools = skill
            .disallowed_tools
            .iter()
            .filter_map(|t| tool_text(catalog, t, rt));
        field("disallowed_tools", &slice_text(tools));
    }
    if let Some(model) = &file.model {
        field("model", &some(&model_text(&model.value, rt)));
    }
    if let Some(effort) = &file.effort {
        field("effort", &some(&effort_text(effort, rt)));
    }
    if file.fork {
        field("context", &format!("{rt}::SkillContext::Fork"));
    }
    if let Some(agent) = &skill.agent {
        field("agent", &some(&agent_ref_text(catalog, agent, rt)));
    }
    if let Some(background) = file.background {
        field("background", &some(&background.to_string()));
    }
    if file.disable_model_invocation {
        field("disable_model_invocation", "true");
    }
    if !file.user_invocable {
        field("user_invocable", "false");
    }
    if let Some(hint) = &file.argument_hint {
        field("argument_hint", &some(&string_literal_text(hint)));
    }
    if !file.arguments.is_empty() {
        field(
            "arguments",
            &slice_text(file.arguments.iter().map(|a| string_literal_text(a))),
        );
    }
    if !file.paths.is_empty() {
        field(
            "paths",
            &slice_text(file.paths.iter().map(|p| string_literal_text(p))),
        );
    }
    if let Some(shell) = &file.shell {
        let variant = if shell == "powershell" {
            "PowerShell"
        } else {
            "Bash"
        };
        field("shell", &some(&format!("{rt}::SkillShell::{variant}")));
    }
    if let Some(hooks) = &file.hooks {
        field("hooks", &some(&value_text(hooks, rt)));
    }
    if let Some(version) = &file.version {
        field("version", &some(&string_literal_text(version)));
    }
    if !file.extra.is_empty() {
        let extra = file
            .extra
            .iter()
            .map(|(k, v)| format!("({}, {})", string_literal_text(k), value_text(v, rt)));
        field("extra", &slice_text(extra));
    }
    let body = if for_compiler {
        compiler_prompt_literal_text(&file.body)
    } else {
        prompt_literal_text(&file.body)
    };
    field("body", &body);
    field("source_path", &string_literal_text(file.path()));
    out.push_str(".. ");
    out.push_str(rt);
    out.push_str("::SkillSpec::base(");
    out.push_str(family.enum_name);
    out.push_str("::");
    out.push_str(&skill.variant);
    out.push_str(")\n};\n");
}
