// A key the schema does not declare is the lint `unknown-key`: a warning by default, with
// did-you-mean against the schema's keys, and an error once denied.
mod warned {
    agentgen::include_agents!("fixtures/metadata-unknown-key");
}

mod denied {
    agentgen::include_agents!("fixtures/metadata-unknown-key", lints(unknown_key = "deny"));
}

fn main() {
    let _: Option<&str> = warned::LINTER.metadata.category;
    let _: Option<&str> = denied::LINTER.metadata.category;
}
