//! What other people's CI runs: the GitHub Action (action.yml) and the pre-commit hooks
//! (.pre-commit-hooks.yaml). The action cannot run here, so its shape is checked (a composite
//! action, every `${{ … }}` naming a declared input or a step output the check step writes, the
//! SARIF upload) and its check step's script is run with bash as the runner runs it, against the
//! built `agentgen`. The hooks run for real under pre-commit in `.ci/pre-commit-hooks.sh`; here
//! their definitions are checked against the binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo_file(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).expect(name)
}

fn yaml(name: &str) -> Value {
    serde_saphyr::from_str(&repo_file(name)).unwrap_or_else(|e| panic!("{name} is YAML: {e}"))
}

fn action() -> Value {
    yaml("action.yml")
}

fn steps(action: &Value) -> &Vec<Value> {
    action["runs"]["steps"].as_array().expect("runs.steps")
}

/// Every `${{ … }}` expression in `text`.
fn expressions(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        let after = &rest[start + 3..];
        let end = after.find("}}").expect("closed expression");
        out.push(after[..end].trim());
        rest = &after[end + 2..];
    }
    out
}

/// The dotted names after `prefix` in an expression (`inputs.` → `paths`, `sarif-file`, …).
fn names_after<'a>(expression: &'a str, prefix: &str) -> Vec<&'a str> {
    expression
        .match_indices(prefix)
        .map(|(at, _)| {
            let rest = &expression[at + prefix.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

#[test]
fn the_action_is_a_composite_that_checks_with_sarif_and_uploads_it() {
    let action = action();
    assert!(!action["name"].as_str().unwrap_or_default().is_empty());
    assert!(
        !action["description"]
            .as_str()
            .unwrap_or_default()
            .is_empty()
    );
    assert_eq!(action["runs"]["using"], "composite");

    let inputs = action["inputs"].as_object().expect("inputs");
    for (name, input) in inputs {
        assert!(
            input["description"].is_string(),
            "input {name}: description"
        );
        assert!(
            input["default"].is_string(),
            "input {name}: a string default"
        );
    }
    let steps = steps(&action);
    for step in steps {
        if step.get("run").is_some() {
            assert_eq!(
                step["shell"], "bash",
                "composite run steps need a shell: {step}"
            );
        }
    }
    let check = steps
        .iter()
        .find(|s| s["id"] == "check")
        .expect("a step with id `check`");
    let script = check["run"].as_str().expect("check script");
    assert!(script.contains("agentgen check $AGENTGEN_PATHS $AGENTGEN_ARGS --format sarif"));
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload-sarif step");
    assert!(
        upload["with"]["sarif_file"]
            .as_str()
            .is_some_and(|f| f.contains("inputs.sarif-file"))
    );
    assert!(upload["with"]["category"].is_string());
    let install = steps
        .iter()
        .find(|s| s["name"] == "Install agentgen")
        .expect("install step");
    assert!(
        install["run"]
            .as_str()
            .is_some_and(|r| r.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""))
    );
    // The install is cached: restored by actions/cache under a key of the action's source, and
    // compiled only on a miss, into the folder the cache keeps.
    let cache = steps
        .iter()
        .find(|s| s["id"] == "cache")
        .expect("a cache step");
    assert!(
        cache["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("actions/cache@"))
    );
    assert_eq!(cache["with"]["key"], "${{ steps.install-key.outputs.key }}");
    assert_eq!(
        cache["with"]["path"],
        "${{ steps.install-key.outputs.root }}"
    );
    assert!(
        install["if"]
            .as_str()
            .is_some_and(|c| c.contains("steps.cache.outputs.cache-hit != 'true'")),
        "{install}"
    );
    assert_eq!(install["env"]["AGENTGEN_ROOT"], cache["with"]["path"]);
    // The upload is left out, by default, on pull requests from forks (read-only token).
    assert_eq!(action["inputs"]["upload"]["default"], "auto");
    let condition = upload["if"].as_str().expect("the upload is conditional");
    assert!(
        condition.contains("inputs.upload == 'auto'")
            && condition
                .contains("github.event.pull_request.head.repo.full_name != github.repository"),
        "{condition}"
    );
    assert_eq!(
        upload["with"]["checkout_path"],
        "${{ steps.check.outputs.repository-root }}"
    );
    // The binary the action calls is one this package installs.
    assert!(
        Path::new(env!("CARGO_BIN_EXE_agentgen"))
            .ends_with(format!("agentgen{}", std::env::consts::EXE_SUFFIX))
    );
}

#[test]
fn every_expression_of_the_action_names_something_that_exists() {
    let text = repo_file("action.yml");
    let action = action();
    let inputs = action["inputs"].as_object().expect("inputs");
    let steps = steps(&action);
    let check_script = steps
        .iter()
        .find(|s| s["id"] == "check")
        .and_then(|s| s["run"].as_str())
        .expect("check script");
    // What a step outputs: a script's `echo "name=…" >> "$GITHUB_OUTPUT"`, actions/cache's
    // `cache-hit`.
    let writes = |step: &Value, name: &str| match (step["run"].as_str(), step["uses"].as_str()) {
        (Some(script), _) => script.contains(&format!("echo \"{name}=")),
        (None, Some(uses)) => uses.starts_with("actions/cache@") && name == "cache-hit",
        (None, None) => false,
    };
    let all = expressions(&text);
    assert!(all.len() > 10, "{all:?}");
    for expression in all {
        for input in names_after(expression, "inputs.") {
            assert!(
                inputs.contains_key(input),
                "`{expression}`: no input `{input}`"
            );
        }
        for path in names_after(expression, "steps.") {
            let parts: Vec<&str> = path.split('.').collect();
            assert_eq!(parts.len(), 3, "`{expression}`");
            let step = steps
                .iter()
                .find(|s| s["id"] == parts[0])
                .unwrap_or_else(|| panic!("`{expression}`: no step `{}`", parts[0]));
            assert_eq!(parts[1], "outputs", "`{expression}`");
            assert!(
                writes(step, parts[2]),
                "`{expression}`: the step `{}` never writes `{}`",
                parts[0],
                parts[2]
            );
        }
    }
    // Inputs reach the scripts through env, never spliced into them (no script injection).
    for step in steps {
        if let Some(script) = step["run"].as_str() {
            assert!(expressions(script).is_empty(), "{script}");
        }
    }
    assert!(check_script.contains("--format sarif"));
}

/// Runs the action's check step as the runner would (`bash --noprofile --norc -eo pipefail`),
/// with its `env` evaluated from `inputs` over the defaults, in `dir`, with the built agentgen
/// first on PATH. Returns the output and what the step wrote to `$GITHUB_OUTPUT`.
fn run_check_step(dir: &Path, inputs: &[(&str, &str)]) -> (Output, BTreeMap<String, String>) {
    let action = action();
    let mut values: BTreeMap<String, String> = action["inputs"]
        .as_object()
        .expect("inputs")
        .iter()
        .map(|(name, input)| {
            let default = input["default"].as_str().unwrap_or_default().to_owned();
            (name.clone(), default)
        })
        .collect();
    for (name, value) in inputs {
        assert!(values.contains_key(*name), "unknown input {name}");
        values.insert((*name).to_owned(), (*value).to_owned());
    }
    let step = steps(&action)
        .iter()
        .find(|s| s["id"] == "check")
        .expect("check step")
        .clone();
    let evaluate = |value: &str| -> String {
        let mut out = value.to_owned();
        for expression in expressions(value) {
            let name = expression
                .strip_prefix("inputs.")
                .unwrap_or_else(|| panic!("only inputs here: {expression}"));
            out = out.replace(&format!("${{{{ {expression} }}}}"), &values[name]);
        }
        out
    };
    let working_directory = dir.join(evaluate(
        step["working-directory"]
            .as_str()
            .expect("working-directory"),
    ));
    let script = dir.join("step.sh");
    std::fs::write(&script, step["run"].as_str().expect("run")).expect("script");
    let github_output = dir.join("github-output");
    std::fs::write(&github_output, "").expect("GITHUB_OUTPUT");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_agentgen"))
        .parent()
        .expect("binary directory");
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    let mut command = Command::new("bash");
    command
        .args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&script)
        .current_dir(&working_directory)
        .env("PATH", path)
        .env("GITHUB_OUTPUT", &github_output)
        .env_remove("NO_COLOR");
    for (name, value) in step["env"].as_object().expect("env") {
        command.env(name, evaluate(value.as_str().expect("env value")));
    }
    let output = command.output().expect("bash runs");
    let outputs = std::fs::read_to_string(&github_output)
        .expect("GITHUB_OUTPUT")
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    (output, outputs)
}

/// A checkout: a git repository with a crate and its `agents/` (one good agent).
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("ci-integrations-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("agents")).expect("scratch dir");
    let git = Command::new("git")
        .args(["init", "--quiet"])
        .current_dir(&dir)
        .status()
        .expect("git runs");
    assert!(git.success(), "git init");
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"demo\"\n").expect("manifest");
    std::fs::write(
        dir.join("agents/reviewer.md"),
        "---\nname: reviewer\ndescription: Reviews code\ntools: Read, LS\n---\nReview.\n",
    )
    .expect("good agent");
    dir
}

#[test]
fn the_check_step_writes_sarif_and_outputs_and_leaves_failing_to_the_last_step() {
    let dir = scratch("errors");
    std::fs::write(
        dir.join("agents/linter.md"),
        "---\nname: linter\ndescription: Lints\ntools: Read, Bsh\n---\nLint.\n",
    )
    .expect("bad agent");
    let (output, outputs) = run_check_step(&dir, &[]);
    let log = String::from_utf8_lossy(&output.stdout);
    // Errors found: the step itself succeeds, so that the upload runs.
    assert_eq!(
        output.status.code(),
        Some(0),
        "{log}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(outputs.get("exit-code").map(String::as_str), Some("1"));
    assert_eq!(outputs.get("errors").map(String::as_str), Some("1"));
    assert_eq!(outputs.get("warnings").map(String::as_str), Some("1"));
    assert_eq!(
        outputs.get("sarif-file").map(String::as_str),
        Some("agentgen.sarif")
    );
    assert!(log.contains("unknown tool `Bsh`"), "{log}");
    assert!(log.contains("agents/linter.md:4:14"), "{log}");
    let sarif: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("agentgen.sarif")).expect("SARIF written"),
    )
    .expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let rules: Vec<&str> = results
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    assert_eq!(rules, ["unknown-tool", "retired-tool"]);
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"],
        serde_json::json!({ "uri": "agents/linter.md", "uriBaseId": "%SRCROOT%" })
    );
    assert_valid_sarif(&sarif);
}

