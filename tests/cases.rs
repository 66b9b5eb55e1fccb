//! The case library: every real standoff in `seeds/` loads, compiles and resolves, and its
//! recorded outcome is among the predicted outcomes, or is a documented miss.
//!
//! A predicted outcome *is* the recorded outcome where its state's [`OutcomeCode`] (the code
//! of its built-in outcome kind, see `standoff::compile`) equals the recorded code. For each
//! case, [`EXPECTED`] gives the codes of the predicted outcomes (nearest first) and the
//! concepts under which a state with the recorded code is predicted: empty for a miss.
//!
//! Hits: the seed case (GMR, SMR, SEQ: the withdrawal is held in place by BlackBerry's exit
//! threat, so it is not Nash) and seven of the eight other cases (every concept).
//!
//! Miss: Telegram and Russia. Russia ranks not dropping the key demand (pursued through fines
//! and courts from 2017, and through two years of failed blocking), as the seed ranks
//! Pakistan's; once Telegram evades the block, the block only costs Russia, so Russia lifts it,
//! but nothing makes it drop the demand: the model predicts the block lifted with the demand
//! standing (stalemate), while the record says withdrawn. Roskomnadzor "removes requirements to
//! restrict access" (the block); no withdrawal of the key requirement itself is reported.

use std::path::{Path, PathBuf};

use standoff::compile::{OutcomeCode, OutcomeKind};
use standoff::{compile, Concept, Resolver, Scenario};

use Concept::{Gmr, Nash, Seq, Sim, Smr};
use OutcomeCode::{Ban, Comply, Compromise, Exit, Stalemate, Withdrawn};

/// A case's expected resolution.
struct Expected {
    /// The file name in `seeds/`.
    file: &'static str,
    /// The recorded outcome's code.
    recorded: OutcomeCode,
    /// The codes of the predicted outcomes, nearest first.
    predicted: &'static [OutcomeCode],
    /// The concepts under which a predicted state has the recorded code (empty: a miss).
    hit: &'static [Concept],
}

const ALL: &[Concept] = &[Nash, Gmr, Smr, Seq, Sim];

const EXPECTED: &[Expected] = &[
    Expected {
        file: "apple-china-vpn-2017.toml",
        recorded: Comply,
        predicted: &[Comply, Ban],
        hit: ALL,
    },
    Expected {
        file: "apple-fbi-2016.toml",
        recorded: Withdrawn,
        predicted: &[Stalemate, Withdrawn],
        hit: ALL,
    },
    Expected {
        file: "blackberry-india-2010.toml",
        recorded: Compromise,
        predicted: &[Compromise, Ban],
        hit: ALL,
    },
    Expected {
        file: "blackberry-pakistan-2015.toml",
        recorded: Withdrawn,
        predicted: &[Withdrawn, Exit, Exit],
        hit: &[Gmr, Smr, Seq],
    },
    Expected {
        file: "blackberry-uae-2010.toml",
        recorded: Compromise,
        predicted: &[Ban, Compromise],
        hit: ALL,
    },
    Expected {
        file: "google-china-2010.toml",
        recorded: Exit,
        predicted: &[Exit],
        hit: ALL,
    },
    Expected {
        file: "lavabit-2013.toml",
        recorded: Exit,
        predicted: &[Exit, Exit],
        hit: ALL,
    },
    Expected {
        file: "linkedin-russia-2016.toml",
        recorded: Ban,
        predicted: &[Ban],
        hit: ALL,
    },
    Expected {
        file: "telegram-russia-2018.toml",
        recorded: Withdrawn,
        predicted: &[Stalemate, Stalemate],
        hit: &[],
    },
];

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn seed_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(seeds())
        .expect("seeds/ lists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    files.sort();
    files
}

/// The recorded code, the predicted outcomes' codes and the concepts predicting the recorded
/// outcome.
fn resolve(file: &str) -> (OutcomeCode, Vec<OutcomeCode>, Vec<Concept>) {
    let scenario = Scenario::from_path(seeds().join(file)).expect("the case loads");
    let recorded = scenario
        .recorded_outcome
        .as_ref()
        .unwrap_or_else(|| panic!("`{file}` records its outcome"))
        .code;
    let (compiled, resolution) = Resolver::default()
        .resolve_scenario(&scenario)
        .expect("the case resolves");
    let mut codes = Vec::new();
    let mut hit: Vec<Concept> = Vec::new();
    for p in &resolution.predicted {
        let state = compiled
            .model()
            .parse_state(&p.state.label)
            .expect("a label of the model");
        let code = compiled.outcome_code(state);
        // No case names its own outcomes: the built-in kind is the outcome's kind.
        assert!(
            code.matches(p.state.outcome.kind),
            "{file}: {}",
            p.state.label
        );
        if code == recorded {
            hit.extend(p.concepts.iter().copied());
        }
        codes.push(code);
    }
    hit.sort();
    hit.dedup();
    (recorded, codes, hit)
}

