//! The engine's one error type, [`Error`]: what every public fallible function of the engine
//! returns (the build-script `Builder`, [`Config::parse`](crate::Config::parse),
//! [`project::crate_catalog`](crate::project::crate_catalog), the graph's filter, the plugin
//! export…). Each variant says what went wrong as data; its `Display` (and `Debug`, the same
//! text, for `?` in a build script's `main`) starts with `agentgen: `, and [`Error::message`]
//! is that text without it (the CLI's `error: …` line, the macro's `compile_error!`).
//!
//! Values that feed diagnostics are not API errors: the YAML reader's
//! [`YamlError`](crate::yaml::YamlError), the frontmatter splitter's
//! [`Missing`](crate::frontmatter::Missing) and the metadata schema's `semver` parser keep
//! their own types, which become diagnostics.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Why the engine could not do what it was asked. Its `Display` and `Debug` are the same text:
/// for [`Error::Diagnostics`], a line saying how many errors, then every diagnostic rendered as
/// `agentgen check` renders it (so `?` in a build script's `main`, `unwrap` and `expect` show
/// the snippets, notes and help); otherwise `agentgen: ` and [`Error::message`].
#[non_exhaustive]
pub enum Error {
    /// The catalog (or an `agentgen.toml`) has errors.
    Diagnostics {
        /// Number of errors.
        errors: usize,
        /// Every diagnostic (errors and warnings), in the catalog's order.
        diagnostics: Vec<Diagnostic>,
        /// Every diagnostic rendered (rustc style, no colour), separated by blank lines.
        rendered: String,
    },
    /// An option or argument is invalid (an unknown lint name, a runtime crate that is not a
    /// path, a graph filter naming no plugin, a plugin name Claude Code refuses, a
    /// `[….metadata.agentgen] dir` that is not a string or names no directory): the message.
    Option(String),
    /// A crate has no catalog: the message lists the folders tried.
    NoCatalog(String),
    /// `OUT_DIR` is not set and no output directory was given.
    NoOutDir,
    /// Writing the output failed: the file and why.
    Io(PathBuf, io::Error),
    /// A file or folder cannot be read (or copied out of, for an export); a `Cargo.toml` or
    /// marketplace manifest that does not parse is an [`io::ErrorKind::InvalidData`] error.
    Read {
        /// What could not be done, as messages say it: `read Cargo.toml`, `read the command
        /// commands/deploy.md`, `copy the plugin plugins/lint`.
        action: String,
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

impl Error {
    /// [`Error::Diagnostics`] for `diagnostics`, each rendered with its source file (`source_of`
    /// finds it by the diagnostic's display path; `None` renders it without a snippet).
    pub fn diagnostics<'a>(
        diagnostics: Vec<Diagnostic>,
        source_of: impl Fn(&str) -> Option<&'a SourceFile>,
    ) -> Error {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let rendered: Vec<String> = diagnostics
            .iter()
            .map(|d| d.render(source_of(&d.file), false))
            .collect();
        Error::Diagnostics {
            errors,
            rendered: rendered.join("\n\n"),
            diagnostics,
        }
    }

    /// [`Error::Read`] of `path` (shown as `shown` in the message) for `source`.
    pub(crate) fn read(
        shown: impl fmt::Display,
        path: impl Into<PathBuf>,
        source: io::Error,
    ) -> Error {
        Error::Read {
            action: format!("read {shown}"),
            path: path.into(),
            source,
        }
    }

    /// The text of the error without the `agentgen: ` of its `Display`: for
    /// [`Error::Diagnostics`], the count line, a blank line and the rendered diagnostics.
    pub fn message(&self) -> String {
        match self {
            Error::Diagnostics {
                errors, rendered, ..
            } => {
                let plural = if *errors == 1 { "" } else { "s" };
                format!("{errors} error{plural} in the agent files\n\n{rendered}")
            }
            Error::Option(message) | Error::NoCatalog(message) => message.clone(),
            Error::NoOutDir => {
                "OUT_DIR is not set (run from a build script, or call `out_dir`)".to_owned()
            }
            Error::Io(path, e) => format!("cannot write {}: {e}", path.display()),
            Error::Read { action, source, .. } => format!("cannot {action}: {source}"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "agentgen: {}", self.message())
    }
}

/// The same text as `Display`: `?` in `main` prints an error's `Debug`.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(_, source) | Error::Read { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    #[test]
    fn display_is_agentgen_and_the_message_and_debug_the_same() {
        let cases = [
            (
                Error::Option("unknown lint `x`".to_owned()),
                "agentgen: unknown lint `x`",
            ),
            (
                Error::NoOutDir,
                "agentgen: OUT_DIR is not set (run from a build script, or call `out_dir`)",
            ),
            (
                Error::Io(
                    PathBuf::from("out/agents.rs"),
                    io::Error::new(io::ErrorKind::PermissionDenied, "denied"),
                ),
                "agentgen: cannot write out/agents.rs: denied",
            ),
            (
                Error::read(
                    "Cargo.toml",
                    "/crate/Cargo.toml",
                    io::Error::new(io::ErrorKind::NotFound, "gone"),
                ),
                "agentgen: cannot read Cargo.toml: gone",
            ),
        ];
        for (error, text) in cases {
            assert_eq!(error.to_string(), text);
            assert_eq!(format!("{error:?}"), text);
            assert_eq!(error.message(), text.trim_start_matches("agentgen: "));
        }
    }

    #[test]
    fn diagnostics_count_errors_and_render_each() {
        let diagnostics = vec![
            Diagnostic::new(
                Code::InvalidConfig,
                "agentgen.toml",
                "invalid configuration: x",
            ),
            Diagnostic::new(Code::LegacyTool, "a.md", "legacy"),
        ];
        let error = Error::diagnostics(diagnostics, |_| None);
        let Error::Diagnostics { errors, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(*errors, 1);
        assert!(
            error
                .to_string()
                .starts_with("agentgen: 1 error in the agent files\n\nerror[invalid-config]: "),
            "{error}"
        );
    }

    #[test]
    fn io_errors_have_a_source() {
        use std::error::Error as _;
        let error = Error::read("x", "x", io::Error::other("boom"));
        assert_eq!(
            error.source().map(ToString::to_string).as_deref(),
            Some("boom")
        );
        assert!(Error::NoOutDir.source().is_none());
    }
}
