//! Agent references in prompts and `agentgen graph`, run as the built binary: the seeds as
//! received give exactly the `unknown-agent-in-prompt` diagnostics of issue 16; the bundled
//! catalog names only its own agents, at `deny`; `inspect` lists mentions and unresolved
//! references with their places; the graph comes out as Mermaid, DOT (accepted by Graphviz) and
//! JSON, and docs/agents-graph.svg draws the bundled catalog as it is.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{agentgen, stderr, stdout};
use serde_json::Value;

const SEEDS: &str = "tests/fixtures/seeds-original";

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

/// `(file, line, column, name)` of every `unknown-agent-in-prompt` diagnostic, and the others'
/// `(file, code)`.
type Found = (String, u64, u64, String);

fn diagnostics(output: &std::process::Output) -> (Vec<Found>, Vec<(String, String)>, Vec<Value>) {
    let objects = json_lines(&stdout(output));
    let mut prompt = Vec::new();
    let mut other = Vec::new();
    let mut prompt_objects = Vec::new();
    for object in objects.iter().filter(|o| o["type"] == "diagnostic") {
        let file = object["file"].as_str().unwrap_or_default().to_owned();
        if object["code"] == "unknown-agent-in-prompt" {
            let message = object["message"].as_str().unwrap_or_default();
            let name = message.split('`').nth(1).unwrap_or_default().to_owned();
            prompt.push((
                file,
                object["line"].as_u64().unwrap_or(0),
                object["column"].as_u64().unwrap_or(0),
                name,
            ));
            prompt_objects.push(object.clone());
        } else {
            other.push((file, object["code"].as_str().unwrap_or_default().to_owned()));
        }
    }
    (prompt, other, prompt_objects)
}

fn place(file: &str, line: u64, column: u64, name: &str) -> Found {
    (format!("{SEEDS}/{file}"), line, column, name.to_owned())
}

#[test]
fn the_seeds_as_received_report_exactly_the_agents_they_name_that_do_not_exist() {
    let output = agentgen(&["check", SEEDS, "--format", "json"]);
    // Warnings by default.
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let (prompt, other, objects) = diagnostics(&output);
    assert_eq!(
        prompt,
        [
            // Seed 004: its own dependency misspelt, and two agents outside its dependencies.
            place("ddd/backend-developer.md", 166, 7, "domain-modellerr"),
            place(
                "ddd/backend-developer.md",
                248,
                7,
                "test-automation-engineer"
            ),
            place("ddd/backend-developer.md", 262, 7, "security-architect"),
            // Seed 001: three agents it notifies and works with, each at its first place.
            place("fastapi/backend-engineer.md", 24, 4, "agent-qa-engineer"),
            place("fastapi/backend-engineer.md", 25, 8, "agent-tech-lead"),
            place("fastapi/backend-engineer.md", 39, 4, "agent-code-reviewer"),
            // Seed 000: the eight agents of its "与其他代理的集成：" list.
            place("voltagent/backend-developer.md", 213, 5, "api-designer"),
            place(
                "voltagent/backend-developer.md",
                214,
                5,
                "frontend-developer"
            ),
            place(
                "voltagent/backend-developer.md",
                215,
                5,
                "database-optimizer"
            ),
            place(
                "voltagent/backend-developer.md",
                216,
                5,
                "microservices-architect"
            ),
            place("voltagent/backend-developer.md", 217, 5, "devops-engineer"),
            place("voltagent/backend-developer.md", 218, 6, "mobile-developer"),
            place("voltagent/backend-developer.md", 219, 5, "security-auditor"),
            place(
                "voltagent/backend-developer.md",
                220,
                5,
                "performance-engineer"
            ),
        ]
    );
    // The seeds' other diagnostics are seed 001's frontmatter ones, unchanged.
    let seed_001 = format!("{SEEDS}/fastapi/backend-engineer.md");
    assert_eq!(
        other,
        [
            (seed_001.clone(), "yaml-fallback".to_owned()),
            (seed_001, "retired-tool".to_owned())
        ]
    );
    let typo = &objects[0];
    assert_eq!(typo["severity"], "warning");
    assert!(
        typo["help"]
            .as_str()
            .is_some_and(|h| h.starts_with("did you mean `domain-modeller`?")),
        "{typo}"
    );
    assert_eq!(typo["label"], "written as an agent");
    let rendered = typo["rendered"].as_str().unwrap_or_default();
    assert!(
        rendered.contains("166 | ### **domain-modellerr Agent との連携**"),
        "{rendered}"
    );
    // Every diagnostic says how to fix it.
    for object in &objects {
        let help = object["help"].as_str().unwrap_or_default();
        assert!(
            help.contains("add an agent file named")
                && help.contains("declare it under `[agents] external` in agentgen.toml")
                && help.contains("unknown-agent-in-prompt = \"allow\""),
            "{object}"
        );
    }
    // Seed 001 names `agent-qa-engineer` at four places: one diagnostic, the others in a note.
    let qa = &objects[3];
    assert!(
        qa["notes"]
            .as_array()
            .is_some_and(|n| n.iter().any(|n| n == "also named at 40:4, 58:7, 73:13")),
        "{qa}"
    );
}

