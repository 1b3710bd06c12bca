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
            assert!(
                steps.iter().any(|s| s["id"] == parts[0]),
                "`{expression}`: no step `{}`",
                parts[0]
            );
            assert_eq!(parts[1], "outputs", "`{expression}`");
            assert!(
                check_script.contains(&format!("echo \"{}=", parts[2])),
                "`{expression}`: the check step never writes `{}`",
                parts[2]
            );
        }
    }
    // Inputs reach the script through env, never spliced into it (no script injection).
    assert!(expressions(check_script).is_empty(), "{check_script}");
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

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("ci-integrations-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("agents")).expect("scratch dir");
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
