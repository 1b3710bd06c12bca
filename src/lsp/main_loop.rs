//! The connection: `initialize` with the server's capabilities, then one loop that owns the
//! [`Server`] (as rust-analyzer's does) until `shutdown` and `exit`.
//!
//! Every request is answered: with its result, or a `ResponseError` — `InvalidParams` for
//! parameters that do not parse, `MethodNotFound` for a method the server does not have,
//! `RequestFailed` for a rename refused, `InternalError` for a bug (a handler's panic is caught
//! and becomes that answer, not a crash). Diagnostics are published when no message is
//! waiting: a burst of keystrokes compiles once.

use std::panic::{AssertUnwindSafe, catch_unwind};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest,
    PrepareRenameRequest, References, Rename, Request as LspRequest, WorkspaceSymbolRequest,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    HoverProviderCapability, OneOf, RenameOptions, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};

use super::server::Server;

/// The characters after which an editor asks for completion: `@` (an agent named in a prompt),
/// `(` and `,` (`Agent(` targets, tool lists), ` ` and `:` (a frontmatter value).
pub const TRIGGER_CHARACTERS: [&str; 5] = ["@", "(", ",", " ", ":"];

/// What the server offers: incremental text sync (full sync works too: a change without a
/// range), completion, hover, definition, references, rename with prepare, document and
/// workspace symbols, quick fixes.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
            },
        )),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(TRIGGER_CHARACTERS.iter().map(|c| (*c).to_owned()).collect()),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// Serves one client on `connection` until it sends `exit`. `Ok(true)` when it shut down first
/// (`shutdown`, then `exit`), `Ok(false)` when it exited or left without `shutdown`.
///
/// # Errors
///
/// A protocol error: no `initialize` first, messages after `shutdown` other than `exit`.
pub fn serve(connection: &Connection) -> Result<bool, String> {
    let initialize = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo {
            name: "agentgen".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        },
    });
    let (id, _params) = connection.initialize_start().map_err(|e| e.to_string())?;
    connection
        .initialize_finish(id, initialize)
        .map_err(|e| e.to_string())?;
    let mut server = Server::new();
    loop {
        let Ok(message) = connection.receiver.recv() else {
            return Ok(false);
        };
        match message {
            Message::Request(request) => {
                if connection
                    .handle_shutdown(&request)
                    .map_err(|e| e.to_string())?
                {
                    return Ok(true);
                }
                publish(connection, &mut server);
                let response = answer(&mut server, request);
                send(connection, response.into());
            }
            Message::Notification(notification) => {
                if notification.method == "exit" {
                    return Ok(false);
                }
                let method = notification.method.clone();
                if catch_unwind(AssertUnwindSafe(|| notify(&mut server, notification))).is_err() {
                    eprintln!(
                        "agentgen lsp: internal error handling `{method}` (see the panic above)"
                    );
                }
            }
            Message::Response(_) => {}
        }
        if connection.receiver.is_empty() {
            publish(connection, &mut server);
        }
    }
}

fn send(connection: &Connection, message: Message) {
    // The writer thread is gone only when the client left; the loop ends at the next receive.
    let _ = connection.sender.send(message);
}

/// Publishes the diagnostics that changed (a panic while compiling is reported on stderr).
fn publish(connection: &Connection, server: &mut Server) {
    match catch_unwind(AssertUnwindSafe(|| server.flush())) {
        Ok(published) => {
            for params in published {
                let notification = Notification::new(PublishDiagnostics::METHOD.to_owned(), params);
                send(connection, notification.into());
            }
        }
        Err(_) => {
            eprintln!("agentgen lsp: internal error publishing diagnostics (see the panic above)")
        }
    }
}

/// Applies a notification; unknown ones (`$/cancelRequest`, `initialized` twice…) are ignored.
pub fn notify(server: &mut Server, notification: Notification) {
    fn params<N: lsp_types::notification::Notification>(
        notification: Notification,
    ) -> Option<N::Params> {
        notification.extract(N::METHOD).ok()
    }
    match notification.method.as_str() {
        DidOpenTextDocument::METHOD => {
            if let Some(p) = params::<DidOpenTextDocument>(notification) {
                server.did_open(p);
            }
        }
        DidChangeTextDocument::METHOD => {
            if let Some(p) = params::<DidChangeTextDocument>(notification) {
                server.did_change(p);
            }
        }
        DidCloseTextDocument::METHOD => {
            if let Some(p) = params::<DidCloseTextDocument>(notification) {
                server.did_close(p);
            }
        }
        DidSaveTextDocument::METHOD => {
            if let Some(p) = params::<DidSaveTextDocument>(notification) {
                server.did_save(p);
            }
        }
        DidChangeWatchedFiles::METHOD => {
            if let Some(p) = params::<DidChangeWatchedFiles>(notification) {
                server.did_change_watched_files(p);
            }
        }
        _ => {}
    }
}

/// The response to a request: its result, or an error; never a panic.
pub fn answer(server: &mut Server, request: Request) -> Response {
    let id = request.id.clone();
    let method = request.method.clone();
    match catch_unwind(AssertUnwindSafe(|| dispatch(server, request))) {
        Ok(response) => response,
        Err(panic) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                format!("agentgen lsp: internal error handling `{method}`: {reason}"),
            )
        }
    }
}

/// Runs a request's handler on its parameters.
fn handle<R: LspRequest>(
    request: Request,
    handler: impl FnOnce(R::Params) -> Result<R::Result, (ErrorCode, String)>,
) -> Response {
    let id = request.id.clone();
    match request.extract::<R::Params>(R::METHOD) {
        Ok((id, params)) => match handler(params) {
            Ok(result) => Response::new_ok(id, result),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        },
        Err(error) => Response::new_err(
            id,
            ErrorCode::InvalidParams as i32,
            format!("invalid parameters for `{}`: {error}", R::METHOD),
        ),
    }
}

fn dispatch(server: &mut Server, request: Request) -> Response {
    match request.method.as_str() {
        Completion::METHOD => handle::<Completion>(request, |p| Ok(server.completion(p))),
        HoverRequest::METHOD => handle::<HoverRequest>(request, |p| Ok(server.hover(p))),
        GotoDefinition::METHOD => handle::<GotoDefinition>(request, |p| Ok(server.definition(p))),
        References::METHOD => handle::<References>(request, |p| Ok(server.references(p))),
        PrepareRenameRequest::METHOD => {
            handle::<PrepareRenameRequest>(request, |p| Ok(server.prepare_rename(p)))
        }
        Rename::METHOD => handle::<Rename>(request, |p| {
            server
                .rename(p)
                .map_err(|message| (ErrorCode::RequestFailed, message))
        }),
        DocumentSymbolRequest::METHOD => {
            handle::<DocumentSymbolRequest>(request, |p| Ok(server.document_symbols(p)))
        }
        WorkspaceSymbolRequest::METHOD => {
            handle::<WorkspaceSymbolRequest>(request, |p| Ok(server.workspace_symbols(p)))
        }
        CodeActionRequest::METHOD => {
            handle::<CodeActionRequest>(request, |p| Ok(server.code_actions(p)))
        }
        method => Response::new_err(
            request.id,
            ErrorCode::MethodNotFound as i32,
            format!("agentgen lsp has no method `{method}`"),
        ),
    }
}
