//! The seed case, BlackBerry and Pakistan (2015), resolved.
//!
//! Expected values derived by hand from the seed's priorities (weights 4/2/1 for Pakistan,
//! 8/4/2/1 for BlackBerry; options E = enforce shutdown order, W = withdraw BES access,
//! C = comply, X = exit; labels EWCX):
//!
//! | state | Pakistan: C, !X&!E, !W | BlackBerry: !C, W\|X, !X&!E, !E\|X |
//! |---|---|---|
//! | NNNN | 0+2+1 = 3 | 8+0+2+1 = 11 |
//! | YNNN | 0+0+1 = 1 | 8+0+0+0 = 8 |
//! | NYNN | 0+2+0 = 2 | 8+4+2+1 = 15 |
//! | NNYN | 4+2+1 = 7 | 0+0+2+1 = 3 |
//! | YNYN | 4+0+1 = 5 | 0 |
//! | NNNY | 0+0+1 = 1 | 8+4+0+1 = 13 |
//! | YNNY | 1 | 13 |
//! | NYNY | 0 | 13 |
//!
//! From the status quo YNNN (order in force), Pakistan improves to NNNN (3) and NYNN (2), and
//! BlackBerry to YNNY (13 > 8). From NNNN BlackBerry improves to NNNY (13 > 11). Nothing else
//! improves, so YNNN, NNNN, NYNN, YNNY and NNNY are reachable.
//! - NYNN: BlackBerry has no improvement (15 is its best). Pakistan's only improvement is back
//!   to NNNN (3 > 2), answered by BlackBerry's exit NNNN -> NNNY, an improvement for BlackBerry
//!   (13 > 11) leaving Pakistan at 1 <= 2: stable under SEQ, hence GMR; under SMR too
//!   (Pakistan's moves from NNNY, to YNNY (1) and NYNY (0), are no better than 2). Not Nash,
//!   and not SIM (BlackBerry has no improvement at NYNN to combine with).
//! - YNNY and NNNY: nobody has an improvement (exit is irreversible, comply & exit is
//!   infeasible; Pakistan's payoffs there are 1, 1 and 0): Nash, hence every concept.

use standoff::compile::OutcomeKind;
use standoff::report::scenario_report;
use standoff::resolve::{Resolution, RESOLUTION_FORMAT};
use standoff::{Concept, ConflictGraph, Resolver, Scenario};

const SEED: &str = include_str!("../seeds/blackberry-pakistan-2015.toml");

fn resolve() -> Resolution {
    let scenario = Scenario::from_toml_str(SEED).expect("seed loads");
    Resolver::default()
        .resolve_scenario(&scenario)
        .expect("seed resolves")
        .1
}

#[test]
fn the_real_end_is_predicted_withdrawn_with_blackberry_staying() {
    let r = resolve();
    assert_eq!(r.status_quo.label, "YNNN");
    assert_eq!(r.reachable, 5);
    let predicted: Vec<&str> = r.predicted.iter().map(|p| p.state.label.as_str()).collect();
    // Nearest first: NYNN and YNNY one step away, NNNY two.
    assert_eq!(predicted, ["NYNN", "YNNY", "NNNY"]);
    let real = r.predicted_outcome("NYNN").expect("predicted");
    assert_eq!(real.state.outcome.kind, OutcomeKind::DemandWithdrawn);
    assert_eq!(
        real.state.outcome.name,
        "demand withdrawn: Pakistan withdraws BES access, BlackBerry stays"
    );
    assert_eq!(real.concepts, [Concept::Gmr, Concept::Smr, Concept::Seq]);
    // Pakistan rescinds the order and withdraws the demand in one move.
    assert_eq!(real.path.len(), 1);
    assert_eq!(real.path[0].party, "Pakistan");
    assert_eq!(real.path[0].from, "YNNN");
    assert_eq!(
        real.path[0].changes,
        [
            "Pakistan lifts BES shutdown order",
            "Pakistan withdraws BES access"
        ]
    );
    assert!(real.path[0].improvement);
    // The other predicted outcomes are the market exit.
    for label in ["YNNY", "NNNY"] {
        let p = r.predicted_outcome(label).expect("predicted");
        assert_eq!(p.state.outcome.kind, OutcomeKind::MarketExit);
        assert_eq!(p.concepts, Concept::ALL);
    }
}

