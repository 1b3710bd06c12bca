//! `read::hooks` against Claude Code 2.1.332's own verdicts on the probe files of
//! `tests/probes/hooks` and `tests/probes/hooks-toplevel` (see `tests/probes/README.md`).
//!
//! For every probe file: its frontmatter is read as Claude Code reads it (last value of a
//! repeated key), the other keys go to `misplaced_guards` and `hooks` to `read_hooks`, and
//! - the file is rejected exactly when one of them says so;
//! - for an accepted file, the kept hooks (as JSON) are Claude Code's kept hooks;
//! - each "…; entry ignored" log line of Claude Code is a `dropped` problem with the same path and
//!   words, and each other `dropped` problem is about a key or value that the kept hooks lost or
//!   changed;
//! - each unloadable guard Claude Code names in its error line is a rejection.

use std::path::Path;

use agentgen_compiler::frontmatter;
use agentgen_compiler::read::hooks::{HookProblem, HooksReading, misplaced_guards, read_hooks};
use agentgen_compiler::yaml::{self, Node, Value};

/// A JSON value with object keys in order (the verdicts keep Claude Code's key order).
#[derive(Debug, Clone, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn text(&self) -> Option<&str> {
        match self {
            Json::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// A small JSON reader that keeps key order.
struct JsonReader<'t> {
    text: &'t [u8],
    at: usize,
}

impl JsonReader<'_> {
    fn parse(text: &str) -> Json {
        let mut reader = JsonReader {
            text: text.as_bytes(),
            at: 0,
        };
        let value = reader.value();
        reader.space();
        assert_eq!(reader.at, reader.text.len(), "trailing text in {text}");
        value
    }

    fn space(&mut self) {
        while self.text.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.space();
        if self.text.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Json {
        self.space();
        match self.text[self.at] {
            b'{' => {
                self.at += 1;
                let mut entries = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.space();
                        let key = self.string();
                        assert!(self.eat(b':'));
                        entries.push((key, self.value()));
                        if self.eat(b'}') {
                            break;
                        }
                        assert!(self.eat(b','));
                    }
                }
                Json::Object(entries)
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value());
                        if self.eat(b']') {
                            break;
                        }
                        assert!(self.eat(b','));
                    }
                }
                Json::List(items)
            }
            b'"' => Json::Text(self.string()),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'n' => self.word("null", Json::Null),
            _ => {
                let start = self.at;
                while self
                    .text
                    .get(self.at)
                    .is_some_and(|b| b"+-.eE0123456789".contains(b))
                {
                    self.at += 1;
                }
                let number = std::str::from_utf8(&self.text[start..self.at]).unwrap();
                Json::Number(number.parse().unwrap())
            }
        }
    }

    fn word(&mut self, word: &str, value: Json) -> Json {
        assert!(self.text[self.at..].starts_with(word.as_bytes()));
        self.at += word.len();
        value
    }

    fn string(&mut self) -> String {
        assert_eq!(self.text[self.at], b'"');
        self.at += 1;
        let mut units: Vec<u16> = Vec::new();
        let mut out = String::new();
        let flush = |units: &mut Vec<u16>, out: &mut String| {
            out.push_str(&String::from_utf16_lossy(units));
            units.clear();
        };
        loop {
            let byte = self.text[self.at];
            match byte {
                b'"' => {
                    self.at += 1;
                    flush(&mut units, &mut out);
                    return out;
                }
                b'\\' => {
                    let escape = self.text[self.at + 1];
                    self.at += 2;
                    let simple = match escape {
                        b'n' => Some('\n'),
                        b't' => Some('\t'),
                        b'r' => Some('\r'),
                        b'b' => Some('\u{8}'),
                        b'f' => Some('\u{c}'),
                        b'/' => Some('/'),
                        b'\\' => Some('\\'),
                        b'"' => Some('"'),
                        _ => None,
                    };
                    if let Some(c) = simple {
                        flush(&mut units, &mut out);
                        out.push(c);
                    } else {
                        let hex = std::str::from_utf8(&self.text[self.at..self.at + 4]).unwrap();
                        units.push(u16::from_str_radix(hex, 16).unwrap());
                        self.at += 4;
                    }
                }
                _ => {
                    flush(&mut units, &mut out);
                    let rest = std::str::from_utf8(&self.text[self.at..]).unwrap();
                    let c = rest.chars().next().unwrap();
                    out.push(c);
                    self.at += c.len_utf8();
                }
            }
        }
    }
}

