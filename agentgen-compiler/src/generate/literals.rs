//! The text of Rust literals and small expressions that the generator writes: string literals
//! (as proc-macro2 writes them), the prompts' raw literals, `Some(…)`, `None`, slices and doc
//! comment lines. Each takes text and returns text; none knows the catalog.

/// `::core::option::Option::None`.
pub(crate) const NONE: &str = "::core::option::Option::None";

/// `::core::option::Option::Some(<value>)`.
pub(crate) fn some(value: &str) -> String {
    format!("::core::option::Option::Some({value})")
}

/// `&[a, b, c]`: a slice expression of the items' texts.
pub(crate) fn slice_text(items: impl Iterator<Item = String>) -> String {
    let mut text = String::from("&[");
    for (i, item) in items.enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        text.push_str(&item);
    }
    text.push(']');
    text
}

/// One line of a doc comment: line breaks become spaces. prettyplease prints `#[doc]` as `///`
/// comments, where a carriage return is a syntax error ("bare CR not allowed in doc-comment").
pub(crate) fn doc_safe(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// The text of the prompt's literal for files people read (`agentgen expand`, build.rs output):
/// a raw string literal (`r#"…"#`, with as few `#` as the text allows): no escaping to build,
/// nothing to unescape for rustc, and the prompt shows as written. A text with a control
/// character other than line feed and tab gets an ordinary (escaped) literal instead: rustc
/// rejects a carriage return in a raw string (and a file written with CRLF would silently lose
/// it when read back), and the others would make the generated file unreadable as text.
pub(crate) fn prompt_literal_text(text: &str) -> String {
    let raw = if has_control_characters(text) {
        None
    } else {
        raw_string_literal_text(text)
    };
    raw.unwrap_or_else(|| string_literal_text(text))
}

/// The text of a literal for `text` that only a compiler reads
/// ([`generate_source`](super::generate_source)): raw unless `text` holds a carriage return
/// (which rustc rejects in a raw string) or needs over 255 `#`. Other control characters are
/// fine in a raw string; only [`prompt_literal_text`] (for files people read) escapes them. Each
/// check is a `memchr`-style search, which stays fast in a proc macro compiled without
/// optimisation.
pub(crate) fn compiler_prompt_literal_text(text: &str) -> String {
    let raw = if text.contains('\r') {
        None
    } else {
        raw_string_literal_text(text)
    };
    raw.unwrap_or_else(|| string_literal_text(text))
}

/// `text` as a raw string literal with as few `#` as it allows (one more than the longest run
/// of `#` after a `"`); `None` when that is over rustc's limit of 255. The caller checks for
/// characters a raw string cannot hold.
fn raw_string_literal_text(text: &str) -> Option<String> {
    let hashes = text
        .match_indices('"')
        .map(|(at, _)| 1 + text[at + 1..].bytes().take_while(|&b| b == b'#').count())
        .max()
        .unwrap_or(0);
    if hashes > 255 {
        return None;
    }
    let fence = "#".repeat(hashes);
    let mut literal = String::with_capacity(text.len() + 2 * hashes + 3);
    for part in ["r", &fence, "\"", text, "\"", &fence] {
        literal.push_str(part);
    }
    Some(literal)
}

/// Whether `text` holds a control character (C0, DEL or C1) other than `\n` and `\t`.
fn has_control_characters(text: &str) -> bool {
    let bytes = text.as_bytes();
    // A branch-free pass first (the compiler vectorises it): most prompts have no byte that
    // could start a control character.
    let suspicious = bytes.iter().fold(false, |seen, &byte| {
        seen | (byte < 0x20 && byte != b'\n' && byte != b'\t') | (byte == 0x7f) | (byte == 0xc2)
    });
    suspicious
        && bytes.iter().enumerate().any(|(at, &byte)| match byte {
            b'\n' | b'\t' => false,
            0..=0x1f | 0x7f => true,
            // C1 controls U+0080..=U+009F are 0xC2 0x80..=0x9F in UTF-8.
            0xc2 => matches!(bytes.get(at + 1), Some(0x80..=0x9f)),
            _ => false,
        })
}

/// The text of a string literal for `text`, exactly that of `proc_macro2::Literal::string` (so
/// the output did not change when the generator stopped building tokens), written faster:
/// proc-macro2 escapes every character through `char::escape_debug`, which dominated generation
/// on long prompts. Here runs of printable ASCII other than `"` and `\\` are copied at once, and
/// only the remaining characters take proc-macro2's per-character rule.
pub(crate) fn string_literal_text(text: &str) -> String {
    let mut repr = String::with_capacity(text.len() + 2);
    repr.push('"');
    let mut rest = text;
    loop {
        let plain = rest
            .bytes()
            .position(|b| !(b' '..=b'~').contains(&b) || b == b'"' || b == b'\\')
            .unwrap_or(rest.len());
        repr.push_str(&rest[..plain]);
        let mut chars = rest[plain..].chars();
        let Some(special) = chars.next() else { break };
        rest = chars.as_str();
        // The frequent ones directly, as `char::escape_debug` writes them.
        match special {
            '\n' => repr.push_str(r"\n"),
            '\r' => repr.push_str(r"\r"),
            '\t' => repr.push_str(r"\t"),
            '"' => repr.push_str(r#"\""#),
            '\\' => repr.push_str(r"\\"),
            '\0' => {
                // proc-macro2's rule: `\x00` before an octal digit, else `\0`.
                let before_digit = rest.starts_with(|next: char| ('0'..='7').contains(&next));
                repr.push_str(if before_digit { r"\x00" } else { r"\0" });
            }
            other if kept_verbatim(other) => repr.push(other),
            other => repr.extend(other.escape_debug()),
        }
    }
    repr.push('"');
    repr
}

/// Whether `char::escape_debug` keeps `c` as it is, remembered per thread in a direct-mapped
/// table: the Unicode tables behind `escape_debug` are searched linearly, which costs hundreds
/// of instructions per character of CJK text.
fn kept_verbatim(c: char) -> bool {
    const SLOTS: usize = 4096;
    thread_local! {
        static KEPT: std::cell::RefCell<Vec<(char, bool)>> =
            std::cell::RefCell::new(vec![('\0', false); SLOTS]);
    }
    let compute = |c: char| c.escape_debug().len() == 1;
    KEPT.try_with(|table| {
        let Ok(mut table) = table.try_borrow_mut() else {
            return compute(c);
        };
        let slot = &mut table[u32::from(c) as usize % SLOTS];
        // `\0` is never asked for (escaped before), so an empty slot never matches.
        if slot.0 != c {
            *slot = (c, compute(c));
        }
        slot.1
    })
    .unwrap_or_else(|_| compute(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::Literal;

    /// [`prompt_literal_text`] as a token.
    pub(crate) fn prompt_literal(text: &str) -> Literal {
        prompt_literal_text(text)
            .parse()
            .expect("a prompt literal lexes")
    }

    #[test]
    fn compiler_prompt_literals_escape_only_what_rustc_needs() {
        for text in [
            "plain",
            "a\u{0}b\u{1b}c\u{7f}\u{85}",
            "\"# x \"##",
            "tab\tnl\n",
            "",
        ] {
            let literal = compiler_prompt_literal_text(text);
            assert!(literal.starts_with('r'), "{literal}");
            let parsed: syn::LitStr = syn::parse_str(&literal).expect("a string literal");
            assert_eq!(parsed.value(), text);
        }
        for text in ["cr\r", "crlf\r\n", &format!("\"{}", "#".repeat(255))] {
            let literal = compiler_prompt_literal_text(text);
            assert!(literal.starts_with('"'), "{literal}");
            let parsed: syn::LitStr = syn::parse_str(&literal).expect("a string literal");
            assert_eq!(parsed.value(), text);
        }
    }

    #[test]
    fn prompt_literals_are_raw_with_the_fewest_hashes_and_exact() {
        let cases = [
            ("", "r\"\""),
            ("plain", "r\"plain\""),
            ("say \"hi\"", "r#\"say \"hi\"\"#"),
            ("\"# and \"##", "r###\"\"# and \"##\"###"),
            (
                "# heading \\ no escapes\t\u{a0}\u{2028} 日本\n",
                "r\"# heading \\ no escapes\t\u{a0}\u{2028} 日本\n\"",
            ),
        ];
        for (text, repr) in cases {
            let literal = prompt_literal(text);
            assert_eq!(literal.to_string(), repr, "{text:?}");
            let parsed: syn::LitStr = syn::parse_str(repr).expect("a string literal");
            assert_eq!(parsed.value(), text);
        }
        // A carriage return cannot be in a raw string: an ordinary literal, as before.
        // Other control characters would make the generated file binary: escaped too.
        for text in [
            "a\r\nb",
            "bare\r",
            "\"#\r",
            "nul \0",
            "bell \u{7}",
            "del \u{7f}",
            "c1 \u{85}",
            "c1 \u{9f}",
        ] {
            assert_eq!(
                prompt_literal(text).to_string(),
                Literal::string(text).to_string()
            );
        }
        // More than 255 `#` after a quote: no raw delimiter fits.
        let hashes = format!("\"{}", "#".repeat(255));
        assert_eq!(
            prompt_literal(&hashes).to_string(),
            Literal::string(&hashes).to_string()
        );
        let fits = format!("\"{}", "#".repeat(254));
        assert!(prompt_literal(&fits).to_string().starts_with("r###"));
    }

    #[test]
    fn string_literals_are_written_as_proc_macro2_writes_them() {
        let samples = [
            "",
            "plain ASCII, with 'single' quotes and ~",
            "\"quoted\" \\ back\\slash\n\r\t",
            "\0 then \x007 and \0x and trailing \0",
            "\u{1}\u{7f}\u{85}\u{a0}\u{ad}\u{200b}\u{2028}\u{feff}",
            "e\u{301} combining, \u{300}\u{301} alone, Hangul \u{1100}\u{1161}",
            "日本語のテキスト、カタカナ — emoji 🦀👩‍💻 \u{e000} \u{10ffff} \u{fffd}",
            "Ωmega ß ﬁ İ",
        ];
        for sample in samples {
            // Twice: the second time the per-character memo is warm.
            for _ in 0..2 {
                assert_eq!(
                    string_literal_text(sample),
                    Literal::string(sample).to_string(),
                    "{sample:?}"
                );
            }
        }
        // Every character of the Basic Multilingual Plane and a slice of the others.
        let all: String = (0..=0x2_ffffu32).filter_map(char::from_u32).collect();
        for chunk in all.as_bytes().chunks(4096) {
            let text = String::from_utf8_lossy(chunk);
            assert_eq!(
                string_literal_text(&text),
                Literal::string(&text).to_string()
            );
        }
    }
}
