//! Claude Code's `mcpServers` items as Gemini CLI's `mcp_servers`.
//!
//! Claude Code's items are server names (servers configured elsewhere) or `{name: config}`
//! mappings. Gemini's `mcp_servers` is a mapping of inline configs (`mcpServerSchema`:
//! `command`, `args`, `env`, `cwd`, `url`, `http_url`, `headers`, `tcp`, `type` (`sse` or
//! `http`), `timeout`, `trust`, `description`, `include_tools`, `exclude_tools`). An inline
//! config carries over when it is a stdio server (`type` absent or `stdio`; `command`, `args`,
//! `env`) or an `http` / `sse` one (`url`, `headers`), every value a string (`args` a list of
//! strings, `env` and `headers` mappings of strings). A server name, or a config with anything
//! else, does not.

use crate::yaml::{Node, Value};

/// A value of a Gemini server config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum McpValue {
    /// A string.
    Str(String),
    /// A list of strings.
    List(Vec<String>),
    /// A mapping of strings, in file order.
    Map(Vec<(String, String)>),
}

/// One server of `mcp_servers`: its name and its config's keys in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct McpServer {
    /// The server's name.
    pub name: String,
    /// `(key, value)` in file order.
    pub config: Vec<(String, McpValue)>,
}

/// The servers Gemini can take from Claude Code's items, and a sentence per server it cannot.
pub(super) fn servers(items: &[Node]) -> (Vec<McpServer>, Vec<String>) {
    let mut carried = Vec::new();
    let mut lost = Vec::new();
    for item in items {
        match &item.value {
            Value::Str(name) => lost.push(format!(
                "`{name}` names a server configured for Claude Code: declare it in Gemini's settings.json `mcpServers`"
            )),
            Value::Map(entries) => {
                for (key, config) in entries {
                    let name = key.key_text();
                    match server(config) {
                        Some(config) => carried.push(McpServer { name, config }),
                        None => lost.push(format!(
                            "`{name}` has a config Gemini's `mcp_servers` cannot hold (a stdio `command` with `args`/`env`, or an `http`/`sse` `url` with `headers`, all strings)"
                        )),
                    }
                }
            }
            _ => {}
        }
    }
    (carried, lost)
}

fn server(config: &Node) -> Option<Vec<(String, McpValue)>> {
    let Value::Map(entries) = &config.value else {
        return None;
    };
    let kind = entries
        .iter()
        .find(|(k, _)| k.as_str() == Some("type"))
        .map(|(_, v)| v.as_str());
    let remote = match kind {
        None | Some(Some("stdio")) => false,
        Some(Some("http" | "sse")) => true,
        Some(_) => return None,
    };
    let allowed: &[&str] = if remote {
        &["type", "url", "headers"]
    } else {
        &["type", "command", "args", "env"]
    };
    let mut out = Vec::new();
    for (key, value) in entries {
        let key = key.as_str()?;
        if !allowed.contains(&key) {
            return None;
        }
        if key == "type" && !remote {
            continue;
        }
        let value = match (key, &value.value) {
            ("args", Value::Seq(items)) => McpValue::List(
                items
                    .iter()
                    .map(|i| i.as_str().map(str::to_owned))
                    .collect::<Option<_>>()?,
            ),
            ("env" | "headers", Value::Map(pairs)) => McpValue::Map(
                pairs
                    .iter()
                    .map(|(k, v)| Some((k.as_str()?.to_owned(), v.as_str()?.to_owned())))
                    .collect::<Option<_>>()?,
            ),
            ("type" | "url" | "command", Value::Str(s)) => McpValue::Str(s.clone()),
            _ => return None,
        };
        if out.iter().any(|(k, _)| k == key) {
            return None;
        }
        out.push((key.to_owned(), value));
    }
    let needs = if remote { "url" } else { "command" };
    out.iter().any(|(k, _)| k == needs).then_some(out)
}
