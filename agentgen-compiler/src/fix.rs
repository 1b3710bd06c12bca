//! `agentgen fix`: rewrites frontmatter that only Claude Code's re-quoting fallback (or nothing at
//! all) can read into strict YAML that strict parsers and Claude Code read identically.
//!
//! # What the fixed file means
//!
//! - **Fallback-read files** (strict YAML fails, Claude Code's fallback reads them): the fixed file
//!   gives exactly the values Claude Code reads, including the `description` with every literal
//!   `\n` turned into a line break (Claude Code does that to descriptions; a strict parser would
//!   keep the backslash, so the fix writes the line break itself).
//! - **Unreadable files** (the fallback fails too; Claude Code skips them silently), read line by
//!   line:
//!   - a line `key: value` at column 0 (key of letters, digits, `_`, `-`, `.`) starts an entry;
//!     indented, blank and comment lines continue it;
//!   - an unindented line that is not `key:` (`<example>`, `Since tests…`) is text of the entry
//!     above. A line with an unknown key (`Context:`, `user:`) belongs to that text too when it
//!     stands inside an open `<example>`-like tag or when more text follows it before the next
//!     key; otherwise (`tools2: Read: y`, `version: 2` after `</example>`) it is a key of its own,
//!     its value a string. A key Claude Code reads (`tools:`, `model:`, …) always starts an entry;
//!     indented, it is ambiguous (a key, or text of the value above?) and is not guessed at;
//!   - an entry that is valid YAML on its own keeps its YAML value; a one-line value that is not
//!     becomes the text as written (without surrounding white space or matching quotes);
//!   - a value continued on **indented** lines means what YAML means by a plain multi-line
//!     scalar: the lines folded with single spaces (a blank line is a line break), as Claude Code
//!     reads such a description when it contains no `: `;
//!   - a value continued on **unindented** text lines keeps its lines as written (trailing white
//!     space and trailing blank lines dropped): the author wrote lines.
//!
//! # How the fixed file is written
//!
//! Only entries whose YAML does not give the meant value are rewritten; every other line, the
//! key order, comments, line endings (CRLF stays CRLF), the delimiters and the body are kept byte
//! for byte. A rewritten value takes the first style, in this order, that a strict parse reads
//! back as exactly the meant value:
//!
//! - a value that was continued on indented lines and means one line: a folded block scalar
//!   `>-` with the original lines, so the layout stays;
//! - one line: plain when YAML reads it unchanged, else single-quoted when it contains `"` but no
//!   `'` (no escapes needed), else double-quoted with `\` and `"` escaped;
//! - several lines: a literal block scalar `|-` (or `|` when the value ends with one line break)
//!   indented by two spaces, which shows the text exactly as it reads, `<example>` blocks
//!   included; else (leading spaces, trailing blank lines) one double-quoted line with `\n`.
//!
//! Leading tabs that YAML forbids as indentation become two spaces each, as Claude Code's
//! fallback does. After rewriting, the whole file is checked: the frontmatter must be found at
//! the same place, parse as strict YAML, and give the meant value for every key, and the body
//! must be unchanged; otherwise the file is reported as [`FixOutcome::Unfixable`], never
//! rewritten. Running the fix on its own output gives [`FixOutcome::AlreadyValid`].

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::frontmatter::{self, Missing};
use crate::registry::{COLLABORATOR_KEYS, KNOWN_KEYS, MAX_FILE_BYTES};
use crate::source::SourceFile;
use crate::yaml::{self, Node, Value};

/// A file rewritten by [`fix_source`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedFile {
    /// The whole new file (frontmatter rewritten, everything else byte-identical).
    pub text: Vec<u8>,
    /// What was changed, one entry per rewritten key, in file order.
    pub changes: Vec<FixChange>,
}

/// One rewritten frontmatter entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixChange {
    /// 1-based line of the key in the original file.
    pub line: usize,
    /// The key, e.g. `description`.
    pub key: String,
    /// What was done and why, as a sentence.
    pub what: String,
}

/// The result of [`fix_source`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixOutcome {
    /// The frontmatter is strict YAML already; nothing to do.
    AlreadyValid,
    /// The frontmatter was rewritten.
    Fixed(FixedFile),
    /// The file cannot be fixed safely; it must be left alone. The diagnostic says why and where
    /// (`no-frontmatter`, `invalid-utf8`, `file-too-large` or `invalid-frontmatter`).
    Unfixable(Box<Diagnostic>),
}

/// Where the opening `---` starts when only a byte-order mark or white space (blank lines, as
/// JavaScript's `trim` sees white space) stands before it.
fn starts_after_white_space(text: &str) -> Option<usize> {
    let rest = text.trim_start_matches(crate::source::is_js_whitespace);
    let start = text.len() - rest.len();
    (start > 0 && rest.starts_with("---") && frontmatter::split(rest).is_ok()).then_some(start)
}

/// Removes what stands before the opening `---` (blank lines, after a byte-order mark), so that Claude
/// Code finds the frontmatter it silently missed, and fixes the rest.
/// `start` is where the opening `---` stands ([`starts_after_white_space`]).
fn strip_leading(display_path: &str, text: &str, start: usize) -> FixOutcome {
    let removed_lines = text[..start].matches('\n').count();
    let what = "removed the white space before the opening `---`: Claude Code needs `---` at the first character (after a byte-order mark) and skipped the file";
    let first = FixChange {
        line: 1,
        key: "---".to_owned(),
        what: what.to_owned(),
    };
    let rest = &text[start..];
    match fix_source(display_path, rest.as_bytes()) {
        FixOutcome::AlreadyValid => FixOutcome::Fixed(FixedFile {
            text: rest.as_bytes().to_vec(),
            changes: vec![first],
        }),
        FixOutcome::Fixed(mut fixed) => {
            for change in &mut fixed.changes {
                change.line += removed_lines;
            }
            fixed.changes.insert(0, first);
            FixOutcome::Fixed(fixed)
        }
        unfixable @ FixOutcome::Unfixable(_) => unfixable,
    }
}

