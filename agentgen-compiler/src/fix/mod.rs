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

mod emitter;
mod reader;
mod verifier;
mod write;

use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::frontmatter::{self, Blocks, Missing};
use crate::registry::MAX_FILE_BYTES;
use crate::source::SourceFile;
use crate::yaml::{self, Node};
use emitter::{Rewrite, rewrite_entry};
use reader::{
    Line, LineKind, Problem, classify, claude_code_view, control_character, entries_from_fallback,
    entries_from_lines, meant_from_lines, problem, split_lines, value_end,
};
use verifier::{same_value, verify};
pub use write::write_atomically;

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
    let file = FileToFix {
        display_path,
        bytes,
    };
    let text = match file.text() {
        Ok(text) => text,
        Err(diagnostic) => return FixOutcome::Unfixable(diagnostic),
    };
    let blocks = match frontmatter::split(text) {
        Ok(blocks) => blocks,
        Err(missing) => return file.without_frontmatter(text, missing),
    };
    if yaml::parse(blocks.yaml).is_ok() {
        return FixOutcome::AlreadyValid;
    }
    // `tools Read, Grep`: the line would become text of the value above, and the key lost.
    if let Some(missing) = frontmatter::key_without_colon(blocks.yaml) {
        let start = blocks.yaml_offset + missing.offset;
        return FixOutcome::Unfixable(file.unfixable(
            start..start + missing.key.len(),
            Code::InvalidFrontmatter,
            &format!("`{}` has no `:` after it", missing.key),
            "a key needs `:` after it",
            &format!(
                "write `{}: {}`; `agentgen fix` does not guess whether the line is a key or text",
                missing.key, missing.value
            ),
        ));
    }
    match file.rewrite(text, &blocks) {
        Ok(fixed) => FixOutcome::Fixed(fixed),
        Err(diagnostic) => FixOutcome::Unfixable(diagnostic),
    }
}

/// The file [`fix_source`] works on, and how it reports why it cannot be fixed.
struct FileToFix<'a> {
    display_path: &'a str,
    bytes: &'a [u8],
}

