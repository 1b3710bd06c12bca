//! The server's state and a method per notification and request, without any I/O: the main
//! loop ([`super::main_loop`]) calls them and sends what they return; the fuzz target and the
//! unit tests drive them in process.
//!
//! Notifications change documents and mark their projects dirty; [`Server::flush`] compiles
//! the dirty projects and returns the `publishDiagnostics` to send: for every file whose
//! diagnostics changed (the edited ones first), an empty list for a file whose diagnostics are
//! gone. Requests compile what is dirty first, so they see every edit.

// Documents are keyed by `lsp_types::Uri`, whose `Hash` and `Eq` use its text, which never
// changes (clippy sees fluent-uri's lazily computed parts as interior mutability).
#![allow(clippy::mutable_key_type)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use agentgen_compiler::Catalog;
use agentgen_compiler::project::nearest_catalog_dir;
use lsp_types::{
    CodeActionParams, CodeActionResponse, CompletionParams, CompletionResponse,
    Diagnostic as LspDiagnostic, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams, GotoDefinitionResponse,
    Hover, HoverParams, Location, Position, PrepareRenameResponse, PublishDiagnosticsParams,
    ReferenceParams, RenameParams, TextDocumentPositionParams, Uri, WorkspaceEdit,
    WorkspaceSymbolParams, WorkspaceSymbolResponse,
};

use super::diagnostics;
use super::features;
use super::paths::{path_of, uri_of_display};
use super::project::{Buffers, ProjectState, Role};
use super::text;

/// An open document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its current text.
    pub text: String,
    /// The version the editor gave it.
    pub version: i32,
    /// Its file (`None` for a URI that is not a `file://` one).
    pub path: Option<PathBuf>,
    /// The root of its project (`None` outside any project).
    pub root: Option<PathBuf>,
}

/// The language server's state: open documents, the projects they belong to, and what was
/// published.
#[derive(Default)]
pub struct Server {
    documents: HashMap<Uri, Document>,
    /// The open documents' texts by path, which the projects read instead of the files.
    buffers: Buffers,
    /// The projects, by root.
    projects: BTreeMap<PathBuf, ProjectState>,
    /// Projects edited since their catalog was compiled.
    dirty: BTreeSet<PathBuf>,
    /// Projects compiled since their diagnostics were published.
    unpublished: BTreeSet<PathBuf>,
    /// Documents edited since the last publication: published first.
    edited: Vec<Uri>,
    /// The diagnostics last published per file, with the root of their project.
    published: HashMap<Uri, (PathBuf, Vec<LspDiagnostic>)>,
}

impl Server {
    /// A server with nothing open.
    pub fn new() -> Server {
        Server::default()
    }

    /// An open document.
    pub fn document(&self, uri: &Uri) -> Option<&Document> {
        self.documents.get(uri)
    }

    /// The catalogs of every project opened, by root.
    pub fn catalogs(&self) -> impl Iterator<Item = (&Path, &Catalog)> {
        self.projects
            .iter()
            .map(|(root, project)| (root.as_path(), &project.catalog))
    }

    /// `textDocument/didOpen`: the buffer overrides the file; its project is opened (found by
    /// the project model) when it is the first document of it.
    pub fn did_open(&mut self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let path = path_of(&item.uri);
        if let Some(path) = &path {
            self.buffers.insert(path.clone(), item.text.clone());
        }
        let root = path.as_deref().and_then(|p| self.project_root(p));
        self.documents.insert(
            item.uri.clone(),
            Document {
                text: item.text,
                version: item.version,
                path: path.clone(),
                root: root.clone(),
            },
        );
        if let (Some(path), Some(root)) = (path, root) {
            self.reread(&root, &path);
        }
        self.edited.push(item.uri);
    }

    /// `textDocument/didChange`: full or incremental changes, applied in order (positions in
    /// UTF-16 code units, clamped to the text); the file is read again from the buffer.
    pub fn did_change(&mut self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(document) = self.documents.get_mut(&uri) else {
            return;
        };
        for change in params.content_changes {
            match change.range {
                Some(range) => {
                    let start = text::offset_of(&document.text, range.start);
                    let end = text::offset_of(&document.text, range.end).max(start);
                    document.text.replace_range(start..end, &change.text);
                }
                None => document.text = change.text,
            }
        }
        document.version = params.text_document.version;
        let (path, root) = (document.path.clone(), document.root.clone());
        if let Some(path) = &path {
            self.buffers.insert(path.clone(), document.text.clone());
        }
        if let (Some(path), Some(root)) = (path, root) {
            self.reread(&root, &path);
        }
        self.edited.push(uri);
    }

