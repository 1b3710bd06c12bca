//! `Options::prompts_from_files` (what `include_agents!` uses): each prompt becomes
//! `prompt_in_file(include_str!(path), file_len, start, end)`. The offsets must select exactly
//! the prompt Claude Code reads from the file on disk, whatever surrounds it; a file that is not
//! valid UTF-8 keeps a literal (it is an `invalid-utf8` error, and `include_str!` would add a
//! second, confusing one); and a file included this way is not tracked a second time with
//! `include_bytes!`.

use std::path::{Path, PathBuf};

use agentgen_compiler::generate::{self, Options};
use agentgen_compiler::{Config, compile_dir};
use proc_macro2::{TokenStream, TokenTree};

/// Agent files with awkward surroundings: (file name, bytes, the prompt Claude Code reads).
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
        b"---\nname: quotes\ndescription: d\n---\n\"# raw \"## delimiters \\ and \x01 control\n",
        "\"# raw \"## delimiters \\ and \x01 control",
    ),
    ("empty-body.md", b"---\nname: empty-body\ndescription: d\n---\n", ""),
    (
        "nested/deeper.md",
        b"---\nname: deeper\ndescription: d\n---\n  indented\n",
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

/// Every `prompt_in_file(include_str!("path"), len, start, end)` call in `tokens`.
fn included_prompts(tokens: TokenStream, found: &mut Vec<(String, usize, usize, usize)>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (at, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Ident(ident) if ident == "prompt_in_file" => {
                let Some(TokenTree::Group(args)) = tokens.get(at + 1) else {
                    panic!("prompt_in_file without arguments")
                };
                let args: Vec<TokenTree> = args.stream().into_iter().collect();
                // include_str ! ( "path" ) , len , start , end
                let TokenTree::Group(path) = &args[2] else {
                    panic!("include_str! without arguments")
                };
                assert_eq!(args[0].to_string(), "include_str");
                let path = path.stream().to_string();
                let path = path.trim_matches('"').replace("\\\\", "\\");
                let number = |index: usize| -> usize {
                    args[index]
                        .to_string()
                        .parse()
                        .expect("an unsuffixed usize")
                };
                found.push((path, number(4), number(6), number(8)));
            }
            TokenTree::Group(group) => included_prompts(group.stream(), found),
            _ => {}
        }
    }
}

#[test]
fn offsets_select_exactly_the_prompt_of_each_file() {
    let root = scratch("prompts-from-files");
    let agents = root.join("agents");
    for (name, bytes, _) in FILES {
        let path = agents.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(&path, bytes).expect("write agent file");
    }
    std::fs::write(
        agents.join("invalid-utf8.md"),
        b"---\nname: invalid-utf8\ndescription: d\n---\nbad \xff byte\n",
    )
    .expect("write agent file");

    let catalog = compile_dir(&agents, "agents", &Config::default());
    assert_eq!(
        catalog.agents.len(),
        FILES.len() + 1,
        "{:?}",
        catalog.diagnostics
    );
    assert_eq!(
        catalog.diagnostics.len(),
        1,
        "only invalid-utf8: {:?}",
        catalog.diagnostics
    );
    let options = Options::for_proc_macro(&catalog);
    let generated = generate::generate(&catalog, &options);
    let text = generated.to_string();

    let mut found = Vec::new();
    included_prompts(generated, &mut found);
    assert_eq!(
        found.len(),
        FILES.len(),
        "every valid UTF-8 file is included"
    );
    for (name, bytes, prompt) in FILES {
        let path = agents.join(name);
        let path = path.to_str().expect("UTF-8 path");
        let (_, file_len, start, end) = found
            .iter()
            .find(|(included, ..)| included == path)
            .unwrap_or_else(|| panic!("{name} is not included"));
        // What rustc's `include_str!` gives: the file's bytes, unchanged.
        let on_disk = std::str::from_utf8(bytes).expect("valid UTF-8");
        assert_eq!(*file_len, on_disk.len(), "{name}");
        assert_eq!(&on_disk[*start..*end], *prompt, "{name}");
        assert!(
            !text.contains(&format!("include_bytes ! (\"{path}\")")),
            "{name} is tracked twice"
        );
    }
    // The invalid file keeps a literal (U+FFFD as Claude Code reads it) and stays tracked.
    assert!(text.contains("\"bad \u{fffd} byte\""), "{text}");
    let invalid = agents.join("invalid-utf8.md");
    assert!(text.contains(&format!(
        "include_bytes ! (\"{}\")",
        invalid.to_str().expect("UTF-8 path")
    )));

    // Without the option, no prompt comes from a file.
    let literal = generate::generate(&catalog, &Options::default()).to_string();
    assert!(!literal.contains("prompt_in_file") && !literal.contains("include_str"));
    assert!(literal.contains("\"Line one\\r\\nLine two\""));
}
