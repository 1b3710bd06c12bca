// A warning-level lint is a compiler warning by default; `deny` makes it an error.
mod warned {
    agentgen::include_agents!("fixtures/warnings");
}

mod denied {
    agentgen::include_agents!("fixtures/warnings", lints(retired_tool = "deny"));
}

fn main() {
    let _ = warned::OLD;
}
