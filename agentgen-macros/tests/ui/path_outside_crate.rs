mod parent {
    agentgen::include_agents!("../agents");
}

mod absolute {
    agentgen::include_agents!("/etc");
}

fn main() {}
