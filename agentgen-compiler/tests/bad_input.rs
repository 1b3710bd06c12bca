//! The bad-input matrix: odd, broken and hostile agent files and directories. Agent files come
//! from the internet; for each kind of input the engine must give a diagnostic (or, where Claude
//! Code accepts the file, the value Claude Code reads) and never panic, hang or grow without
//! bound. Wherever an agent is generated, the generated code must parse as Rust, and its prompt
//! and description constants must equal the text read from the file, byte for byte.
//!
//! Hostile YAML (alias bombs, deep nesting) is checked on results (a diagnostic, the node budget
//! kept), never on wall-clock time. Big inputs are built in memory.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use agentgen_compiler::catalog::{Catalog, Input, compile};
use agentgen_compiler::compile_dir;
use agentgen_compiler::config::Config;
use agentgen_compiler::generate::{self, Options};
use agentgen_compiler::naming::{agent_identifiers as identifiers, pack_module};
use agentgen_compiler::read::{self, AgentFile, Status, ToolsReading, YamlStatus};
use agentgen_compiler::yaml;
use agentgen_compiler::{Code, Severity};

// ---------------------------------------------------------------------------------------------
// Helpers

fn read(bytes: &[u8]) -> AgentFile {
    read::read_agent("agents/a.md", bytes)
}

fn codes(diagnostics: &[agentgen_compiler::Diagnostic]) -> Vec<Code> {
    diagnostics.iter().map(|d| d.code).collect()
}

fn has_error(diagnostics: &[agentgen_compiler::Diagnostic], code: Code) -> bool {
    diagnostics
        .iter()
        .any(|d| d.code == code && d.severity == Severity::Error)
}

/// A catalog of in-memory files, paths relative to `agents/`.
fn catalog_of(files: &[(&str, &[u8])], packs: bool) -> Catalog {
    let files = files
        .iter()
        .map(|(path, bytes)| read::read_agent(&format!("agents/{path}"), bytes))
        .collect();
    let config = Config {
        packs,
        ..Config::default()
    };
    compile(Input::files("agents", files), config)
}

/// The prompt and description literals of one generated `AgentSpec` constant.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SpecLiterals {
    prompt: String,
    description: String,
}

/// Generates the catalog, checks that the tokens and the prettyplease-formatted file both parse
/// as Rust and name every item once per namespace, renders every diagnostic, and returns the
/// literals of every constant, by `(module, constant)` (module `""` at the top level).
fn generated(catalog: &Catalog) -> BTreeMap<(String, String), SpecLiterals> {
    let tokens = generate::generate(catalog, &Options::default());
    let parsed = syn::parse2::<syn::File>(tokens.clone())
        .unwrap_or_else(|e| panic!("generated tokens are not valid Rust: {e}\n{tokens}"));
    let rendered = generate::render(&tokens);
    let reparsed = syn::parse_file(&rendered)
        .unwrap_or_else(|e| panic!("formatted output is not valid Rust: {e}\n{rendered}"));
    assert_unique_items(&parsed.items, "top level");
    let literals = spec_literals(&parsed);
    assert_eq!(
        spec_literals(&reparsed),
        literals,
        "formatting changed a literal"
    );
    assert_eq!(
        literals.len(),
        catalog.agents().len(),
        "one constant per agent"
    );
    for diagnostic in catalog.diagnostics() {
        let text = diagnostic.render(catalog.source(&diagnostic.file), false);
        assert!(text.contains(diagnostic.code.as_str()), "{text}");
    }
    literals
}

/// rustc refuses two items of one name in one namespace of a module: check values (const,
/// static, fn) and types (enum, type, mod, struct) separately, recursively.
fn assert_unique_items(items: &[syn::Item], module: &str) {
    let mut values = BTreeSet::new();
    let mut types = BTreeSet::new();
    for item in items {
        let (name, is_value) = match item {
            syn::Item::Const(i) => (i.ident.to_string(), true),
            syn::Item::Static(i) => (i.ident.to_string(), true),
            syn::Item::Fn(i) => (i.sig.ident.to_string(), true),
            syn::Item::Enum(i) => (i.ident.to_string(), false),
            syn::Item::Type(i) => (i.ident.to_string(), false),
            syn::Item::Struct(i) => (i.ident.to_string(), false),
            syn::Item::Mod(i) => {
                if let Some((_, inner)) = &i.content {
                    assert_unique_items(inner, &i.ident.to_string());
                }
                (i.ident.to_string(), false)
            }
            _ => continue,
        };
        if name == "_" {
            continue;
        }
        let set = if is_value { &mut values } else { &mut types };
        assert!(
            set.insert(name.clone()),
            "`{name}` defined twice in {module}"
        );
    }
}