/// The root URI the SARIF log must give `%SRCROOT%`: `file://` and the directory, with `/`.
fn root_uri(dir: &Path) -> String {
    let dir = dir.canonicalize().expect("canonical");
    let text = dir.to_string_lossy().replace('\\', "/");
    let encoded: String = text
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let slash = if encoded.starts_with('/') { "" } else { "/" };
    format!("file://{slash}{encoded}/")
}

/// The SARIF 2.1.0 JSON schema (OASIS, `sarif-schema-2.1.0.json`; the copy the crate
/// serde-sarif 0.8.0 ships as `src/schema.json`, sha256 af47e7b6…95cea) validates `log`, and
/// every `uri` in it is a URI reference (RFC 3986, checked apart, as the schema's `format`s are
/// annotations by default).
///
/// The `pattern` of a `language` in the schema (a run's and a tool component's, which agentgen
/// does not write) has a stray `]` that ECMA-262 reads as a literal and Rust's regular
/// expressions refuse, so the validator refuses the schema; the test puts the pattern it means
/// in its place.
fn sarif_problems(log: &Value) -> Vec<String> {
    let mut schema: Value =
        serde_json::from_str(&repo_file("tests/fixtures/sarif-schema-2.1.0.json")).expect("schema");
    for owner in ["run", "toolComponent"] {
        let language = &mut schema["definitions"][owner]["properties"]["language"]["pattern"];
        assert_eq!(
            language, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
            "{owner}"
        );
        *language = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
    }
    let validator = jsonschema::options()
        .should_validate_formats(false)
        .build(&schema)
        .expect("the SARIF schema compiles");
    let mut errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    let uri_reference = jsonschema::options()
        .should_validate_formats(true)
        .build(&serde_json::json!({ "type": "string", "format": "uri-reference" }))
        .expect("format schema");
    let mut uris = Vec::new();
    collect_uris(log, &mut uris);
    for uri in uris {
        if !uri_reference.is_valid(uri) {
            errors.push(format!("not a URI reference: {uri}"));
        }
    }
    errors
}

