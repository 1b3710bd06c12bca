//! The shape of the code, checked (docs/ARCHITECTURE.md): the engine's stages import only
//! downward, no function is over 150 lines and no file over 900 lines of non-test code.
//!
//! The sources are read as text: comments, string and character literals are blanked first
//! (so that braces and `crate::` inside them do not count), and `#[cfg(test)]` items are left
//! out. A function is counted from the line of `fn` to the line of its closing brace.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The packages' source folders whose code is measured.
const SOURCE_FOLDERS: &[&str] = &[
    "src",
    "agentgen/src",
    "agentgen-compiler/src",
    "agentgen-macros/src",
    "bundled/src",
];

const MAX_FUNCTION_LINES: usize = 150;
const MAX_FILE_LINES: usize = 900;

/// The engine's top-level modules by stage (agentgen-compiler/src/lib.rs): a module may import
/// modules of an earlier stage, and of its own stage as long as that makes no circle.
const ENGINE_STAGES: &[(&str, &[&str])] = &[
    (
        "text",
        &[
            "source",
            "yaml",
            "frontmatter",
            "diagnostic",
            "error",
            "registry",
            "naming",
            "fix",
        ],
    ),
    ("read", &["read"]),
    ("config", &["config"]),
    ("catalog", &["catalog"]),
    ("outputs", &["generate", "export", "graph", "inspect"]),
    ("entry points", &["project", "build"]),
];

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// `text` with comments, string literals and character literals replaced by spaces (line
/// breaks kept, so that line numbers stay).
fn blank_comments_and_literals(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let blank = |out: &mut Vec<u8>, slice: &[u8]| {
        out.extend(slice.iter().map(|&b| if b == b'\n' { b'\n' } else { b' ' }));
    };
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"//") {
            let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest.starts_with(b"/*") {
            let mut depth = 0usize;
            let mut j = 0;
            while j < rest.len() {
                if rest[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if rest[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, &rest[..j]);
            i += j;
        } else if let Some(len) = raw_string_len(rest, i == 0 || !is_ident_byte(bytes[i - 1])) {
            blank(&mut out, &rest[..len]);
            i += len;
        } else if rest[0] == b'"' {
            let mut j = 1;
            while j < rest.len() && rest[j] != b'"' {
                j += if rest[j] == b'\\' { 2 } else { 1 };
            }
            let len = (j + 1).min(rest.len());
            blank(&mut out, &rest[..len]);
            i += len;
        } else if let Some(len) = char_literal_len(rest) {
            blank(&mut out, &rest[..len]);
            i += len;
        } else {
            out.push(rest[0]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The length of a raw string literal (`r"…"`, `r#"…"#`, `br"…"`) at the start of `rest`.
fn raw_string_len(rest: &[u8], at_token_start: bool) -> Option<usize> {
    if !at_token_start {
        return None;
    }
    let start = if rest.starts_with(b"br") {
        2
    } else if rest.starts_with(b"r") {
        1
    } else {
        return None;
    };
    let hashes = rest[start..].iter().take_while(|&&b| b == b'#').count();
    if rest.get(start + hashes) != Some(&b'"') {
        return None;
    }
    let mut closing = vec![b'"'];
    closing.extend(std::iter::repeat_n(b'#', hashes));
    let body = start + hashes + 1;
    let end = rest[body..]
        .windows(closing.len())
        .position(|w| w == closing.as_slice())
        .map_or(rest.len(), |at| body + at + closing.len());
    Some(end)
}

/// The length of a character literal at the start of `rest` (not a lifetime).
fn char_literal_len(rest: &[u8]) -> Option<usize> {
    if rest[0] != b'\'' {
        return None;
    }
    if rest.get(1) == Some(&b'\\') {
        let close = rest[2..].iter().take(10).position(|&b| b == b'\'')?;
        return Some(close + 3);
    }
    // One character (up to 4 bytes of UTF-8) and a closing quote.
    (2..=5)
        .find(|&at| {
            rest.get(at) == Some(&b'\'')
                && std::str::from_utf8(&rest[1..at]).is_ok_and(|c| c.chars().count() == 1)
        })
        .map(|at| at + 1)
}

/// The lines of `blanked` source, `None` for the lines of `#[cfg(test)]` items.
fn without_test_items(blanked: &str) -> Vec<Option<String>> {
    let lines: Vec<&str> = blanked.lines().collect();
    let mut kept: Vec<Option<String>> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() == "#[cfg(test)]" {
            // Skip the item that follows: up to its `;` or its closing brace.
            let mut depth = 0i64;
            let mut opened = false;
            let mut j = i + 1;
            while j < lines.len() {
                depth +=
                    lines[j].matches('{').count() as i64 - lines[j].matches('}').count() as i64;
                opened |= lines[j].contains('{');
                if (!opened && lines[j].trim_end().ends_with(';')) || (opened && depth <= 0) {
                    break;
                }
                j += 1;
            }
            for _ in i..=j.min(lines.len() - 1) {
                kept.push(None);
            }
            i = j + 1;
            continue;
        }
        kept.push(Some(lines[i].to_owned()));
        i += 1;
    }
    kept
}

/// Functions longer than the limit: (name, first line, lines).
fn long_functions(code: &str) -> Vec<(String, usize, usize)> {
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = code[at..].find("fn ") {
        let start = at + offset;
        at = start + 3;
        if start > 0 && is_ident_byte(bytes[start - 1]) {
            continue;
        }
        let name: String = code[at..]
            .chars()
            .take_while(|&c| c.is_alphanumeric() || c == '_')
            .collect();
        if name.is_empty() {
            continue;
        }
        // The body opens at the first `{` before any `;` (a declaration without body has none).
        let Some(open) = code[at..].find(['{', ';']).map(|o| at + o) else {
            break;
        };
        if bytes[open] == b';' {
            continue;
        }
        let mut depth = 0usize;
        let mut close = open;
        for (index, &b) in bytes[open..].iter().enumerate() {
            match b {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = open + index;
                        break;
                    }
                }
                _ => {}
            }
        }
        let first_line = code[..start].matches('\n').count() + 1;
        let lines = code[start..=close].matches('\n').count() + 1;
        if lines > MAX_FUNCTION_LINES {
            found.push((name, first_line, lines));
        }
    }
    found
}

struct SourceFile {
    path: PathBuf,
    /// Non-test code, comments and literals blanked.
    code: String,
    non_test_lines: usize,
}

fn sources() -> Vec<SourceFile> {
    let root = workspace_root();
    let mut paths = Vec::new();
    for folder in SOURCE_FOLDERS {
        rust_files(&root.join(folder), &mut paths);
    }
    assert!(
        paths.len() > 50,
        "the sources are found ({} files)",
        paths.len()
    );
    paths
        .into_iter()
        // Test modules kept in their own file (`#[cfg(test)] mod tests;`).
        .filter(|p| p.file_name().is_some_and(|n| n != "tests.rs"))
        .map(|path| {
            let text = fs::read_to_string(&path).expect("a source file is UTF-8");
            let lines = without_test_items(&blank_comments_and_literals(&text));
            SourceFile {
                path,
                non_test_lines: lines.iter().filter(|line| line.is_some()).count(),
                code: code_of(&lines),
            }
        })
        .collect()
}

/// The non-test lines joined again (test lines as empty lines, so that line numbers stay).
fn code_of(lines: &[Option<String>]) -> String {
    lines
        .iter()
        .map(|line| line.as_deref().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn relative(path: &Path) -> String {
    path.strip_prefix(workspace_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn no_function_is_over_150_lines() {
    let mut over = Vec::new();
    for file in sources() {
        for (name, line, lines) in long_functions(&file.code) {
            over.push(format!(
                "{}:{line}: fn {name} is {lines} lines",
                relative(&file.path)
            ));
        }
    }
    assert!(
        over.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines (make them functions of one job):\n{}",
        over.join("\n")
    );
}

#[test]
fn no_file_is_over_900_lines_of_non_test_code() {
    let over: Vec<String> = sources()
        .iter()
        .filter(|f| f.non_test_lines > MAX_FILE_LINES)
        .map(|f| format!("{}: {} lines", relative(&f.path), f.non_test_lines))
        .collect();
    assert!(
        over.is_empty(),
        "files over {MAX_FILE_LINES} lines of non-test code (make the module a folder with a file per purpose):\n{}",
        over.join("\n")
    );
}

/// The engine's top-level modules each module's non-test code names (`crate::module`, or a
/// `use crate::{…}` group).
fn engine_imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = workspace_root().join("agentgen-compiler/src");
    let modules: BTreeSet<String> = ENGINE_STAGES
        .iter()
        .flat_map(|(_, modules)| modules.iter().map(|m| (*m).to_owned()))
        .collect();
    let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in sources().into_iter().filter(|f| f.path.starts_with(&src)) {
        let relative = file.path.strip_prefix(&src).expect("inside src");
        let top = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|c| c.trim_end_matches(".rs").to_owned())
            .unwrap_or_default();
        if top == "lib" {
            continue;
        }
        assert!(
            modules.contains(&top),
            "agentgen-compiler/src/{}: the module `{top}` has no stage in tests/architecture.rs \
             (ENGINE_STAGES) — place it in the pipeline",
            relative.display()
        );
        let named = imports.entry(top.clone()).or_default();
        let code = &file.code;
        for (at, _) in code.match_indices("crate::") {
            let after = &code[at + "crate::".len()..];
            if let Some(group) = after.strip_prefix('{') {
                // `use crate::{a::b, c, d::{e}}`: the first segment of each path at depth 0.
                let mut depth = 0;
                let mut segment_start = true;
                let mut word = String::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => segment_start = true,
                        c if c.is_alphanumeric() || c == '_' => {
                            if segment_start {
                                word.push(c);
                            }
                        }
                        _ => {
                            if !word.is_empty() {
                                named.insert(std::mem::take(&mut word));
                            }
                            if !c.is_whitespace() {
                                segment_start = false;
                            }
                        }
                    }
                }
                if !word.is_empty() {
                    named.insert(word);
                }
            } else {
                let word: String = after
                    .chars()
                    .take_while(|&c| c.is_alphanumeric() || c == '_')
                    .collect();
                named.insert(word);
            }
        }
        named.retain(|m| modules.contains(m) && *m != top);
    }
    imports
}

#[test]
fn the_engine_stages_import_only_downward() {
    let stage_of: BTreeMap<&str, usize> = ENGINE_STAGES
        .iter()
        .enumerate()
        .flat_map(|(stage, (_, modules))| modules.iter().map(move |m| (*m, stage)))
        .collect();
    let imports = engine_imports();
    assert!(
        imports.len() >= 15,
        "the engine's modules are read ({})",
        imports.len()
    );
    let mut upward = Vec::new();
    for (module, named) in &imports {
        for target in named {
            let (from, to) = (stage_of[module.as_str()], stage_of[target.as_str()]);
            if to > from {
                upward.push(format!(
                    "`{module}` ({}) imports `{target}` ({})",
                    ENGINE_STAGES[from].0, ENGINE_STAGES[to].0
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports against the pipeline:\n{}",
        upward.join("\n")
    );

    // Within a stage: no circle (depth-first search for a back edge).
    fn visit<'a>(
        module: &'a str,
        imports: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<String> {
        if let Some(at) = path.iter().position(|m| *m == module) {
            let mut circle = path[at..].to_vec();
            circle.push(module);
            return Some(circle.join(" → "));
        }
        if !done.insert(module) {
            return None;
        }
        path.push(module);
        for target in imports.get(module).into_iter().flatten() {
            if let Some(circle) = visit(target, imports, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for module in imports.keys() {
        let circle = visit(module, &imports, &mut Vec::new(), &mut done);
        assert!(
            circle.is_none(),
            "an import circle: {}",
            circle.unwrap_or_default()
        );
    }
}

#[test]
fn the_measures_see_what_they_measure() {
    // A long function, a comment with braces, a string with `fn`, a test module: only the
    // first counts.
    let body = "    let x = 1;\n".repeat(MAX_FUNCTION_LINES);
    let source = format!(
        "// fn not_code() {{\nfn long() {{\n{body}}}\nconst S: &str = \"fn fake() {{\";\n#[cfg(test)]\nmod tests {{\n    fn also_long() {{\n{body}    }}\n}}\n"
    );
    let lines = without_test_items(&blank_comments_and_literals(&source));
    let long = long_functions(&code_of(&lines));
    assert_eq!(long.len(), 1, "{long:?}");
    assert_eq!(
        (long[0].0.as_str(), long[0].1, long[0].2),
        ("long", 2, MAX_FUNCTION_LINES + 2)
    );
    let test_lines = lines.iter().filter(|line| line.is_none()).count();
    assert_eq!(
        test_lines,
        MAX_FUNCTION_LINES + 5,
        "the test module's lines"
    );
}