/// Rewrites the frontmatter of the file `bytes` (shown as `display_path` in diagnostics) into
/// strict YAML with the meaning described in the [module documentation](self).
///
/// Never panics; files over 1 MiB, not UTF-8, without a frontmatter block Claude Code finds,
/// with control characters in the frontmatter, or whose meaning is ambiguous are
/// [`FixOutcome::Unfixable`].
pub fn fix_source(display_path: &str, bytes: &[u8]) -> FixOutcome {
    let unfixable =
        |range: std::ops::Range<usize>, code: Code, message: &str, label: &str, help: &str| {
            let loc = SourceFile::new(display_path, bytes).span(range);
            FixOutcome::Unfixable(Box::new(
                Diagnostic::new(code, display_path, message)
                    .at(Some(loc))
                    .label(label)
                    .help(help),
            ))
        };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return FixOutcome::Unfixable(Box::new(
            Diagnostic::new(
                Code::FileTooLarge,
                display_path,
                format!(
                    "cannot fix: the file is {} bytes, over Claude Code's limit of {MAX_FILE_BYTES} bytes",
                    bytes.len()
                ),
            )
            .help("make the file smaller first; Claude Code does not load it at all"),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let at = error.valid_up_to();
            return unfixable(
                at..at + 1,
                Code::InvalidUtf8,
                "cannot fix: the file is not valid UTF-8",
                "invalid bytes here",
                "save the file as UTF-8, then run the fix again",
            );
        }
    };
    let blocks = match frontmatter::split(text) {
        Ok(blocks) => blocks,
        Err(missing) => {
            if missing == Missing::LeadingWhitespace
                && let Some(start) = starts_after_white_space(text)
            {
                return strip_leading(display_path, text, start);
            }
            let help = match missing {
                Missing::LeadingWhitespace => "remove what stands before the opening `---`",
                Missing::NoClosing => "add a line `---` after the last frontmatter key",
                Missing::NoOpening | Missing::OpeningNotAlone => {
                    "start the file with a line `---`, the frontmatter keys, and a closing `---` line"
                }
            };
            return unfixable(
                0..3.min(text.len()),
                Code::NoFrontmatter,
                "cannot fix: no frontmatter block",
                missing.explain(),
                help,
            );
        }
    };
    if yaml::parse(blocks.yaml).is_ok() {
        return FixOutcome::AlreadyValid;
    }
    let yaml_text = blocks.yaml;
    let yaml_offset = blocks.yaml_offset;
    if let Some((at, c)) = control_character(yaml_text) {
        let at = yaml_offset + at;
        return unfixable(
            at..at + c.len_utf8(),
            Code::InvalidFrontmatter,
            &format!(
                "cannot fix: the frontmatter contains the control character U+{:04X}",
                u32::from(c)
            ),
            "control character here",
            "remove the control character; YAML does not allow it",
        );
    }
    if !yaml_text.ends_with('\n') {
        let at = blocks.closing_offset;
        return unfixable(
            at..at + 3,
            Code::InvalidFrontmatter,
            "cannot fix: the closing `---` stands in the middle of a line",
            "Claude Code ends the frontmatter here",
            "put the closing `---` on a line of its own (quote a value that contains `---`)",
        );
    }
    let lines = split_lines(yaml_text);
    let first_line = text[..yaml_offset].matches('\n').count() + 1;
    let plan = match plan_entries(yaml_text, &lines) {
        Ok(plan) => plan,
        Err(problem) => {
            let at = yaml_offset + lines.get(problem.line).map_or(0, |l| l.start);
            let end = at + lines.get(problem.line).map_or(0, |l| l.content.len());
            return unfixable(
                at..end,
                Code::InvalidFrontmatter,
                &format!("cannot fix the frontmatter safely: {}", problem.message),
                "here",
                "fix this place by hand (quote the value, or indent a multi-line value under `key: |`), then run the fix again",
            );
        }
    };
    let mut new_yaml = String::with_capacity(yaml_text.len() + 64);
    let mut changes = Vec::new();
    for line in &lines[..plan.header_end] {
        new_yaml.push_str(line.content);
        new_yaml.push_str(line.ending);
    }
    for entry in &plan.entries {
        match &entry.rewrite {
            None => {
                for line in &lines[entry.key_line..entry.value_end] {
                    new_yaml.push_str(line.content);
                    new_yaml.push_str(line.ending);
                }
            }
            Some(rewrite) => {
                for (content, ending) in &rewrite.lines {
                    new_yaml.push_str(content);
                    new_yaml.push_str(ending);
                }
                changes.push(FixChange {
                    line: first_line + entry.key_line,
                    key: entry.key.clone(),
                    what: rewrite.what.clone(),
                });
            }
        }
        for line in &lines[entry.value_end..entry.trailer_end] {
            new_yaml.push_str(line.content);
            new_yaml.push_str(line.ending);
        }
    }
    let mut new_text = String::with_capacity(text.len() + 64);
    new_text.push_str(&text[..yaml_offset]);
    new_text.push_str(&new_yaml);
    new_text.push_str(&text[blocks.closing_offset..]);
    if let Err(reason) = verify(&new_text, &new_yaml, &text[blocks.closing_offset..], &plan) {
        let at = yaml_offset;
        return unfixable(
            at..at,
            Code::InvalidFrontmatter,
            &format!("cannot fix the frontmatter safely: {reason}"),
            "in this frontmatter",
            "fix the frontmatter by hand: quote values containing `: `, indent multi-line values under `key: |`",
        );
    }
    FixOutcome::Fixed(FixedFile {
        text: new_text.into_bytes(),
        changes,
    })
}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, flushed to disk,
/// then renamed over `path`, so readers see the old or the new file, never a part. A symbolic
/// link is followed (its target is replaced, the link stays); the target's permissions are kept.
/// On error the temporary file is removed and `path` is unchanged.
///
/// # Errors
///
/// Any I/O error creating, writing, syncing or renaming the temporary file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target: PathBuf = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "agent".to_owned());
    let permissions = fs::metadata(&target).ok().map(|m| m.permissions());
    let (temp_path, mut temp) = create_temp(&dir, &file_name)?;
    let written = (|| {
        temp.write_all(bytes)?;
        if let Some(permissions) = permissions {
            temp.set_permissions(permissions)?;
        }
        temp.sync_all()?;
        drop(temp);
        fs::rename(&temp_path, &target)
    })();
    if let Err(error) = written {
        let _ = fs::remove_file(&temp_path);
        return Err(error);
    }
    // Make the rename itself durable where directories can be synced (not on Windows).
    if let Ok(dir_handle) = fs::File::open(&dir) {
        let _ = dir_handle.sync_all();
    }
    Ok(())
}

