//! The engine's diagnostics as the protocol's: per file, with code, source `agentgen`,
//! severity, range, related information and a link to the lint's entry in the guide.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use agentgen_compiler::source::Span;
use agentgen_compiler::{Catalog, Diagnostic, Severity};
use lsp_types::{
    CodeDescription, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    Location, NumberOrString, Position, Range, Uri,
};

use super::paths::uri_of_display;
use super::text;

/// The page of the guide that describes each code (`docs/guide/diagnostics.md`, an anchor per
/// code: `#unknown-tool`), as a URI: `AGENTGEN_DOCS_URL` when the binary was built with it (the
/// published address, once the project has one), else the chapter in the source tree the
/// binary was built from (`file://`, a checkout or `cargo install --path`) when it is there;
/// `None` otherwise — no link rather than a dead one.
pub fn docs_page() -> Option<String> {
    if let Some(url) = option_env!("AGENTGEN_DOCS_URL") {
        return Some(url.to_owned());
    }
    let chapter = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide/diagnostics.md");
    chapter
        .is_file()
        .then(|| crate::lsp::paths::uri_of(&chapter))
        .flatten()
        .map(|uri| uri.as_str().to_owned())
}

/// The `source` of every diagnostic the server publishes.
pub const SOURCE: &str = "agentgen";

/// The catalog's diagnostics by file (display path), converted against each file's current
/// text: `text_of(display)` gives an open buffer's text; otherwise the text the catalog read.
/// Diagnostics of no file (a catalog-wide problem, a folder) are left out.
pub fn by_file<'a>(
    catalog: &'a Catalog,
    text_of: impl Fn(&str) -> Option<&'a str>,
) -> BTreeMap<String, Vec<LspDiagnostic>> {
    let text = |display: &str| {
        text_of(display).or_else(|| catalog.source(display).map(|s| s.text.as_str()))
    };
    let mut found: BTreeMap<String, Vec<LspDiagnostic>> = BTreeMap::new();
    for diagnostic in catalog.diagnostics() {
        if uri_of_display(&diagnostic.file).is_none() {
            continue;
        }
        let converted = convert(diagnostic, &text);
        found
            .entry(diagnostic.file.clone())
            .or_default()
            .push(converted);
    }
    found
}

/// One diagnostic, its ranges computed against `text(display path)`.
pub fn convert<'a>(
    diagnostic: &Diagnostic,
    text: &impl Fn(&str) -> Option<&'a str>,
) -> LspDiagnostic {
    let range = range_of(text(&diagnostic.file), diagnostic.span.as_ref());
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .filter_map(|related| {
            let uri = uri_of_display(&related.file)?;
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri,
                    range: range_of(text(&related.file), related.span.as_ref()),
                },
                message: related.message.clone(),
            })
        })
        .collect();
    let code = diagnostic.code.as_str();
    LspDiagnostic {
        range,
        severity: Some(match diagnostic.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(code.to_owned())),
        code_description: docs_page()
            .and_then(|page| Uri::from_str(&format!("{page}#{code}")).ok())
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message: message(diagnostic),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(serde_json::json!({ "help": diagnostic.help })),
    }
}

/// The message, then the label, the notes and the help on lines of their own (`note: …`,
/// `help: …`), as rustc's children.
fn message(diagnostic: &Diagnostic) -> String {
    let mut message = diagnostic.message.clone();
    if let Some(label) = &diagnostic.label {
        message.push_str(&format!("\n{label}"));
    }
    for note in &diagnostic.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    if let Some(help) = &diagnostic.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    message
}

/// The range of `span` in `text`: from its bytes when the text is known, else from its line and
/// column (characters); the file's start without a span. An empty span (a value missing after
/// `name:`) covers the character it stands before, when that is on its line, as `check`'s
/// caret and JSON's `end_column` do: editors do not show an empty range.
fn range_of(text: Option<&str>, span: Option<&Span>) -> Range {
    match (text, span) {
        (Some(text), Some(span)) => {
            let mut bytes = span.bytes.clone();
            if bytes.is_empty()
                && let Some(next) = text.get(bytes.start..).and_then(|rest| rest.chars().next())
                && next != '\n'
                && next != '\r'
            {
                bytes.end += next.len_utf8();
            }
            text::range_of(text, bytes)
        }
        (None, Some(span)) => {
            let at = Position {
                line: span.line.saturating_sub(1) as u32,
                character: span.column.saturating_sub(1) as u32,
            };
            Range { start: at, end: at }
        }
        (_, None) => Range::default(),
    }
}