/// `log` is a valid SARIF 2.1.0 log ([`sarif_problems`]).
fn assert_valid_sarif(log: &Value) {
    let problems = sarif_problems(log);
    assert!(problems.is_empty(), "{problems:#?}\n{log:#}");
}

/// Every value of a `uri` key in `value`.
fn collect_uris<'a>(value: &'a Value, out: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                if key == "uri" {
                    out.push(value);
                }
                collect_uris(value, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_uris(item, out)),
        _ => {}
    }
}

#[test]
fn the_schema_check_can_fail() {
    let mut log: Value = serde_json::from_str(
        r#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "agentgen"}},
            "results": [{"ruleId": "x", "message": {"text": "m"}, "locations": [{
              "physicalLocation": {"artifactLocation": {"uri": "a.md"},
                                   "region": {"startLine": 1}}}]}]}]}"#,
    )
    .expect("JSON");
    assert_valid_sarif(&log);
    let location = "/runs/0/results/0/locations/0/physicalLocation";
    let mut broken = log.clone();
    *broken
        .pointer_mut(&format!("{location}/region/startLine"))
        .expect("startLine") = Value::from(0);
    let problems = sarif_problems(&broken);
    assert!(
        problems.iter().any(|p| p.contains("minimum of 1")),
        "{problems:?}"
    );
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]
        .as_object_mut()
        .expect("result")
        .remove("message");
    let problems = sarif_problems(&broken);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("\"message\" is a required property")),
        "{problems:?}"
    );
    *log.pointer_mut(&format!("{location}/artifactLocation/uri"))
        .expect("uri") = Value::from("my agents/a b.md");
    assert_eq!(
        sarif_problems(&log),
        ["not a URI reference: \"my agents/a b.md\""]
    );
}