/// A YAML node as JSON, keys as JavaScript's key text.
fn json_of(node: &Node) -> Json {
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::Number(*i as f64),
        Value::Float(f) if f.is_finite() => Json::Number(*f),
        Value::Float(_) => Json::Null,
        Value::Str(s) => Json::Text(s.clone()),
        Value::Seq(items) => Json::List(items.iter().map(json_of).collect()),
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .map(|(k, v)| (k.key_text(), json_of(v)))
                .collect(),
        ),
    }
}

/// The node of a tree (key or value) with exactly this span.
fn find_by_span<'n>(node: &'n Node, span: &std::ops::Range<usize>) -> Option<&'n Node> {
    if node.span == *span {
        return Some(node);
    }
    match &node.value {
        Value::Seq(items) => items.iter().find_map(|item| find_by_span(item, span)),
        Value::Map(entries) => entries.iter().find_map(|(k, v)| {
            if k.span == *span {
                Some(k)
            } else {
                find_by_span(v, span)
            }
        }),
        _ => None,
    }
}

/// The frontmatter's entries as Claude Code's object holds them: a repeated key once, at its
/// first position, with its last value.
fn js_entries(root: &Node) -> Vec<(String, &Node)> {
    let Value::Map(entries) = &root.value else {
        return Vec::new();
    };
    let mut out: Vec<(String, &Node)> = Vec::new();
    for (key, value) in entries {
        let key = key.key_text();
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => out.push((key, value)),
        }
    }
    out
}

struct Outcome {
    misplaced: Vec<HookProblem>,
    reading: HooksReading,
    hooks_node: Option<Node>,
}

fn read_probe(path: &Path) -> Outcome {
    let text = std::fs::read_to_string(path).unwrap();
    let blocks = frontmatter::split(&text).unwrap();
    let root = yaml::parse(blocks.yaml).unwrap().unwrap();
    let entries = js_entries(&root);
    let others: Vec<(&str, &Node)> = entries
        .iter()
        .filter(|(k, _)| k != "hooks")
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    let misplaced = misplaced_guards(&others);
    let hooks_node = entries
        .iter()
        .find(|(k, _)| k == "hooks")
        .map(|(_, v)| (*v).clone());
    let reading = hooks_node.as_ref().map(read_hooks).unwrap_or_default();
    Outcome {
        misplaced,
        reading,
        hooks_node,
    }
}

/// `[warn] Agent 'name': PATH: PROBLEM; entry ignored` → "PATH: PROBLEM; entry ignored".
fn ignored_entry(log: &str) -> Option<&str> {
    if !log.starts_with("[warn] Agent '") || !log.ends_with("; entry ignored") {
        return None;
    }
    log.split_once("': ").map(|(_, rest)| rest)
}

