//! Numbers as Claude Code's JavaScript reads them from frontmatter values: `String(v)`,
//! `parseInt(s, 10)`, and Claude Code 2.1.332's count parser (`maxTurns`, `autoCompactWindow`),
//! which also takes `"1e3"` and digit groups such as `"1,000"`.
//!
//! Source: Claude Code 2.1.332's `maxTurns` reader (a YAML number as it is; anything else through
//! `String`, trimmed, then an exponent form or three-digit groups of at most 32 characters, else
//! `parseInt`), confirmed on `tests/probes/maxturns`.

use crate::source::{is_js_whitespace, js_trim};
use crate::yaml::{self, Node, Value};

/// A number read from a frontmatter value, and whether all of the value was read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct JsNumber {
    /// The value, as JavaScript holds it (a double; NaN when nothing was read).
    pub value: f64,
    /// Whether the value's whole text was read as a number. `false` when `parseInt` stopped
    /// early (`"2.5"` → 2, `"5abc"` → 5, `"1,000.5"` → 1) or a list was turned into text first:
    /// Claude Code reads a number the author may not have meant.
    pub whole: bool,
}

impl JsNumber {
    const NAN: JsNumber = JsNumber {
        value: f64::NAN,
        whole: false,
    };

    /// The value when it is an integer (`Number.isInteger`).
    pub fn integer(self) -> Option<f64> {
        (self.value.is_finite() && self.value.fract() == 0.0).then_some(self.value)
    }
}

/// `String(v)` as JavaScript writes a YAML value: `null`, `true`, numbers as JavaScript prints
/// them, a list's items joined by `,` (a `null` item as nothing), a mapping as `[object Object]`.
pub(crate) fn js_string(node: &Node) -> String {
    fn write(node: &Node, in_list: bool, out: &mut String) {
        match &node.value {
            Value::Null if in_list => {}
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&yaml::js_number_text(*f)),
            Value::Str(s) => out.push_str(s),
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(item, true, out);
                }
            }
            Value::Map(_) => out.push_str("[object Object]"),
        }
    }
    let mut out = String::new();
    write(node, false, &mut out);
    out
}

/// `parseInt(text, 10)`: leading white space skipped, an optional sign, then the longest run of
/// ASCII digits; NaN without a digit. `whole` says whether the digits ended the text.
pub(crate) fn parse_int(text: &str) -> JsNumber {
    let rest = text.trim_start_matches(is_js_whitespace);
    let (negative, digits_and_more) = match rest.as_bytes().first() {
        Some(b'-') => (true, &rest[1..]),
        Some(b'+') => (false, &rest[1..]),
        _ => (false, rest),
    };
    let digits = digits_and_more
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits == 0 {
        return JsNumber::NAN;
    }
    let magnitude: f64 = digits_and_more[..digits].parse().unwrap_or(f64::NAN);
    JsNumber {
        value: if negative { -magnitude } else { magnitude },
        whole: digits == digits_and_more.len(),
    }
}

/// The longest text Claude Code reads in the exponent and digit-group forms.
const MAX_SPECIAL_FORM_CHARS: usize = 32;

/// `/^[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d+$/`: a number with an exponent.
fn is_exponent_form(text: &str) -> bool {
    let text = text.strip_prefix(['+', '-']).unwrap_or(text);
    let Some(e) = text.find(['e', 'E']) else {
        return false;
    };
    let (mantissa, exponent) = (&text[..e], &text[e + 1..]);
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        None => !mantissa.is_empty() && all_digits(mantissa),
        Some((int, frac)) => {
            all_digits(int) && all_digits(frac) && (!int.is_empty() || !frac.is_empty())
        }
    };
    mantissa_ok && !exponent.is_empty() && all_digits(exponent)
}

/// `/^[+-]?\d{1,3}([_,\u00A0\u202F ])\d{3}(?:\1\d{3})*$/`: three-digit groups with one
/// separator throughout. Returns the text without sign and separators.
fn digit_groups(text: &str) -> Option<(bool, String)> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let separator = unsigned
        .chars()
        .find(|c| matches!(c, '_' | ',' | '\u{a0}' | '\u{202f}' | ' '))?;
    let mut groups = unsigned.split(separator);
    let first = groups.next()?;
    let is_digits = |g: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit())
    };
    if !is_digits(first, 1..=3) {
        return None;
    }
    let mut digits = first.to_owned();
    let mut count = 0;
    for group in groups {
        if !is_digits(group, 3..=3) {
            return None;
        }
        digits.push_str(group);
        count += 1;
    }
    (count > 0).then_some((negative, digits))
}

