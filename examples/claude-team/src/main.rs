//! `claude-team`: starts Claude Code with an agent and its team (`include_agents!` → cc-sdk).
//!
//! ```text
//! claude-team [--claude PATH] [--lead AGENT] --list-agents   the agents Claude Code reports (no API call)
//! claude-team [--claude PATH] [--lead AGENT] PROMPT          a session: the reply on stdout
//! ```
//!
//! `--lead` defaults to `planner`; `--claude` to `$CLAUDE_BIN`, else the `claude` cc-sdk finds.
//! `--list-agents` prints one JSON line per agent Claude Code has beyond its built-in ones.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use agentgen_example_claude_team::{agents, client, options, reported_agents};
use cc_sdk::{ContentBlock, Message};
use futures::StreamExt;

const TIMEOUT: Duration = Duration::from_secs(120);

#[tokio::main]
async fn main() -> ExitCode {
    let mut claude = std::env::var_os("CLAUDE_BIN").map(PathBuf::from);
    let mut lead = agents::Agent::Planner;
    let mut list = false;
    let mut prompt = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--claude" => claude = args.next().map(PathBuf::from),
            "--lead" => match args.next().map(|name| name.parse::<agents::Agent>()) {
                Some(Ok(agent)) => lead = agent,
                _ => return usage("--lead takes an agent of agents/"),
            },
            "--list-agents" => list = true,
            _ if prompt.is_none() && !arg.starts_with("--") => prompt = Some(arg),
            _ => return usage(&format!("unexpected argument `{arg}`")),
        }
    }

    // The lead and every agent it hands work to: without them its hand-offs fail.
    let team = lead.team();
    for spec in team {
        for lost in spec.lost_through_cc_sdk() {
            eprintln!("note: {} loses {lost} through cc-sdk", spec.qualified_name);
        }
    }
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => return failure(&format!("no working directory: {e}")),
    };

    if list {
        // Claude Code's own agents: those it reports without ours.
        let built_in = match reported_agents(options(&[], &cwd), claude.as_deref(), TIMEOUT).await {
            Ok(agents) => agents,
            Err(e) => return failure(&e),
        };
        let with_team = match reported_agents(options(team, &cwd), claude.as_deref(), TIMEOUT).await
        {
            Ok(agents) => agents,
            Err(e) => return failure(&e),
        };
        for agent in with_team.iter().filter(|a| !built_in.contains(a)) {
            println!("{agent}");
        }
        return ExitCode::SUCCESS;
    }

    let Some(prompt) = prompt else {
        return usage("give a PROMPT or --list-agents");
    };
    let mut session = client(options(team, &cwd), claude.as_deref());
    if let Err(e) = session.connect(Some(prompt)).await {
        return failure(&e.to_string());
    }
    let mut replies = session.receive_response().await;
    while let Some(message) = replies.next().await {
        match message {
            Ok(Message::Assistant { message }) => {
                for block in message.content {
                    if let ContentBlock::Text(text) = block {
                        println!("{}", text.text);
                    }
                }
            }
            Ok(Message::Result { is_error: true, .. }) => return failure("the session failed"),
            Ok(_) => {}
            Err(e) => return failure(&e.to_string()),
        }
    }
    ExitCode::SUCCESS
}

fn usage(message: &str) -> ExitCode {
    eprintln!(
        "error: {message}\nusage: claude-team [--claude PATH] [--lead AGENT] (--list-agents | PROMPT)"
    );
    ExitCode::from(2)
}

fn failure(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}
