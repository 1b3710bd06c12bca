//! `generate::generate_source`, the text `include_agents!` hands rustc: doc comments are one
//! attribute per constant, prompts raw literals unless they hold a CR, and every file read is
//! tracked with `include_bytes!` in a function that is never called. Whatever the prompt holds
//! (CRLF, control characters, raw-string delimiters, text that looks like generated names), the
//! text must parse and every constant must hold exactly what `generate` gives.

mod common;

use std::path::{Path, PathBuf};

use agentgen_compiler::generate::{self, Options};
use agentgen_compiler::{Catalog, Config, compile_dir};

/// Agent files with awkward prompts: (file name, bytes, the prompt Claude Code reads).
const FILES: &[(&str, &[u8], &str)] = &[
    ("plain.md", b"---\nname: plain\ndescription: d\n---\nHello.\n", "Hello."),
    (
        "crlf.md",
        b"---\r\nname: crlf\r\ndescription: d\r\n---\r\n\r\nLine one\r\nLine two\r\n\r\n",
        "Line one\r\nLine two",
    ),
    (
        "unicode-space.md",
        "---\nname: unicode-space\ndescription: d\n---\n\u{3000}\u{feff} 中文 prompt \u{a0}\n\u{2028}"
            .as_bytes(),
        "中文 prompt",
    ),
    (
        "quotes.md",
        b"---\nname: quotes\ndescription: d\n---\n\"# raw \"## delimiters \\ and \x01 \x00 \x1b \x7f control\n",
        "\"# raw \"## delimiters \\ and \x01 \x00 \x1b \x7f control",
    ),
    (
        "placeholder-lookalike.md",
        b"---\nname: placeholder-lookalike\ndescription: __agentgen_item_2\n---\n__agentgen_item_0 and __agentgen_item_1x\n",
        "__agentgen_item_0 and __agentgen_item_1x",
    ),
    ("empty-body.md", b"---\nname: empty-body\ndescription: d\n---\n", ""),
    (
        "nested/deeper.md",
        b"---\nname: deeper\ndescription: \"two\\nlines ``` fenced\"\n---\n  indented\n",
        "indented",
    ),
];

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/agentgen-compiler-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn write_catalog(name: &str, files: &[(&str, &[u8], &str)]) -> (PathBuf, Catalog) {
    let agents = scratch(name).join("agents");
    for (file, bytes, _) in files {
        let path = agents.join(file);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(&path, bytes).expect("write agent file");
    }
    let catalog = compile_dir(&agents, "agents", &Config::default());
    (agents, catalog)
}

/// (constant name, `prompt` value, joined doc text) of every `AgentSpec` constant.
fn constants(file: &syn::File) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = common::struct_constants(file)
        .into_iter()
        .map(|(item, expr)| {
            let docs: Vec<String> = item
                .attrs
                .iter()
                .filter_map(|attr| match &attr.meta {
                    syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }) => Some(s.value()),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            let prompt = common::string_field(expr, "prompt");
            (
                item.ident.to_string(),
                prompt.expect("every constant has a prompt literal"),
                docs.join("\n"),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn source_holds_the_same_constants_as_the_tokens() {
    let (agents, catalog) = write_catalog("generate-source", FILES);
    assert_eq!(
        catalog.agents().len(),
        FILES.len(),
        "{:?}",
        catalog.diagnostics()
    );
    let options = Options::for_proc_macro(&catalog);
    let source = generate::generate_source(&catalog, &options);
    let parsed = syn::parse_file(&source).expect("generate_source must parse");
    let tokens = syn::parse2::<syn::File>(generate::generate(&catalog, &options))
        .expect("generate must parse");
    let from_source = constants(&parsed);
    assert_eq!(from_source, constants(&tokens), "same prompts and doc text");
    for (_, _, prompt) in FILES {
        assert!(
            from_source.iter().any(|(_, p, _)| p == prompt),
            "prompt {prompt:?} missing"
        );
    }
    // The user's look-alike text is kept as written (the description twice: doc and field). A
    // CR forces an escaped prompt literal, else it is raw; each doc comment is one attribute.
    assert_eq!(source.matches("__agentgen_item_").count(), 4, "{source}");
    assert!(source.contains("__agentgen_item_0 and __agentgen_item_1x"));
    // Compared in proc-macro2's canonical spacing from here on.
    let source = source
        .parse::<proc_macro2::TokenStream>()
        .expect("lexes")
        .to_string();
    assert!(source.contains(r#""Line one\r\nLine two""#));
    assert!(source.contains("r###\"\"# raw \"## delimiters"));
    assert_eq!(source.matches("# [doc = \" Agent `").count(), FILES.len());
    // Every file is tracked, once, inside the never-called function.
    let tracked = source.matches("include_bytes !").count();
    assert_eq!(tracked, FILES.len(), "{source}");
    for (name, ..) in FILES {
        let path = agents.join(name);
        let path = path.to_str().expect("UTF-8 path");
        assert!(
            source.contains(&format!("let _ = include_bytes ! (\"{path}\")")),
            "{name} is not tracked"
        );
    }
    assert!(source.contains("const _ : () = { # [allow (dead_code)] fn tracked_files ()"));
}

#[test]
fn nothing_is_tracked_without_track_files() {
    let (_, catalog) = write_catalog("generate-source-untracked", &FILES[..1]);
    let source = generate::generate_source(&catalog, &Options::default());
    assert!(!source.contains("include_bytes"), "{source}");
    assert!(!source.contains("tracked_files"), "{source}");
}

#[test]
fn the_runtime_crate_path_replaces_agentgen_everywhere() {
    let (_, catalog) = write_catalog("generate-source-runtime", FILES);
    let default = generate::generate_source(&catalog, &Options::default());
    let options = Options::default()
        .with_runtime_crate("::facade::rt")
        .expect("a path");
    let renamed = generate::generate_source(&catalog, &options);
    assert!(syn::parse_file(&renamed).is_ok(), "renamed output parses");
    // Every mention of the runtime crate follows the option; nothing else changes.
    assert!(default.contains(":: agentgen::AgentSpec"), "{default}");
    assert!(!renamed.contains("agentgen::"), "{renamed}");
    assert_eq!(
        default.replace(":: agentgen::", ":: facade :: rt::"),
        renamed
    );
    let rendered = generate::render(&generate::generate(&catalog, &options));
    assert!(rendered.contains("pub type AgentSpec = ::facade::rt::AgentSpec<Agent>;"));

    for bad in ["", "my-agentgen", "a::<b>", "::", "a b"] {
        let error = Options::default()
            .with_runtime_crate(bad)
            .expect_err("not a plain path");
        assert!(error.message().contains(&format!("`{bad}`")), "{error}");
    }
    assert!(
        Options::default()
            .with_runtime_crate("crate::vendored::agentgen")
            .is_ok()
    );
}
