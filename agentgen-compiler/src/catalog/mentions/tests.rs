//! The scanner end to end: prompts in, mentions, unresolved references and diagnostics out.

use crate::catalog::{AgentTarget, Catalog, Input, ReferenceForm, compile};
use crate::config::Config;
use crate::diagnostic::{Code, Severity};
use crate::read::read_agent;

fn catalog(files: &[(&str, &str)], config: Config) -> Catalog {
    let files = files
        .iter()
        .map(|(p, t)| read_agent(&format!("agents/{p}"), t.as_bytes()))
        .collect();
    compile(Input::files("agents", files), config)
}

fn agent_file(name: &str, body: &str) -> String {
    format!("---\nname: {name}\ndescription: d\n---\n{body}")
}

/// The catalog `a.md` (with `body`) plus agents `code-reviewer`, `test-runner`, `reviewer`.
fn scan(body: &str) -> Catalog {
    scan_with(body, Config::default())
}

fn scan_with(body: &str, config: Config) -> Catalog {
    let a = agent_file("lead-dev", body);
    let reviewer = agent_file("code-reviewer", "x");
    let runner = agent_file("test-runner", "x");
    let short = agent_file("reviewer", "x");
    catalog(
        &[
            ("a.md", &a),
            ("code-reviewer.md", &reviewer),
            ("test-runner.md", &runner),
            ("reviewer.md", &short),
        ],
        config,
    )
}

/// `(name as written, form)` of every unresolved reference of the first agent file (`a.md`).
fn unresolved(catalog: &Catalog) -> Vec<(String, ReferenceForm)> {
    let lead = catalog
        .agents
        .iter()
        .find(|a| a.name == "lead-dev")
        .expect("lead-dev");
    lead.prompt_references
        .iter()
        .filter(|r| r.is_unresolved())
        .map(|r| (r.written.clone(), r.form))
        .collect()
}

/// Names of the catalog agents the first agent mentions, in order.
fn mentions(catalog: &Catalog) -> Vec<String> {
    let lead = catalog
        .agents
        .iter()
        .find(|a| a.name == "lead-dev")
        .expect("lead-dev");
    lead.mentions
        .iter()
        .map(|&i| catalog.agents[i].qualified_name.clone())
        .collect()
}

fn names(found: &[(String, ReferenceForm)]) -> Vec<&str> {
    found.iter().map(|(n, _)| n.as_str()).collect()
}

#[test]
fn english_forms() {
    let body = "\
Hand the diff to the security-auditor agent.
Ask the `style-checker` subagent, then @docs-writer and @agent-release-manager.
Call subagent_type: \"perf-profiler\" or Agent(db-tuner).
Collaborate with api-designer on schemas; delegate to deploy-bot.

Integration with other agents:
- Work with frontend-developer on UI
- Support mobile-developer with APIs
- **data-engineer** – pipelines

| Task | Agent |
|---|---|
| Docs | `tech-writer` |

Let **report-writer** decide where the files live.
- **bats-core**: a test framework, **user-friendly** and **sprint-planning** ready.
";
    let c = scan(body);
    assert_eq!(
        unresolved(&c),
        [
            ("security-auditor".to_owned(), ReferenceForm::AgentWord),
            ("style-checker".to_owned(), ReferenceForm::AgentWord),
            ("docs-writer".to_owned(), ReferenceForm::AtMention),
            ("release-manager".to_owned(), ReferenceForm::AtMention),
            ("perf-profiler".to_owned(), ReferenceForm::SubagentType),
            ("db-tuner".to_owned(), ReferenceForm::AgentTool),
            ("api-designer".to_owned(), ReferenceForm::Collaboration),
            ("deploy-bot".to_owned(), ReferenceForm::Collaboration),
            (
                "frontend-developer".to_owned(),
                ReferenceForm::Collaboration
            ),
            ("mobile-developer".to_owned(), ReferenceForm::ListItem),
            ("data-engineer".to_owned(), ReferenceForm::ListItem),
            ("tech-writer".to_owned(), ReferenceForm::TableCell),
            ("report-writer".to_owned(), ReferenceForm::BoldName),
        ]
    );
}

