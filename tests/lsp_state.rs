//! The server's state driven in process (`cargo_agentgen::lsp::Server`): the catalog it keeps
//! and re-compiles file by file is the one `agentgen check` compiles from the same bytes.

mod common;

use std::path::{Path, PathBuf};

use agentgen_compiler::{Config, Project};
use cargo_agentgen::lsp::Server;
use cargo_agentgen::lsp::paths::uri_of;
use cargo_agentgen::lsp::project::{Buffers, ProjectState};
use lsp_types::{
    DidChangeTextDocumentParams, DidOpenTextDocumentParams, TextDocumentContentChangeEvent,
    TextDocumentItem, Uri, VersionedTextDocumentIdentifier,
};

/// The project at `dir` as the server reads it (no buffers) and as `agentgen check` does, with
/// the same absolute display root: the same diagnostics.
fn assert_same_as_check(dir: &Path) {
    let dir = dir.canonicalize().expect("the folder exists");
    let display = dir.to_string_lossy().into_owned();
    let checked = Project::open(&dir, &display, &Config::default()).compile();
    let kept = ProjectState::open(&dir, &Buffers::new());
    assert_eq!(
        kept.catalog.diagnostics(),
        checked.diagnostics(),
        "{}",
        dir.display()
    );
    assert_eq!(kept.catalog.agents().len(), checked.agents().len());
    assert_eq!(kept.catalog.skills().len(), checked.skills().len());
    assert_eq!(
        kept.catalog.command_skills().len(),
        checked.command_skills().len()
    );
    assert!(
        checked.agents().len() + checked.skills().len() + checked.diagnostics().len() > 0,
        "{} holds something",
        dir.display()
    );
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn the_kept_files_compile_to_the_catalog_check_compiles() {
    for name in [
        "claude-project/.claude",
        "plugins",
        "marketplace",
        "seeds-original",
    ] {
        assert_same_as_check(&fixture(name));
    }
    assert_same_as_check(&Path::new(env!("CARGO_MANIFEST_DIR")).join("agents"));
}

#[test]
fn the_corpus_compiles_the_same_way() {
    let Some(shared) = common::shared() else {
        return;
    };
    assert_same_as_check(&shared.join("corpus"));
}

#[test]
fn too_large_and_unreadable_files_are_reported_as_check_reports_them() {
    let dir = std::env::temp_dir().join(format!("agentgen-lsp-state-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let claude = dir.join(".claude");
    let write = |relative: &str, bytes: &[u8]| {
        let path = claude.join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
        std::fs::write(path, bytes).expect("write");
    };
    let big = format!(
        "---\nname: big\ndescription: x\n---\n{}",
        "a".repeat(1_100_000)
    );
    write("agents/big.md", big.as_bytes());
    write(
        "agents/ok.md",
        b"---\nname: ok\ndescription: x\nskills: [s]\n---\n",
    );
    write("skills/s/SKILL.md", big.as_bytes());
    write("skills/t/SKILL.md", b"---\ndescription: t\n---\nbody");
    write("commands/big.md", big.as_bytes());
    write("commands/grp/deploy.md", b"---\ndescription: deploy\n---\n");
    write("agents/binary.md", b"\x00\xff\xfe---\n");
    write("agentgen.toml", b"[lints]\nno-tools = \"deny\"\n");
    write("agents/agentgen.toml", b"");
    assert_same_as_check(&claude);
    let _ = std::fs::remove_dir_all(&dir);
}

fn open(server: &mut Server, uri: &Uri, text: &str) {
    server.did_open(DidOpenTextDocumentParams {
        text_document: TextDocumentItem {
            uri: uri.clone(),
            language_id: "markdown".to_owned(),
            version: 1,
            text: text.to_owned(),
        },
    });
}

fn change(server: &mut Server, uri: &Uri, version: i32, text: &str) {
    server.did_change(DidChangeTextDocumentParams {
        text_document: VersionedTextDocumentIdentifier {
            uri: uri.clone(),
            version,
        },
        content_changes: vec![TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: text.to_owned(),
        }],
    });
}

#[test]
fn an_edit_compiles_what_check_compiles_from_the_saved_file_and_publishes_only_changes() {
    let dir = std::env::temp_dir().join(format!("agentgen-lsp-edit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let agents = dir.join(".claude/agents");
    std::fs::create_dir_all(&agents).expect("dirs");
    let a = agents.join("a.md");
    let b = agents.join("b.md");
    std::fs::write(
        &a,
        "---\nname: a\ndescription: x\ntools: Read\n---\nAsk @agent-b.\n",
    )
    .expect("a");
    std::fs::write(&b, "---\nname: b\ndescription: x\ntools: Read\n---\n").expect("b");
    let (a_uri, b_uri) = (uri_of(&a).expect("uri"), uri_of(&b).expect("uri"));
    let mut server = Server::new();
    open(
        &mut server,
        &b_uri,
        "---\nname: b\ndescription: x\ntools: Read\n---\n",
    );
    assert!(
        server.flush().is_empty(),
        "a clean project publishes nothing"
    );
    assert!(server.flush().is_empty());
    let edited = "---\nname: c\ndescription: x\ntools: Reed\n---\n";
    change(&mut server, &b_uri, 2, edited);
    let published = server.flush();
    // The edited file first, then the file whose mention dangles now.
    let uris: Vec<&str> = published.iter().map(|p| p.uri.as_str()).collect();
    assert_eq!(uris, [b_uri.as_str(), a_uri.as_str()]);
    assert_eq!(published[0].version, Some(2));
    assert_eq!(published[1].version, None);
    // The same text saved: what `agentgen check` says of each file is what was published.
    std::fs::write(&b, edited).expect("save");
    let claude = dir.join(".claude");
    let checked = Project::open(&claude, &claude.to_string_lossy(), &Config::default()).compile();
    for params in &published {
        let path = cargo_agentgen::lsp::paths::path_of(&params.uri).expect("a path");
        let expected: Vec<String> = checked
            .diagnostics()
            .iter()
            .filter(|d| Path::new(&d.file) == path)
            .map(|d| d.code.as_str().to_owned())
            .collect();
        let got: Vec<String> = params
            .diagnostics
            .iter()
            .map(|d| match &d.code {
                Some(lsp_types::NumberOrString::String(code)) => code.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(got, expected, "{}", path.display());
    }
    // An edit that changes nothing publishes nothing.
    change(&mut server, &b_uri, 3, edited);
    assert!(server.flush().is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_code_has_the_anchor_the_diagnostics_link_to() {
    let guide = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide/diagnostics.md"),
    )
    .expect("the guide");
    let missing: Vec<&str> = agentgen_compiler::Code::ALL
        .iter()
        .map(|code| code.as_str())
        .filter(|code| !guide.contains(&format!("<a id=\"{code}\"></a>")))
        .collect();
    assert!(
        missing.is_empty(),
        "no anchor in docs/guide/diagnostics.md: {missing:?}"
    );
    let page = cargo_agentgen::lsp::diagnostics::docs_page().unwrap_or_default();
    assert!(
        page.ends_with("/docs/guide/diagnostics.md"),
        "the links go to the guide's chapter: {page}"
    );
}