/// From a sub-directory (`working-directory: crates/app`, the catalog at the repository root),
/// the SARIF log places findings relative to the repository root and says where that is; the
/// text log shows them relative to the sub-directory, as cargo would.
#[test]
fn the_sarif_log_is_relative_to_the_repository_root_from_a_sub_directory() {
    let dir = scratch("sub-directory");
    std::fs::create_dir_all(dir.join("crates/app")).expect("crate");
    std::fs::write(
        dir.join("agents/linter.md"),
        "---\nname: linter\ndescription: Lints\ntools: Read, Bsh\n---\nLint.\n",
    )
    .expect("bad agent");
    // Two agents of one name (a related location) in files whose names need encoding.
    std::fs::write(
        dir.join("agents/first copy.md"),
        "---\nname: twin\ndescription: Does a\ntools: Read\n---\nA.\n",
    )
    .expect("agent a");
    std::fs::write(
        dir.join("agents/second#copy.md"),
        "---\nname: twin\ndescription: Does b\ntools: Read\n---\nB.\n",
    )
    .expect("agent b");
    let (output, outputs) = run_check_step(
        &dir,
        &[
            ("working-directory", "crates/app"),
            ("paths", "../../agents"),
        ],
    );
    let log = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{log}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        outputs.get("exit-code").map(String::as_str),
        Some("1"),
        "{log}"
    );
    assert!(log.contains(" --> ../../agents/linter.md:4:14"), "{log}");
    let root = dir.canonicalize().expect("canonical");
    assert_eq!(
        outputs.get("repository-root").map(PathBuf::from),
        Some(root.clone())
    );
    let sarif: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("crates/app/agentgen.sarif")).expect("SARIF written"),
    )
    .expect("SARIF is JSON");
    assert_valid_sarif(&sarif);
    let run = &sarif["runs"][0];
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        Value::from(root_uri(&dir))
    );
    let mut places: Vec<(String, String)> = Vec::new();
    for result in run["results"].as_array().expect("results") {
        let locations = result["locations"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(result["relatedLocations"].as_array().into_iter().flatten());
        for location in locations {
            let artifact = &location["physicalLocation"]["artifactLocation"];
            assert_eq!(artifact["uriBaseId"], "%SRCROOT%", "{artifact}");
            places.push((
                result["ruleId"].as_str().unwrap_or_default().to_owned(),
                artifact["uri"].as_str().unwrap_or_default().to_owned(),
            ));
        }
    }
    for wanted in [
        ("unknown-tool", "agents/linter.md"),
        ("duplicate-name", "agents/first%20copy.md"),
        ("duplicate-name", "agents/second%23copy.md"),
    ] {
        assert!(
            places
                .iter()
                .any(|(rule, uri)| (rule.as_str(), uri.as_str()) == wanted),
            "{wanted:?} not in {places:?}"
        );
    }
    assert!(
        places.iter().all(|(_, uri)| !uri.contains("..")),
        "{places:?}"
    );
}