#[test]
fn chinese_forms() {
    // Seed 000 and seed 001 write their collaborators so.
    let body = "\
与其他代理的集成：
- 从 api-designer 接收 API 规范
- 支持 mobile-developer 的 API 需求

把结果交给 review-bot 代理。
- 与agent-qa-engineer协作API测试
- 完成后通知agent-tech-lead进行接口评估
调用 deploy-runner智能体。

## 通知其他Agent
- **通知agent-code-auditor**: 代码准备审查时
";
    let c = scan(body);
    assert_eq!(
        names(&unresolved(&c)),
        [
            "api-designer",
            "mobile-developer",
            "review-bot",
            "agent-qa-engineer",
            "agent-tech-lead",
            "deploy-runner",
            "agent-code-auditor",
        ]
    );
    let forms: Vec<ReferenceForm> = unresolved(&c).into_iter().map(|(_, f)| f).collect();
    assert_eq!(forms[0], ReferenceForm::ListItem);
    assert_eq!(forms[2], ReferenceForm::AgentWord);
    assert_eq!(forms[3], ReferenceForm::AgentPrefix);
    assert_eq!(forms[5], ReferenceForm::AgentWord);
}

#[test]
fn japanese_forms() {
    // Seed 004 writes its collaborators so.
    let body = "\
### **domain-modelerr Agent との連携**
### **security-architect Agent との連携**
infra-planner エージェントに依頼する。
qa-lead と連携してテストを書く。

## 直接連携
- event-bus-keeper: イベント
";
    let c = scan(body);
    assert_eq!(
        unresolved(&c),
        [
            ("domain-modelerr".to_owned(), ReferenceForm::AgentWord),
            ("security-architect".to_owned(), ReferenceForm::AgentWord),
            ("infra-planner".to_owned(), ReferenceForm::AgentWord),
            ("qa-lead".to_owned(), ReferenceForm::Collaboration),
            ("event-bus-keeper".to_owned(), ReferenceForm::ListItem),
        ]
    );
}

#[test]
fn mentions_are_catalog_agents_in_first_mention_order_without_duplicates_or_itself() {
    let body = "\
# lead-dev Agent
Run the test-runner agent, then hand off to code-reviewer.
Ask `reviewer` agent too. Then the test-runner again, and lead-dev itself.
Plain words: reviewer, a reviewer.
";
    let c = scan(body);
    assert_eq!(mentions(&c), ["test-runner", "code-reviewer", "reviewer"]);
    assert!(unresolved(&c).is_empty(), "{:?}", unresolved(&c));
    // A one-word name counts only when written as an agent.
    let c = scan("Plain words: reviewer, a reviewer.");
    assert!(mentions(&c).is_empty());
}

#[test]
fn ordinary_hyphenated_words_are_not_flagged() {
    let body = "\
Build real-time, cross-platform, production-ready, full-stack services with a cloud-native,
decision-making process; state-of-the-art, end-to-end, built-in, third-party, long-term,
high-performance, event-driven, well-documented, server-side, trade-offs, follow-up.

Integration with other agents:
- Coordinate real-time updates with code-reviewer
- Provide cross-platform support to test-runner
- Keep everything production-ready
- Review full-stack features, decision-making and cloud-native deployments
- Use a content-producing agent and implementation-focused agents
- Partner with domain-experts and decision-makers on priorities
- **it-ops** – for multi-domain, multi-agent delegation
";
    let c = scan(body);
    assert_eq!(names(&unresolved(&c)), ["it-ops"]);
    assert_eq!(mentions(&c), ["code-reviewer", "test-runner"]);
}

