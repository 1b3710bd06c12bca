use super::*;
use crate::lsp::features::fixture::{PLANNER, REVIEWER, STYLE, range, team};

#[test]
fn keys_then_nested_headings() {
    let fixture = team();
    let symbols = document_symbols(
        &fixture.catalog,
        &fixture.path("agents/planner.md"),
        PLANNER,
    );
    let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "name",
            "description",
            "tools",
            "skills",
            "dependencies",
            "observer",
            "Planning"
        ]
    );
    assert_eq!(symbols[1].detail.as_deref(), Some("Plans the work"));
    assert_eq!(symbols[0].selection_range, range(PLANNER, "name", 0));
    let planning = &symbols[6];
    assert_eq!(planning.kind, SymbolKind::STRING);
    assert_eq!(planning.selection_range, range(PLANNER, "Planning", 0));
    let children: Vec<&str> = planning
        .children
        .iter()
        .flatten()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(children, ["Steps"]);
    let end = crate::lsp::text::position_of(PLANNER, PLANNER.trim_end().len());
    assert_eq!(planning.range.end, end);
}

#[test]
fn headings_in_code_blocks_are_not_headings() {
    let fixture = team();
    let text = "---\nname: x\ndescription: d\n---\n```\n# not\n```\n#no\n# Yes #\n";
    let symbols = document_symbols(&fixture.catalog, &fixture.path("agents/new.md"), text);
    let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["name", "description", "Yes"]);
}

#[test]
fn agents_and_skills_of_every_catalog_by_query() {
    let fixture = team();
    let all = workspace_symbols(&[&fixture.catalog], "");
    let names: Vec<(&str, SymbolKind)> = all.iter().map(|s| (s.name.as_str(), s.kind)).collect();
    assert_eq!(
        names,
        [
            ("coder", SymbolKind::CLASS),
            ("planner", SymbolKind::CLASS),
            ("reviewer", SymbolKind::CLASS),
            ("style", SymbolKind::MODULE)
        ]
    );
    let found = workspace_symbols(&[&fixture.catalog], "VIEW");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].location.uri, fixture.uri("agents/reviewer.md"));
    assert_eq!(found[0].location.range, range(REVIEWER, "reviewer", 0));
    let skill = workspace_symbols(&[&fixture.catalog], "sty");
    assert_eq!(skill[0].location.range, range(STYLE, "style", 0));
}
