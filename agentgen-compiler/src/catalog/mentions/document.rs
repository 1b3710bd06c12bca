//! A prompt's Markdown structure, found sparsely: fenced code blocks from the places `` ``` ``
//! and `~~~` stand at the start of a line, headings from `#`, lead-in lines from a `:` that ends
//! a line, and the role of any other line only when the scanner asks for it. The scan runs on
//! every build over every prompt, and most lines hold nothing to look at: reading them one by one
//! cost more than the rest of an expansion (BENCHMARKS.md, "Prompt references").
//!
//! It gives the same answers as reading the lines one by one ([`super::markdown::lines`], kept as
//! the reference the tests compare it with).

use std::ops::Range;

use memchr::{memchr, memchr_iter, memrchr};

use super::markdown::{
    Line, Role, cells, closes_fence, heading_text, is_about_agents, is_agent_column,
    is_agent_lead_in, is_delimiter_row, opens_fence, role_of,
};

/// Byte searches built once for every prompt of a catalog.
pub(super) struct Finders {
    pub full_width_colon: memchr::memmem::Finder<'static>,
    pub gent: memchr::memmem::Finder<'static>,
    pub task_call: memchr::memmem::Finder<'static>,
    pub cjk_agent_words: Vec<memchr::memmem::Finder<'static>>,
}

impl Finders {
    pub(super) fn new() -> Finders {
        fn finder(needle: &'static str) -> memchr::memmem::Finder<'static> {
            memchr::memmem::Finder::new(needle.as_bytes())
        }
        Finders {
            full_width_colon: finder("："),
            gent: finder("gent"),
            task_call: finder("Task("),
            cjk_agent_words: super::words::CJK_AGENT_WORDS
                .iter()
                .map(|w| finder(w))
                .collect(),
        }
    }
}

/// The structure of one prompt.
pub(super) struct Document<'a> {
    /// The prompt.
    pub text: &'a str,
    /// Fenced code blocks, fence lines included: from the start of the opening line to the end
    /// of the closing line (or of the text), in order.
    code: Vec<Range<usize>>,
    /// Starts of the fence lines.
    fence_lines: Vec<usize>,
    /// The runs of text between the code blocks, in order.
    prose: Vec<Range<usize>>,
    /// Where lines are in a section about agents (from a line's start), in order.
    sections: Vec<Range<usize>>,
}

impl<'a> Document<'a> {
    /// Reads the structure of `text`.
    pub(super) fn new(text: &'a str, finders: &Finders) -> Document<'a> {
        let mut document = Document {
            text,
            code: Vec::new(),
            fence_lines: Vec::new(),
            prose: Vec::new(),
            sections: Vec::new(),
        };
        document.find_code();
        document.prose = document.prose_runs();
        document.find_sections(finders);
        document
    }

    /// The start of the line holding byte `at`.
    pub(super) fn line_start(&self, at: usize) -> usize {
        let bytes = self.text.as_bytes();
        memrchr(b'\n', &bytes[..at.min(bytes.len())]).map_or(0, |nl| nl + 1)
    }

    /// The end of the line starting at `start` (its line feed, or the end of the text).
    pub(super) fn line_end(&self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        memchr(b'\n', &bytes[start.min(bytes.len())..]).map_or(bytes.len(), |nl| start + nl)
    }

    /// The text of the line starting at `start`, without its line ending.
    fn line_text(&self, start: usize) -> &'a str {
        let line = &self.text[start..self.line_end(start)];
        line.strip_suffix('\r').unwrap_or(line)
    }

    /// The starts of the lines on which one of `hits` (byte offsets, in order) stands at the
    /// start, after spaces and tabs only.
    fn lines_starting_with(&self, hits: impl Iterator<Item = usize>) -> Vec<usize> {
        let bytes = self.text.as_bytes();
        let mut starts: Vec<usize> = Vec::new();
        for hit in hits {
            let start = self.line_start(hit);
            let first = bytes[start..hit].iter().all(|&b| b == b' ' || b == b'\t');
            if first && starts.last() != Some(&start) {
                starts.push(start);
            }
        }
        starts
    }

