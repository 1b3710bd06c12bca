// Bad-input matrix, compiled by rustc: agent names that are Rust keywords, start with a digit,
// are `_`, hold dots, slashes, spaces or CJK characters, or match generated items (`all` →
// `ALL_`, `name-table` → `NAME_TABLE_`); descriptions with a lone CR and comment delimiters; a
// prompt with Rust syntax and control characters, with a CR (an escaped literal) and without
// (a raw string in the text the macro hands rustc); extreme numbers and 32 levels of nesting.
// The generated code must compile, and the strings must be the files' text exactly.
mod agents {
    agentgen::include_agents!("fixtures/odd-names", lints(non_kebab_name = "allow"));
}

use agents::Agent;

fn main() {
    assert_eq!(agents::ALL.len(), 12);
    assert_eq!(agents::ALL_.name, "all");
    assert_eq!(agents::NAME_TABLE_.prompt, "table prompt");
    assert_eq!(agents::SELF.id, Agent::Self_);
    assert_eq!(agents::TYPE.name, "type");
    assert_eq!(agents::CRATE.name, "crate");
    assert_eq!(agents::AGENT_1ST_AGENT.name, "1st-agent");
    assert_eq!(agents::A_B_C_D.name, "a.b/c d");
    for name in ["后端", "_", "all", "name-table", "self", "type", "crate", "a.b/c d"] {
        let spec = agents::by_name(name).expect("every odd name is in the catalog");
        assert_eq!(spec.name, name);
        assert_eq!(spec.id.to_string(), name);
        assert_eq!(name.parse::<Agent>(), Ok(spec.id));
    }
    assert_eq!(agents::by_name("后端").map(|s| s.prompt), Some("内容"));
    let control = agents::CONTROL;
    assert_eq!(
        control.description,
        "CR \r alone, */ and /* and ``` and \" and \\ and #[doc]"
    );
    assert_eq!(
        control.prompt,
        "x \"# \"## */ \\ {} #[a] `t` \0\u{1}\u{7}\u{8}\u{b}\u{c}\u{1b}\u{7f}\u{85}\u{2028} end\r\nnext\rline"
    );
    assert_eq!(
        agents::CONTROLS_RAW.prompt,
        "raw \0\u{1}\u{1b}\u{7f}\u{85} \"# and \"## and \\ end"
    );
    let numbers = agents::NUMBERS;
    let extra = |key: &str| {
        numbers
            .extra
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
            .expect("extra key")
    };
    assert_eq!(format!("{:?}", extra("min")), format!("{:?}", agentgen::Value::Int(i64::MIN)));
    assert_eq!(format!("{:?}", extra("max")), format!("{:?}", agentgen::Value::Int(i64::MAX)));
    assert_eq!(format!("{:?}", extra("huge")), format!("{:?}", agentgen::Value::Float(1e308)));
    assert_eq!(format!("{:?}", extra("tiny")), format!("{:?}", agentgen::Value::Float(5e-324)));
    assert_eq!(format!("{:?}", extra("negative")), format!("{:?}", agentgen::Value::Float(-1.5)));
    assert_eq!(format!("{:?}", extra("inf")), format!("{:?}", agentgen::Value::Float(f64::NEG_INFINITY)));
    assert!(matches!(extra("not-a-number"), agentgen::Value::Float(f) if f.is_nan()));
    let mut depth = 0;
    let mut value = extra("deep");
    while let agentgen::Value::List([inner]) = value {
        depth += 1;
        value = inner;
    }
    assert_eq!(depth, 32);
}
