//! The language features: pure functions of a project's catalog (compiled with the open
//! buffers) and a document's current text. These are stubs answering with empty results; the
//! features branch replaces this file.

use std::path::Path;

use agentgen_compiler::Catalog;
use lsp_types::{
    CodeActionOrCommand, CompletionItem, Diagnostic, DocumentSymbol, Hover, Location, Position,
    Range, SymbolInformation, WorkspaceEdit,
};

/// Completion items at `position`.
pub fn completion(
    _catalog: &Catalog,
    _path: &Path,
    _text: &str,
    _position: Position,
) -> Vec<CompletionItem> {
    Vec::new()
}

/// Hover at `position`.
pub fn hover(_catalog: &Catalog, _path: &Path, _text: &str, _position: Position) -> Option<Hover> {
    None
}

/// Where the name at `position` is defined.
pub fn definition(
    _catalog: &Catalog,
    _path: &Path,
    _text: &str,
    _position: Position,
) -> Vec<Location> {
    Vec::new()
}

/// Every place that names the agent at `position`.
pub fn references(
    _catalog: &Catalog,
    _path: &Path,
    _text: &str,
    _position: Position,
    _include_declaration: bool,
) -> Vec<Location> {
    Vec::new()
}

/// The range of the name at `position` a rename would change.
pub fn prepare_rename(
    _catalog: &Catalog,
    _path: &Path,
    _text: &str,
    _position: Position,
) -> Option<Range> {
    None
}

/// Renames the agent at `position` across the catalog.
pub fn rename(
    _catalog: &Catalog,
    _path: &Path,
    _text: &str,
    _position: Position,
    _new_name: &str,
) -> Result<WorkspaceEdit, String> {
    Err("rename is not available yet".to_owned())
}

/// The document's symbols: frontmatter keys and the prompt's headings.
pub fn document_symbols(_catalog: &Catalog, _path: &Path, _text: &str) -> Vec<DocumentSymbol> {
    Vec::new()
}

/// The agents and skills of every catalog matching `query`.
pub fn workspace_symbols(_catalogs: &[&Catalog], _query: &str) -> Vec<SymbolInformation> {
    Vec::new()
}

/// Quick fixes for `range`, given the diagnostics the editor shows there.
pub fn code_actions(
    _catalog: &Catalog,
    _path: &Path,
    _text: &str,
    _range: Range,
    _diagnostics: &[Diagnostic],
) -> Vec<CodeActionOrCommand> {
    Vec::new()
}