    /// `textDocument/didClose`: the file on disk counts again (a file deleted while open leaves
    /// the catalog).
    pub fn did_close(&mut self, params: DidCloseTextDocumentParams) {
        let Some(document) = self.documents.remove(&params.text_document.uri) else {
            return;
        };
        let (Some(path), Some(root)) = (document.path, document.root) else {
            return;
        };
        self.buffers.remove(&path);
        if path.is_file() {
            self.reread(&root, &path);
        } else {
            self.reopen(&root);
        }
    }

    /// `textDocument/didSave`: a saved manifest, `agentgen.toml` or new file changes what the
    /// project model finds: the project is opened again (the buffers still count).
    pub fn did_save(&mut self, params: DidSaveTextDocumentParams) {
        let Some(document) = self.documents.get(&params.text_document.uri) else {
            return;
        };
        let (Some(path), Some(root)) = (&document.path, &document.root) else {
            return;
        };
        let role = self.projects.get(root).map(|p| p.role(path));
        if role != Some(Role::File) {
            let root = root.clone();
            self.reopen(&root);
        }
    }

    /// `workspace/didChangeWatchedFiles`: every project holding a changed file is opened again.
    pub fn did_change_watched_files(&mut self, params: DidChangeWatchedFilesParams) {
        let paths: Vec<PathBuf> = params
            .changes
            .iter()
            .filter_map(|change| path_of(&change.uri))
            .collect();
        let roots: Vec<PathBuf> = self
            .projects
            .values()
            .filter(|project| paths.iter().any(|p| project.contains(p)))
            .map(|project| project.root().to_path_buf())
            .collect();
        for root in roots {
            self.reopen(&root);
        }
    }

    /// The root of the project `path` belongs to, opening the project when it is new; `None`
    /// outside any project.
    fn project_root(&mut self, path: &Path) -> Option<PathBuf> {
        let dir = nearest_catalog_dir(path)?;
        let dir = if dir.is_absolute() {
            dir
        } else {
            std::env::current_dir().ok()?.join(dir)
        };
        if let Some(project) = self.projects.values().find(|p| p.is_opened_from(&dir)) {
            return Some(project.root().to_path_buf());
        }
        let project = ProjectState::open(&dir, &self.buffers);
        let root = project.root().to_path_buf();
        if !self.projects.contains_key(&root) {
            self.projects.insert(root.clone(), project);
            self.unpublished.insert(root.clone());
        }
        Some(root)
    }

    /// Reads `path` again into its project and marks the project dirty.
    fn reread(&mut self, root: &Path, path: &Path) {
        if let Some(project) = self.projects.get_mut(root) {
            project.update(path, &self.buffers);
            self.dirty.insert(root.to_path_buf());
        }
    }

    /// Opens the project at `root` again from its folder (files on disk, buffers over them).
    fn reopen(&mut self, root: &Path) {
        if let Some(project) = self.projects.get_mut(root) {
            *project = project.reopen(&self.buffers);
            self.unpublished.insert(root.to_path_buf());
        }
    }

    /// Compiles the projects edited since their last compile.
    fn compile_dirty(&mut self) {
        for root in std::mem::take(&mut self.dirty) {
            if let Some(project) = self.projects.get_mut(&root) {
                project.compile();
                self.unpublished.insert(root);
            }
        }
    }

    /// Compiles the dirty projects and returns the diagnostics to publish: every file whose
    /// diagnostics changed, the documents edited since the last call first; an empty list for a
    /// file whose diagnostics are gone.
    pub fn flush(&mut self) -> Vec<PublishDiagnosticsParams> {
        self.compile_dirty();
        let mut changed: Vec<PublishDiagnosticsParams> = Vec::new();
        for root in std::mem::take(&mut self.unpublished) {
            let Some(project) = self.projects.get(&root) else {
                continue;
            };
            let buffers = &self.buffers;
            let current = diagnostics::by_file(&project.catalog, |display| {
                buffers.get(Path::new(display)).map(String::as_str)
            });
            let mut current: HashMap<Uri, Vec<LspDiagnostic>> = current
                .into_iter()
                .filter_map(|(display, found)| Some((uri_of_display(&display)?, found)))
                .collect();
            let gone: Vec<Uri> = self
                .published
                .iter()
                .filter(|(uri, (published_root, _))| {
                    *published_root == root && !current.contains_key(*uri)
                })
                .map(|(uri, _)| uri.clone())
                .collect();
            for uri in gone {
                current.insert(uri, Vec::new());
            }
            for (uri, found) in current {
                let same = self
                    .published
                    .get(&uri)
                    .is_some_and(|(_, published)| *published == found);
                if same {
                    continue;
                }
                if found.is_empty() {
                    self.published.remove(&uri);
                } else {
                    self.published
                        .insert(uri.clone(), (root.clone(), found.clone()));
                }
                let version = self.documents.get(&uri).map(|d| d.version);
                changed.push(PublishDiagnosticsParams {
                    uri,
                    diagnostics: found,
                    version,
                });
            }
        }
        let edited = std::mem::take(&mut self.edited);
        let rank = |uri: &Uri| edited.iter().position(|e| e == uri).unwrap_or(usize::MAX);
        changed.sort_by(|a, b| (rank(&a.uri), a.uri.as_str()).cmp(&(rank(&b.uri), b.uri.as_str())));
        changed
    }