#[test]
fn code_blocks_count_only_explicit_forms() {
    let body = "\
```python
# the security-auditor agent, @docs-writer
Task(description=\"review\", subagent_type=\"perf-profiler\")
Agent(db-tuner)
```
~~~json
{\"agent\": \"api-designer\", \"next\": \"code-reviewer\"}
~~~
Run `npm run build-prod`, use `--dry-run`, see docs/api-guide.md and https://x.io/ui-designer.
";
    let c = scan(body);
    assert_eq!(
        unresolved(&c),
        [
            ("perf-profiler".to_owned(), ReferenceForm::SubagentType),
            ("db-tuner".to_owned(), ReferenceForm::AgentTool),
        ]
    );
    assert!(mentions(&c).is_empty());
}

#[test]
fn near_misses_suggest_the_name() {
    let c = scan("Then ask code-reviwer. A code-review is not a code-reviewers' job.");
    assert_eq!(
        unresolved(&c),
        [("code-reviwer".to_owned(), ReferenceForm::NearMiss)]
    );
    let lead = c
        .agents
        .iter()
        .find(|a| a.name == "lead-dev")
        .expect("lead");
    assert_eq!(lead.prompt_references[0].suggestions, ["code-reviewer"]);
    let diagnostic = c
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownAgentInPrompt)
        .expect("diagnostic");
    assert!(
        diagnostic
            .help
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean `code-reviewer`?")),
        "{diagnostic:?}"
    );
}

#[test]
fn one_diagnostic_per_name_at_its_first_place_with_line_and_column() {
    let c = scan("x\n\nUse the qa-bot agent.\nThen the qa-bot agent again.\n");
    let found: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnknownAgentInPrompt)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let d = found[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.file, "agents/a.md");
    // Line 7 of the file (4 lines of frontmatter), column 9.
    assert_eq!(d.span.as_ref().map(|s| (s.line, s.column)), Some((7, 9)));
    assert!(d.notes.iter().any(|n| n == "also named at 8:10"), "{d:?}");
    assert!(
        d.help
            .as_deref()
            .is_some_and(|h| h.contains("declare it under `[agents] external`")
                && h.contains("unknown-agent-in-prompt = \"allow\"")),
        "{d:?}"
    );
    assert_eq!(
        d.message,
        "unknown agent `qa-bot` in the prompt: no agent of this catalog has this name"
    );
}

#[test]
fn lint_levels_apply() {
    let mut config = Config::default();
    config
        .set_lint("unknown-agent-in-prompt", crate::LintLevel::Deny)
        .expect("lint");
    let c = scan_with("Use the qa-bot agent.", config);
    assert!(c.has_errors());
    let mut config = Config::default();
    config
        .set_lint("unknown-agent-in-prompt", crate::LintLevel::Allow)
        .expect("lint");
    let c = scan_with("Use the qa-bot agent.", config);
    assert!(c.diagnostics.is_empty());
    // The reference is still recorded (inspect, graph).
    assert_eq!(names(&unresolved(&c)), ["qa-bot"]);
}

#[test]
fn external_and_built_in_agents() {
    let config = Config {
        external_agents: vec!["release-bot".into()],
        ..Config::default()
    };
    let c = scan_with(
        "Ask release-bot, then the general-purpose agent and the Explore agent. A general-purpose language.",
        config,
    );
    assert!(unresolved(&c).is_empty(), "{:?}", unresolved(&c));
    let lead = c
        .agents
        .iter()
        .find(|a| a.name == "lead-dev")
        .expect("lead");
    assert_eq!(
        lead.external_mentions,
        ["release-bot", "general-purpose", "Explore"]
    );
    let external: Vec<_> = lead
        .prompt_references
        .iter()
        .filter_map(|r| match &r.target {
            Some(AgentTarget::External(name)) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    // `general-purpose` as an adjective is no mention of the built-in agent.
    assert_eq!(external, ["release-bot", "general-purpose", "Explore"]);
}

#[test]
fn packs_resolve_within_the_pack_and_by_pack_name() {
    let config = Config {
        packs: true,
        ..Config::default()
    };
    let lead = agent_file(
        "lead",
        "Ask the helper agent, then y:helper, then the api-designer agent.",
    );
    let helper = agent_file("helper", "x");
    let api = agent_file("api-designer", "x");
    let c = catalog(
        &[
            ("x/lead.md", &lead),
            ("x/helper.md", &helper),
            ("y/helper.md", &helper),
            ("y/api-designer.md", &api),
        ],
        config,
    );
    let lead = c.agents.iter().find(|a| a.name == "lead").expect("lead");
    let mentioned: Vec<&str> = lead
        .mentions
        .iter()
        .map(|&i| c.agents[i].qualified_name.as_str())
        .collect();
    assert_eq!(mentioned, ["x:helper", "y:helper"]);
    let unresolved: Vec<_> = lead
        .prompt_references
        .iter()
        .filter(|r| r.is_unresolved())
        .collect();
    assert_eq!(unresolved.len(), 1);
    assert_eq!(unresolved[0].written, "api-designer");
    assert_eq!(unresolved[0].suggestions, ["y:api-designer"]);
}

#[test]
fn agent_prefix_names_resolve_as_written_then_without_the_prefix() {
    let c = scan("通知agent-code-reviewer，与agent-test-runner协作，@agent-code-reviewer。");
    assert_eq!(mentions(&c), ["code-reviewer", "test-runner"]);
    assert!(unresolved(&c).is_empty());
}

#[test]
fn hostile_prompts_do_not_panic() {
    for body in [
        "| | |\n|---|---|\n| | `",
        "- ：\n- : x\n- **a**:",
        "@\n@agent-\nAgent(\nTask()\nsubagent_type\nsubagent_type: \"",
        "```\n- x-y\n",
        "与\u{300}x-y\u{300}协作 ‐ 「a-b」 \u{feff}c-d agent",
        "- a-b – ",
        "[x](y-z \n<a-b:c>",
    ] {
        let _ = scan(body);
    }
}