fn spec_literals(file: &syn::File) -> BTreeMap<(String, String), SpecLiterals> {
    use common::string_field as field;
    fn walk(items: &[syn::Item], module: &str, out: &mut BTreeMap<(String, String), SpecLiterals>) {
        for item in items {
            match item {
                syn::Item::Const(item) => {
                    if let syn::Expr::Struct(expr) = &*item.expr
                        && let (Some(prompt), Some(description)) =
                            (field(expr, "prompt"), field(expr, "description"))
                    {
                        out.insert(
                            (module.to_owned(), item.ident.to_string()),
                            SpecLiterals {
                                prompt,
                                description,
                            },
                        );
                    }
                }
                syn::Item::Mod(item) => {
                    if let Some((_, items)) = &item.content {
                        walk(items, &item.ident.to_string(), out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&file.items, "", &mut out);
    out
}

/// Compiles one file as a catalog and returns its single agent's generated literals.
fn round_trip(bytes: &[u8]) -> (AgentFile, SpecLiterals) {
    let catalog = catalog_of(&[("a.md", bytes)], false);
    let literals = generated(&catalog);
    let file = catalog.files()[0].clone();
    assert_eq!(
        catalog.agents().len(),
        1,
        "expected one agent: {:?}",
        catalog.diagnostics()
    );
    let agent = &catalog.agents()[0];
    let found = literals
        .get(&(String::new(), agent.constant.clone()))
        .cloned()
        .unwrap_or_else(|| panic!("no constant {}", agent.constant));
    (file, found)
}

fn agent_file(frontmatter: &str, body: &str) -> Vec<u8> {
    format!("---\n{frontmatter}\n---\n{body}").into_bytes()
}

/// A directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("agentgen-bad-input-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        TempDir(dir)
    }

    fn write(&self, relative: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        path
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const VALID: &[u8] = b"---\nname: ok\ndescription: fine\n---\nPrompt\n";

// ---------------------------------------------------------------------------------------------
// Frontmatter and file structure

#[test]
fn empty_file_has_no_frontmatter() {
    let file = read(b"");
    assert_eq!(file.status, Status::SkippedSilently);
    assert_eq!(codes(&file.diagnostics), [Code::NoFrontmatter]);
    let catalog = catalog_of(&[("a.md", b"")], false);
    assert!(generated(&catalog).is_empty());
}

#[test]
fn frontmatter_only_is_an_agent_with_an_empty_prompt() {
    let (file, literals) = round_trip(b"---\nname: a\ndescription: d\n---");
    assert!(file.diagnostics.is_empty(), "{:?}", file.diagnostics);
    assert_eq!(literals.prompt, "");
    assert_eq!(literals.description, "d");
    // An empty block: no name, so Claude Code skips the file silently.
    let empty = read(b"---\n---\n");
    assert_eq!(empty.status, Status::SkippedSilently);
    assert!(has_error(&empty.diagnostics, Code::MissingName));
}

#[test]
fn closing_delimiter_mid_line_cuts_the_frontmatter_as_claude_code_does() {
    // Claude Code ends the block at the first `---`, even inside a value.
    let (file, literals) = round_trip(b"---\nname: a\ndescription: uses --- here\n---\nBody\n");
    assert_eq!(literals.description, "uses");
    assert_eq!(literals.prompt, "here\n---\nBody");
    assert_eq!(file.prompt(), literals.prompt);
}

#[test]
fn missing_closing_delimiter_is_reported() {
    let file = read(b"---\nname: a\ndescription: d\nBody\n");
    assert_eq!(file.status, Status::SkippedSilently);
    assert!(has_error(&file.diagnostics, Code::NoFrontmatter));
    assert!(
        file.diagnostics[0]
            .label
            .as_deref()
            .unwrap_or("")
            .contains("closing")
    );
}

#[test]
fn a_byte_order_mark_is_removed_as_claude_code_2_1_332_does() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(VALID);
    let with_bom = read(&bytes);
    let without = read(VALID);
    assert_eq!(with_bom.status, Status::Accepted);
    assert!(
        with_bom.diagnostics.is_empty(),
        "{:?}",
        with_bom.diagnostics
    );
    assert_eq!(
        with_bom.name.as_ref().map(|n| &n.value),
        without.name.as_ref().map(|n| &n.value)
    );
    assert_eq!(with_bom.prompt(), without.prompt());
    // Places count the mark as the first character of line 1, as an editor shows it.
    let name = with_bom
        .name
        .as_ref()
        .and_then(|n| n.span.clone())
        .expect("span");
    assert_eq!(name.line, 2);
    let catalog = catalog_of(&[("a.md", &bytes)], false);
    assert_eq!(generated(&catalog).len(), 1);
    // A mark followed by a blank line still hides the frontmatter.
    let mut bytes = b"\xef\xbb\xbf\n".to_vec();
    bytes.extend_from_slice(VALID);
    let file = read(&bytes);
    assert_eq!(file.status, Status::SkippedSilently);
    assert!(has_error(&file.diagnostics, Code::NoFrontmatter));
}

#[test]
fn crlf_files_are_read_and_the_prompt_keeps_its_line_endings() {
    let (file, literals) = round_trip(
        b"---\r\nname: crlf\r\ndescription: Windows file\r\ntools: Read, Grep\r\n---\r\nLine one\r\nLine two\r\n",
    );
    assert!(file.diagnostics.is_empty(), "{:?}", file.diagnostics);
    assert_eq!(literals.description, "Windows file");
    assert_eq!(literals.prompt, "Line one\r\nLine two");
    let ToolsReading::List(tools) = &file.tools else {
        panic!("tools expected")
    };
    let tools: Vec<&str> = tools.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(tools, ["Read", "Grep"]);
}

#[test]
fn mixed_line_endings_are_kept_exactly() {
    let body = "a\r\nb\nc\rd\r\n\ne\u{2028}f\u{2029}g\u{85}h";
    let bytes = agent_file("name: mixed\r\ndescription: d\n", body);
    let (_, literals) = round_trip(&bytes);
    assert_eq!(literals.prompt, body);
    // A lone CR inside a description survives too.
    let (_, literals) = round_trip(b"---\nname: m\ndescription: \"a\\rb\\r\\nc\"\n---\nx");
    assert_eq!(literals.description, "a\rb\r\nc");
}

#[test]
fn nul_bytes_in_the_prompt_round_trip_and_in_yaml_are_reported() {
    let (_, literals) = round_trip(b"---\nname: nul\ndescription: d\n---\na\0b\0");
    assert_eq!(literals.prompt, "a\0b\0");
    let file = read(b"---\nname: n\0ul\ndescription: d\n---\nx");
    // YAML does not allow NUL: strict parsing and the fallback both fail.
    assert_eq!(file.yaml, YamlStatus::Failed);
    assert!(has_error(&file.diagnostics, Code::InvalidFrontmatter));
}

#[test]
fn invalid_utf8_is_reported_and_replaced_as_claude_code_does() {
    let (file, literals) = round_trip(b"---\nname: bad\ndescription: caf\xe9\n---\nx\xff\xfey");
    assert!(has_error(&file.diagnostics, Code::InvalidUtf8));
    assert_eq!(literals.description, "caf\u{fffd}");
    assert_eq!(literals.prompt, "x\u{fffd}\u{fffd}y");
    // Only invalid bytes: no frontmatter either.
    let file = read(b"\xff\xfe\x00");
    assert!(has_error(&file.diagnostics, Code::InvalidUtf8));
    assert!(has_error(&file.diagnostics, Code::NoFrontmatter));
}

#[test]
fn a_five_megabyte_prompt_is_over_claude_codes_limit() {
    let prompt = "All work and no play. ".repeat(5 * 1024 * 1024 / 22 + 1);
    let bytes = agent_file("name: big\ndescription: d", &prompt);
    assert!(bytes.len() > 5_000_000);
    let file = read(&bytes);
    assert_eq!(file.status, Status::NotLoaded);
    assert_eq!(codes(&file.diagnostics), [Code::FileTooLarge]);
    assert!(
        file.diagnostics[0]
            .message
            .contains("1048576 bytes (1 MiB)")
    );
    let catalog = catalog_of(&[("big.md", &bytes)], false);
    assert!(generated(&catalog).is_empty());
}

#[test]
fn files_up_to_one_mebibyte_load_and_one_byte_more_does_not() {
    let header = b"---\nname: edge\ndescription: d\n---\n";
    let limit = agentgen_compiler::registry::MAX_FILE_BYTES as usize;
    assert_eq!(limit, 1_048_576);
    let mut bytes = header.to_vec();
    bytes.resize(limit - 1, b'p');
    bytes.push(b'!');
    let (file, literals) = round_trip(&bytes);
    assert_eq!(file.status, Status::Accepted);
    assert_eq!(literals.prompt.len(), limit - header.len());
    bytes.push(b'!');
    let file = read(&bytes);
    assert_eq!(file.status, Status::NotLoaded);
    assert!(has_error(&file.diagnostics, Code::FileTooLarge));
}

#[test]
fn ten_thousand_line_frontmatter() {
    let mut frontmatter = String::from("name: long\ndescription: |\n");
    for i in 0..5_000 {
        frontmatter.push_str(&format!("  line {i} of the description\n"));
    }
    for i in 0..5_000 {
        frontmatter.push_str(&format!("key{i}: value {i}\n"));
    }
    let bytes = agent_file(&frontmatter, "Prompt");
    let (file, literals) = round_trip(&bytes);
    assert_eq!(file.status, Status::Accepted);
    assert_eq!(file.extra.len(), 5_000);
    assert_eq!(literals.description.lines().count(), 5_000);
    assert!(
        literals
            .description
            .ends_with("line 4999 of the description\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile YAML

fn billion_laughs(indent: &str) -> String {
    let mut text = format!("{indent}a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut previous = 'a';
    for name in 'b'..='i' {
        let refs = vec![format!("*{previous}"); 10].join(", ");
        text.push_str(&format!("{indent}{name}: &{name} [{refs}]\n"));
        previous = name;
    }
    text
}

#[test]
fn alias_bombs_are_refused_within_the_node_budget() {
    let bomb = billion_laughs("");
    let error = yaml::parse(&bomb).expect_err("a billion laughs must be refused");
    assert!(error.message.contains("YAML nodes"), "{error:?}");

    // Nested, so Claude Code's re-quoting fallback (column-0 keys only) cannot rescue it.
    let nested = format!(
        "name: bomb\ndescription: d\nbombs:\n{}",
        billion_laughs("  ")
    );
    let file = read(&agent_file(&nested, "x"));
    assert_eq!(file.yaml, YamlStatus::Failed);
    assert!(has_error(&file.diagnostics, Code::InvalidFrontmatter));
    assert!(
        file.diagnostics[0]
            .label
            .as_deref()
            .unwrap_or("")
            .contains("YAML nodes"),
        "{:?}",
        file.diagnostics
    );

    // At column 0 the fallback quotes each line into a plain string, as Claude Code does: the
    // values are strings, never expanded, and the file is flagged.
    let flat = format!("name: bomb\ndescription: d\n{bomb}");
    let file = read(&agent_file(&flat, "x"));
    assert!(
        file.diagnostics
            .iter()
            .any(|d| d.code == Code::YamlFallback || d.code == Code::InvalidFrontmatter),
        "{:?}",
        file.diagnostics
    );
    let expanded: usize = file.extra.iter().map(|(_, node)| count_nodes(node)).sum();
    assert!(expanded <= yaml::MAX_NODES);
}

fn count_nodes(node: &yaml::Node) -> usize {
    match &node.value {
        yaml::Value::Seq(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        yaml::Value::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| count_nodes(k) + count_nodes(v))
                .sum::<usize>()
        }
        _ => 1,
    }
}

#[test]
fn many_small_aliases_stay_within_the_budget() {
    // Budget edge: one anchor, aliased until just past the budget.
    let mut text = String::from("a: &a x\nlist:\n");
    for _ in 0..yaml::MAX_NODES {
        text.push_str("  - *a\n");
    }
    let error = yaml::parse(&text).expect_err("over the node budget");
    assert!(error.message.contains("YAML nodes"), "{error:?}");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let depth = 100_000;
    let flow_seq = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let flow_map = format!("{}{}", "{a: ".repeat(depth), "}".repeat(depth));
    let block_seq: String = (0..300)
        .map(|i| format!("{}-\n", " ".repeat(i * 2)))
        .collect();
    for (what, value) in [("flow sequence", &flow_seq), ("flow mapping", &flow_map)] {
        let error = yaml::parse(value).expect_err(what);
        assert!(
            error.message.contains("recursion limit"),
            "{what}: {error:?}"
        );
        // Indented under a key, so Claude Code's re-quoting fallback leaves it alone: an error.
        let nested = agent_file(
            &format!("name: deep\ndescription: d\nx:\n  y: {value}"),
            "p",
        );
        let file = read(&nested);
        assert_eq!(file.yaml, YamlStatus::Failed, "{what}");
        assert!(
            has_error(&file.diagnostics, Code::InvalidFrontmatter),
            "{what}"
        );
        // At column 0 the fallback quotes the line into one string, as Claude Code does.
        let flat = agent_file(&format!("name: deep\ndescription: d\nx: {value}"), "p");
        let (file, _) = round_trip(&flat);
        assert_eq!(file.yaml, YamlStatus::FallbackOk, "{what}");
        assert!(
            file.diagnostics
                .iter()
                .any(|d| d.code == Code::YamlFallback),
            "{what}"
        );
    }
    let file = read(&agent_file(
        &format!("name: deep\ndescription: d\nx:\n{block_seq}"),
        "p",
    ));
    assert!(has_error(&file.diagnostics, Code::InvalidFrontmatter));
}

#[test]
fn nesting_deeper_than_generated_code_allows_is_an_error() {
    let limit = read::MAX_VALUE_NESTING;
    let nested = |depth: usize| {
        agent_file(
            &format!(
                "name: n\ndescription: d\nx: {}v{}",
                "[".repeat(depth),
                "]".repeat(depth)
            ),
            "p",
        )
    };
    let (file, _) = round_trip(&nested(limit));
    assert!(file.diagnostics.is_empty(), "{:?}", file.diagnostics);
    assert_eq!(count_nodes(&file.extra[0].1), limit + 1);
    for depth in [limit + 1, 254] {
        let (file, _) = round_trip(&nested(depth));
        assert!(has_error(&file.diagnostics, Code::InvalidField), "{depth}");
        assert!(file.extra.is_empty(), "left out of the generated code");
    }
    // Inside values that are generated as typed fields, too (an MCP-tool hook's `input` is
    // kept as written).
    let deep_hook = format!(
        "name: n\ndescription: d\nhooks:\n  PreToolUse:\n    - hooks: [{{type: mcp_tool, server: s, tool: t, input: {{k: {}v{}}}}}]",
        "[".repeat(limit),
        "]".repeat(limit)
    );
    let (file, _) = round_trip(&agent_file(&deep_hook, "p"));
    assert!(has_error(&file.diagnostics, Code::InvalidField));
    assert!(file.hooks.is_none());
}

#[test]
fn duplicate_keys_keep_the_last_value_and_are_errors() {
    let (file, literals) =
        round_trip(b"---\nname: dup\ndescription: first\nmodel: opus\ndescription: second\n---\nx");
    assert_eq!(literals.description, "second");
    assert!(has_error(&file.diagnostics, Code::DuplicateKey));
}

/// Regression: duplicate keys were found by a linear scan per key (quadratic: 25 s for a
/// 440 KB frontmatter in a debug build). The hash index must keep the same reading: keys in
/// the order of their last occurrence, one error per repetition, pointing at the one before.
#[test]
fn repeated_keys_keep_the_order_of_their_last_occurrence() {
    let file = read(b"---\na: 1\nname: k\na: 2\ndescription: d\nb: 3\nname: k2\na: 4\n---\nx");
    let keys: Vec<&str> = file.keys.iter().map(|k| k.value.as_str()).collect();
    assert_eq!(keys, ["description", "b", "name", "a"]);
    let duplicates: Vec<(usize, Option<usize>)> = file
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::DuplicateKey)
        .map(|d| {
            (
                d.span.as_ref().map_or(0, |s| s.line),
                d.related[0].span.as_ref().map(|s| s.line),
            )
        })
        .collect();
    // Lines: a=2, name=3, a=4, b=6, name=7, a=8.
    assert_eq!(duplicates, [(4, Some(2)), (7, Some(3)), (8, Some(4))]);
    assert_eq!(file.name.as_ref().map(|n| n.value.as_str()), Some("k2"));
    let extra: Vec<(&str, String)> = file
        .extra
        .iter()
        .map(|(k, v)| (k.as_str(), v.key_text()))
        .collect();
    assert_eq!(extra, [("b", "3".to_owned()), ("a", "4".to_owned())]);
}

/// Regression: an agent named `all` (or `name-table`) got the constant `ALL` (`NAME_TABLE`),
/// defined a second time beside the generated `static ALL` (`NAME_TABLE`): rustc error E0428.
#[test]
fn agents_named_like_generated_items_get_distinct_constants() {
    for (name, constant) in [
        ("all", "ALL_"),
        ("ALL", "ALL_"),
        ("name-table", "NAME_TABLE_"),
    ] {
        assert_eq!(identifiers(None, name).1, constant);
        let catalog = catalog_of(
            &[(
                "a.md",
                &agent_file(&format!("name: {name}\ndescription: d"), "p"),
            )],
            false,
        );
        let literals = generated(&catalog);
        assert!(literals.contains_key(&(String::new(), constant.to_owned())));
    }
}

// ---------------------------------------------------------------------------------------------
// Names and identifiers

const ODD_NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "fn",
    "async",
    "r#type",
    "1st-agent",
    "42",
    "_",
    "__",
    "a b",
    "a.b",
    "a/b",
    "a\\b",
    "后端",
    "後端-开发",
    "ALL",
    "all",
    "name-table",
    "by-name",
    "agent",
    "agent-spec",
    "Agent",
    "x-",
    "é",
    "tab\there",
    "carriage\rreturn",
    "line\nfeed",
    "\"quoted\" */",
];

#[test]
fn odd_names_generate_valid_unique_identifiers() {
    let mut files = Vec::new();
    for (index, name) in ODD_NAMES.iter().enumerate() {
        let quoted = name
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\t', "\\t")
            .replace('\r', "\\r")
            .replace('\n', "\\n");
        let text = agent_file(&format!("name: \"{quoted}\"\ndescription: d"), "p");
        // Each name alone…
        let catalog = catalog_of(&[("a.md", &text)], false);
        let literals = generated(&catalog);
        let name_read = catalog.files()[0].name.as_ref().map(|n| n.value.as_str());
        assert_eq!(name_read, Some(*name));
        assert_eq!(literals.len(), 1, "{name:?}: {:?}", catalog.diagnostics());
        let (variant, constant) = identifiers(None, name);
        assert!(
            syn::parse_str::<syn::Ident>(&variant).is_ok(),
            "{name:?} → {variant}"
        );
        assert!(
            syn::parse_str::<syn::Ident>(&constant).is_ok(),
            "{name:?} → {constant}"
        );
        files.push((format!("f{index}.md"), text));
    }
    // …and all together (identifier collisions are errors; the code stays valid).
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_slice()))
        .collect();
    let catalog = catalog_of(&refs, false);
    generated(&catalog);
    // Colliding variants: `ALL`/`all` (All), `Agent`/`agent` (Agent), `self`/`Self` (Self_),
    // and `a b`, `a.b`, `a/b`, `a\b` (AB): one error for each agent after the first.
    let collisions = catalog
        .diagnostics()
        .iter()
        .filter(|d| d.code == Code::IdentifierCollision)
        .count();
    assert_eq!(collisions, 6, "{:?}", catalog.diagnostics());
    assert_eq!(catalog.agents().len(), ODD_NAMES.len() - 6);
}

#[test]
fn a_name_starting_with_a_hyphen_is_rejected() {
    for name in ["-", "-x", "--"] {
        let file = read(&agent_file(
            &format!("name: \"{name}\"\ndescription: d"),
            "p",
        ));
        assert_eq!(file.status, Status::Rejected, "{name}");
        assert!(has_error(&file.diagnostics, Code::InvalidName), "{name}");
    }
}

#[test]
fn names_that_collide_after_case_conversion_are_errors() {
    let names = [
        "code-reviewer",
        "code_reviewer",
        "CodeReviewer",
        "code reviewer",
        "CODE-REVIEWER",
    ];
    let texts: Vec<Vec<u8>> = names
        .iter()
        .map(|n| agent_file(&format!("name: {n}\ndescription: d"), "p"))
        .collect();
    let paths: Vec<String> = (0..names.len()).map(|i| format!("{i}.md")).collect();
    let refs: Vec<(&str, &[u8])> = paths
        .iter()
        .zip(&texts)
        .map(|(p, t)| (p.as_str(), t.as_slice()))
        .collect();
    let catalog = catalog_of(&refs, false);
    let literals = generated(&catalog);
    assert_eq!(
        literals.len(),
        1,
        "only the first of the colliding agents is generated"
    );
    let collisions = catalog
        .diagnostics()
        .iter()
        .filter(|d| d.code == Code::IdentifierCollision && d.severity == Severity::Error)
        .count();
    assert_eq!(collisions, names.len() - 1);
}

#[test]
fn packs_whose_module_names_collide_stay_valid() {
    let a = agent_file("name: a\ndescription: d", "p");
    let b = agent_file("name: b\ndescription: d", "q");
    let catalog = catalog_of(
        &[
            ("my-pack/a.md", &a),
            ("my_pack/b.md", &b),
            ("type/a.md", &a),
            ("self/a.md", &a),
            ("1/a.md", &a),
            ("后端/a.md", &a),
            ("all/a.md", &a),
        ],
        true,
    );
    generated(&catalog);
    assert_eq!(pack_module("my-pack"), pack_module("my_pack"));
}

// ---------------------------------------------------------------------------------------------
// Prompts and descriptions: byte-exact

#[test]
fn prompts_with_rust_syntax_and_every_control_character_round_trip() {
    let mut body = String::from(
        "x \"# \"## \"### */ /* \\ \\n {} {{}} #[attr] #![inner] `tick` ```fence``` r#\"raw\"# ",
    );
    for c in (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32) {
        body.push(c);
        body.push('.');
    }
    body.push_str("\u{2028}\u{2029}\u{feff}\u{200b}\u{fffd}\u{10ffff} end");
    let (file, literals) = round_trip(&agent_file("name: p\ndescription: d", &body));
    assert_eq!(file.prompt(), body);
    assert_eq!(literals.prompt.as_bytes(), body.as_bytes());
}

#[test]
fn descriptions_that_would_break_doc_comments_stay_exact() {
    let cases = [
        "ends a block comment */ here",
        "opens one /* and never closes",
        "a lone \r carriage return",
        "``` fences ```` of ````` all sizes",
        "#[doc = \"x\"] and #![allow] and \" and \\",
        "line one\nline two\n\nline four",
        "NUL \0 and bell \u{7} and escape \u{1b}[31m",
        "trailing backslash \\",
        "/// a doc comment inside",
        "//! an inner doc comment",
    ];
    for description in cases {
        let escaped: String = description
            .chars()
            .map(|c| match c {
                '"' => "\\\"".to_owned(),
                '\\' => "\\\\".to_owned(),
                c if (c as u32) < 0x20 => format!("\\x{:02x}", c as u32),
                c => c.to_string(),
            })
            .collect();
        let bytes = agent_file(&format!("name: doc\ndescription: \"{escaped}\""), "p");
        let (file, literals) = round_trip(&bytes);
        let read_back = file.description.as_ref().map(|d| d.value.as_str());
        assert_eq!(
            read_back,
            Some(description),
            "YAML must read {description:?}"
        );
        assert_eq!(literals.description, description);
    }
}

// ---------------------------------------------------------------------------------------------
// Tools

fn tool_codes(tools: &str) -> Vec<Code> {
    let text = agent_file(&format!("name: t\ndescription: d\ntools: {tools}"), "p");
    let catalog = catalog_of(&[("a.md", &text)], false);
    generated(&catalog);
    codes(catalog.diagnostics())
}

#[test]
fn duplicated_tools_are_reported() {
    assert_eq!(tool_codes("Read, Grep, Read"), [Code::DuplicateTool]);
    assert_eq!(tool_codes("[Read, Read]"), [Code::DuplicateTool]);
}

#[test]
fn malformed_tool_entries_are_errors() {
    for tools in [
        "mcp__",
        "mcp____x",
        "Agent()",
        "Bash(",
        "\"Bash(\"",
        "\"Bash(git\"",
        "Task()",
        "mcp__srv__",
        "()",
        "(",
        ")",
    ] {
        let codes = tool_codes(tools);
        assert!(
            codes
                .iter()
                .any(|c| matches!(c, Code::MalformedTool | Code::UnknownTool)),
            "tools: {tools} → {codes:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The file system

fn dir_codes(catalog: &Catalog) -> Vec<(String, Code)> {
    catalog
        .diagnostics()
        .iter()
        .map(|d| (d.file.clone(), d.code))
        .collect()
}

#[cfg(unix)]
#[test]
fn symlink_loops_end_with_a_diagnostic() {
    let dir = TempDir::new("loop");
    dir.write("agents/ok.md", VALID);
    std::os::unix::fs::symlink("..", dir.path().join("agents/loop")).expect("symlink");
    std::os::unix::fs::symlink("self.md", dir.path().join("agents/self.md")).expect("symlink");
    let catalog = compile_dir(&dir.path().join("agents"), "agents", &Config::default());
    generated(&catalog);
    assert_eq!(catalog.agents().len(), 1);
    let found = dir_codes(&catalog);
    assert!(
        found.iter().any(|(_, c)| *c == Code::UnreadableFile),
        "{found:?}"
    );
    assert!(
        found.contains(&("agents/self.md".to_owned(), Code::UnreadableFile)),
        "{found:?}"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_leaving_the_directory_are_followed_like_claude_code() {
    let dir = TempDir::new("escape");
    dir.write(
        "outside/secret.md",
        b"---\nname: outside\ndescription: d\n---\nfrom outside",
    );
    dir.write("agents/ok.md", VALID);
    std::os::unix::fs::symlink("../outside/secret.md", dir.path().join("agents/link.md"))
        .expect("symlink");
    std::os::unix::fs::symlink("../outside", dir.path().join("agents/linked-dir"))
        .expect("symlink");
    let catalog = compile_dir(&dir.path().join("agents"), "agents", &Config::default());
    let literals = generated(&catalog);
    // Claude Code reads through symbolic links: both links load the same agent, a duplicate.
    assert!(
        has_error(catalog.diagnostics(), Code::DuplicateName),
        "{:?}",
        catalog.diagnostics()
    );
    assert!(literals.values().any(|l| l.prompt == "from outside"));
    let paths: Vec<&str> = catalog.files().iter().map(|f| f.path()).collect();
    assert_eq!(
        paths,
        [
            "agents/link.md",
            "agents/linked-dir/secret.md",
            "agents/ok.md"
        ]
    );
}

#[test]
fn a_directory_named_like_an_agent_file_is_walked_not_read() {
    let dir = TempDir::new("dir-md");
    dir.write(
        "agents/x.md/inner.md",
        b"---\nname: inner\ndescription: d\n---\ninside",
    );
    std::fs::create_dir_all(dir.path().join("agents/empty.md")).expect("mkdir");
    let catalog = compile_dir(&dir.path().join("agents"), "agents", &Config::default());
    let literals = generated(&catalog);
    assert!(
        catalog.diagnostics().is_empty(),
        "{:?}",
        catalog.diagnostics()
    );
    assert_eq!(catalog.files().len(), 1);
    assert_eq!(catalog.files()[0].path(), "agents/x.md/inner.md");
    assert_eq!(literals.len(), 1);
}

#[cfg(unix)]
#[test]
fn unreadable_and_irregular_files_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("unreadable");
    dir.write("agents/ok.md", VALID);
    std::os::unix::fs::symlink("missing.md", dir.path().join("agents/dangling.md"))
        .expect("symlink");
    let locked = dir.write("agents/locked.md", VALID);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    // Root (as in many CI containers) reads the file anyway; test what can be tested honestly.
    let locked_is_readable = std::fs::read(&locked).is_ok();
    let fifo = dir.path().join("agents/fifo.md");
    let have_fifo = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let catalog = compile_dir(&dir.path().join("agents"), "agents", &Config::default());
    generated(&catalog);
    let found = dir_codes(&catalog);
    assert!(
        found.contains(&("agents/dangling.md".to_owned(), Code::UnreadableFile)),
        "{found:?}"
    );
    if locked_is_readable {
        eprintln!(
            "note: running with permission to read mode-000 files (root?): that case is not tested"
        );
    } else {
        assert!(
            found.contains(&("agents/locked.md".to_owned(), Code::UnreadableFile)),
            "{found:?}"
        );
    }
    if have_fifo {
        assert!(
            found.contains(&("agents/fifo.md".to_owned(), Code::UnreadableFile)),
            "{found:?}"
        );
    } else {
        eprintln!("note: mkfifo unavailable: the FIFO case is not tested");
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).expect("chmod");
}

#[test]
fn odd_file_names_do_not_break_the_walk() {
    let dir = TempDir::new("names");
    for name in [
        "éab",
        "日本.md",
        "x.MD",
        "aé.Md",
        "é.md",
        ".hidden.md",
        "md",
        ".md",
        "a.md.bak",
    ] {
        dir.write(&format!("agents/{name}"), VALID);
    }
    let catalog = compile_dir(&dir.path().join("agents"), "agents", &Config::default());
    generated(&catalog);
    let paths: Vec<&str> = catalog.files().iter().map(|f| f.path()).collect();
    assert_eq!(
        paths,
        [
            "agents/.hidden.md",
            "agents/.md",
            "agents/é.md",
            "agents/日本.md"
        ]
    );
    let extension_case: Vec<&str> = catalog
        .diagnostics()
        .iter()
        .filter(|d| d.code == Code::ExtensionCase)
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(extension_case, ["agents/aé.Md", "agents/x.MD"]);
}

#[cfg(unix)]
#[test]
fn non_utf8_file_names_are_shown_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new("non-utf8");
    std::fs::create_dir_all(dir.path().join("agents")).expect("mkdir");
    let name = std::ffi::OsStr::from_bytes(b"bad\xff.md");
    if std::fs::write(dir.path().join("agents").join(name), VALID).is_err() {
        eprintln!("note: the file system refuses non-UTF-8 names: not tested");
        return;
    }
    let catalog = compile_dir(&dir.path().join("agents"), "agents", &Config::default());
    generated(&catalog);
    assert_eq!(catalog.files().len(), 1);
    assert_eq!(catalog.files()[0].path(), "agents/bad\u{fffd}.md");
}

#[test]
fn a_file_over_the_limit_on_disk_is_not_read() {
    let dir = TempDir::new("too-large");
    let mut bytes = VALID.to_vec();
    bytes.resize(
        agentgen_compiler::registry::MAX_FILE_BYTES as usize + 1,
        b'x',
    );
    dir.write("agents/huge.md", &bytes);
    let catalog = compile_dir(&dir.path().join("agents"), "agents", &Config::default());
    generated(&catalog);
    assert_eq!(
        dir_codes(&catalog),
        [("agents/huge.md".to_owned(), Code::FileTooLarge)]
    );
}

#[test]
fn a_missing_agents_directory_is_a_diagnostic() {
    let dir = TempDir::new("missing");
    let catalog = compile_dir(&dir.path().join("nope"), "nope", &Config::default());
    generated(&catalog);
    assert_eq!(
        dir_codes(&catalog),
        [("nope".to_owned(), Code::InvalidPath)]
    );
    // A file given as the directory.
    let file = dir.write("file.md", VALID);
    let catalog = compile_dir(&file, "file.md", &Config::default());
    assert!(has_error(catalog.diagnostics(), Code::InvalidPath));
}

// ---------------------------------------------------------------------------------------------
// Found by fuzzing (fuzz/, see FUZZING.md)

/// Fuzz crash (pipeline target): two files given to `catalog::compile` under one display path.
/// `Catalog::source` finds the first, and a diagnostic of the second, whose span lies past
/// the end of the first file's text, was rendered against it: `render` sliced out of bounds.
#[test]
fn rendering_against_a_file_the_span_does_not_belong_to_does_not_panic() {
    let long = b"---\nname: first-agent-with-a-long-name\ndescription: d\ntools: Reed\n---\nBody\n";
    let short = b"x";
    let files = vec![
        read::read_agent("agents/same.md", short),
        read::read_agent("agents/same.md", long),
    ];
    let catalog = compile(Input::files("agents", files), Config::default());
    assert!(
        catalog.diagnostics().len() >= 2,
        "{:?}",
        catalog.diagnostics()
    );
    for diagnostic in catalog.diagnostics() {
        let text = diagnostic.render(catalog.source(&diagnostic.file), false);
        assert!(text.contains(diagnostic.code.as_str()), "{text}");
    }
    // A span inside a multi-byte character of the wrong file.
    let wide = read::read_agent("agents/same.md", "é日本語\n".as_bytes());
    for diagnostic in catalog.diagnostics() {
        let _ = diagnostic.render(Some(&wide.source), true);
    }
}
