//! Compilation: the seed case and a scenario using every kind of move, checked against the
//! rules table of `standoff::compile` by hand.

use standoff::compile::{OptionRole, Rule, RuleKind};
use standoff::{compile, Direction, OutcomeKind, Scenario};

const SEED: &str = include_str!("../seeds/blackberry-pakistan-2015.toml");

fn seed() -> standoff::Compiled {
    compile(&Scenario::from_toml_str(SEED).expect("seed loads")).expect("seed compiles")
}

fn infeasible(condition: &str, reason: &str) -> Rule {
    Rule {
        kind: RuleKind::Infeasible,
        party: None,
        condition: condition.into(),
        reason: reason.into(),
    }
}

fn priority(party: &str, condition: &str, term: &str) -> Rule {
    Rule {
        kind: RuleKind::Priority,
        party: Some(party.into()),
        condition: condition.into(),
        reason: term.into(),
    }
}

#[test]
fn the_seed_compiles_to_four_options_and_eight_states() {
    let c = seed();
    let m = c.model();
    let names: Vec<(&str, &str)> = c
        .options()
        .iter()
        .map(|o| (o.party.as_str(), o.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Pakistan", "enforce BES shutdown order"),
            ("Pakistan", "withdraw BES access"),
            ("BlackBerry", "comply with BES access"),
            ("BlackBerry", "exit Pakistan"),
        ]
    );
    assert_eq!(c.options()[3].role, OptionRole::Exit);
    // 16 combinations minus: enforce & withdraw (4), comply & exit (3 more), comply &
    // withdraw (1 more) = 8.
    assert_eq!(m.state_count(), 8);
    let labels: Vec<String> = m.feasible_states().map(|s| m.label(s)).collect();
    assert_eq!(
        labels,
        ["NNNN", "YNNN", "NYNN", "NNYN", "YNYN", "NNNY", "YNNY", "NYNY"]
    );
    // The shutdown order is in force in July 2015.
    assert_eq!(m.status_quo().map(|s| m.label(s)).as_deref(), Some("YNNN"));
    assert_eq!(m.options()[3].direction(), Some(Direction::Forward));
}

#[test]
fn the_seed_rules_follow_the_table() {
    let rules = seed().rules().to_vec();
    assert_eq!(
        rules,
        [
            infeasible(
                "`enforce BES shutdown order` & `withdraw BES access`",
                "a sanction only while its demand stands"
            ),
            infeasible(
                "`comply with BES access` & `withdraw BES access`",
                "compliance only while the demand stands"
            ),
            infeasible(
                "`comply with BES access` & `exit Pakistan`",
                "a party cannot both comply and exit"
            ),
            Rule {
                kind: RuleKind::Irreversible,
                party: Some("BlackBerry".into()),
                condition: "exit Pakistan".into(),
                reason: "exit is irreversible".into(),
            },
            priority(
                "Pakistan",
                "`comply with BES access`",
                "demand_met BES access"
            ),
            priority(
                "Pakistan",
                "!`exit Pakistan` & !`enforce BES shutdown order`",
                "in_market BlackBerry"
            ),
            priority(
                "Pakistan",
                "!`withdraw BES access`",
                "not_withdraw BES access"
            ),
            priority(
                "BlackBerry",
                "!`comply with BES access`",
                "keep_policy no backdoors"
            ),
            priority(
                "BlackBerry",
                "`withdraw BES access` | `exit Pakistan`",
                "free_of BES access"
            ),
            priority(
                "BlackBerry",
                "!`exit Pakistan` & !`enforce BES shutdown order`",
                "in_market"
            ),
            priority(
                "BlackBerry",
                "!`enforce BES shutdown order` | `exit Pakistan`",
                "avoid BES shutdown order"
            ),
        ]
    );
}

#[test]
fn the_seed_states_have_readable_names() {
    let c = seed();
    let m = c.model();
    let name = |label: &str| c.outcome(m.parse_state(label).expect("label"));
    assert_eq!(
        name("NYNN").name,
        "demand withdrawn: Pakistan withdraws BES access, BlackBerry stays"
    );
    assert_eq!(name("NYNN").kind, OutcomeKind::DemandWithdrawn);
    assert_eq!(
        name("NNNY").name,
        "market exit: BlackBerry exits the market"
    );
    assert_eq!(
        name("YNNY").name,
        "market exit: Pakistan enforces BES shutdown order, BlackBerry exits the market"
    );
    assert_eq!(
        name("NNNN").name,
        "stalemate: BES access stands unmet, BlackBerry stays"
    );
    assert_eq!(
        name("YNNN").name,
        "sanction imposed: Pakistan enforces BES shutdown order, BES access stands unmet, BlackBerry stays"
    );
    assert_eq!(name("NNYN").kind, OutcomeKind::Compliance);
    assert_eq!(
        name("NNYN").name,
        "compliance: BlackBerry complies with BES access"
    );
    let from = m.parse_state("YNNN").expect("label");
    let to = m.parse_state("NYNN").expect("label");
    assert_eq!(
        c.changes(from, to),
        [
            "Pakistan lifts BES shutdown order",
            "Pakistan withdraws BES access"
        ]
    );
}

