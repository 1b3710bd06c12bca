//! Agent references in the prompts of every collection of a corpus: the figures of
//! BENCHMARKS.md ("Prompt references") and the list the precision sample is drawn from.
//!
//! ```sh
//! cargo run --release -p agentgen-compiler --example prompt_references -- ../shared/corpus
//! cargo run --release -p agentgen-compiler --example prompt_references -- ../shared/corpus --list
//! cargo run --release -p agentgen-compiler --example prompt_references -- ../shared/corpus --mentions
//! ```
//!
//! Each subdirectory of the corpus is compiled as one catalog with the default configuration
//! (no packs). The table gives, per collection: agent files, agents (files Claude Code loads
//! with a name that is unique), places where a prompt mentions another agent of the collection
//! (resolved), unresolved references (places) and `unknown-agent-in-prompt` diagnostics (one per
//! unresolved name per file). `--list` prints every unresolved reference as
//! `file:line:column<TAB>form<TAB>name<TAB>line text`; `--mentions` every resolved one.

use std::path::Path;

use agentgen_compiler::{Code, Config, compile_dir};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(root) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: prompt_references CORPUS_DIR [--list] [--mentions]");
        std::process::exit(2);
    };
    let list = args.iter().any(|a| a == "--list");
    let list_mentions = args.iter().any(|a| a == "--mentions");
    let mut collections: Vec<_> = std::fs::read_dir(root)
        .unwrap_or_else(|e| panic!("{root}: {e}"))
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.path())
        .collect();
    collections.sort();
    println!(
        "| collection | files | agents | mentions resolved | unresolved references | diagnostics |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    let mut totals = [0usize; 5];
    for dir in &collections {
        let label = dir
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let catalog = compile_dir(dir, &label, &Config::default());
        let mut resolved = 0;
        let mut unresolved = 0;
        for agent in catalog.agents() {
            let file = catalog.file_of(agent);
            for reference in &agent.prompt_references {
                let line_text = file.source.line_text(reference.span.line).trim();
                let place = format!(
                    "{}:{}:{}\t{}\t{}\t{}",
                    file.path(),
                    reference.span.line,
                    reference.span.column,
                    reference.form.as_str(),
                    reference.written,
                    shorten(line_text)
                );
                if reference.is_unresolved() {
                    unresolved += 1;
                    if list {
                        println!("{place}");
                    }
                } else {
                    resolved += 1;
                    if list_mentions {
                        println!("{place}");
                    }
                }
            }
        }
        let diagnostics = catalog
            .diagnostics()
            .iter()
            .filter(|d| d.code == Code::UnknownAgentInPrompt)
            .count();
        let row = [
            catalog.files().len(),
            catalog.agents().len(),
            resolved,
            unresolved,
            diagnostics,
        ];
        for (total, value) in totals.iter_mut().zip(row) {
            *total += value;
        }
        if !list && !list_mentions {
            println!(
                "| {label} | {} | {} | {} | {} | {} |",
                row[0], row[1], row[2], row[3], row[4]
            );
        }
    }
    if !list && !list_mentions {
        println!(
            "| **all** | {} | {} | {} | {} | {} |",
            totals[0], totals[1], totals[2], totals[3], totals[4]
        );
    }
    let _ = Path::new(root);
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= 140 {
        return text.to_owned();
    }
    let cut: String = text.chars().take(140).collect();
    format!("{cut}…")
}