/// Creates a new, unique temporary file `.<name>.<pid>.<n>.agentgen-tmp` in `dir`.
fn create_temp(dir: &Path, file_name: &str) -> std::io::Result<(PathBuf, fs::File)> {
    let pid = std::process::id();
    let mut attempt = 0u32;
    loop {
        let candidate = dir.join(format!(".{file_name}.{pid}.{attempt}.agentgen-tmp"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists && attempt < 1000 => {
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

/// One line of the frontmatter: its text and its line ending (`\n`, `\r\n`).
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    content: &'a str,
    ending: &'a str,
    /// Byte offset in the frontmatter text.
    start: usize,
}

fn split_lines(yaml: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < yaml.len() {
        let rest = &yaml[start..];
        let (line_len, ending_len) = match rest.find('\n') {
            Some(i) if i > 0 && rest.as_bytes()[i - 1] == b'\r' => (i - 1, 2),
            Some(i) => (i, 1),
            None => (rest.len(), 0),
        };
        lines.push(Line {
            content: &rest[..line_len],
            ending: &rest[line_len..line_len + ending_len],
            start,
        });
        start += line_len + ending_len;
    }
    lines
}

/// The first character YAML does not allow in a frontmatter (C0/C1 controls other than tab and
/// line breaks, a carriage return not followed by a line feed, DEL).
fn control_character(yaml: &str) -> Option<(usize, char)> {
    let bytes = yaml.as_bytes();
    yaml.char_indices().find(|&(i, c)| match c {
        '\t' | '\n' | '\u{85}' => false,
        '\r' => bytes.get(i + 1) != Some(&b'\n'),
        c => c.is_control(),
    })
}

/// How one line of a frontmatter that strict YAML rejects looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind<'a> {
    Blank,
    /// `# …` at column 0.
    Comment,
    /// Starts with a space or a tab.
    Indented,
    /// `key:` at column 0; `prefix_len` is the byte length up to and including the colon.
    Key {
        key: &'a str,
        prefix_len: usize,
    },
    /// `- …` (or a lone `-`) at column 0.
    Item,
    /// Anything else at column 0.
    Text,
}

fn classify(content: &str) -> LineKind<'_> {
    if content.trim_matches([' ', '\t']).is_empty() {
        return LineKind::Blank;
    }
    if content.starts_with([' ', '\t']) {
        return LineKind::Indented;
    }
    if content.starts_with('#') {
        return LineKind::Comment;
    }
    if content == "-" || content.starts_with("- ") || content.starts_with("-\t") {
        return LineKind::Item;
    }
    match key_of(content) {
        Some((key, prefix_len)) => LineKind::Key { key, prefix_len },
        None => LineKind::Text,
    }
}

/// `key:` at column 0 followed by white space or the end of the line: the key and the length of
/// `key:`. Keys are an ASCII letter or `_`, then letters, digits, `_`, `-`, `.`.
fn key_of(content: &str) -> Option<(&str, usize)> {
    let bytes = content.as_bytes();
    if !bytes
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
    {
        return None;
    }
    let key_len = bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        .count();
    if bytes.get(key_len) != Some(&b':') {
        return None;
    }
    match bytes.get(key_len + 1) {
        None | Some(b' ' | b'\t') => Some((&content[..key_len], key_len + 1)),
        _ => None,
    }
}

fn is_read_key(key: &str) -> bool {
    KNOWN_KEYS.contains(&key) || COLLABORATOR_KEYS.contains(&key)
}

/// Why a frontmatter cannot be fixed: a message and the 0-based frontmatter line.
struct Problem {
    line: usize,
    message: String,
}

fn problem(line: usize, message: impl Into<String>) -> Problem {
    Problem {
        line,
        message: message.into(),
    }
}

/// The fix for a frontmatter: what stays, what is rewritten.
struct Plan {
    /// Lines before the first key (blank lines and comments), kept.
    header_end: usize,
    entries: Vec<PlannedEntry>,
}

struct PlannedEntry {
    key: String,
    key_line: usize,
    /// End (exclusive) of the lines that make up the value.
    value_end: usize,
    /// End (exclusive) of the blank and comment lines after the value, kept as they are.
    trailer_end: usize,
    /// The value the fixed file must give.
    meant: Node,
    /// New lines (content, ending) replacing `key_line..value_end`; `None` keeps them.
    rewrite: Option<Rewrite>,
}

struct Rewrite {
    lines: Vec<(String, String)>,
    what: String,
}

/// One top-level entry as found in the text.
struct RawEntry<'a> {
    key: &'a str,
    prefix_len: usize,
    key_line: usize,
    /// The entry continues with unindented text lines (a multi-line description).
    text_mode: bool,
    /// XML-like tags (`<example>`) opened and not yet closed in the entry's lines.
    open_tags: i64,
}

fn plan_entries(yaml_text: &str, lines: &[Line<'_>]) -> Result<Plan, Problem> {
    let fallback = yaml::fallback_rewrite(yaml_text);
    let (raw, fallback_values) = match fallback.parse(yaml_text) {
        Ok(root) => entries_from_fallback(yaml_text, lines, root)?,
        Err(_) => (entries_from_lines(lines)?, None),
    };
    let Some(first) = raw.first() else {
        return Err(problem(0, "the frontmatter has no `key: value` line"));
    };
    let header_end = first.key_line;
    if let Some(index) = (0..header_end).find(|&i| {
        !matches!(
            classify(lines[i].content),
            LineKind::Blank | LineKind::Comment
        )
    }) {
        return Err(problem(index, "this line stands before the first key"));
    }
    let mut entries = Vec::with_capacity(raw.len());
    for (index, entry) in raw.iter().enumerate() {
        let next = raw.get(index + 1).map_or(lines.len(), |e| e.key_line);
        let value_end = value_end(lines, entry.key_line, next, entry.text_mode);
        let meant = match &fallback_values {
            Some(values) => values[index].clone(),
            None => meant_from_lines(lines, entry, value_end)?,
        };
        let read_value = meant.clone();
        let meant = claude_code_view(entry.key, meant);
        let escapes_converted = !same_value(&read_value, &meant);
        let rewrite = rewrite_entry(lines, entry, value_end, &meant, escapes_converted)?;
        entries.push(PlannedEntry {
            key: entry.key.to_owned(),
            key_line: entry.key_line,
            value_end,
            trailer_end: next,
            meant,
            rewrite,
        });
    }
    Ok(Plan {
        header_end,
        entries,
    })
}

/// The entries of a frontmatter Claude Code's fallback reads: where its top-level keys are, and
/// the values it reads.
type FallbackEntries<'a> = (Vec<RawEntry<'a>>, Option<Vec<Node>>);

fn entries_from_fallback<'a>(
    yaml_text: &str,
    lines: &[Line<'a>],
    root: Option<Node>,
) -> Result<FallbackEntries<'a>, Problem> {
    let entries = match root {
        Some(Node {
            value: Value::Map(entries),
            ..
        }) => entries,
        _ => {
            return Err(problem(
                0,
                "the frontmatter is not a mapping of keys to values",
            ));
        }
    };
    let mut raw: Vec<RawEntry<'a>> = Vec::with_capacity(entries.len());
    let mut values = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let offset = key.span.start.min(yaml_text.len());
        let line_index = lines
            .partition_point(|l| l.start <= offset)
            .saturating_sub(1);
        let Some(&line) = lines.get(line_index) else {
            return Err(problem(0, "the frontmatter is empty"));
        };
        if offset != line.start {
            return Err(problem(
                line_index,
                "a top-level key does not start at column 0",
            ));
        }
        if raw.last().is_some_and(|e| e.key_line >= line_index) {
            return Err(problem(line_index, "several keys on one line"));
        }
        let key_text = key.key_text();
        let Some((found, prefix_len)) = key_of(line.content).filter(|(k, _)| *k == key_text) else {
            return Err(problem(
                line_index,
                format!("the key `{key_text}` is not a simple `key:`"),
            ));
        };
        raw.push(RawEntry {
            key: found,
            prefix_len,
            key_line: line_index,
            text_mode: false,
            open_tags: 0,
        });
        values.push(value);
    }
    Ok((raw, Some(values)))
}

