//! The encoding guide (`docs/encoding.md`) is what blind analysts follow: its worked example
//! must compile and must obey the guide's own rules, or analysts copy a contradiction.

use standoff::compile::compile;
use standoff::scenario::RankEntry;
use standoff::Scenario;

const GUIDE: &str = include_str!("../docs/encoding.md");

/// The TOML blocks of the guide, in order.
fn toml_blocks() -> Vec<&'static str> {
    GUIDE
        .split("```toml\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .collect()
}

/// The guide's worked example: the one block that is a whole scenario.
fn worked_example() -> Scenario {
    let blocks: Vec<&str> = toml_blocks()
        .into_iter()
        .filter(|b| b.trim_start().starts_with("name ="))
        .collect();
    assert_eq!(blocks.len(), 1, "one worked example expected");
    Scenario::from_toml_str(blocks[0]).expect("the worked example parses")
}

/// The outcome ranking of the worked example's party `name`.
fn ranking_of(name: &str) -> Vec<RankEntry> {
    worked_example()
        .parties
        .into_iter()
        .find(|p| p.name == name)
        .map(|p| p.outcome_ranking)
        .unwrap_or_else(|| panic!("no party `{name}` in the worked example"))
}

/// Where `outcome` is placed in `ranking`, as the index of its entry.
fn place(ranking: &[RankEntry], outcome: &str) -> Option<usize> {
    ranking
        .iter()
        .position(|e| e.names().iter().any(|n| n == outcome))
}

#[test]
fn the_worked_example_compiles_into_the_documented_conflict() {
    let scenario = worked_example();
    let compiled = compile(&scenario).expect("the worked example compiles");
    // Options: the authority's block and withdrawal, the company's compliance, partial
    // arrangement, exit and circumvention.
    let names: Vec<&str> = compiled.options().iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(names.iter().any(|n| n.contains("circumvent")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("exit")), "{names:?}");
}

#[test]
fn the_worked_example_follows_rule_4_2_1_comply_directly_above_ban() {
    // The card in the example shows no block the company accepted before rather than comply,
    // so rule 1 of section 4.2 puts `comply` directly above `ban`, never open.
    let ranking = &ranking_of("Messenger");
    let (comply, ban) = (place(ranking, "comply"), place(ranking, "ban"));
    assert_eq!(ban, comply.map(|c| c + 1), "{ranking:?}");
    assert!(
        ranking
            .iter()
            .all(|e| !matches!(e, RankEntry::Unknown { .. })),
        "{ranking:?}"
    );
}

#[test]
fn the_worked_example_follows_rule_4_1_5_an_offer_only_the_company_made() {
    // Only the company offered the partial arrangement and the authority said nothing on it,
    // so rule 5 of section 4.1 puts the authority's `compromise` directly below `ban` (which
    // is above `stalemate` there: it means to enforce).
    let ranking = &ranking_of("Authority");
    let (ban, compromise) = (place(ranking, "ban"), place(ranking, "compromise"));
    assert_eq!(compromise, ban.map(|b| b + 1), "{ranking:?}");
    assert!(
        place(ranking, "ban") < place(ranking, "stalemate"),
        "{ranking:?}"
    );
}

#[test]
fn every_ranking_snippet_of_the_guide_parses_as_a_ranking() {
    // The one-line snippets (`outcome_ranking = [...]`, `alternatives = [...]`) must be valid
    // scenario syntax: each is placed in a minimal party and parsed.
    let mut checked = 0;
    for block in toml_blocks() {
        if block.trim_start().starts_with("name =") {
            continue;
        }
        let body: String = block
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        let text =
            format!("name = \"snippet\"\n[[parties]]\nname = \"P\"\nmoves = [{{ kind = \"exit\" }}]\n{body}\n");
        let scenario = Scenario::from_toml_str(&text)
            .unwrap_or_else(|e| panic!("snippet does not parse: {e}\n{text}"));
        let p = &scenario.parties[0];
        assert!(
            !p.outcome_ranking.is_empty() || !p.alternatives.is_empty(),
            "{text}"
        );
        checked += 1;
    }
    assert_eq!(checked, 3, "the guide's three ranking snippets");
}
