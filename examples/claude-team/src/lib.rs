//! An agent team from `include_agents!`, handed to Claude Code through cc-sdk, the Claude Agent
//! SDK for Rust.
//!
//! `agents/` holds four agents: `planner` hands steps to `code-reviewer` (`Agent(code-reviewer)`),
//! whose prompt asks the `test-runner` agent to run the tests; `docs-writer` works alone.
//! `Agent::Planner.team()` is therefore planner, code-reviewer and test-runner: the agents a
//! session needs for the planner's hand-offs to work.

use std::path::Path;
use std::time::Duration;

use cc_sdk::{ClaudeCodeOptions, ClaudeSDKClient, SubprocessTransport};

/// The example's catalog (`agents/`).
pub mod agents {
    agentgen::include_agents!("agents");
}

/// Options that start Claude Code with `team` as its agents (cc-sdk passes them as
/// `--agents <json>`), in the working directory `cwd`.
///
/// `hooks: Some(empty)` turns on cc-sdk's control protocol, so that connecting sends the SDK's
/// `initialize` request, whose answer lists the agents the CLI has ([`reported_agents`]). It
/// registers no hook.
pub fn options(team: &[&agents::AgentSpec], cwd: &Path) -> ClaudeCodeOptions {
    ClaudeCodeOptions {
        agents: Some(agentgen::cc_sdk::agent_definitions(team)),
        cwd: Some(cwd.to_path_buf()),
        hooks: Some(Default::default()),
        ..Default::default()
    }
}

/// A client for `options`, running the CLI at `claude` (else the one cc-sdk finds on PATH and
/// in the usual install places).
pub fn client(options: ClaudeCodeOptions, claude: Option<&Path>) -> ClaudeSDKClient {
    match claude {
        Some(path) => {
            let transport = SubprocessTransport::with_cli_path(options.clone(), path);
            ClaudeSDKClient::with_transport(options, Box::new(transport))
        }
        None => ClaudeSDKClient::new(options),
    }
}

/// The agents Claude Code reports when started with `options` (the `agents` of its answer to
/// `initialize`: `{"name", "description", "model"?}` each), built-in agents included. Sends no
/// prompt, so it makes no API call. Fails after `timeout`.
pub async fn reported_agents(
    options: ClaudeCodeOptions,
    claude: Option<&Path>,
    timeout: Duration,
) -> Result<Vec<serde_json::Value>, String> {
    let mut client = client(options, claude);
    let listed = tokio::time::timeout(timeout, async {
        client.connect(None).await.map_err(|e| e.to_string())?;
        let info = client.get_server_info().await;
        let agents = info
            .as_ref()
            .and_then(|info| info.get("agents"))
            .and_then(|agents| agents.as_array())
            .cloned()
            .ok_or_else(|| format!("no agent list in the CLI's initialize answer: {info:?}"));
        let _ = client.disconnect().await;
        agents
    })
    .await;
    listed.unwrap_or_else(|_| Err(format!("no answer from Claude Code in {timeout:?}")))
}