#[test]
fn deny_makes_them_errors_and_allow_silences_them() {
    let denied = agentgen(&["check", SEEDS, "-D", "unknown-agent-in-prompt"]);
    assert_eq!(denied.status.code(), Some(1));
    let text = stdout(&denied);
    assert!(
        text.contains("error[unknown-agent-in-prompt]: unknown agent `domain-modellerr` in the prompt: no agent of pack `ddd` has this name"),
        "{text}"
    );
    assert!(
        text.ends_with("14 errors, 2 warnings in 10 files (9 agents, agentgen.toml)\n"),
        "{text}"
    );
    let allowed = agentgen(&["check", SEEDS, "-A", "unknown-agent-in-prompt"]);
    assert_eq!(allowed.status.code(), Some(0));
    assert!(
        stdout(&allowed).ends_with("0 errors, 2 warnings in 10 files (9 agents, agentgen.toml)\n"),
        "{}",
        stdout(&allowed)
    );
}

#[test]
fn the_bundled_catalog_names_only_its_own_agents_at_deny() {
    let config = std::fs::read_to_string("agents/agentgen.toml").expect("agents/agentgen.toml");
    assert!(
        config.contains("unknown-agent-in-prompt = \"deny\""),
        "{config}"
    );
    let output = agentgen(&["check", "agents", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let (prompt, _, _) = diagnostics(&output);
    assert!(prompt.is_empty(), "{prompt:?}");
    // The typo of seed 004 is fixed in the bundled copy, and only there.
    let bundled = std::fs::read_to_string("agents/ddd/backend-developer.md").expect("bundled");
    let original =
        std::fs::read_to_string(format!("{SEEDS}/ddd/backend-developer.md")).expect("original");
    assert!(!bundled.contains("domain-modellerr"));
    assert_eq!(
        bundled,
        original.replace(
            "### **domain-modellerr Agent",
            "### **domain-modeller Agent"
        )
    );
}

#[test]
fn inspect_lists_mentions_and_unresolved_references_with_their_places() {
    let output = agentgen(&["inspect", SEEDS]);
    assert!(output.status.success(), "{}", stderr(&output));
    let objects = json_lines(&stdout(&output));
    let seed_004 = objects
        .iter()
        .find(|o| o["file"] == "ddd/backend-developer.md")
        .expect("seed 004");
    let unresolved = seed_004["unresolved_references"]
        .as_array()
        .expect("unresolved_references");
    assert_eq!(unresolved.len(), 3, "{unresolved:?}");
    assert_eq!(
        unresolved[0],
        serde_json::json!({
            "name": "domain-modellerr", "line": 166, "column": 7, "form": "agent-word",
            "suggestions": ["domain-modeller"],
        })
    );
    let mentioned: Vec<&str> = seed_004["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .filter_map(|m| m["agent"].as_str())
        .collect();
    // In text order, every place (its `### x Agent との連携` headings, then its closing list).
    assert_eq!(
        mentioned,
        [
            "ddd:api-designer",
            "ddd:database-administrator",
            "ddd:event-bus-manager",
            "ddd:workflow-orchestrator",
            "ddd:domain-modeller",
            "ddd:api-designer",
            "ddd:database-administrator",
            "ddd:event-bus-manager",
            "ddd:workflow-orchestrator",
        ]
    );
    let first = &seed_004["mentions"][0];
    assert_eq!(first["line"], 182);
    assert_eq!(first["column"], 7);
    assert_eq!(first["external"], false);
    // Seed 000 mentions nobody of its pack: all eight are unresolved.
    let seed_000 = objects
        .iter()
        .find(|o| o["file"] == "voltagent/backend-developer.md")
        .expect("seed 000");
    assert_eq!(seed_000["mentions"], serde_json::json!([]));
    assert_eq!(
        seed_000["unresolved_references"].as_array().map(Vec::len),
        Some(8)
    );
}

/// Graphviz's `dot`, if installed. In CI (`CI` set) it must be: .ci/run installs it.
fn dot_command() -> Option<&'static str> {
    let found = Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some("dot");
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "Graphviz `dot` is missing: .ci/run installs it"
    );
    eprintln!("SKIPPED: Graphviz `dot` is not installed");
    None
}

fn run_dot(dot_text: &str, format: &str) -> std::process::Output {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(dot_text.as_bytes())
        .expect("write the DOT text");
    child.wait_with_output().expect("dot finishes")
}

#[test]
fn graphviz_accepts_the_dot_output() {
    let Some(_) = dot_command() else { return };
    for dirs in [vec!["agents"], vec![SEEDS], vec!["agents", SEEDS]] {
        let mut args = vec!["graph"];
        args.extend(&dirs);
        args.extend(["--format", "dot"]);
        let output = agentgen(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        let svg = run_dot(&stdout(&output), "svg");
        assert!(
            svg.status.success() && svg.stderr.is_empty(),
            "dot refused the graph of {dirs:?}: {}",
            String::from_utf8_lossy(&svg.stderr)
        );
        assert!(String::from_utf8_lossy(&svg.stdout).contains("<svg"));
    }
}

#[test]
fn the_graph_of_the_bundled_catalog_in_three_formats() {
    let json = agentgen(&["graph", "agents", "--format", "json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    let graph: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    let nodes = graph["nodes"].as_array().expect("nodes");
    assert_eq!(
        nodes.len(),
        24,
        "the bundled agents, no unresolved or external node"
    );
    assert!(nodes.iter().all(|n| n["kind"] == "agent"));
    let edges = graph["edges"].as_array().expect("edges");
    let kinds = |kind: &str| edges.iter().filter(|e| e["kind"] == kind).count();
    assert!(kinds("frontmatter") > 0 && kinds("prompt") > 0, "{edges:?}");
    // Seed 000 names eight agents of its pack in its prompt: eight dashed edges.
    let seed_000 = nodes
        .iter()
        .find(|n| n["name"] == "voltagent:backend-developer")
        .and_then(|n| n["id"].as_str())
        .expect("seed 000's node");
    assert_eq!(
        edges
            .iter()
            .filter(|e| e["from"] == seed_000 && e["kind"] == "prompt")
            .count(),
        8
    );
    let mermaid = stdout(&agentgen(&["graph", "agents"]));
    assert!(mermaid.starts_with("flowchart LR\n"), "{mermaid}");
    assert!(
        mermaid.contains("subgraph c0_p2[\"voltagent\"]"),
        "{mermaid}"
    );
    assert!(mermaid.contains(" -.-> "), "{mermaid}");
    // The seeds as received: unresolved references are red nodes.
    let seeds = stdout(&agentgen(&["graph", SEEDS]));
    assert!(
        seeds.contains("[\"domain-modellerr\"]:::unresolved"),
        "{seeds}"
    );
    assert!(seeds.contains("classDef unresolved fill:#fde8e8,stroke:#cc0000"));
}

#[test]
fn docs_graph_svg_draws_the_bundled_catalog_as_it_is() {
    // Regenerate with the command in docs/guide/prompt-references-and-graph.md ("The team as a
    // graph") when this fails.
    let svg =
        std::fs::read_to_string(Path::new("docs/agents-graph.svg")).expect("docs/agents-graph.svg");
    let json = agentgen(&["graph", "agents", "--format", "json"]);
    let graph: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    // Graphviz writes each node's id as the <title> of its group.
    let mut ids: Vec<&str> = graph["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    ids.sort_unstable();
    let mut drawn: Vec<&str> = svg
        .split("<title>")
        .skip(1)
        .filter_map(|rest| rest.split("</title>").next())
        .filter(|title| {
            !title.contains("&#45;") && !title.starts_with("cluster_") && title.starts_with('c')
        })
        .collect();
    drawn.sort_unstable();
    assert_eq!(
        drawn, ids,
        "docs/agents-graph.svg is out of date: regenerate it"
    );
    // The edges: as many as Graphviz draws for the graph today.
    if dot_command().is_some() {
        let text = stdout(&agentgen(&["graph", "agents", "--format", "dot"]));
        let fresh = String::from_utf8_lossy(&run_dot(&text, "svg").stdout).into_owned();
        assert_eq!(
            svg.matches("class=\"edge\"").count(),
            fresh.matches("class=\"edge\"").count(),
            "docs/agents-graph.svg is out of date: regenerate it"
        );
    }
}

/// A folder of plugins with skills: a plugin with an agent and a skill, and a plugin with
/// skills only.
fn plugins_with_skills() -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("graph-plugins-with-skills");
    let _ = std::fs::remove_dir_all(&root);
    let files = [
        (
            "team/agents/lead.md",
            "---\nname: lead\ndescription: Leads\nskills: checklist, extras:notes, code-review, checklist\n---\nLead.\n",
        ),
        (
            "team/agents/helper.md",
            "---\nname: helper\ndescription: Helps\n---\nHelp.\n",
        ),
        (
            "team/skills/checklist/SKILL.md",
            "---\ndescription: The checklist\ncontext: fork\nagent: helper\n---\nCheck.\n",
        ),
        (
            "extras/skills/notes/SKILL.md",
            "---\ndescription: Notes\n---\nWrite notes.\n",
        ),
    ];
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    root
}

#[test]
fn the_graph_draws_skills_in_their_plugins() {
    let root = plugins_with_skills();
    let dir = root.to_str().expect("UTF-8 path");
    let args = |format| ["graph", dir, "--layout", "plugins", "--format", format];
    let json = agentgen(&args("json"));
    assert!(json.status.success(), "{}", stderr(&json));
    let graph: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    let nodes: Vec<(&str, &str, &str, Option<&str>)> = graph["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| {
            (
                n["id"].as_str().expect("id"),
                n["name"].as_str().expect("name"),
                n["kind"].as_str().expect("kind"),
                n["pack"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        nodes,
        [
            ("c0_a0", "team:helper", "agent", Some("team")),
            ("c0_a1", "team:lead", "agent", Some("team")),
            ("c0_s0", "extras:notes", "skill", Some("extras")),
            ("c0_s1", "team:checklist", "skill", Some("team")),
            ("c0_k0", "code-review", "external-skill", None),
        ]
    );
    let edges: Vec<(&str, &str, &str)> = graph["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            (
                e["from"].as_str().expect("from"),
                e["to"].as_str().expect("to"),
                e["kind"].as_str().expect("kind"),
            )
        })
        .collect();
    // lead preloads its skills in order, once each; the checklist runs in helper.
    assert_eq!(
        edges,
        [
            ("c0_a1", "c0_s1", "skill"),
            ("c0_a1", "c0_s0", "skill"),
            ("c0_a1", "c0_k0", "skill"),
            ("c0_s1", "c0_a0", "frontmatter"),
        ]
    );

    let mermaid = stdout(&agentgen(&args("mermaid")));
    assert!(
        mermaid.contains(
            "  subgraph c0_p1[\"extras\"]\n    c0_s0([\"extras:notes\"]):::skill\n  end\n"
        ),
        "{mermaid}"
    );
    assert!(mermaid.contains("  c0_a1 ==> c0_s1\n"), "{mermaid}");
    assert!(mermaid.contains("  c0_s1 --> c0_a0\n"), "{mermaid}");
    assert!(
        mermaid.contains("  c0_k0([\"code-review\"]):::external\n"),
        "{mermaid}"
    );
    assert!(mermaid.contains("  classDef skill "), "{mermaid}");

    let dot = stdout(&agentgen(&args("dot")));
    assert!(
        dot.contains("c0_a1 -> c0_s0 [penwidth=2, color=\"#2e7d32\"];\n"),
        "{dot}"
    );
    if dot_command().is_some() {
        let svg = run_dot(&dot, "svg");
        assert!(
            svg.status.success() && svg.stderr.is_empty(),
            "dot refused the graph: {}",
            String::from_utf8_lossy(&svg.stderr)
        );
    }
    // Without skills nothing of this appears (the bundled catalog's graph is unchanged).
    let bundled = stdout(&agentgen(&["graph", "agents"]));
    assert!(!bundled.contains("classDef skill") && !bundled.contains("==>"));
}

/// Issue 22: a small project with one-word agent names, run through `check` and `inspect`.
#[test]
fn one_word_names_near_misses_groups_and_directives_through_the_cli() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("one-word-agent-names");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("create the catalog");
    let write = |name: &str, body: &str| {
        let text = format!("---\nname: {name}\ndescription: The {name}.\n---\n{body}");
        std::fs::write(root.join(format!("{name}.md")), text).expect("write an agent file");
    };
    for name in ["planner", "implementer", "reviewer"] {
        write(name, "You help.\n");
    }
    write(
        "coordinator",
        "\
You are a careful planner yourself. Escalate to planner when the scope is unclear.
Once it is approved, hand off to implementer.
Ask the planer agent. Use the planer subagent. Use @planer, then @reviewer.
Use @ts-ignore sparingly; mark old APIs @deprecated.

Integration with other agents:
- Coordinate with sales-teams on pricing
- Support finance-team with exports
- Work with release-manager on tags
",
    );
    let dir = root.to_str().expect("UTF-8 path");
    let output = agentgen(&["check", dir, "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let (prompt, _, objects) = diagnostics(&output);
    let names: Vec<&str> = prompt.iter().map(|(_, _, _, n)| n.as_str()).collect();
    assert_eq!(names, ["planer", "release-manager"], "{prompt:?}");
    assert_eq!((prompt[0].1, prompt[0].2), (7, 9));
    assert!(
        objects[0]["help"]
            .as_str()
            .is_some_and(|h| h.starts_with("did you mean `planner`?")),
        "{}",
        objects[0]
    );
    // The other two places of `planer` are a note of the one diagnostic.
    let rendered = objects[0]["rendered"].as_str().unwrap_or_default();
    assert!(rendered.contains("also named at 7:31, 7:53"), "{rendered}");

    let output = agentgen(&["inspect", dir]);
    assert!(output.status.success(), "{}", stderr(&output));
    let objects = json_lines(&stdout(&output));
    let coordinator = objects
        .iter()
        .find(|o| o["file"] == "coordinator.md")
        .expect("coordinator");
    let mut mentioned: Vec<(&str, &str)> = coordinator["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .filter_map(|m| Some((m["agent"].as_str()?, m["form"].as_str()?)))
        .collect();
    mentioned.dedup();
    assert_eq!(
        mentioned,
        [
            ("planner", "collaboration"),
            ("implementer", "collaboration"),
            ("reviewer", "at-mention"),
        ]
    );
}

/// The wshobson marketplace (a copy with a generated `marketplace.json`): filtered to one plugin
/// (`--plugin`) or to the agents with an edge (`--connected`), its graph fits a page once
/// Graphviz draws it; unfiltered, the clusters are packed into a block instead of a strip.
/// Sizes recorded in BENCHMARKS.md ("The graph of a marketplace").
#[test]
fn the_graph_of_a_marketplace_fits_a_page_filtered() {
    let Some(shared) = common::shared() else {
        return;
    };
    let Some(_) = dot_command() else { return };
    let market = Path::new(env!("CARGO_TARGET_TMPDIR")).join("graph-wshobson-market");
    let _ = std::fs::remove_dir_all(&market);
    let plugins = shared.join("corpus/wshobson__agents/plugins");
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(&plugins).expect("plugins").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let agents = market.join("plugins").join(&name).join("agents");
        std::fs::create_dir_all(&agents).expect("mkdir");
        for file in std::fs::read_dir(entry.path().join("agents"))
            .expect("agents")
            .flatten()
        {
            std::fs::copy(file.path(), agents.join(file.file_name())).expect("copy");
        }
        entries.push(serde_json::json!({"name": name, "source": format!("./plugins/{name}")}));
    }
    std::fs::create_dir_all(market.join(".claude-plugin")).expect("mkdir");
    std::fs::write(
        market.join(".claude-plugin/marketplace.json"),
        serde_json::json!({"name": "wshobson", "owner": {"name": "t"}, "plugins": entries})
            .to_string(),
    )
    .expect("marketplace.json");
    let market = market.to_str().expect("utf-8");
    // Width and height of the SVG Graphviz draws, in points.
    let page = |extra: &[&str]| -> (f64, f64, String) {
        let mut args = vec!["graph", market, "--format", "dot"];
        args.extend(extra);
        let output = agentgen(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        let text = stdout(&output);
        let svg = run_dot(&text, "svg");
        assert!(
            svg.status.success(),
            "{}",
            String::from_utf8_lossy(&svg.stderr)
        );
        let svg = String::from_utf8_lossy(&svg.stdout).into_owned();
        let size = |attribute: &str| -> f64 {
            let start = svg.find("<svg width=\"").expect("<svg");
            let rest = &svg[start..];
            let at = rest.find(&format!("{attribute}=\"")).expect(attribute) + attribute.len() + 2;
            rest[at..]
                .split("pt")
                .next()
                .and_then(|n| n.parse().ok())
                .expect("a size in points")
        };
        (size("width"), size("height"), text)
    };
    let (width, height, text) = page(&["--plugin", "agent-teams"]);
    assert!(width <= 800.0 && height <= 800.0, "{width}×{height}");
    assert!(text.contains("label=\"agent-teams:team-lead\""), "{text}");
    assert!(!text.contains("agent-orchestration"), "{text}");
    let (width, height, _) = page(&["--plugin", "hr-legal-compliance"]);
    assert!(width <= 800.0 && height <= 800.0, "{width}×{height}");
    let (width, height, text) = page(&["--connected"]);
    assert!(width <= 2000.0 && height <= 2000.0, "{width}×{height}");
    assert!(text.contains("c4-architecture:"), "{text}");
    assert!(!text.contains("accessibility-compliance"), "{text}");
    // The whole marketplace: packed into a block, not a 13,000-point strip.
    let (width, height, _) = page(&[]);
    assert!(height <= 4000.0 && width <= 4000.0, "{width}×{height}");
    let unknown = agentgen(&["graph", market, "--plugin", "agent-team"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("did you mean `agent-teams`?"),
        "{}",
        stderr(&unknown)
    );
}