    fn find_code(&mut self) {
        let bytes = self.text.as_bytes();
        // Three backticks or tildes in a row (most backticks open an inline code span).
        let runs = memchr::memchr2_iter(b'`', b'~', bytes).filter(|&at| {
            bytes.get(at + 1) == Some(&bytes[at]) && bytes.get(at + 2) == Some(&bytes[at])
        });
        let candidates = self.lines_starting_with(runs);
        // Only these lines can open or close a fence; in between, the same steps as reading the
        // lines one by one.
        let mut open: Option<(u8, usize, usize)> = None;
        for start in candidates {
            let line = self.line_text(start);
            match open {
                None => {
                    if let Some((marker, length)) = opens_fence(line) {
                        open = Some((marker, length, start));
                        self.fence_lines.push(start);
                    }
                }
                Some((marker, length, opened)) => {
                    if closes_fence(line, marker, length) {
                        self.fence_lines.push(start);
                        self.code.push(opened..self.line_end(start));
                        open = None;
                    }
                }
            }
        }
        if let Some((_, _, opened)) = open {
            self.code.push(opened..self.text.len());
        }
    }

    /// Whether byte `at` is in a fenced code block (fence lines included).
    pub(super) fn in_code(&self, at: usize) -> bool {
        let index = self.code.partition_point(|r| r.start <= at);
        index > 0 && at < self.code[index - 1].end
    }

    /// The runs of text outside code blocks, in order.
    pub(super) fn prose(&self) -> &[Range<usize>] {
        &self.prose
    }

    fn prose_runs(&self) -> Vec<Range<usize>> {
        let mut runs = Vec::with_capacity(self.code.len() + 1);
        let mut start = 0;
        for block in &self.code {
            if block.start > start {
                runs.push(start..block.start);
            }
            start = block.end;
        }
        if start < self.text.len() {
            runs.push(start..self.text.len());
        }
        runs
    }

    /// The role of the line starting at `start`.
    fn role(&self, start: usize, line: &str) -> Role {
        if self.in_code(start) {
            if self.fence_lines.binary_search(&start).is_ok() {
                Role::Fence
            } else {
                Role::Code
            }
        } else {
            role_of(line)
        }
    }

    fn find_sections(&mut self, finders: &Finders) {
        let bytes = self.text.as_bytes();
        // Headings and lead-in lines outside code, in order.
        enum Event {
            Heading { level: usize, about: bool },
            LeadIn,
        }
        let mut events: Vec<(usize, Event)> = Vec::new();
        // Only the prose can hold them: a heading or a lead-in's `:` in a code block is code.
        let in_prose = |run: &Range<usize>| {
            let start = run.start;
            memchr_iter(b'#', &bytes[run.clone()]).map(move |at| start + at)
        };
        let hashes = self.prose.iter().flat_map(in_prose);
        for start in self.lines_starting_with(hashes) {
            let line = self.line_text(start);
            if let Role::Heading(level) = role_of(line) {
                let about = is_about_agents(heading_text(line));
                events.push((start, Event::Heading { level, about }));
            }
        }
        let ascii = self.text.is_ascii();
        let colons_in = |run: &Range<usize>| {
            let start = run.start;
            let part = &bytes[run.clone()];
            let full_width = (!ascii)
                .then(|| finders.full_width_colon.find_iter(part))
                .into_iter()
                .flatten();
            memchr_iter(b':', part)
                .chain(full_width)
                .map(move |at| start + at)
        };
        // A colon in a code block stands on a line that starts in the block: no lead-in.
        let colons = self.prose.iter().flat_map(colons_in);
        let mut lead_ins: Vec<usize> = Vec::new();
        for at in colons {
            // A colon that ends its line, after emphasis and spaces.
            let mut next = at + if bytes[at] == b':' { 1 } else { 3 };
            while bytes
                .get(next)
                .is_some_and(|&b| matches!(b, b' ' | b'\t' | b'*' | b'_' | b'\r'))
            {
                next += 1;
            }
            if next == bytes.len() || bytes[next] == b'\n' {
                lead_ins.push(self.line_start(at));
            }
        }
        lead_ins.sort_unstable();
        lead_ins.dedup();
        for start in lead_ins {
            if self.in_code(start) {
                continue;
            }
            let line = self.line_text(start);
            if role_of(line) == Role::Text && is_agent_lead_in(line) {
                events.push((start, Event::LeadIn));
            }
        }
        events.sort_by_key(|(start, _)| *start);
        // The same steps as reading the lines one by one, at the lines that change anything.
        let mut heading: Option<(usize, usize)> = None;
        for (start, event) in events {
            match event {
                Event::Heading { level, about } => {
                    if about {
                        let from = heading.map_or(self.line_end(start), |(_, from)| from);
                        heading = Some((heading.map_or(level, |(l, _)| l.min(level)), from));
                    } else if let Some((current, from)) = heading
                        && level <= current
                    {
                        self.sections.push(from..start);
                        heading = None;
                    }
                }
                Event::LeadIn => {
                    let from = self.line_end(start);
                    let until = self.end_of_lead_in(from);
                    if until > from {
                        self.sections.push(from..until);
                    }
                }
            }
        }
        if let Some((_, from)) = heading {
            self.sections.push(from..self.text.len());
        }
        self.sections.sort_by_key(|r| r.start);
    }

