//! The guide's build script: `agents/` into `$OUT_DIR/agents.rs`, which the snippets of the
//! build-script route include (`include!(concat!(env!("OUT_DIR"), "/agents.rs"))`).

fn main() {
    agentgen::build::Builder::new().compile_or_exit("agents");
}