    /// The project's catalog, the file and the current text of the document `uri`, compiled
    /// with every edit; `None` outside any project.
    fn context(&mut self, uri: &Uri) -> Option<(&Catalog, PathBuf, String)> {
        self.compile_dirty();
        let path = path_of(uri)?;
        let root = match self.documents.get(uri) {
            Some(document) => document.root.clone()?,
            None => self
                .projects
                .values()
                .find(|p| p.role(&path) != Role::Other)?
                .root()
                .to_path_buf(),
        };
        let project = self.projects.get(&root)?;
        let text = match self.documents.get(uri) {
            Some(document) => document.text.clone(),
            None => project
                .catalog
                .source(&path.to_string_lossy())?
                .text
                .clone(),
        };
        Some((&project.catalog, path, text))
    }

    fn at(
        &mut self,
        position: &TextDocumentPositionParams,
    ) -> Option<(&Catalog, PathBuf, String, Position)> {
        let (catalog, path, text) = self.context(&position.text_document.uri)?;
        Some((catalog, path, text, position.position))
    }

    /// `textDocument/completion`.
    pub fn completion(&mut self, params: CompletionParams) -> Option<CompletionResponse> {
        let (catalog, path, text, position) = self.at(&params.text_document_position)?;
        let items = features::completion(catalog, &path, &text, position);
        Some(CompletionResponse::Array(items))
    }

    /// `textDocument/hover`.
    pub fn hover(&mut self, params: HoverParams) -> Option<Hover> {
        let (catalog, path, text, position) = self.at(&params.text_document_position_params)?;
        features::hover(catalog, &path, &text, position)
    }

    /// `textDocument/definition`.
    pub fn definition(&mut self, params: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
        let (catalog, path, text, position) = self.at(&params.text_document_position_params)?;
        let found = features::definition(catalog, &path, &text, position);
        Some(GotoDefinitionResponse::Array(found))
    }

    /// `textDocument/references`.
    pub fn references(&mut self, params: ReferenceParams) -> Option<Vec<Location>> {
        let include = params.context.include_declaration;
        let (catalog, path, text, position) = self.at(&params.text_document_position)?;
        Some(features::references(
            catalog, &path, &text, position, include,
        ))
    }

    /// `textDocument/prepareRename`.
    pub fn prepare_rename(
        &mut self,
        params: TextDocumentPositionParams,
    ) -> Option<PrepareRenameResponse> {
        let (catalog, path, text, position) = self.at(&params)?;
        features::prepare_rename(catalog, &path, &text, position).map(PrepareRenameResponse::Range)
    }

    /// `textDocument/rename`: the workspace edit, or why the name cannot be renamed.
    pub fn rename(&mut self, params: RenameParams) -> Result<Option<WorkspaceEdit>, String> {
        let Some((catalog, path, text, position)) = self.at(&params.text_document_position) else {
            return Ok(None);
        };
        features::rename(catalog, &path, &text, position, &params.new_name).map(Some)
    }

    /// `textDocument/documentSymbol`.
    pub fn document_symbols(
        &mut self,
        params: DocumentSymbolParams,
    ) -> Option<DocumentSymbolResponse> {
        let (catalog, path, text) = self.context(&params.text_document.uri)?;
        let symbols = features::document_symbols(catalog, &path, &text);
        Some(DocumentSymbolResponse::Nested(symbols))
    }

    /// `workspace/symbol`: over every project opened.
    pub fn workspace_symbols(
        &mut self,
        params: WorkspaceSymbolParams,
    ) -> Option<WorkspaceSymbolResponse> {
        self.compile_dirty();
        let catalogs: Vec<&Catalog> = self.projects.values().map(|p| &p.catalog).collect();
        let symbols = features::workspace_symbols(&catalogs, &params.query);
        Some(WorkspaceSymbolResponse::Flat(symbols))
    }

    /// `textDocument/codeAction`.
    pub fn code_actions(&mut self, params: CodeActionParams) -> Option<CodeActionResponse> {
        let (catalog, path, text) = self.context(&params.text_document.uri)?;
        let actions = features::code_actions(
            catalog,
            &path,
            &text,
            params.range,
            &params.context.diagnostics,
        );
        Some(actions)
    }
}