#[test]
fn places_are_those_source_file_location_gives() {
    // CRLF line ends, a prompt that starts mid-line, characters of two and three bytes.
    let text = "---\r\nname: lead-dev\r\ndescription: d\r\n---\r\n  与agent-qa-bot协作 and the x-y agent\r\n\r\n- 通知agent-tech-lead，é the z-w agent.\r\nUse the test-runner agent.";
    let c = catalog(
        &[
            ("a.md", text),
            ("test-runner.md", &agent_file("test-runner", "x")),
        ],
        Config::default(),
    );
    let lead = c
        .agents
        .iter()
        .find(|a| a.name == "lead-dev")
        .expect("lead");
    let file = c.file_of(lead);
    let places: Vec<(usize, usize)> = lead
        .prompt_references
        .iter()
        .map(|r| (r.span.line, r.span.column))
        .collect();
    assert_eq!(places, [(5, 4), (5, 27), (7, 5), (7, 27), (8, 9)]);
    for reference in &lead.prompt_references {
        let location = file.source.span(reference.span.bytes.clone());
        assert_eq!(
            (location.line, location.column),
            (reference.span.line, reference.span.column),
            "{reference:?}"
        );
        assert_eq!(
            &file.source.text[reference.span.bytes.clone()],
            reference.written
        );
    }
}

#[test]
fn one_word_names_in_every_agent_form_and_their_near_misses() {
    let body = "\
Escalate to reviewer when unsure; consult reviewer again after the fix.
You are a careful reviewer yourself: a reviewer thinks about edge cases.
Ask the reviwer agent, use the reviwer subagent or @reviwer.
Never the reviews agent, @Reviwer, a reviwer agent or the reviewing agent.
";
    let found = scan(body);
    assert_eq!(mentions(&found), ["reviewer"]);
    assert_eq!(
        unresolved(&found),
        [
            ("reviwer".to_owned(), ReferenceForm::AgentWord),
            ("reviwer".to_owned(), ReferenceForm::AgentWord),
            ("reviwer".to_owned(), ReferenceForm::AtMention),
        ]
    );
    let lead = found.agents.iter().find(|a| a.name == "lead-dev");
    let first = lead.and_then(|a| a.prompt_references.iter().find(|r| r.is_unresolved()));
    assert_eq!(
        first.map(|r| r.suggestions.clone()),
        Some(vec!["reviewer".to_owned()])
    );
    // Without a near miss, a one-word name in an agent form is prose.
    assert!(unresolved(&scan("Ask the security agent.")).is_empty());
}