#[test]
fn market_exit_is_the_credible_threat_that_keeps_the_demand_withdrawn() {
    let r = resolve();
    let credible: Vec<(&str, &str)> = r
        .credible_threats()
        .map(|t| (t.party.as_str(), t.option.as_str()))
        .collect();
    assert_eq!(credible, [("BlackBerry", "exit Pakistan")]);
    let exit = &r.threats[0];
    assert_eq!(exit.against, ["Pakistan"]);
    // At the real end, it deters Pakistan from reasserting the demand (NYNN -> NNNN), under
    // SEQ (credibly), SMR and GMR.
    let at_end = exit
        .deters
        .iter()
        .find(|d| d.at.label == "NYNN")
        .expect("deters at the real end");
    assert_eq!(at_end.party, "Pakistan");
    assert_eq!(at_end.instead_of.label, "NNNN");
    assert_eq!(at_end.concepts, [Concept::Gmr, Concept::Smr, Concept::Seq]);
    assert!(at_end.credible);
    // At the status quo, it deters Pakistan from merely lifting the order (YNNN -> NNNN),
    // which leaves withdrawal as Pakistan's unblocked improvement.
    let at_start = exit
        .deters
        .iter()
        .find(|d| d.at.label == "YNNN")
        .expect("deters at the status quo");
    assert_eq!(at_start.instead_of.label, "NNNN");
    assert_eq!(exit.on_paths, ["YNNY", "NNNY"]);
}

#[test]
fn the_explanation_tree_shows_why_each_party_stays() {
    let r = resolve();
    let real = r.predicted_outcome("NYNN").expect("predicted");
    let seq = real.leading().expect("an explanation");
    assert_eq!(seq.concept, Concept::Seq);
    let pakistan = &seq.parties[0];
    assert_eq!(pakistan.party, "Pakistan");
    assert!(pakistan.stable);
    assert_eq!(pakistan.improvements.len(), 1);
    let imp = &pakistan.improvements[0];
    assert_eq!(imp.to.label, "NNNN");
    assert_eq!(imp.changes, ["Pakistan reasserts BES access"]);
    let block = imp.blocked_by.as_ref().expect("blocked");
    assert!(block.credible);
    assert_eq!(block.end.label, "NNNY");
    assert_eq!(block.moves.len(), 1);
    assert_eq!(block.moves[0].party, "BlackBerry");
    assert_eq!(block.moves[0].changes, ["BlackBerry exits the market"]);
    let blackberry = &seq.parties[1];
    assert!(blackberry.stable);
    assert!(blackberry.improvements.is_empty());
    // Every concept it is an equilibrium under has its own tree.
    let concepts: Vec<Concept> = real.explanations.iter().map(|e| e.concept).collect();
    assert_eq!(concepts, [Concept::Gmr, Concept::Smr, Concept::Seq]);

    // At the status quo Pakistan's withdrawal is unblocked and BlackBerry's exit too.
    let sq = &r.status_quo_reasons;
    assert_eq!(sq.concept, Concept::Seq);
    let withdrawal = sq.parties[0]
        .improvements
        .iter()
        .find(|i| i.to.label == "NYNN")
        .expect("Pakistan may withdraw");
    assert!(withdrawal.blocked_by.is_none());
}

#[test]
fn the_equilibria_carry_their_outcome_names_and_concepts() {
    let r = resolve();
    let eq: Vec<(&str, Vec<Concept>, bool)> = r
        .equilibria
        .iter()
        .map(|e| (e.state.label.as_str(), e.concepts.clone(), e.reachable))
        .collect();
    assert_eq!(
        eq,
        [
            ("NYNN", vec![Concept::Gmr, Concept::Smr, Concept::Seq], true),
            ("NNNY", Concept::ALL.to_vec(), true),
            ("YNNY", Concept::ALL.to_vec(), true),
        ]
    );
}

#[test]
fn the_resolution_reads_as_text_and_as_json() {
    let scenario = Scenario::from_toml_str(SEED).expect("seed loads");
    let conflict = ConflictGraph::new(&scenario).expect("valid");
    let r = resolve();
    let text = scenario_report(&conflict, &r);
    for line in [
        "  BlackBerry: `exit Pakistan` (BlackBerry exits the market) -- credible, against Pakistan",
        "  1. NYNN (demand withdrawn: Pakistan withdraws BES access, BlackBerry stays)  [gmr smr seq]",
        "       Pakistan: YNNN -> NYNN: Pakistan lifts BES shutdown order, Pakistan withdraws BES access",
        "           blocked: BlackBerry exits the market (NNNN -> NNNY, credible), ending in NNNY (market exit: BlackBerry exits the market)",
    ] {
        assert!(text.contains(line), "missing `{line}` in\n{text}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&r.to_json_string().expect("serializes")).expect("valid JSON");
    assert_eq!(json["format"], RESOLUTION_FORMAT);
    assert_eq!(json["predicted"][0]["state"]["label"], "NYNN");
    assert_eq!(
        json["predicted"][0]["state"]["outcome"]["kind"],
        "demand_withdrawn"
    );
    assert_eq!(json["threats"][0]["option"], "exit Pakistan");
    assert_eq!(json["threats"][0]["credible"], true);
}