/// Finds the top-level entries of a frontmatter that no YAML reading accepts (see the module
/// documentation for the rules).
fn entries_from_lines<'a>(lines: &[Line<'a>]) -> Result<Vec<RawEntry<'a>>, Problem> {
    let mut entries: Vec<RawEntry<'a>> = Vec::new();
    // Index of the first unknown-key entry after the last entry Claude Code reads, while no text
    // line has followed: such keys are folded back into the entry above if text follows.
    let mut pending_from: Option<usize> = None;
    for (index, line) in lines.iter().enumerate() {
        let kind = classify(line.content);
        let balance = tag_balance(line.content);
        let Some(last) = entries.last_mut() else {
            match kind {
                LineKind::Key { key, prefix_len } => entries.push(RawEntry {
                    key,
                    prefix_len,
                    key_line: index,
                    text_mode: false,
                    open_tags: balance,
                }),
                LineKind::Blank | LineKind::Comment => {}
                _ => return Err(problem(index, "this line stands before the first key")),
            }
            continue;
        };
        let last_value_is_empty = line_value(lines[last.key_line], last.prefix_len).is_empty();
        // Inside an open `<example>` of a text description, `user:` lines are text.
        let inside_tag = last.text_mode && last.open_tags > 0;
        match kind {
            LineKind::Key { key, prefix_len } if is_read_key(key) || !inside_tag => {
                if is_read_key(key) {
                    pending_from = None;
                } else if pending_from.is_none() {
                    pending_from = Some(entries.len());
                }
                entries.push(RawEntry {
                    key,
                    prefix_len,
                    key_line: index,
                    text_mode: false,
                    open_tags: balance,
                });
            }
            LineKind::Item if !last.text_mode && last_value_is_empty => last.open_tags += balance,
            LineKind::Text | LineKind::Item => {
                let mut merged_tags = 0;
                if let Some(from) = pending_from.take() {
                    merged_tags = entries[from..].iter().map(|e| e.open_tags).sum();
                    entries.truncate(from);
                }
                if let Some(host) = entries.last_mut() {
                    host.text_mode = true;
                    host.open_tags += merged_tags + balance;
                }
            }
            _ => last.open_tags += balance,
        }
    }
    Ok(entries)
}