#[test]
fn groups_and_at_directives_are_not_agents() {
    let body = "\
Integration with other agents:
- Coordinate with sales-teams on pricing
- Support finance-team with exports
- Partner with customer-success on onboarding
- Collaborate with it-security on access
- Work with code-reviewer on style
- Hand designs to api-designer

Use @ts-ignore sparingly and @ts-expect-error with a reason; load fonts with @font-face.
Annotate with @deprecated, @param, @Override and @dataclass; install @types/node.
";
    let found = scan(body);
    assert_eq!(mentions(&found), ["code-reviewer"]);
    assert_eq!(names(&unresolved(&found)), ["api-designer"]);
}

#[test]
fn a_group_that_starts_an_agent_name_is_reported_with_that_name() {
    let body = "Integration with other agents:\n- Partner with customer-success on guides\n";
    let a = agent_file("lead-dev", body);
    let manager = agent_file("customer-success-manager", "x");
    let found = catalog(
        &[("a.md", &a), ("customer-success-manager.md", &manager)],
        Config::default(),
    );
    let lead = found.agents.iter().find(|a| a.name == "lead-dev");
    let reported: Vec<(String, Vec<String>)> = lead
        .into_iter()
        .flat_map(|a| &a.prompt_references)
        .filter(|r| r.is_unresolved())
        .map(|r| (r.written.clone(), r.suggestions.clone()))
        .collect();
    assert_eq!(
        reported,
        [(
            "customer-success".to_owned(),
            vec!["customer-success-manager".to_owned()]
        )]
    );
}

#[test]
fn a_prompt_shared_by_files_is_resolved_for_each() {
    // The same prompt in two packs (read once): each copy resolves in its own pack, names
    // itself in neither, and places its references in its own file (the frontmatters differ in
    // length, so the byte offsets do).
    let config = Config {
        packs: true,
        ..Config::default()
    };
    let prompt = "Hand off to the helper agent, then the lead agent, then the api-designr agent.";
    let lead_x = format!("---\nname: lead\ndescription: the lead of x\n---\n{prompt}");
    let lead_y = format!("---\nname: lead\ndescription: y\n---\n{prompt}");
    let helper = agent_file("helper", "x");
    let api = agent_file("api-designer", "x");
    let c = catalog(
        &[
            ("x/lead.md", &lead_x),
            ("x/helper.md", &helper),
            ("y/lead.md", &lead_y),
            ("y/helper.md", &helper),
            ("y/api-designer.md", &api),
        ],
        config,
    );
    for pack in ["x", "y"] {
        let lead = c
            .agents
            .iter()
            .find(|a| a.qualified_name == format!("{pack}:lead"))
            .expect("lead");
        let mentioned: Vec<&str> = lead
            .mentions
            .iter()
            .map(|&i| c.agents[i].qualified_name.as_str())
            .collect();
        assert_eq!(mentioned, [format!("{pack}:helper")], "{pack}");
        let file = c.file_of(lead);
        for reference in &lead.prompt_references {
            assert_eq!(
                &file.source.text[reference.span.bytes.clone()],
                reference.written
            );
        }
        let unresolved: Vec<&[String]> = lead
            .prompt_references
            .iter()
            .filter(|r| r.is_unresolved())
            .map(|r| r.suggestions.as_slice())
            .collect();
        let suggestion = if pack == "y" {
            "api-designer"
        } else {
            "y:api-designer"
        };
        assert_eq!(unresolved, [[suggestion.to_owned()]], "{pack}");
    }
    let warnings = c
        .diagnostics()
        .iter()
        .filter(|d| d.code == Code::UnknownAgentInPrompt)
        .count();
    assert_eq!(warnings, 2);
}

#[test]
fn equal_texts_are_found_by_their_first() {
    let texts = ["ab", "", "cd", "ab", "", "abc", "cd", "ab"];
    assert_eq!(super::first_of_equal(&texts), [0, 1, 2, 0, 1, 5, 2, 0]);
    // Beyond the texts of one length a text is compared with, it counts as new.
    let many: Vec<String> = (0..12).map(|i| format!("{i:02}")).collect();
    let mut texts: Vec<&str> = many.iter().map(String::as_str).collect();
    texts.extend(["03", "11"]);
    let first = super::first_of_equal(&texts);
    assert_eq!(first[12], 3);
    assert_eq!(first[13], 13);
}