    /// Where the list after a lead-in line ends (the lead-in line ends at `from`): at the next
    /// heading or text that is neither an item nor indented.
    fn end_of_lead_in(&self, from: usize) -> usize {
        let mut start = from + 1;
        while start < self.text.len() {
            let line = self.line_text(start);
            match self.role(start, line) {
                Role::Heading(_) => return start,
                Role::Text if !line.starts_with([' ', '\t']) => return start,
                _ => {}
            }
            start = self.line_end(start) + 1;
        }
        self.text.len()
    }

    /// Whether byte `at` is in a section about agents (after the heading or lead-in line).
    pub(super) fn in_section_at(&self, at: usize) -> bool {
        let index = self.sections.partition_point(|r| r.start <= at);
        self.sections[..index].iter().any(|r| at < r.end)
    }

    /// Whether the line starting at `start` is in a section about agents.
    fn in_section(&self, start: usize) -> bool {
        let index = self.sections.partition_point(|r| r.start <= start);
        self.sections[..index].iter().any(|r| start < r.end)
    }

    /// The line holding byte `at`, with its role, section and agent columns.
    pub(super) fn line(&self, at: usize) -> Line<'a> {
        let start = self.line_start(at);
        let text = self.line_text(start);
        let role = self.role(start, text);
        let agent_section = self.in_section(start);
        let agent_cells = if role == Role::TableRow {
            self.agent_cells(start, text)
        } else {
            Vec::new()
        };
        Line {
            text,
            start,
            role,
            agent_section,
            agent_cells,
        }
    }

    /// For a table row starting at `start`: the cells of the columns whose header names agents,
    /// when the row is in the body of a table (after a header row and a delimiter row).
    fn agent_cells(&self, start: usize, text: &str) -> Vec<Range<usize>> {
        // The table's rows above this one, up to its first.
        let mut rows = vec![start];
        let mut row = start;
        while row > 0 {
            let above = self.line_start(row - 1);
            if self.role(above, self.line_text(above)) != Role::TableRow {
                break;
            }
            rows.push(above);
            row = above;
        }
        rows.reverse();
        // The header: the first row followed by a delimiter row; this row must come after both.
        let Some(header) = (0..rows.len().saturating_sub(1))
            .find(|&i| is_delimiter_row(self.line_text(rows[i + 1])))
        else {
            return Vec::new();
        };
        if rows.len() < header + 3 {
            return Vec::new();
        }
        let header_text = self.line_text(rows[header]);
        let about: Vec<bool> = cells(header_text)
            .into_iter()
            .map(|cell| is_agent_column(&header_text[cell]))
            .collect();
        if !about.iter().any(|&a| a) {
            return Vec::new();
        }
        cells(text)
            .into_iter()
            .zip(&about)
            .filter(|(_, about)| **about)
            .map(|(cell, _)| cell)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::markdown::lines;
    use super::*;

    /// Every line's role, section and agent cells, as the sparse reader gives them.
    fn sparse(text: &str) -> Vec<(usize, Role, bool, Vec<Range<usize>>)> {
        let document = Document::new(text, &Finders::new());
        lines(text)
            .iter()
            .map(|l| {
                let line = document.line(l.start);
                (line.start, line.role, line.agent_section, line.agent_cells)
            })
            .collect()
    }

    /// The same from the line-by-line reader.
    fn dense(text: &str) -> Vec<(usize, Role, bool, Vec<Range<usize>>)> {
        lines(text)
            .into_iter()
            .map(|l| (l.start, l.role, l.agent_section, l.agent_cells))
            .collect()
    }

    fn agree(text: &str) {
        let (sparse, dense) = (sparse(text), dense(text));
        assert_eq!(sparse.len(), dense.len());
        for ((s, d), line) in sparse.iter().zip(&dense).zip(lines(text)) {
            // Headings and lead-in lines are outside their sections when read line by line; the
            // sparse reader does not tell (no form depends on it on those lines).
            let heading_or_lead_in = matches!(line.role, Role::Heading(_))
                || (line.role == Role::Text && is_agent_lead_in(line.text));
            if heading_or_lead_in {
                assert_eq!((s.0, s.1, &s.3), (d.0, d.1, &d.3), "{text:?}");
            } else {
                assert_eq!(s, d, "line {:?} of {text:?}", line.text);
            }
        }
    }

    #[test]
    fn the_sparse_reader_agrees_with_the_line_reader() {
        let cases = [
            "# Title\n\n- item\n1. first\n```yaml\n- not an item\n```\n~~~~\n```\n~~~~\n| a | b |\n---\ntext",
            "```\ncode\n# not a heading",
            "## Integration with other agents\n- a\n### Sub\n- b\n## Other\n- c\nIntegration with other agents:\n- d\n  more of d\nPlain text\n- e\n与其他代理的集成：\n- f\n",
            "| Trigger | Delegate | Goal |\n|---|---|---|\n| No docs | `x-y` | Report |\n| a | b | c |\n\n| x |\n|---|\n",
            "  ```js\n  a: b\n  ```\n## Agents\n```\n## in code\n```\n- x\n# Other\n- y",
            "Team collaboration:\r\n\r\n- a-b\r\n  ```\r\n  c:\r\n  ```\r\n- d\r\nNext:\r\n- e\r\n",
            "Agents:\n# H\n- x\n**Hand-off:**\n\n- y\nz\n- w",
            "## Delegation\n| A | B |\n| --- | --- |\n| c | d |\n## Unrelated\n| Agent | x |\n|---|---|\n| q | r |",
            "```\nunclosed\nAgents:\n- x",
            "~~~\n```\n~~~\n- a\n````\n```\n````\nb",
            "",
            ":",
            "：\n- x",
            "# \n#\n####### seven\n#x",
        ];
        for case in cases {
            agree(case);
        }
    }

    #[test]
    fn the_bundled_prompts_read_the_same_both_ways() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../agents");
        let mut pending = vec![dir];
        let mut read = 0;
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    agree(&text);
                    read += 1;
                }
            }
        }
        assert!(read >= 20, "{read} files");
    }

    #[test]
    fn prose_runs_skip_code_blocks() {
        let text = "a\n```\nb\n```\nc\n~~~\nd";
        let document = Document::new(text, &Finders::new());
        let runs: Vec<&str> = document.prose().iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(runs, ["a\n", "\nc\n"]);
        assert!(document.in_code(text.find('b').unwrap_or(0)));
        assert!(!document.in_code(text.find('c').unwrap_or(0)));
        assert!(document.in_code(text.find('d').unwrap_or(0)));
    }
}