/// Opened minus closed XML-like tags on a line (`<example>` +1, `</example>` and `/>` −1).
fn tag_balance(content: &str) -> i64 {
    let bytes = content.as_bytes();
    let mut balance = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        match (b, next) {
            (b'<', Some(b'/')) if bytes.get(i + 2).is_some_and(u8::is_ascii_alphabetic) => {
                balance -= 1
            }
            (b'<', Some(c)) if c.is_ascii_alphabetic() => balance += 1,
            (b'/', Some(b'>')) => balance -= 1,
            _ => {}
        }
    }
    balance
}

/// The value text after `key:` on the key line, without surrounding spaces and tabs.
fn line_value<'a>(line: Line<'a>, prefix_len: usize) -> &'a str {
    line.content
        .get(prefix_len..)
        .unwrap_or("")
        .trim_matches([' ', '\t'])
}

/// Where the lines of an entry's value end: trailing blank lines (and column-0 comments, unless
/// the entry is text) are not part of it.
fn value_end(lines: &[Line<'_>], key_line: usize, next: usize, text_mode: bool) -> usize {
    let mut end = next;
    while end > key_line + 1 {
        match classify(lines[end - 1].content) {
            LineKind::Blank => end -= 1,
            LineKind::Comment if !text_mode => end -= 1,
            _ => break,
        }
    }
    end
}

/// The entry's lines joined with `\n`, optionally with leading tabs replaced by two spaces each.
fn entry_text(lines: &[Line<'_>], retab: bool) -> String {
    let mut text = String::new();
    for line in lines {
        if retab {
            text.push_str(&retabbed(line.content));
        } else {
            text.push_str(line.content);
        }
        text.push('\n');
    }
    text
}

fn retabbed(content: &str) -> String {
    let tabs = content.bytes().take_while(|&b| b == b'\t').count();
    format!("{}{}", "  ".repeat(tabs), &content[tabs..])
}

/// The value of `text` when it is strict YAML holding exactly the one key `key`.
fn parse_entry(text: &str, key: &str) -> Result<Node, String> {
    match yaml::parse(text) {
        Ok(Some(Node {
            value: Value::Map(mut entries),
            ..
        })) if entries.len() == 1 && entries[0].0.key_text() == key => Ok(entries.remove(0).1),
        Ok(_) => Err("it does not read as one key".to_owned()),
        Err(error) => Err(error.message),
    }
}

fn string_node(text: String) -> Node {
    Node {
        value: Value::Str(text),
        span: 0..0,
        style: None,
    }
}

/// The meant value of an entry in a frontmatter no YAML reading accepts.
fn meant_from_lines(
    lines: &[Line<'_>],
    entry: &RawEntry<'_>,
    value_end: usize,
) -> Result<Node, Problem> {
    let entry_lines = &lines[entry.key_line..value_end];
    if !entry.text_mode {
        for retab in [false, true] {
            if let Ok(node) = parse_entry(&entry_text(entry_lines, retab), entry.key) {
                return Ok(node);
            }
        }
    }
    let first = line_value(lines[entry.key_line], entry.prefix_len);
    let continuation = &entry_lines[1..];
    let ambiguous_start = first.starts_with(['[', '{', '|', '>', '"', '\'']);
    if continuation.is_empty() {
        let quoted = |q: char| first.len() >= 2 && first.starts_with(q) && first.ends_with(q);
        if quoted('"') || quoted('\'') {
            return Ok(string_node(first[1..first.len() - 1].to_owned()));
        }
        if ambiguous_start {
            return Err(problem(
                entry.key_line,
                format!(
                    "the value of `{}` starts like a YAML list, mapping, block or quoted string but is none",
                    entry.key
                ),
            ));
        }
        return Ok(string_node(first.to_owned()));
    }
    if ambiguous_start {
        return Err(problem(
            entry.key_line,
            format!(
                "the multi-line value of `{}` starts like a YAML list, mapping, block or quoted string but is none",
                entry.key
            ),
        ));
    }
    if first.is_empty() && entry.key != "description" {
        return Err(problem(
            entry.key_line,
            format!(
                "the nested value of `{}` is not valid YAML and is not text",
                entry.key
            ),
        ));
    }
    let mut parts: Vec<&str> = Vec::with_capacity(entry_lines.len());
    if !first.is_empty() {
        parts.push(first);
    }
    if entry.text_mode {
        // Unindented text: the lines as written.
        parts.extend(
            continuation
                .iter()
                .map(|l| l.content.trim_end_matches([' ', '\t'])),
        );
        let text = parts.join("\n");
        return Ok(string_node(text.trim_end_matches('\n').to_owned()));
    }
    // Indented continuation: YAML's plain multi-line scalar, folded.
    if let Some(offset) = continuation
        .iter()
        .position(|l| classify(l.content) == LineKind::Comment)
    {
        return Err(problem(
            entry.key_line + 1 + offset,
            "a comment line interrupts a multi-line value",
        ));
    }
    if let Some(offset) = continuation.iter().position(|l| {
        key_of(l.content.trim_start_matches([' ', '\t'])).is_some_and(|(key, _)| is_read_key(key))
    }) {
        return Err(problem(
            entry.key_line + 1 + offset,
            format!(
                "an indented key Claude Code reads: is it a key of its own, or text of `{}`?",
                entry.key
            ),
        ));
    }
    parts.extend(
        continuation
            .iter()
            .map(|l| l.content.trim_matches([' ', '\t'])),
    );
    Ok(string_node(fold(&parts)))
}

/// YAML line folding: lines joined by one space; each blank line is a line break.
fn fold(parts: &[&str]) -> String {
    let mut out = String::new();
    let mut blanks = 0usize;
    let mut started = false;
    for part in parts {
        if part.is_empty() {
            blanks += 1;
            continue;
        }
        if started {
            if blanks == 0 {
                out.push(' ');
            } else {
                out.push_str(&"\n".repeat(blanks));
            }
        } else if blanks > 0 {
            out.push_str(&"\n".repeat(blanks));
        }
        blanks = 0;
        started = true;
        out.push_str(part);
    }
    out
}

/// What Claude Code shows for a top-level value: a `description` string with every literal `\n`
/// turned into a line feed.
fn claude_code_view(key: &str, mut node: Node) -> Node {
    if key == "description"
        && let Value::Str(text) = &node.value
        && text.contains("\\n")
    {
        node.value = Value::Str(text.replace("\\n", "\n"));
    }
    node
}

/// Values equal as YAML data (spans and styles ignored; NaN equals NaN).
fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, va), (kb, vb))| same_value(ka, kb) && same_value(va, vb))
        }
        (x, y) => x == y,
    }
}