#[test]
fn the_library_has_the_seed_and_eight_real_cases_each_expected_here() {
    let files = seed_files();
    assert!(files.len() >= 9, "{files:?}");
    let expected: Vec<&str> = EXPECTED.iter().map(|e| e.file).collect();
    assert_eq!(
        files, expected,
        "every case in seeds/ has its expected resolution in EXPECTED"
    );
}

#[test]
fn every_case_loads_compiles_and_records_its_sources_and_outcome() {
    for file in seed_files() {
        let scenario = Scenario::from_path(seeds().join(&file)).expect("the case loads");
        assert!(!scenario.sources.is_empty(), "{file}: no sources");
        let rec = scenario
            .recorded_outcome
            .as_ref()
            .expect("a recorded outcome");
        assert!(
            !rec.date.is_empty() && !rec.description.is_empty(),
            "{file}"
        );
        // No explicit state rankings: priorities in domain terms only.
        for p in &scenario.parties {
            assert!(p.preference.is_none(), "{file}: `{}` ranks states", p.name);
            assert!(!p.priorities.is_empty(), "{file}: `{}`", p.name);
        }
        assert!(scenario.infeasible.is_empty(), "{file}: raw conditions");
        compile(&scenario).expect("the case compiles");
    }
}

#[test]
fn each_case_is_a_hit_or_a_documented_miss() {
    for e in EXPECTED {
        let (recorded, codes, hit) = resolve(e.file);
        assert_eq!(recorded, e.recorded, "{}", e.file);
        assert_eq!(codes, e.predicted, "{}: predicted outcomes", e.file);
        assert_eq!(hit, e.hit, "{}: concepts predicting the record", e.file);
        // A hit is exactly a recorded code among the predicted ones.
        assert_eq!(!hit.is_empty(), codes.contains(&recorded), "{}", e.file);
    }
}

#[test]
fn eight_of_nine_cases_are_hits_and_every_concept_predicts_most() {
    let hits = EXPECTED.iter().filter(|e| !e.hit.is_empty()).count();
    assert_eq!(hits, 8);
    let count = |c: Concept| EXPECTED.iter().filter(|e| e.hit.contains(&c)).count();
    assert_eq!(
        [count(Nash), count(Gmr), count(Smr), count(Seq), count(Sim)],
        [7, 8, 8, 8, 7]
    );
}

#[test]
fn every_outcome_code_stands_for_one_built_in_kind() {
    let kinds = [
        OutcomeKind::MarketExit,
        OutcomeKind::SanctionImposed,
        OutcomeKind::Compliance,
        OutcomeKind::Compromise,
        OutcomeKind::DemandWithdrawn,
        OutcomeKind::Stalemate,
    ];
    for (code, kind) in OutcomeCode::ALL.into_iter().zip(kinds) {
        assert!(code.matches(kind));
        assert_eq!(code.kind(), kind);
        assert_eq!(OutcomeCode::of_kind(kind), Some(code));
        assert_eq!(
            OutcomeCode::ALL.iter().filter(|c| c.matches(kind)).count(),
            1
        );
    }
    assert_eq!(OutcomeCode::of_kind(OutcomeKind::Custom), None);
    assert!(OutcomeCode::ALL
        .iter()
        .all(|c| !c.matches(OutcomeKind::Custom)));
}

#[test]
fn user_outcome_rules_rename_states_but_keep_their_code() {
    let text = std::fs::read_to_string(seeds().join("linkedin-russia-2016.toml")).expect("reads");
    let text = text.replace(
        "[recorded_outcome]",
        "[[outcomes]]\nname = \"LinkedIn blocked\"\nwhen = [\"impose LinkedIn block\"]\n\n[recorded_outcome]",
    );
    let scenario = Scenario::from_toml_str(&text).expect("loads");
    let (compiled, resolution) = Resolver::default()
        .resolve_scenario(&scenario)
        .expect("resolves");
    let p = &resolution.predicted[0];
    assert_eq!(p.state.outcome.kind, OutcomeKind::Custom);
    assert_eq!(p.state.outcome.name, "LinkedIn blocked");
    let state = compiled.model().parse_state(&p.state.label).expect("label");
    assert_eq!(compiled.builtin_kind(state), OutcomeKind::SanctionImposed);
    assert_eq!(compiled.outcome_code(state), Ban);
}