/// `paths: .claude/agents plugins`: each path gets its own layout — the `.claude` project, and a
/// folder of plugins with manifests (detected), whose agents preload their plugin's skills.
#[test]
fn each_path_gets_its_own_layout() {
    let dir = scratch("layouts");
    let files = [
        (
            ".claude/agents/reviewer.md",
            "---\nname: reviewer\ndescription: Reviews\ntools: Read\nskills: notes\n---\nReview.\n",
        ),
        (
            ".claude/skills/notes/SKILL.md",
            "---\ndescription: Takes notes\n---\nNotes.\n",
        ),
        (
            "plugins/lint/.claude-plugin/plugin.json",
            "{\"name\": \"lint\"}\n",
        ),
        (
            "plugins/lint/agents/linter.md",
            "---\nname: linter\ndescription: Lints\ntools: Read\nskills: lint:rules\ncolor: teal\n---\nLint.\n",
        ),
        (
            "plugins/lint/skills/rules/SKILL.md",
            "---\ndescription: The rules\n---\nRules.\n",
        ),
        (
            "plugins/docs/.claude-plugin/plugin.json",
            "{\"name\": \"docs\"}\n",
        ),
        (
            "plugins/docs/agents/writer.md",
            "---\nname: writer\ndescription: Writes\ntools: Read\n---\nWrite.\n",
        ),
    ];
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
        std::fs::write(path, text).expect("write");
    }
    let (output, outputs) = run_check_step(&dir, &[("paths", ".claude/agents plugins")]);
    let log = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{log}");
    assert!(
        log.contains("catalog .claude (layout claude, detected; no agentgen.toml)"),
        "{log}"
    );
    assert!(
        log.contains("catalog plugins (layout plugins, detected; no agentgen.toml)"),
        "{log}"
    );
    assert_eq!(
        outputs.get("exit-code").map(String::as_str),
        Some("0"),
        "{log}"
    );
    assert_eq!(
        outputs.get("errors").map(String::as_str),
        Some("0"),
        "{log}"
    );
}

