//! What the commands share to write their results: stdout, diagnostics on stderr, colours, and
//! counted nouns.

use std::io::{IsTerminal, Write};

use agentgen_compiler::{Catalog, Diagnostic};

use crate::error::{CliError, Outcome};

/// `1 error`, `2 errors`: `n` and `word`, plural unless `n` is 1.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Whether text for a stream is coloured when colours are automatic: when the stream is a
/// terminal and NO_COLOR is unset.
pub fn auto_color(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none()
}

/// Writes `text` to stdout; an error when the write fails, except for a closed pipe
/// (`agentgen inspect | head`).
pub fn write_stdout(text: &str) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::usage(format_args!("cannot write output: {e}"))),
    }
}

/// Writes `text` to stdout ([`write_stdout`]), then ends with [`Outcome::ErrorsFound`] when
/// `errors_found`.
pub fn print(text: &str, errors_found: bool) -> Result<Outcome, CliError> {
    write_stdout(text)?;
    Ok(Outcome::errors_found_if(errors_found))
}

/// Prints `diagnostics` of `catalog` to stderr, rustc style, each followed by a blank line
/// (coloured when stderr is a terminal and NO_COLOR is unset).
pub fn eprint_diagnostics<'a>(
    catalog: &Catalog,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
) {
    let color = auto_color(std::io::stderr().is_terminal());
    let sources = catalog.sources_by_path();
    for diagnostic in diagnostics {
        eprintln!(
            "{}\n",
            diagnostic.render(sources.get(&diagnostic.file), color)
        );
    }
}

/// Prints the catalog's diagnostics (only its errors with `errors_only`) to stderr
/// ([`eprint_diagnostics`]); `true` when any is an error.
pub fn report_to_stderr(catalog: &Catalog, errors_only: bool) -> bool {
    let shown = catalog
        .diagnostics()
        .iter()
        .filter(|diagnostic| !errors_only || diagnostic.is_error());
    eprint_diagnostics(catalog, shown);
    catalog.has_errors()
}