/// Claude Code's count parser on a value that is not a YAML number: `String(v)`, trimmed, then
/// the exponent form or digit groups (at most 32 characters), else `parseInt`.
fn parse_count_text(node: &Node) -> JsNumber {
    let text = js_string(node);
    let from_list = matches!(node.value, Value::Seq(_) | Value::Map(_));
    let trimmed = js_trim(&text);
    let short = trimmed.chars().count() <= MAX_SPECIAL_FORM_CHARS;
    let number = if short && is_exponent_form(trimmed) {
        let value: f64 = trimmed.parse().unwrap_or(f64::NAN);
        // The exponent form counts only when it gives an integer (`"1e-3"` gives nothing).
        let value = if value.fract() == 0.0 {
            value
        } else {
            f64::NAN
        };
        JsNumber { value, whole: true }
    } else if short && let Some((negative, digits)) = digit_groups(trimmed) {
        let magnitude: f64 = digits.parse().unwrap_or(f64::NAN);
        JsNumber {
            value: if negative { -magnitude } else { magnitude },
            whole: true,
        }
    } else {
        parse_int(trimmed)
    };
    JsNumber {
        whole: number.whole && !from_list,
        ..number
    }
}

/// Claude Code 2.1.332's count (`maxTurns`, `autoCompactWindow`): a YAML number as it is,
/// anything else read from its text. `None` for `null`.
pub(crate) fn read_count(node: &Node) -> Option<JsNumber> {
    match &node.value {
        Value::Null => None,
        Value::Int(i) => Some(JsNumber {
            value: *i as f64,
            whole: true,
        }),
        Value::Float(f) => Some(JsNumber {
            value: *f,
            whole: true,
        }),
        _ => Some(parse_count_text(node)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(value: Value) -> Node {
        Node {
            value,
            span: 0..0,
            style: None,
        }
    }

    fn count(text: &str) -> Option<f64> {
        read_count(&node(Value::Str(text.to_owned())))
            .and_then(|n| n.integer().filter(|v| *v > 0.0))
    }

    #[test]
    fn counts_read_as_claude_code_reads_them() {
        let cases: &[(&str, Option<f64>)] = &[
            ("5", Some(5.0)),
            (" 5 ", Some(5.0)),
            ("1e3", Some(1000.0)),
            ("1E3", Some(1000.0)),
            ("1.5e3", Some(1500.0)),
            (".5e1", Some(5.0)),
            ("1.e3", Some(1000.0)),
            ("1e-3", None),
            ("0e5", None),
            ("1,000", Some(1000.0)),
            ("+1,000", Some(1000.0)),
            ("-1,000", None),
            ("1_000_000", Some(1_000_000.0)),
            ("1 000", Some(1000.0)),
            ("1\u{a0}000", Some(1000.0)),
            ("1\u{202f}000", Some(1000.0)),
            ("1\u{2009}000", Some(1.0)),
            ("1,000_000", Some(1.0)),
            ("1,0000", Some(1.0)),
            ("10,00", Some(10.0)),
            ("1000,000", Some(1000.0)),
            ("1,000.5", Some(1.0)),
            ("2.5", Some(2.0)),
            ("5abc", Some(5.0)),
            ("0x10", None),
            ("007", Some(7.0)),
            ("-5", None),
            ("", None),
            ("true", None),
            ("\u{ff15}", None),
            ("1,000,000,000,000,000,000,000,000", Some(1.0)),
        ];
        for (text, expected) in cases {
            assert_eq!(count(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn whole_says_whether_parse_int_stopped_early() {
        let read = |text: &str| read_count(&node(Value::Str(text.to_owned()))).map(|n| n.whole);
        assert_eq!(read("5"), Some(true));
        assert_eq!(read("1,000"), Some(true));
        assert_eq!(read("2.5"), Some(false));
        assert_eq!(read("5abc"), Some(false));
        let list = node(Value::Seq(vec![node(Value::Int(5))]));
        assert_eq!(
            read_count(&list).map(|n| (n.value, n.whole)),
            Some((5.0, false))
        );
    }

    #[test]
    fn js_string_of_lists_and_maps() {
        let list = node(Value::Seq(vec![
            node(Value::Int(1)),
            node(Value::Null),
            node(Value::Seq(vec![
                node(Value::Str("a".into())),
                node(Value::Bool(true)),
            ])),
        ]));
        assert_eq!(js_string(&list), "1,,a,true");
        assert_eq!(js_string(&node(Value::Map(Vec::new()))), "[object Object]");
        assert_eq!(js_string(&node(Value::Null)), "null");
        assert_eq!(js_string(&node(Value::Float(1e21))), "1e+21");
    }

    #[test]
    fn parse_int_takes_the_leading_digits() {
        assert_eq!(parse_int("  -12ab").value, -12.0);
        assert!(parse_int("abc").value.is_nan());
        assert!(parse_int("+").value.is_nan());
        assert!(parse_int("12").whole);
    }
}
