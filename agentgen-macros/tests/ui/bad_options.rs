mod unknown_option {
    agentgen::include_agents!("fixtures/pass", pack = true);
}

mod lowered_error {
    agentgen::include_agents!("fixtures/pass", lints(unknown_tool = "allow"));
}

fn main() {}