/// Decides how to write one entry so that strict YAML reads `meant`: `None` keeps its lines.
fn rewrite_entry(
    lines: &[Line<'_>],
    entry: &RawEntry<'_>,
    value_end: usize,
    meant: &Node,
    escapes_converted: bool,
) -> Result<Option<Rewrite>, Problem> {
    let entry_lines = &lines[entry.key_line..value_end];
    let verbatim = parse_entry(&entry_text(entry_lines, false), entry.key);
    if verbatim.as_ref().is_ok_and(|v| same_value(v, meant)) {
        return Ok(None);
    }
    let ending = lines[entry.key_line].ending;
    if entry_lines.iter().any(|l| l.content.starts_with('\t'))
        && parse_entry(&entry_text(entry_lines, true), entry.key)
            .is_ok_and(|v| same_value(&v, meant))
    {
        let tabbed = entry_lines
            .iter()
            .filter(|l| l.content.starts_with('\t'))
            .count();
        return Ok(Some(Rewrite {
            lines: entry_lines
                .iter()
                .map(|l| (retabbed(l.content), l.ending.to_owned()))
                .collect(),
            what: format!(
                "replaced the leading tabs of {tabbed} line(s) with two spaces each (YAML does not allow tabs as indentation)"
            ),
        }));
    }
    let Value::Str(text) = &meant.value else {
        return Err(problem(
            entry.key_line,
            format!(
                "the value of `{}` is {} that cannot be written as strict YAML without changing it",
                entry.key,
                meant.type_name()
            ),
        ));
    };
    let prefix = &lines[entry.key_line].content[..entry.prefix_len];
    let mut why = match &verbatim {
        Err(message) => format!("strict YAML cannot read it ({message})"),
        Ok(_) => "strict YAML reads a different value than Claude Code".to_owned(),
    };
    if escapes_converted {
        why.push_str("; its literal `\\n` escapes are line breaks now, as Claude Code reads them");
    }
    let continued = entry_lines.len() > 1;
    for candidate in scalar_candidates(prefix, text, entry_lines, entry.text_mode) {
        let mut check = String::new();
        for line in &candidate.lines {
            check.push_str(line);
            check.push('\n');
        }
        if parse_entry(&check, entry.key).is_ok_and(|v| same_value(&v, meant)) {
            let what = if continued {
                format!(
                    "wrote the {}-line value as {}; {why}",
                    entry_lines.len(),
                    candidate.style
                )
            } else {
                format!("wrote the value as {}; {why}", candidate.style)
            };
            return Ok(Some(Rewrite {
                lines: candidate
                    .lines
                    .into_iter()
                    .map(|l| (l, ending.to_owned()))
                    .collect(),
                what,
            }));
        }
    }
    Err(problem(
        entry.key_line,
        format!(
            "no YAML scalar style writes the value of `{}` back unchanged",
            entry.key
        ),
    ))
}

struct Candidate {
    lines: Vec<String>,
    style: &'static str,
}

/// The ways to write `prefix` (`key:`) with the string `text`, most natural first.
fn scalar_candidates(
    prefix: &str,
    text: &str,
    entry_lines: &[Line<'_>],
    text_mode: bool,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    if !text.contains('\n') {
        if entry_lines.len() > 1 && !text_mode {
            let mut block = vec![format!("{prefix} >-")];
            let first = entry_lines[0]
                .content
                .get(prefix.len()..)
                .unwrap_or("")
                .trim_matches([' ', '\t']);
            let rest = entry_lines[1..]
                .iter()
                .map(|l| l.content.trim_matches([' ', '\t']));
            for part in std::iter::once(first).chain(rest) {
                if part.is_empty() {
                    block.push(String::new());
                } else {
                    block.push(format!("  {part}"));
                }
            }
            out.push(Candidate {
                lines: block,
                style: "a folded block scalar (`>-`), keeping its lines",
            });
        }
        if !text.is_empty() && text.trim_matches([' ', '\t']) == text {
            out.push(Candidate {
                lines: vec![format!("{prefix} {text}")],
                style: "a plain value",
            });
        }
        if text.contains('"') && !text.contains('\'') && !needs_escape(text) {
            out.push(Candidate {
                lines: vec![format!("{prefix} '{text}'")],
                style: "a single-quoted string",
            });
        }
    } else {
        let first_content = text.split('\n').find(|l| !l.is_empty()).unwrap_or("");
        let trailing = text.len() - text.trim_end_matches('\n').len();
        if !first_content.starts_with([' ', '\t']) && trailing <= 1 && !needs_escape(text) {
            let indicator = if trailing == 0 { "|-" } else { "|" };
            let mut block = vec![format!("{prefix} {indicator}")];
            for line in text.trim_end_matches('\n').split('\n') {
                if line.is_empty() {
                    block.push(String::new());
                } else {
                    block.push(format!("  {line}"));
                }
            }
            out.push(Candidate {
                lines: block,
                style: if trailing == 0 {
                    "a literal block scalar (`|-`), line by line"
                } else {
                    "a literal block scalar (`|`), line by line"
                },
            });
        }
    }
    out.push(Candidate {
        lines: vec![format!("{prefix} {}", double_quoted(text))],
        style: if text.contains('\n') {
            "one double-quoted string with `\\n` line breaks"
        } else {
            "a double-quoted string"
        },
    });
    out
}

/// Characters that only a double-quoted string can hold safely.
fn needs_escape(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\r')
            || (c.is_control() && c != '\t' && c != '\n')
    })
}