#[test]
fn a_recorded_outcome_is_checked_when_loading() {
    let text = std::fs::read_to_string(seeds().join("lavabit-2013.toml")).expect("reads");
    let bad = text.replace("code = \"exit\"", "code = \"surrender\"");
    let err = Scenario::from_toml_str(&bad).expect_err("unknown code");
    let line = text
        .lines()
        .position(|l| l.starts_with("code = "))
        .expect("a code line")
        + 1;
    let message = err.to_string();
    assert!(message.contains("surrender"), "{message}");
    assert!(message.contains(&format!("line {line}")), "{message}");
    let missing = text.replace("date = \"2013-08-08\"\n", "");
    assert!(Scenario::from_toml_str(&missing).is_err());
    // JSON carries it too.
    let scenario = Scenario::from_toml_str(&text).expect("loads");
    let json = scenario.to_json_string().expect("serializes");
    let back = Scenario::from_json_str(&json).expect("reads back");
    assert_eq!(back.recorded_outcome, scenario.recorded_outcome);
}

#[test]
fn upheld_and_circumvention_compile_as_documented() {
    let priorities = |file: &str, party: &str| -> Vec<(String, String)> {
        let scenario = Scenario::from_path(seeds().join(file)).expect("loads");
        compile(&scenario)
            .expect("compiles")
            .rules()
            .iter()
            .filter(|r| r.party.as_deref() == Some(party) && r.reason != "exit is irreversible")
            .map(|r| (r.reason.clone(), r.condition.clone()))
            .collect()
    };
    // A partial arrangement upholds the demand; so does an enforced sanction.
    let india = priorities("blackberry-india-2010.toml", "India");
    assert_eq!(
        india[1],
        (
            "upheld lawful interception".into(),
            "`comply with lawful interception` | `partial lawful interception` | `enforce block of BES and BBM`".into()
        )
    );
    // A circumvented block upholds nothing and does not keep its target out of the market.
    let russia = priorities("telegram-russia-2018.toml", "Russia");
    assert_eq!(
        russia[1].1,
        "`comply with decryption keys` | `enforce Telegram block` & !`evade the block`"
    );
    let telegram = priorities("telegram-russia-2018.toml", "Telegram");
    assert_eq!(
        telegram[1],
        (
            "in_market".into(),
            "!(`enforce Telegram block` & !`evade the block`)".into()
        )
    );
    // An exit upholds the demand (the target no longer operates in defiance of it).
    let china = priorities("google-china-2010.toml", "China");
    assert_eq!(
        china[2].1,
        "`comply with self-censored search` | `stop search on the mainland` | `enforce ICP licence non-renewal`"
    );
}

#[test]
fn a_circumventing_party_that_exits_stops_circumventing() {
    let text = std::fs::read_to_string(seeds().join("telegram-russia-2018.toml")).expect("reads");
    let text = text.replace(
        "moves = [{ kind = \"circumvent\"",
        "moves = [{ kind = \"exit\", name = \"leave Russia\" }, { kind = \"circumvent\"",
    );
    let scenario = Scenario::from_toml_str(&text).expect("loads");
    let compiled = compile(&scenario).expect("compiles");
    assert!(compiled
        .rules()
        .iter()
        .any(|r| r.condition == "`evade the block` & `leave Russia`"
            && r.reason == "a party that has exited does not circumvent sanctions"));
    // Avoiding the block: not enforced, left, or circumvented.
    let text = text.replace(
        "\"in_market\",\n]",
        "\"in_market\",\n  \"avoid Telegram block\",\n]",
    );
    let scenario = Scenario::from_toml_str(&text).expect("loads");
    let compiled = compile(&scenario).expect("compiles");
    assert!(compiled
        .rules()
        .iter()
        .any(|r| r.reason == "avoid Telegram block"
            && r.condition == "!`enforce Telegram block` | `leave Russia` | `evade the block`"));
}

#[test]
fn a_circumvent_move_must_be_about_a_demand_the_party_receives() {
    let text = std::fs::read_to_string(seeds().join("telegram-russia-2018.toml")).expect("reads");
    let wrong = text.replace(
        "name = \"evade the block\", demand = \"decryption keys\", ",
        "name = \"evade the block\", ",
    );
    let err = Scenario::from_toml_str(&wrong).expect_err("no demand");
    assert!(
        err.to_string()
            .contains("move `evade the block` of party `Telegram` needs a `demand`"),
        "{err}"
    );
}
