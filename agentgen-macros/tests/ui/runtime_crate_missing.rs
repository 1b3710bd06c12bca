// The generated code names the runtime crate only through `crate = path`: a path that leads
// nowhere fails, even though `::agentgen` itself is available.
mod agents {
    agentgen::include_agents!("fixtures/pass", crate = crate::nowhere);
}

fn main() {}