fn check_folder(folder: &str) -> (usize, usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/probes")
        .join(folder);
    let verdicts = std::fs::read_to_string(dir.join("verdicts.jsonl")).unwrap();
    let mut compared = 0;
    let mut rejected_elsewhere = 0;
    for line in verdicts.lines() {
        let verdict = JsonReader::parse(line);
        let file = verdict.get("file").and_then(Json::text).unwrap();
        let status = verdict.get("status").and_then(Json::text).unwrap();
        let error = verdict.get("error").and_then(Json::text);
        let logs: Vec<&str> = match verdict.get("logs") {
            Some(Json::List(items)) => items.iter().filter_map(Json::text).collect(),
            _ => Vec::new(),
        };
        let outcome = read_probe(&dir.join(file));
        let predicted_rejected =
            !outcome.misplaced.is_empty() || !outcome.reading.rejections.is_empty();
        if status == "rejected" && error != Some("Unknown parsing error") {
            // Refused before hooks are looked at (e.g. a description that is not a string).
            rejected_elsewhere += 1;
            continue;
        }
        compared += 1;
        assert_eq!(
            predicted_rejected,
            status == "rejected",
            "{folder}/{file}: Claude Code says {status}; misplaced guards {:?}, rejections {:?}",
            outcome.misplaced,
            outcome.reading.rejections
        );
        if !outcome.misplaced.is_empty() {
            assert!(
                logs.iter()
                    .any(|l| l.contains("is declared at the frontmatter top level")),
                "{folder}/{file}: no top-level guard error in {logs:?}"
            );
            // Claude Code never reads `hooks` then.
            continue;
        }
        let reading = &outcome.reading;
        if status == "accepted" {
            let kept = reading.kept.as_ref().map(json_of);
            assert_eq!(
                kept.as_ref(),
                verdict.get("hooks"),
                "{folder}/{file}: kept hooks differ from Claude Code's"
            );
        } else {
            assert!(
                reading.kept.is_none(),
                "{folder}/{file}: rejected, yet hooks kept"
            );
            let error_line = logs
                .iter()
                .find(|l| l.starts_with("[error]") || l.starts_with("[debug] Invalid hooks"))
                .unwrap_or_else(|| panic!("{folder}/{file}: no error line in {logs:?}"));
            for rejection in &reading.rejections {
                if rejection.problem.starts_with("Invalid hooks (") {
                    assert!(error_line.starts_with("[debug] Invalid hooks in agent"));
                } else {
                    let said = format!("{}: {}", rejection.path, rejection.problem);
                    assert!(
                        error_line.contains(&said),
                        "{folder}/{file}: `{said}` not in `{error_line}`"
                    );
                }
            }
        }
        // Every entry Claude Code ignores is dropped, with its words.
        let ignored: Vec<&str> = logs.iter().filter_map(|l| ignored_entry(l)).collect();
        let noted: Vec<String> = reading
            .dropped
            .iter()
            .filter(|p| p.problem.ends_with("; entry ignored"))
            .map(|p| format!("{}: {}", p.path, p.problem))
            .collect();
        assert_eq!(
            noted, ignored,
            "{folder}/{file}: ignored entries differ from Claude Code's log"
        );
        // Every other dropped problem is about a key or value the kept hooks lost or changed.
        let Some(written) = outcome.hooks_node.as_ref() else {
            assert!(reading.dropped.is_empty() && reading.kept.is_none());
            continue;
        };
        for problem in reading
            .dropped
            .iter()
            .filter(|p| !p.problem.ends_with("; entry ignored"))
        {
            let written_node = find_by_span(written, &problem.span).unwrap_or_else(|| {
                panic!("{folder}/{file}: {problem:?} points at no written node")
            });
            if let Some(kept_node) = reading
                .kept
                .as_ref()
                .and_then(|kept| find_by_span(kept, &problem.span))
            {
                assert_ne!(
                    json_of(kept_node),
                    json_of(written_node),
                    "{folder}/{file}: {problem:?} reports a value that is kept as written"
                );
            }
        }
    }
    (compared, rejected_elsewhere)
}

#[test]
fn hooks_values_read_as_claude_code_reads_them() {
    let (compared, elsewhere) = check_folder("hooks");
    eprintln!("hooks: {compared} probes match Claude Code ({elsewhere} refused for other reasons)");
    assert!(compared >= 130);
}

#[test]
fn top_level_hook_events_read_as_claude_code_reads_them() {
    let (compared, elsewhere) = check_folder("hooks-toplevel");
    eprintln!(
        "hooks-toplevel: {compared} probes match Claude Code ({elsewhere} refused for other reasons)"
    );
    assert!(compared >= 100);
}
