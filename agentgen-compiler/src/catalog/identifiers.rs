//! Rust identifiers unique within a catalog: the `identifier-collision` check. The identifiers
//! themselves are made in [`crate::naming`].

use std::collections::BTreeMap;

use super::Agent;
use crate::diagnostic::{Code, Diagnostic, Related};
use crate::read::AgentFile;

/// Reports agents whose identifiers collide with an earlier one; returns their indexes.
pub(super) fn check_identifiers(
    agents: &[Agent],
    files: &[AgentFile],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let mut colliding = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (index, agent) in agents.iter().enumerate() {
        if let Some(&first) = seen.get(&agent.variant) {
            let other = &agents[first];
            let file = &files[agent.file];
            let first_file = &files[other.file];
            diagnostics.push(
                Diagnostic::new(
                    Code::IdentifierCollision,
                    file.path(),
                    format!(
                        "agent names `{}` and `{}` both become the Rust identifier `{}`",
                        other.qualified_name, agent.qualified_name, agent.variant
                    ),
                )
                .at(file.name.as_ref().and_then(|n| n.span.clone()))
                .related(Related {
                    file: first_file.path().to_owned(),
                    span: first_file.name.as_ref().and_then(|n| n.span.clone()),
                    message: format!("`{}` is named here", other.qualified_name),
                })
                .help("rename one of the agents so that their names differ in more than case and punctuation"),
            );
            colliding.push(index);
        } else {
            seen.insert(agent.variant.clone(), index);
        }
    }
    colliding
}