#[test]
fn the_compiled_seed_prints_as_a_graph_model_file_with_its_mapping() {
    let c = seed();
    let text = c.model_toml().expect("serializes");
    assert!(text.contains("#    4. exit Pakistan -- BlackBerry exits the market\n"));
    assert!(text.contains("#   `withdraw BES access` | `exit Pakistan`    <- free_of BES access\n"));
    assert!(text.contains("format = \"standoff.graph-model/1\""));
    let reloaded = standoff::GraphModel::from_toml_str(&text).expect("a valid graph-model file");
    assert_eq!(&reloaded, c.model());
}

/// Every kind of move: a deadline extension, a partial arrangement, a court challenge, an exit.
const FULL: &str = r#"
name = "Full"

[[parties]]
name = "Authority"
moves = [{ kind = "extend_deadline", demand = "access" }]
priorities = ["demand_partly_met access", "impose ban"]

[[parties]]
name = "Company"
moves = [
  { kind = "challenge_in_court", demand = "access", name = "sue" },
  { kind = "exit", name = "leave" },
]
priorities = ["keep_policy privacy", "in_market", "not exited Company"]

[[policies]]
name = "privacy"
holder = "Company"
refuses = "access"
firmness = "absolute"

[[demands]]
name = "access"
by = "Authority"
of = "Company"
requires = "access"
partial = "case-by-case requests"

[[sanctions]]
name = "ban"
kind = "ban"
backs = "access"
"#;

#[test]
fn every_kind_of_move_gets_its_option_and_rules() {
    let c = compile(&Scenario::from_toml_str(FULL).expect("valid")).expect("compiles");
    let names: Vec<&str> = c.options().iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "enforce ban",
            "withdraw access",
            "Authority extends the deadline of access",
            "comply with access",
            "partial access",
            "sue",
            "leave",
        ]
    );
    let infeasible: Vec<&str> = c
        .rules()
        .iter()
        .filter(|r| r.kind == RuleKind::Infeasible)
        .map(|r| r.condition.as_str())
        .collect();
    assert_eq!(
        infeasible,
        [
            "`enforce ban` & `withdraw access`",
            "`comply with access` & `withdraw access`",
            "`partial access` & `withdraw access`",
            "`comply with access` & `partial access`",
            "`comply with access` & leave",
            "`partial access` & leave",
            "`Authority extends the deadline of access` & `withdraw access`",
            "`Authority extends the deadline of access` & `enforce ban`",
            "sue & `comply with access`",
            "sue & `withdraw access`",
            "sue & leave",
        ]
    );
    // Authority: {}, enforce, withdraw, extend (any two exclude each other). Company: {},
    // comply, partial, sue, leave, partial+sue. Withdrawn: only {} or leave. 3 x 6 + 2 = 20.
    assert_eq!(c.model().state_count(), 20);
    let priorities: Vec<&str> = c
        .rules()
        .iter()
        .filter(|r| r.kind == RuleKind::Priority)
        .map(|r| r.condition.as_str())
        .collect();
    assert_eq!(
        priorities,
        [
            "`comply with access` | `partial access`",
            "`enforce ban`",
            "!`comply with access` & !`partial access`",
            "!leave & !`enforce ban`",
            "!leave",
        ]
    );
    let m = c.model();
    let name = |label: &str| c.outcome(m.parse_state(label).expect("label")).name;
    assert_eq!(
        name("NNNNYNN"),
        "negotiated compromise: Company partly complies with access"
    );
    assert_eq!(
        name("NNYNNYN"),
        "stalemate: Authority extends the deadline of access, Company challenges access in court, access stands unmet, Company stays"
    );
}

#[test]
fn user_outcome_rules_come_first() {
    let text = format!(
        "{FULL}\n[[outcomes]]\nname = \"court fight\"\nwhen = [\"option sue\", \"not_withdraw access\"]\n"
    );
    let c = compile(&Scenario::from_toml_str(&text).expect("valid")).expect("compiles");
    let m = c.model();
    let outcome = c.outcome(m.parse_state("NNYNNYN").expect("label"));
    assert_eq!(outcome.kind, OutcomeKind::Custom);
    assert_eq!(outcome.name, "court fight");
    // Without the challenge the built-in names apply.
    assert_eq!(
        c.outcome(m.parse_state("NNNNNNN").expect("label")).kind,
        OutcomeKind::Stalemate
    );
}

#[test]
fn an_explicit_preference_overrides_the_priorities() {
    let text = FULL.replacen(
        "priorities = [\"demand_partly_met access\", \"impose ban\"]",
        "preference = { priorities = [\"`enforce ban`\"] }",
        1,
    );
    let c = compile(&Scenario::from_toml_str(&text).expect("valid")).expect("compiles");
    let m = c.model();
    let with_ban = m.parse_state("YNNNNNN").expect("label");
    let without = m.parse_state("NNNNNNN").expect("label");
    assert!(m.payoff(0, with_ban) > m.payoff(0, without));
    assert_eq!(
        m.file().preferences.0[0].1.priorities.as_deref(),
        Some(&["`enforce ban`".to_string()][..])
    );
}
