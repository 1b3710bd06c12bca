//! One file's bytes read as a skill (`read_skill`) and as a plugin agent (`read_plugin_agent`),
//! then compiled into a catalog with an agent that preloads the skill, generated, formatted and
//! parsed: never panics, and what it returns is consistent (spans inside the text, every
//! diagnostic renders, a plugin agent always has a name and a description, a skill always has a
//! description, the generated code is Rust with the skill's body byte for byte).
#![no_main]

use agentgen_compiler::catalog::{Input, PlacedAgent, PlacedSkill, compile};
use agentgen_compiler::generate::{Options, generate, render};
use agentgen_compiler::read::{self, Status};
use agentgen_compiler::{Config, Diagnostic, source::SourceFile};
use libfuzzer_sys::fuzz_target;

fn check(diagnostics: &[Diagnostic], source: &SourceFile) {
    let text = &source.text;
    for diagnostic in diagnostics {
        if let Some(span) = &diagnostic.span {
            assert!(
                span.bytes.start <= span.bytes.end && span.bytes.end <= text.len(),
                "{diagnostic:?}"
            );
            assert!(span.line >= 1 && span.column >= 1, "{diagnostic:?}");
        }
        assert!(!diagnostic.render(Some(source), false).is_empty());
        let _ = diagnostic.one_line();
    }
}

fuzz_target!(|data: &[u8]| {
    let skill = read::read_skill("skills/fuzz/SKILL.md", "fuzz", data);
    check(&skill.diagnostics, &skill.source);
    if skill.loaded {
        assert!(!skill.description.is_empty());
        assert!(!skill.skill_name().is_empty());
    }
    let agent = read::read_plugin_agent("kit/agents/fuzz.md", data, "kit", "fuzz.md");
    check(&agent.diagnostics, &agent.source);
    if agent.status != Status::NotLoaded {
        assert_eq!(agent.status, Status::Accepted);
        assert!(agent.name.is_some() && agent.description.is_some());
    }
    // The skill and a project agent that preloads it, as one catalog.
    let preloader = read::read_agent(
        "agents/user.md",
        format!("---\nname: user\ndescription: d\nskills: {}\n---\nx", skill.skill_name()).as_bytes(),
    );
    let body = skill.body.clone();
    let loaded = skill.loaded;
    let catalog = compile(
        Input {
            display_root: "root".into(),
            agents: vec![
                PlacedAgent { file: preloader, plugin: None, namespace: Vec::new() },
                PlacedAgent { file: agent, plugin: Some("kit".into()), namespace: vec!["sub".into()] },
            ],
            skills: vec![PlacedSkill { file: skill, plugin: None, dir: None }],
            ..Input::default()
        },
        Config::default(),
    );
    let code = render(&generate(&catalog, &Options::default()));
    let file = syn::parse_file(&code).expect("the generated code parses");
    if loaded && !catalog.skills().is_empty() {
        let mut found = false;
        for item in &file.items {
            let syn::Item::Mod(module) = item else { continue };
            if module.ident != "skills" {
                continue;
            }
            let Some((_, items)) = &module.content else { continue };
            for item in items {
                let syn::Item::Const(constant) = item else { continue };
                let syn::Expr::Struct(spec) = &*constant.expr else { continue };
                for field in &spec.fields {
                    let syn::Member::Named(name) = &field.member else { continue };
                    if name == "body" {
                        let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(literal), .. }) = &field.expr else {
                            panic!("the body is a string literal")
                        };
                        assert_eq!(literal.value(), body);
                        found = true;
                    }
                }
            }
        }
        assert!(found, "one skill constant with its body");
    }
});
