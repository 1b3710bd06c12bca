//! The prompt scanner (agent references in the body: mentions, unresolved references, the
//! `unknown-agent-in-prompt` lint) on any prompt, in a catalog whose agent names come from the
//! input too. Never panics, and what it finds is consistent: every place lies in the prompt, on
//! character boundaries, holds the name as written, and has the line and column that
//! `SourceFile::location` gives; mentions are agents of the catalog, without duplicates, never
//! the agent itself; every diagnostic renders; the same input gives the same result.
//!
//! Input layout: byte 0 holds flags (bit 0: packs, bit 1: declare the first name external); the
//! rest is cut at the first 0xFF: before it, up to 8 agent names, one per line; after it, the
//! prompt of the agent `lead` (in pack `p` with packs).
#![no_main]

use agentgen_compiler::catalog::{AgentTarget, Catalog, ReferenceForm, Input, compile};
use agentgen_compiler::config::Config;
use agentgen_compiler::read;
use libfuzzer_sys::fuzz_target;

fn catalog(flags: u8, names: &[String], prompt: &[u8]) -> Catalog {
    let packs = flags & 1 != 0;
    let dir = if packs { "agents/p" } else { "agents" };
    let mut lead = b"---\nname: lead\ndescription: d\n---\n".to_vec();
    lead.extend_from_slice(prompt);
    let mut files = vec![read::read_agent(&format!("{dir}/lead.md"), &lead)];
    for (index, name) in names.iter().enumerate() {
        let text = format!("---\nname: \"{}\"\ndescription: d\n---\nx", name.replace(['"', '\\'], ""));
        files.push(read::read_agent(&format!("{dir}/n{index}.md"), text.as_bytes()));
    }
    let mut config = Config {
        packs,
        ..Config::default()
    };
    if flags & 2 != 0
        && let Some(first) = names.first()
    {
        config.external_agents.push(first.clone());
    }
    compile(Input::files("agents", files), config)
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let (names, prompt) = match rest.iter().position(|&b| b == 0xff) {
        Some(cut) => (&rest[..cut], &rest[cut + 1..]),
        None => (&[][..], rest),
    };
    let names: Vec<String> = String::from_utf8_lossy(names)
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty() && l.len() < 80)
        .take(8)
        .collect();
    let catalog = catalog(flags, &names, prompt);
    let again = catalog_again(flags, &names, prompt);
    let Some(lead_index) = catalog.agents().iter().position(|a| a.name == "lead") else {
        return;
    };
    let lead = &catalog.agents()[lead_index];
    let file = catalog.file_of(lead);
    let text = &file.source.text;
    let range = &file.prompt_range;
    for reference in &lead.prompt_references {
        let bytes = &reference.span.bytes;
        assert!(range.start <= bytes.start && bytes.end <= range.end, "{reference:?}");
        assert!(text.is_char_boundary(bytes.start) && text.is_char_boundary(bytes.end));
        let written = &text[bytes.clone()];
        if reference.form == ReferenceForm::AtMention {
            // `@agent-x` names `x`.
            assert!(written.ends_with(&reference.written), "{reference:?}");
        } else {
            assert_eq!(written, reference.written, "{reference:?}");
        }
        let location = file.source.span(bytes.clone());
        assert_eq!(
            (location.line, location.column),
            (reference.span.line, reference.span.column),
            "{reference:?}"
        );
        if let Some(AgentTarget::Catalog(index)) = &reference.target {
            assert!(*index < catalog.agents().len() && *index != lead_index);
        }
    }
    let mut seen = lead.mentions.clone();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), lead.mentions.len(), "duplicate mentions");
    assert!(!lead.mentions.contains(&lead_index));
    for diagnostic in catalog.diagnostics() {
        let _ = diagnostic.render(catalog.source(&diagnostic.file), false);
    }
    // Deterministic.
    let again_lead = again.agents().iter().find(|a| a.name == "lead");
    assert_eq!(
        again_lead.map(|a| &a.prompt_references),
        Some(&lead.prompt_references)
    );
    assert_eq!(again.diagnostics(), catalog.diagnostics());
});

fn catalog_again(flags: u8, names: &[String], prompt: &[u8]) -> Catalog {
    catalog(flags, names, prompt)
}