/// `text` as a YAML double-quoted string on one line.
fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            '\t' => out.push('\t'),
            c if c == '\u{feff}' || c.is_control() => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Checks the rewritten file: same frontmatter place, same body, strict YAML, meant values.
fn verify(new_text: &str, new_yaml: &str, tail: &str, plan: &Plan) -> Result<(), String> {
    let blocks = frontmatter::split(new_text)
        .map_err(|m| format!("the rewritten file has no frontmatter ({})", m.explain()))?;
    if blocks.yaml != new_yaml || &new_text[blocks.closing_offset..] != tail {
        return Err("the rewritten frontmatter would end at another place".to_owned());
    }
    let root = yaml::parse(new_yaml)
        .map_err(|e| format!("the rewrite is still not strict YAML ({})", e.message))?;
    let Some(Node {
        value: Value::Map(entries),
        ..
    }) = root
    else {
        return Err("the rewrite is not a mapping".to_owned());
    };
    if entries.len() != plan.entries.len() {
        return Err(format!(
            "the rewrite has {} keys instead of {}",
            entries.len(),
            plan.entries.len()
        ));
    }
    for ((key, value), planned) in entries.iter().zip(&plan.entries) {
        if key.key_text() != planned.key {
            return Err(format!(
                "the rewrite has the key `{}` where `{}` was",
                key.key_text(),
                planned.key
            ));
        }
        if !same_value(value, &planned.meant) {
            return Err(format!(
                "the rewrite changes the value of `{}`",
                planned.key
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(input: &str) -> (String, Vec<FixChange>) {
        match fix_source("a.md", input.as_bytes()) {
            FixOutcome::Fixed(file) => (
                String::from_utf8(file.text).unwrap_or_default(),
                file.changes,
            ),
            other => panic!("expected a fix, got {other:?}"),
        }
    }

    fn unfixable(input: &[u8]) -> Diagnostic {
        match fix_source("a.md", input) {
            FixOutcome::Unfixable(diagnostic) => *diagnostic,
            other => panic!("expected unfixable, got {other:?}"),
        }
    }

    #[test]
    fn bold_values_that_yaml_reads_as_aliases_are_quoted() {
        let (text, changes) =
            fixed("---\nname: a\ndescription: **Expert**: reviews code\n---\nBody\n");
        assert_eq!(
            text,
            "---\nname: a\ndescription: \"**Expert**: reviews code\"\n---\nBody\n"
        );
        assert_eq!(changes.len(), 1);
        assert_eq!(
            (changes[0].line, changes[0].key.as_str()),
            (3, "description")
        );
        assert_eq!(
            fix_source("a.md", text.as_bytes()),
            FixOutcome::AlreadyValid
        );
    }

    #[test]
    fn literal_backslash_n_becomes_line_breaks() {
        let (text, changes) =
            fixed("---\nname: a\ndescription: Use when: asked.\\n\\n<example>hi</example>\n---\nB");
        assert!(
            changes[0]
                .what
                .contains("literal `\\n` escapes are line breaks"),
            "{changes:?}"
        );
        assert_eq!(
            text,
            "---\nname: a\ndescription: |-\n  Use when: asked.\n\n  <example>hi</example>\n---\nB"
        );
    }

    #[test]
    fn crlf_stays_crlf() {
        let (text, _) =
            fixed("---\r\nname: a\r\ndescription: Use when: x\r\ntools: Read\r\n---\r\nB\r\n");
        assert_eq!(
            text,
            "---\r\nname: a\r\ndescription: \"Use when: x\"\r\ntools: Read\r\n---\r\nB\r\n"
        );
    }

    #[test]
    fn crlf_multi_line_description_becomes_a_crlf_block() {
        let (text, _) = fixed(
            "---\r\nname: a\r\ndescription: Use it. Examples:\r\n\r\n<example>\r\nuser: hi\r\n</example>\r\ntools: Read\r\n---\r\nB",
        );
        assert_eq!(
            text,
            "---\r\nname: a\r\ndescription: |-\r\n  Use it. Examples:\r\n\r\n  <example>\r\n  user: hi\r\n  </example>\r\ntools: Read\r\n---\r\nB"
        );
    }

    #[test]
    fn leading_blank_lines_are_removed_and_a_byte_order_mark_kept() {
        for (input, removed_lines) in [
            ("\n\n---\nname: a\ndescription: x: y\n---\nbody\n", 2),
            ("\u{feff}\n---\nname: a\ndescription: x: y\n---\nbody\n", 1),
        ] {
            let FixOutcome::Fixed(fixed) = fix_source("a.md", input.as_bytes()) else {
                panic!("expected a fix for {input:?}");
            };
            assert_eq!(
                String::from_utf8_lossy(&fixed.text),
                "---\nname: a\ndescription: \"x: y\"\n---\nbody\n"
            );
            assert_eq!(fixed.changes[0].key, "---");
            assert_eq!(
                fixed.changes[1].line,
                3 + removed_lines,
                "lines of the original file"
            );
        }
        // Claude Code 2.1.332 removes a byte-order mark itself: the fix leaves it in place.
        let FixOutcome::Fixed(fixed) = fix_source(
            "a.md",
            "\u{feff}---\nname: a\ndescription: x: y\n---\nbody\n".as_bytes(),
        ) else {
            panic!("expected a fix");
        };
        assert_eq!(
            String::from_utf8_lossy(&fixed.text),
            "\u{feff}---\nname: a\ndescription: \"x: y\"\n---\nbody\n"
        );
        assert_eq!(
            (fixed.changes[0].line, fixed.changes[0].key.as_str()),
            (3, "description")
        );
        // White space before something that is not a frontmatter block stays unfixable.
        assert_eq!(unfixable(b"\n\nno frontmatter\n").code, Code::NoFrontmatter);
    }

    #[test]
    fn unfixable_inputs_are_reported() {
        assert_eq!(
            unfixable(b"---\nname: a\ndescription: x: y\n").code,
            Code::NoFrontmatter
        );
        assert_eq!(
            unfixable(b"---\nname: a\ndescription: \xff: y\n---\n").code,
            Code::InvalidUtf8
        );
        let nul = unfixable(b"---\nname: a\ndescription: x\0: y\n---\n");
        assert_eq!(nul.code, Code::InvalidFrontmatter);
        assert_eq!(nul.span.map(|s| s.line), Some(3));
        // Claude Code's fallback would quote this line, but not with CRLF line endings, so
        // nothing reads it: a broken flow list is not guessed at.
        let flow = unfixable(b"---\r\nname: a\r\ndescription: [a, b: c\r\n---\r\n");
        assert_eq!(flow.code, Code::InvalidFrontmatter);
        assert_eq!(flow.span.map(|s| s.line), Some(3));
        assert_eq!(
            unfixable(b"---\nname: a\ndescription: x: y uses --- here\n---\n").code,
            Code::InvalidFrontmatter
        );
        let mut huge = b"---\nname: a\ndescription: x: y\n---\n".to_vec();
        huge.resize(MAX_FILE_BYTES as usize + 1, b'x');
        assert_eq!(unfixable(&huge).code, Code::FileTooLarge);
    }

    #[test]
    fn valid_files_are_left_alone() {
        assert_eq!(
            fix_source("a.md", b"---\nname: a\ndescription: \"x\\\\ny\"\n---\n"),
            FixOutcome::AlreadyValid
        );
    }

    #[test]
    fn quotes_inside_prefer_single_quotes() {
        let (text, _) = fixed("---\nname: a\ndescription: says \"hi\": then\n---\n");
        assert_eq!(
            text,
            "---\nname: a\ndescription: 'says \"hi\": then'\n---\n"
        );
    }

    #[test]
    fn indented_continuation_is_folded_in_place() {
        let (text, _) =
            fixed("---\nname: a\ndescription: Help.\n  Examples: foo\n  more\ntools: Read\n---\n");
        assert_eq!(
            text,
            "---\nname: a\ndescription: >-\n  Help.\n  Examples: foo\n  more\ntools: Read\n---\n"
        );
    }

    #[test]
    fn folding_follows_yaml() {
        assert_eq!(fold(&["a", "b", "", "c", "", "", "d"]), "a b\nc\n\nd");
    }

    #[test]
    fn write_atomically_replaces_and_leaves_no_temp_files() {
        let dir = std::env::temp_dir().join(format!("agentgen-fix-unit-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("agent.md");
        fs::write(&path, b"old").expect("write");
        write_atomically(&path, b"new content").expect("atomic write");
        assert_eq!(fs::read(&path).expect("read"), b"new content");
        let names: Vec<_> = fs::read_dir(&dir)
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("agent.md")]);
        let _ = fs::remove_dir_all(&dir);
    }
}
