//! The conflict graph: queries on the seed case and on a chain of demands.

use standoff::conflict::{Conflict, EdgeKind, NodeKind, PolicyPressure, Threat, ThreatMeans};
use standoff::{ConflictGraph, Scenario};

const SEED: &str = include_str!("../seeds/blackberry-pakistan-2015.toml");

fn seed() -> ConflictGraph {
    ConflictGraph::new(&Scenario::from_toml_str(SEED).expect("seed loads")).expect("valid")
}

#[test]
fn the_seed_has_one_conflict_the_demand_against_the_no_backdoor_policy() {
    assert_eq!(
        seed().conflicts(),
        [Conflict {
            demand: "BES access".into(),
            maker: "Pakistan".into(),
            target: "BlackBerry".into(),
            policy: "no backdoors".into(),
        }]
    );
}

#[test]
fn in_the_seed_pakistan_threatens_a_shutdown_and_blackberry_its_exit() {
    assert_eq!(
        seed().threats(),
        [
            Threat {
                by: "Pakistan".into(),
                against: "BlackBerry".into(),
                means: ThreatMeans::Sanction {
                    sanction: "BES shutdown order".into(),
                    demand: "BES access".into()
                },
                in_force: true,
            },
            // Pakistan's priorities include `in_market BlackBerry`.
            Threat {
                by: "BlackBerry".into(),
                against: "Pakistan".into(),
                means: ThreatMeans::Exit {
                    option: "exit Pakistan".into()
                },
                in_force: false,
            },
        ]
    );
}

#[test]
fn in_the_seed_the_no_backdoor_policy_is_under_pressure() {
    assert_eq!(
        seed().policies_under_pressure(),
        [PolicyPressure {
            policy: "no backdoors".into(),
            holder: "BlackBerry".into(),
            demands: vec!["BES access".into()],
            sanctions: vec!["BES shutdown order".into()],
        }]
    );
}

#[test]
fn in_the_seed_the_two_parties_press_each_other() {
    let g = seed();
    assert_eq!(g.pressure_groups(), [["Pakistan", "BlackBerry"]]);
    assert!(g.demand_chains().is_empty());
}

#[test]
fn the_seed_graph_has_its_nodes_and_edges() {
    let g = seed();
    // Two parties, one policy, one demand, one sanction.
    assert_eq!(g.node_count(), 5);
    // holds, makes, targets, backed by, imposes, conflicts with.
    assert_eq!(g.edge_count(), 6);
    let kinds: Vec<EdgeKind> = g.edges().into_iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            EdgeKind::Holds,
            EdgeKind::Makes,
            EdgeKind::Targets,
            EdgeKind::BackedBy,
            EdgeKind::Imposes,
            EdgeKind::ConflictsWith
        ]
    );
    let conflict = g
        .edges()
        .into_iter()
        .find(|e| e.kind == EdgeKind::ConflictsWith)
        .expect("a conflict edge");
    assert_eq!(conflict.from.kind, NodeKind::Demand);
    assert_eq!(conflict.to.name, "no backdoors");
    let dot = g.to_dot();
    assert!(dot.starts_with("digraph \"BlackBerry and Pakistan, 2015\" {\n"));
    assert!(dot.contains("  n3 [label=\"BES access\\n(demand)\", shape=ellipse];\n"));
    assert!(dot.contains(
        "  n3 -> n2 [label=\"conflicts with\", color=red, fontcolor=red, style=bold];\n"
    ));
}

#[test]
fn the_summary_lists_every_query() {
    let text = seed().to_string();
    for line in [
        "Conflict `BlackBerry and Pakistan, 2015`: 2 parties, 1 policy, 1 demand, 1 sanction",
        "  demand `BES access` of Pakistan on BlackBerry runs into policy `no backdoors` of BlackBerry",
        "  BlackBerry threatens Pakistan with exit `exit Pakistan` (Pakistan wants BlackBerry in the market)",
        "mutual pressure: Pakistan <-> BlackBerry",
    ] {
        assert!(text.contains(line), "missing `{line}` in\n{text}");
    }
}

/// A ministry directs a regulator, which demands of a company; the company's exit worries the
/// regulator.
const CHAIN: &str = r#"
name = "Chain"

[[parties]]
name = "Ministry"
priorities = ["demand_met directive"]

[[parties]]
name = "Regulator"
kind = "regulator"
priorities = ["not withdrawn directive", "demand_met access", "in_market Company"]

[[parties]]
name = "Company"
kind = "company"
moves = [{ kind = "exit" }]
priorities = ["keep_policy privacy", "in_market"]

[[policies]]
name = "privacy"
holder = "Company"
insists_on = "End-to-end encryption"

[[demands]]
name = "directive"
by = "Ministry"
of = "Regulator"
requires = "obtain access"

[[demands]]
name = "access"
by = "Regulator"
of = "Company"
prohibits = "end-to-end  encryption"

[[sanctions]]
name = "block"
kind = "ban"
backs = "access"
"#;

#[test]
fn dependent_demands_form_a_chain_and_insisted_policies_conflict_with_prohibitions() {
    let g = ConflictGraph::new(&Scenario::from_toml_str(CHAIN).expect("valid")).expect("valid");
    assert_eq!(g.demand_chains(), [["directive", "access"]]);
    // `insists_on` matches `prohibits` ignoring case and spacing.
    assert_eq!(
        g.conflicts(),
        [Conflict {
            demand: "access".into(),
            maker: "Regulator".into(),
            target: "Company".into(),
            policy: "privacy".into(),
        }]
    );
    // Regulator -> Company (demand, ban), Company -> Regulator (exit): one group; the ministry
    // only presses the regulator.
    assert_eq!(g.pressure_groups(), [["Regulator", "Company"]]);
    let exit = g
        .threats()
        .into_iter()
        .find(|t| matches!(t.means, ThreatMeans::Exit { .. }))
        .expect("an exit threat");
    assert_eq!(exit.by, "Company");
    assert_eq!(exit.against, "Regulator");
    assert_eq!(
        exit.means,
        ThreatMeans::Exit {
            option: "Company exits".into()
        }
    );
}
