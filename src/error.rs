//! How a command ends, and the one place that turns it into the exit status: 0 success, 1
//! errors found, 2 usage or I/O error. The engine's [`agentgen_compiler::Error`] becomes a
//! [`CliError`] here too (`?` in a command).

use std::fmt;
use std::process::ExitCode;

/// What a command found, when it could do its job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No errors: exit status 0.
    Clean,
    /// Errors found (diagnostics, or files `fix --check` would change), reported: exit status 1.
    ErrorsFound,
}

impl Outcome {
    /// [`Outcome::ErrorsFound`] when `errors_found`, else [`Outcome::Clean`].
    pub fn errors_found_if(errors_found: bool) -> Outcome {
        if errors_found {
            Outcome::ErrorsFound
        } else {
            Outcome::Clean
        }
    }
}

/// Why a command did not do its job. Shown on stderr as `error: <message>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CliError {
    /// A usage error (options that do not go together, a missing folder) or an I/O error
    /// (reading the current directory, writing a file or stdout): exit status 2.
    Usage(String),
    /// The catalog has errors, reported above, so the command wrote nothing (`not exported: …`,
    /// `not written: …`): exit status 1.
    Refused(String),
}

impl CliError {
    /// A usage or I/O error with `message`.
    pub fn usage(message: impl fmt::Display) -> CliError {
        CliError::Usage(message.to_string())
    }

    /// The exit status of the error.
    fn exit_status(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Refused(_) => 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(message) | CliError::Refused(message) => f.write_str(message),
        }
    }
}

/// The engine's error, shown as `error: <message>` (without the `agentgen: ` of its `Display`):
/// the catalog's errors refuse the command (exit status 1); an invalid option or argument, a
/// crate without a catalog, a file that cannot be read or written is a usage or I/O error (2).
impl From<agentgen_compiler::Error> for CliError {
    fn from(error: agentgen_compiler::Error) -> CliError {
        match error {
            agentgen_compiler::Error::Diagnostics { .. } => CliError::Refused(error.message()),
            _ => CliError::Usage(error.message()),
        }
    }
}

/// The exit status of a command's result; an error is printed to stderr first.
pub fn exit_code(result: Result<Outcome, CliError>) -> ExitCode {
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::ErrorsFound) => ExitCode::from(1),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(error.exit_status())
        }
    }
}