#[test]
fn the_check_step_takes_paths_arguments_and_a_working_directory() {
    let dir = scratch("inputs");
    std::fs::create_dir_all(dir.join("sub")).expect("sub");
    std::fs::rename(dir.join("agents"), dir.join("sub/prompts")).expect("move");
    let (output, outputs) = run_check_step(
        &dir,
        &[
            ("working-directory", "sub"),
            ("paths", "prompts"),
            ("args", "-A retired-tool --color never"),
            ("sarif-file", "out.sarif"),
        ],
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(outputs.get("exit-code").map(String::as_str), Some("0"));
    assert_eq!(outputs.get("errors").map(String::as_str), Some("0"));
    assert_eq!(outputs.get("warnings").map(String::as_str), Some("0"));
    assert!(dir.join("sub/out.sarif").is_file());
}

#[test]
fn the_check_step_fails_when_agentgen_cannot_run() {
    let dir = scratch("usage");
    let (output, outputs) = run_check_step(&dir, &[("paths", "no/such/dir")]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(outputs.get("exit-code").map(String::as_str), Some("2"));
    let log = String::from_utf8_lossy(&output.stdout);
    assert!(log.contains("::error title=agentgen::"), "{log}");
}

#[test]
fn the_pre_commit_hooks_run_agentgen_commands_that_exist() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().expect("a list of hooks");
    let ids: Vec<&str> = hooks.iter().filter_map(|h| h["id"].as_str()).collect();
    assert_eq!(ids, ["agentgen-check", "agentgen-fix"]);
    // The check runs on every commit and asks git for the staged changes itself: pre-commit
    // passes no file for a deletion.
    assert_eq!(hooks[0]["entry"], "agentgen check --staged");
    assert_eq!(hooks[0]["always_run"], true);
    let check_files = hooks[0]["files"].as_str().expect("files");
    for kind in ["SKILL", "commands/", "plugin|marketplace", "agentgen"] {
        assert!(check_files.contains(kind), "{kind}: {check_files}");
    }
    assert!(
        hooks[1]["files"]
            .as_str()
            .is_some_and(|f| f.contains("SKILL")),
        "agentgen fix fixes skills too"
    );
    for hook in hooks {
        let id = hook["id"].as_str().expect("id");
        assert_eq!(
            hook["language"], "rust",
            "{id}: pre-commit builds it with cargo"
        );
        assert!(
            hook["name"].is_string() && hook["description"].is_string(),
            "{id}"
        );
        assert!(
            hook["files"]
                .as_str()
                .is_some_and(|f| f.contains("agents/")),
            "{id}"
        );
        let entry = hook["entry"].as_str().expect("entry");
        let mut words = entry.split_whitespace();
        // `cargo install --path` of this repository installs the binary the entry names.
        assert_eq!(words.next(), Some("agentgen"), "{id}");
        let args: Vec<&str> = words.collect();
        let help = Command::new(env!("CARGO_BIN_EXE_agentgen"))
            .args(&args)
            .arg("--help")
            .output()
            .expect("agentgen runs");
        assert!(help.status.success(), "{id}: `{entry} --help` fails");
        // pre-commit appends the file names: the subcommand must take files.
        assert!(
            String::from_utf8_lossy(&help.stdout).contains("file"),
            "{id}: `{entry}` does not say it takes files"
        );
    }
}

/// Runs `git ARGS` in `dir` (with an identity for commits), asserting it succeeds.
fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// `agentgen check --staged` in `dir`: exit code, stdout, stderr.
fn check_staged(dir: &Path, env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_agentgen"))
        .args(["check", "--staged", "--color", "never"])
        .current_dir(dir)
        .env_remove("PRE_COMMIT_FROM_REF")
        .env_remove("PRE_COMMIT_TO_REF")
        .envs(env.iter().copied())
        .output()
        .expect("agentgen runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// What the pre-commit hook runs: the catalogs of the staged changes, deletions included (the
/// hook itself runs under pre-commit in .ci/pre-commit-hooks.sh).
#[test]
fn check_staged_checks_the_catalogs_of_staged_changes_and_deletions() {
    let dir = scratch("staged");
    let files = [
        (
            "plugins/lint/.claude-plugin/plugin.json",
            "{\"name\": \"lint\"}\n",
        ),
        (
            "plugins/lint/agents/linter.md",
            "---\nname: linter\ndescription: Lints\ntools: Read\nskills: lint:rules\n---\nLint.\n",
        ),
        (
            "plugins/lint/skills/rules/SKILL.md",
            "---\ndescription: The rules\n---\nRules.\n",
        ),
        ("docs/guide.md", "# Guide\n"),
    ];
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
        std::fs::write(path, text).expect("write");
    }
    git(&dir, &["add", "--all"]);
    // Everything staged (no commit yet): the crate's agents/ and the plugin, each once.
    let (code, out, _) = check_staged(&dir, &[]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.starts_with("catalog agents (layout agents, detected; no agentgen.toml)\ncatalog plugins/lint (layout plugin"),
        "{out}"
    );
    git(&dir, &["commit", "--quiet", "-m", "first"]);
    // Nothing staged: nothing checked, exit 0.
    let (code, out, err) = check_staged(&dir, &[]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(out, "0 errors, 0 warnings in 0 files (0 agents)\n");
    assert!(
        err.contains("no catalog to check: git reports 0 changed files"),
        "{err}"
    );
    // A change outside every catalog: nothing checked.
    std::fs::write(dir.join("docs/guide.md"), "# Guide, longer\n").expect("write");
    git(&dir, &["add", "--all"]);
    let (code, _, err) = check_staged(&dir, &[]);
    assert_eq!(code, Some(0));
    assert!(
        err.contains("git reports 1 changed file, none of a catalog"),
        "{err}"
    );
    git(&dir, &["commit", "--quiet", "-m", "docs"]);
    // `git rm` of the skill the agent preloads: its plugin is checked, from a sub-folder too.
    git(
        &dir,
        &["rm", "--quiet", "plugins/lint/skills/rules/SKILL.md"],
    );
    let (code, out, _) = check_staged(&dir, &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("error[unknown-skill]"), "{out}");
    assert!(
        out.contains(" --> plugins/lint/agents/linter.md:5:9"),
        "{out}"
    );
    let (code, out, _) = check_staged(&dir.join("docs"), &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(" --> ../plugins/lint/agents/linter.md:5:9"),
        "{out}"
    );
    // Committed, the deletion is between pre-commit's refs (CI, pre-push).
    git(&dir, &["commit", "--quiet", "-m", "remove the skill"]);
    let (code, _, _) = check_staged(&dir, &[]);
    assert_eq!(code, Some(0));
    let (code, out, _) = check_staged(
        &dir,
        &[
            ("PRE_COMMIT_FROM_REF", "HEAD~1"),
            ("PRE_COMMIT_TO_REF", "HEAD"),
        ],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("error[unknown-skill]"), "{out}");
    // Outside a git repository: a usage error that says why.
    let outside = std::env::temp_dir().join(format!("agentgen-no-git-{}", std::process::id()));
    std::fs::create_dir_all(&outside).expect("dir");
    if !outside.ancestors().any(|d| d.join(".git").exists()) {
        let (code, _, err) = check_staged(&outside, &[]);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains("`--staged` asks git for the changes"), "{err}");
    }
    let _ = std::fs::remove_dir_all(&outside);
}

/// A workspace's shared catalog, named only by `[workspace.metadata.agentgen] dir`: `--staged`
/// maps a deletion in it to that catalog, as the build does, and a `Cargo.toml` whose setting
/// names no folder any more fails (the build would).
#[test]
fn check_staged_follows_the_workspace_setting() {
    let dir = scratch("staged-workspace");
    let _ = std::fs::remove_dir_all(dir.join("agents"));
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        std::fs::write(path, text).expect("write");
    };
    write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/app\"]\n\n[workspace.metadata.agentgen]\ndir = \"shared-agents\"\n",
    );
    write(
        "crates/app/Cargo.toml",
        "[package]\nname = \"app\"\nversion = \"0.0.0\"\nedition = \"2024\"\n",
    );
    write("crates/app/src/main.rs", "fn main() {}\n");
    write(
        "shared-agents/reviewer.md",
        "---\nname: reviewer\ndescription: Reviews\ntools: Read, Agent(runner)\n---\nReview.\n",
    );
    write(
        "shared-agents/runner.md",
        "---\nname: runner\ndescription: Runs\n---\nRun.\n",
    );
    git(&dir, &["init", "--quiet"]);
    git(&dir, &["add", "--all"]);
    git(&dir, &["commit", "--quiet", "-m", "init"]);
    git(&dir, &["rm", "--quiet", "shared-agents/runner.md"]);
    let (code, out, err) = check_staged(&dir, &[]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(out.contains("error[unknown-collaborator]"), "{out}");
    git(&dir, &["reset", "--quiet", "--hard"]);
    write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/app\"]\n\n[workspace.metadata.agentgen]\ndir = \"shared-agent\"\n",
    );
    git(&dir, &["add", "Cargo.toml"]);
    let (code, out, err) = check_staged(&dir, &[]);
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(
        err.contains("`shared-agent`, which is not a directory"),
        "{err}"
    );
}
