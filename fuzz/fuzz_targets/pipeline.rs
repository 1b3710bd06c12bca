//! The whole pipeline on 1–4 agent files cut from one input: read → validate the catalog →
//! generate tokens → parse them with syn and format them with prettyplease → parse the
//! formatted file again (the generated code must always be valid Rust, with unique item names); every diagnostic rendered; `inspect` JSON built.
//! Prompts and descriptions must come out of the generated constants byte for byte, and the
//! output must not depend on the order the files were found in.
//!
//! Input layout: byte 0 holds option flags (bit 0: packs, bit 1: include_bytes tracking,
//! bit 2: a custom tool and an external agent, bit 3: a configured MCP server list, bit 4: the
//! target `copilot`); the rest is
//! cut at 0xFF bytes into up to four files. A file whose bytes contain 0xFE is `path 0xFE
//! content`, with the path relative to the agents directory; otherwise a default path is used.
#![no_main]

use std::collections::BTreeMap;

use agentgen_compiler::catalog::{Input, compile};
use agentgen_compiler::config::Config;
use agentgen_compiler::generate::{self, Options};
use agentgen_compiler::read::{self, AgentFile};
use libfuzzer_sys::fuzz_target;

const DEFAULT_PATHS: [&str; 4] = ["a.md", "p/b.md", "q/c.md", "p/d.md"];

fn files_of(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    data.splitn(4, |&b| b == 0xff)
        .enumerate()
        .map(
            |(index, chunk)| match chunk.iter().position(|&b| b == 0xfe) {
                Some(cut) => (
                    String::from_utf8_lossy(&chunk[..cut]).into_owned(),
                    chunk[cut + 1..].to_vec(),
                ),
                None => (DEFAULT_PATHS[index].to_owned(), chunk.to_vec()),
            },
        )
        .collect()
}

fn config_of(flags: u8) -> Config {
    let mut config = Config {
        packs: flags & 1 != 0,
        ..Config::default()
    };
    if flags & 4 != 0 {
        config.custom_tools.push("Deploy".to_owned());
        config.external_agents.push("reviewer".to_owned());
    }
    if flags & 8 != 0 {
        config.mcp_servers = Some(vec!["github".to_owned()]);
    }
    if flags & 16 != 0 {
        config.add_target(agentgen_compiler::config::Target::Copilot);
    }
    config
}

/// `(module, constant)` → `(prompt, description)` of every `AgentSpec` constant.
fn spec_literals(file: &syn::File) -> BTreeMap<(String, String), (String, String)> {
    fn field(expr: &syn::ExprStruct, name: &str) -> Option<String> {
        expr.fields.iter().find_map(|f| match (&f.member, &f.expr) {
            (
                syn::Member::Named(ident),
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(lit),
                    ..
                }),
            ) if ident == name => Some(lit.value()),
            _ => None,
        })
    }
    fn walk(
        items: &[syn::Item],
        module: &str,
        out: &mut BTreeMap<(String, String), (String, String)>,
    ) {
        for item in items {
            match item {
                syn::Item::Const(item) => {
                    if let syn::Expr::Struct(expr) = &*item.expr
                        && let (Some(prompt), Some(description)) =
                            (field(expr, "prompt"), field(expr, "description"))
                    {
                        let key = (module.to_owned(), item.ident.to_string());
                        assert!(out.insert(key, (prompt, description)).is_none());
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

/// rustc refuses two items of one name in one namespace of a module (syn does not check).
fn assert_unique_items(items: &[syn::Item], module: &str) {
    let mut values = std::collections::BTreeSet::new();
    let mut types = std::collections::BTreeSet::new();
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

fn read_all(files: &[(String, Vec<u8>)]) -> Vec<AgentFile> {
    files
        .iter()
        .map(|(path, bytes)| read::read_agent(&format!("agents/{path}"), bytes))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let files = files_of(rest);
    let config = config_of(flags);
    let options = Options {
        track_files: if flags & 2 != 0 {
            files
                .iter()
                .map(|(path, _)| format!("/fuzz/agents/{path}"))
                .collect()
        } else {
            Vec::new()
        },
        ..Options::default()
    };
    let catalog = compile(Input::files("agents", read_all(&files)), config.clone());
    let tokens = generate::generate(&catalog, &options);
    // `render` parses the tokens with syn and formats them with prettyplease (or returns the
    // raw tokens when they do not parse); the formatted text must parse again. Parsing is most
    // of this target's time, so the tokens are parsed on their own only to explain a failure.
    let rendered = generate::render(&tokens);
    let parsed = match syn::parse_file(&rendered) {
        Ok(parsed) => parsed,
        Err(error) => match syn::parse2::<syn::File>(tokens.clone()) {
            Err(token_error) => {
                panic!("generated tokens are not valid Rust: {token_error}\n{tokens}")
            }
            Ok(_) => panic!("formatted output is not valid Rust: {error}\n{rendered}"),
        },
    };
    assert_unique_items(&parsed.items, "the top level");

    // Lossless: every agent's constant carries its prompt and description exactly (after
    // escaping and formatting).
    let literals = spec_literals(&parsed);
    assert_eq!(literals.len(), catalog.agents().len());
    for agent in catalog.agents() {
        let file = catalog.file_of(agent);
        let module = agent
            .pack
            .as_deref()
            .map(agentgen_compiler::naming::pack_module)
            .unwrap_or_default();
        let Some((prompt, description)) = literals.get(&(module, agent.constant.clone())) else {
            panic!(
                "no constant {} for {}",
                agent.constant, agent.qualified_name
            );
        };
        assert_eq!(prompt, file.prompt(), "prompt of {}", agent.qualified_name);
        let expected = file.description.as_ref().map_or("", |d| d.value.as_str());
        assert_eq!(
            description, expected,
            "description of {}",
            agent.qualified_name
        );
    }

    for diagnostic in catalog.diagnostics() {
        let _ = diagnostic.render(catalog.source(&diagnostic.file), false);
        let _ = diagnostic.one_line();
    }
    let _ = serde_json_len(&agentgen_compiler::inspect::inspect(&catalog));

    // Determinism: the same files found in the opposite order give the same output (when
    // their paths differ, as they do on a file system).
    let mut paths: Vec<&String> = files.iter().map(|(p, _)| p).collect();
    paths.sort();
    paths.dedup();
    if files.len() > 1 && paths.len() == files.len() {
        let mut reversed = read_all(&files);
        reversed.reverse();
        let again = compile(Input::files("agents", reversed), config);
        assert_eq!(
            generate::generate(&again, &options).to_string(),
            tokens.to_string(),
            "output depends on the order of the files"
        );
        assert_eq!(again.diagnostics(), catalog.diagnostics());
    }
});

fn serde_json_len(values: &[impl std::fmt::Display]) -> usize {
    values.iter().map(|v| v.to_string().len()).sum()
}
