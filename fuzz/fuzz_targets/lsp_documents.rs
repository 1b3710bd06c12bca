//! The language server's document handling (`cargo_agentgen::lsp::Server`), driven in process
//! without stdio: documents of a `.claude` project (two agents and a skill on disk, a new agent
//! not saved, the project's agentgen.toml) and one outside any project are opened, changed
//! (whole texts and incremental ranges anywhere, backwards, past the end, inside characters),
//! saved and closed, and diagnostics are published, in the order the input says.
//!
//! Checks: nothing panics; every range published for an open document lies in its text (its
//! positions are positions of the text); a second `flush` publishes nothing; and the
//! diagnostics the server ends with are the ones a fresh server publishes for the same texts
//! (re-reading file by file gives what reading everything at once gives).
//!
//! Input: operations cut at `0xFF`; each starts with an opcode byte (low 3 bits: open, full
//! change, incremental change, close, save, flush; next 3 bits: the document), an incremental
//! change then 4 bytes (start line, start character, end line, end character); the rest is the
//! text (lossy UTF-8).
#![no_main]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use cargo_agentgen::lsp::paths::uri_of;
use cargo_agentgen::lsp::{Server, text};
use libfuzzer_sys::fuzz_target;
use lsp_types::{
    Diagnostic, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, Position, PublishDiagnosticsParams,
    Range, TextDocumentContentChangeEvent, TextDocumentIdentifier, TextDocumentItem, Uri,
    VersionedTextDocumentIdentifier,
};

/// The project on disk (made once) and the documents the input picks from.
fn documents() -> &'static [Uri] {
    static DOCUMENTS: OnceLock<Vec<Uri>> = OnceLock::new();
    DOCUMENTS.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("agentgen-fuzz-lsp-{}", std::process::id()));
        let claude = dir.join(".claude");
        let files = [
            ("agents/a.md", "---\nname: a\ndescription: x\ntools: Read, Agent(b)\nskills: [s]\n---\nAsk @agent-b.\n"),
            ("agents/b.md", "---\nname: b\ndescription: y\n---\nReview.\n"),
            ("skills/s/SKILL.md", "---\ndescription: s\n---\nbody\n"),
            ("agentgen.toml", "[lints]\nno-tools = \"allow\"\n"),
        ];
        for (relative, text) in files {
            let path = claude.join(relative);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
            std::fs::write(path, text).expect("write");
        }
        std::fs::create_dir_all(dir.join("outside")).expect("dirs");
        let paths: Vec<PathBuf> = vec![
            claude.join("agents/a.md"),
            claude.join("agents/b.md"),
            claude.join("skills/s/SKILL.md"),
            claude.join("agentgen.toml"),
            claude.join("agents/new.md"),
            claude.join("agents/deep/new.md"),
            dir.join("outside/notes.md"),
        ];
        paths.iter().map(|p| uri_of(p).expect("absolute")).collect()
    })
}

/// Every range of `published` for an open document lies in its text.
fn check_ranges(server: &Server, published: &[PublishDiagnosticsParams]) {
    for params in published {
        let Some(document) = server.document(&params.uri) else {
            continue;
        };
        let text = &document.text;
        let valid = |p: Position| text::position_of(text, text::offset_of(text, p)) == p;
        for diagnostic in &params.diagnostics {
            let Range { start, end } = diagnostic.range;
            assert!(valid(start) && valid(end), "{diagnostic:?} in {text:?}");
            assert!((start.line, start.character) <= (end.line, end.character));
        }
    }
}

fn remember(state: &mut HashMap<Uri, Vec<Diagnostic>>, published: Vec<PublishDiagnosticsParams>) {
    for params in published {
        if params.diagnostics.is_empty() {
            state.remove(&params.uri);
        } else {
            state.insert(params.uri, params.diagnostics);
        }
    }
}

fn open(server: &mut Server, uri: &Uri, text: String) {
    server.did_open(DidOpenTextDocumentParams {
        text_document: TextDocumentItem {
            uri: uri.clone(),
            language_id: "markdown".to_owned(),
            version: 0,
            text,
        },
    });
}

fuzz_target!(|data: &[u8]| {
    let documents = documents();
    let mut server = Server::new();
    let mut published: HashMap<Uri, Vec<Diagnostic>> = HashMap::new();
    let mut open_texts: HashMap<Uri, ()> = HashMap::new();
    for (version, op) in data.split(|&b| b == 0xff).take(64).enumerate() {
        let Some((&code, rest)) = op.split_first() else {
            continue;
        };
        let uri = &documents[usize::from(code >> 3) % documents.len()];
        let version = version as i32 + 1;
        let whole = |text: &[u8]| String::from_utf8_lossy(text).into_owned();
        match code & 7 {
            0 => {
                if open_texts.insert(uri.clone(), ()).is_none() {
                    open(&mut server, uri, whole(rest));
                }
            }
            1 | 2 => {
                let (range, text) = match (code & 7, rest) {
                    (2, [a, b, c, d, text @ ..]) => (
                        Some(Range {
                            start: Position { line: u32::from(*a % 16), character: u32::from(*b) },
                            end: Position { line: u32::from(*c % 16), character: u32::from(*d) },
                        }),
                        text,
                    ),
                    _ => (None, rest),
                };
                server.did_change(DidChangeTextDocumentParams {
                    text_document: VersionedTextDocumentIdentifier { uri: uri.clone(), version },
                    content_changes: vec![TextDocumentContentChangeEvent {
                        range,
                        range_length: None,
                        text: whole(text),
                    }],
                });
            }
            3 => {
                open_texts.remove(uri);
                server.did_close(DidCloseTextDocumentParams {
                    text_document: TextDocumentIdentifier { uri: uri.clone() },
                });
            }
            4 => server.did_save(DidSaveTextDocumentParams {
                text_document: TextDocumentIdentifier { uri: uri.clone() },
                text: None,
            }),
            _ => {
                let found = server.flush();
                check_ranges(&server, &found);
                remember(&mut published, found);
                assert!(server.flush().is_empty(), "a second flush publishes nothing");
            }
        }
    }
    let found = server.flush();
    check_ranges(&server, &found);
    remember(&mut published, found);
    // A fresh server with the same texts open ends with the same diagnostics.
    let mut fresh = Server::new();
    let mut open_now: Vec<&Uri> = open_texts.keys().collect();
    open_now.sort();
    for uri in open_now {
        let text = server.document(uri).map(|d| d.text.clone()).unwrap_or_default();
        open(&mut fresh, uri, text);
    }
    let mut expected = HashMap::new();
    remember(&mut expected, fresh.flush());
    // Files of projects the fuzzed server opened but the fresh one did not (every document of
    // it closed) are left out of the comparison.
    published.retain(|uri, _| expected.contains_key(uri) || fresh_knows(&fresh, uri));
    assert_eq!(published, expected);
});

/// Whether `uri` is in a project the fresh server opened.
fn fresh_knows(server: &Server, uri: &Uri) -> bool {
    let Some(path) = cargo_agentgen::lsp::paths::path_of(uri) else {
        return false;
    };
    server.catalogs().any(|(root, _)| path.starts_with(root))
}