impl FileToFix<'_> {
    /// Why the file cannot be fixed, at `range` (byte offsets in the file).
    fn unfixable(
        &self,
        range: Range<usize>,
        code: Code,
        message: &str,
        label: &str,
        help: &str,
    ) -> Box<Diagnostic> {
        let loc = SourceFile::new(self.display_path, self.bytes).span(range);
        Box::new(
            Diagnostic::new(code, self.display_path, message)
                .at(Some(loc))
                .label(label)
                .help(help),
        )
    }

    /// The file as text: at most Claude Code's size limit, and UTF-8.
    fn text(&self) -> Result<&str, Box<Diagnostic>> {
        let bytes = self.bytes;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(Box::new(
                Diagnostic::new(
                    Code::FileTooLarge,
                    self.display_path,
                    format!(
                        "cannot fix: the file is {} bytes, over Claude Code's limit of {MAX_FILE_BYTES} bytes",
                        bytes.len()
                    ),
                )
                .help("make the file smaller first; Claude Code does not load it at all"),
            ));
        }
        std::str::from_utf8(bytes).map_err(|error| {
            let at = error.valid_up_to();
            self.unfixable(
                at..at + 1,
                Code::InvalidUtf8,
                "cannot fix: the file is not valid UTF-8",
                "invalid bytes here",
                "save the file as UTF-8, then run the fix again",
            )
        })
    }

    /// A file whose frontmatter Claude Code does not find: fixed when only white space stands
    /// before it, else unfixable.
    fn without_frontmatter(&self, text: &str, missing: Missing) -> FixOutcome {
        if missing == Missing::LeadingWhitespace
            && let Some(start) = starts_after_white_space(text)
        {
            return strip_leading(self.display_path, text, start);
        }
        let help = match missing {
            Missing::LeadingWhitespace => "remove what stands before the opening `---`",
            Missing::NoClosing => "add a line `---` after the last frontmatter key",
            Missing::NoOpening | Missing::OpeningNotAlone => {
                "start the file with a line `---`, the frontmatter keys, and a closing `---` line"
            }
        };
        FixOutcome::Unfixable(self.unfixable(
            0..3.min(text.len()),
            Code::NoFrontmatter,
            "cannot fix: no frontmatter block",
            missing.explain(),
            help,
        ))
    }

    /// The file with its frontmatter (which strict YAML rejects) rewritten, read back and
    /// checked.
    fn rewrite(&self, text: &str, blocks: &Blocks<'_>) -> Result<FixedFile, Box<Diagnostic>> {
        self.check_characters(blocks)?;
        let yaml_text = blocks.yaml;
        let yaml_offset = blocks.yaml_offset;
        let lines = split_lines(yaml_text);
        let plan = plan_entries(yaml_text, &lines).map_err(|problem| {
            let at = yaml_offset + lines.get(problem.line).map_or(0, |l| l.start);
            let end = at + lines.get(problem.line).map_or(0, |l| l.content.len());
            self.unfixable(
                at..end,
                Code::InvalidFrontmatter,
                &format!("cannot fix the frontmatter safely: {}", problem.message),
                "here",
                "fix this place by hand (quote the value, or indent a multi-line value under `key: |`), then run the fix again",
            )
        })?;
        let first_line = text[..yaml_offset].matches('\n').count() + 1;
        let (new_yaml, changes) = emitter::frontmatter(&lines, &plan, first_line);
        let tail = &text[blocks.closing_offset..];
        let mut new_text = String::with_capacity(text.len() + 64);
        new_text.push_str(&text[..yaml_offset]);
        new_text.push_str(&new_yaml);
        new_text.push_str(tail);
        verify(&new_text, &new_yaml, tail, &plan).map_err(|reason| {
            self.unfixable(
                yaml_offset..yaml_offset,
                Code::InvalidFrontmatter,
                &format!("cannot fix the frontmatter safely: {reason}"),
                "in this frontmatter",
                "fix the frontmatter by hand: quote values containing `: `, indent multi-line values under `key: |`",
            )
        })?;
        Ok(FixedFile {
            text: new_text.into_bytes(),
            changes,
        })
    }

    /// What no rewrite can repair: a control character in the frontmatter, or a closing `---`
    /// in the middle of a line.
    fn check_characters(&self, blocks: &Blocks<'_>) -> Result<(), Box<Diagnostic>> {
        if let Some((at, c)) = control_character(blocks.yaml) {
            let at = blocks.yaml_offset + at;
            return Err(self.unfixable(
                at..at + c.len_utf8(),
                Code::InvalidFrontmatter,
                &format!(
                    "cannot fix: the frontmatter contains the control character U+{:04X}",
                    u32::from(c)
                ),
                "control character here",
                "remove the control character; YAML does not allow it",
            ));
        }
        if !blocks.yaml.ends_with('\n') {
            let at = blocks.closing_offset;
            return Err(self.unfixable(
                at..at + 3,
                Code::InvalidFrontmatter,
                "cannot fix: the closing `---` stands in the middle of a line",
                "Claude Code ends the frontmatter here",
                "put the closing `---` on a line of its own (quote a value that contains `---`)",
            ));
        }
        Ok(())
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
    fn a_key_without_its_colon_is_not_folded_into_the_value_above() {
        // Kept as text of the description, `tools` would be lost: every tool.
        for (line, key) in [
            ("tools Read, Grep", "tools"),
            ("model sonnet", "model"),
            ("color blue", "color"),
        ] {
            let input = format!("---\nname: a\ndescription: Plans work\n{line}\n---\nBody\n");
            let diagnostic = unfixable(input.as_bytes());
            assert_eq!(diagnostic.code, Code::InvalidFrontmatter);
            assert_eq!(diagnostic.message, format!("`{key}` has no `:` after it"));
            let span = diagnostic.span.expect("a span");
            assert_eq!((span.line, span.column), (4, 1));
            assert_eq!(span.bytes.len(), key.len());
        }
        // Prose that starts with a key's word is text of the description, as before.
        let (text, _) =
            fixed("---\nname: a\ndescription: Use this agent to\nmodel the domain\n---\nBody\n");
        assert!(
            text.contains("description: |-\n  Use this agent to\n  model the domain\n"),
            "{text}"
        );
        // Nor is a key the frontmatter gives already (`name: a` above).
        let (text, _) =
            fixed("---\nname: a\ndescription: Use this agent to\nname things\n---\nBody\n");
        assert!(
            text.contains("description: |-\n  Use this agent to\n  name things\n"),
            "{text}"
        );
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
}
