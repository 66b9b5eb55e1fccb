//! Scenario files: parsing, round trips, and the catalogue of bad inputs, each with its exact
//! error variant, message and file line.

use standoff::scenario::term::Subject;
use standoff::scenario::{LocatedProblem, ScenarioProblem};
use standoff::{compile, LimitError, Limits, Scenario, ScenarioError};

/// A valid toy scenario. Line numbers below are counted by hand from this text.
const BASE: &str = r#"name = "Toy standoff"

[[parties]]
name = "Authority"
kind = "state_authority"
priorities = ["demand_met access", "in_market Company", "not_withdraw access"]

[[parties]]
name = "Company"
kind = "company"
moves = [{ kind = "exit", name = "leave" }]
priorities = ["keep_policy privacy", "free_of access", "in_market", "avoid ban"]

[[policies]]
name = "privacy"
holder = "Company"
refuses = "backdoor access"

[[demands]]
name = "access"
by = "Authority"
of = "Company"
requires = "Backdoor  Access"

[[sanctions]]
name = "ban"
kind = "ban"
backs = "access"
"#;

fn edit(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "`{from}` is in the base scenario");
    BASE.replacen(from, to, 1)
}

/// The problems of an invalid scenario text (loading must fail with `Invalid`).
fn problems(text: &str) -> Vec<LocatedProblem> {
    match Scenario::from_toml_str(text) {
        Err(ScenarioError::Invalid(p)) => p,
        other => panic!("expected an invalid scenario, got {other:?}"),
    }
}

/// The only problem of an invalid scenario text.
fn only_problem(text: &str) -> LocatedProblem {
    let p = problems(text);
    assert_eq!(p.len(), 1, "one problem expected: {p:?}");
    p.into_iter().next().expect("one problem")
}

/// The problems compiling a (valid) scenario text.
fn compile_problems(text: &str, limits: &Limits) -> Vec<LocatedProblem> {
    let scenario = Scenario::from_toml_str(text).expect("valid scenario");
    match compile::compile_with_limits(&scenario, limits) {
        Err(ScenarioError::Invalid(p)) => p,
        Err(other) => panic!("expected compile problems, got {other}"),
        Ok(_) => panic!("expected compile problems, the scenario compiled"),
    }
}

#[test]
fn the_base_scenario_loads_and_compiles() {
    let s = Scenario::from_toml_str(BASE).expect("valid");
    assert_eq!(s.parties.len(), 2);
    assert_eq!(s.demands[0].requires.as_deref(), Some("Backdoor  Access"));
    let c = compile(&s).expect("compiles");
    // enforce ban, withdraw access | comply with access, leave.
    assert_eq!(c.model().option_count(), 4);
}

#[test]
fn json_and_toml_round_trips_compile_to_the_same_model() {
    let s = Scenario::from_toml_str(BASE).expect("valid");
    let json = s.to_json_string().expect("serializes");
    let from_json = Scenario::from_json_str(&json).expect("valid JSON");
    let toml = s.to_toml_string().expect("serializes");
    let from_toml = Scenario::from_toml_str(&toml).expect("valid TOML");
    let a = compile(&s).expect("compiles");
    let b = compile(&from_json).expect("compiles");
    let c = compile(&from_toml).expect("compiles");
    assert_eq!(a.model(), b.model());
    assert_eq!(a.model(), c.model());
}

#[test]
fn unknown_fields_are_syntax_errors_with_their_line() {
    let text = edit(
        "kind = \"company\"\n",
        "kind = \"company\"\ncolour = \"red\"\n",
    );
    match Scenario::from_toml_str(&text) {
        Err(ScenarioError::Syntax {
            line,
            path,
            message,
            ..
        }) => {
            assert_eq!(line, 11);
            assert_eq!(path, "parties[1].colour");
            assert!(message.contains("unknown field `colour`"), "{message}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    match Scenario::from_json_str("{\n  \"name\": \"x\",\n  \"parties\": [}\n") {
        Err(ScenarioError::Syntax { line, path, .. }) => {
            assert_eq!(line, 3);
            assert_eq!(path, "parties[0]");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn wrong_types_name_their_field_path() {
    // A number among the company's priorities (TOML).
    let text = edit("\"avoid ban\"]", "\"avoid ban\", 4]");
    let err = Scenario::from_toml_str(&text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 12, column 82: parties[1].priorities[4]: invalid type: integer `4`, expected a string"
    );
    match err {
        ScenarioError::Syntax { line, path, .. } => {
            assert_eq!(line, 12);
            assert_eq!(path, "parties[1].priorities[4]");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    // The same in JSON, deeper: a move's kind.
    let json = r#"{
  "name": "Toy",
  "parties": [
    { "name": "A", "priorities": ["demand_met d"] },
    { "name": "B", "moves": [{ "kind": "run away" }], "priorities": ["in_market"] }
  ]
}"#;
    match Scenario::from_json_str(json) {
        Err(ScenarioError::Syntax {
            line,
            path,
            message,
            ..
        }) => {
            assert_eq!(line, 5);
            assert_eq!(path, "parties[1].moves[0].kind");
            assert!(
                message.starts_with("unknown variant `run away`"),
                "{message}"
            );
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn a_demand_naming_an_unknown_party() {
    let p = only_problem(&edit("of = \"Company\"", "of = \"Compnay\""));
    assert_eq!(
        p.error,
        ScenarioProblem::UnknownParty {
            context: "demand `access`".into(),
            name: "Compnay".into()
        }
    );
    assert_eq!(p.line, Some(22));
    assert_eq!(
        p.to_string(),
        "line 22: demand `access` names unknown party `Compnay`"
    );
}

#[test]
fn a_sanction_naming_an_unknown_party() {
    let p = only_problem(&edit(
        "backs = \"access\"\n",
        "backs = \"access\"\nby = \"Police\"\n",
    ));
    assert_eq!(
        p.error,
        ScenarioProblem::UnknownParty {
            context: "sanction `ban`".into(),
            name: "Police".into()
        }
    );
    assert_eq!(p.line, Some(29));
}

#[test]
fn a_sanction_backing_an_unknown_demand() {
    let p = only_problem(&edit("backs = \"access\"", "backs = \"acess\""));
    assert_eq!(
        p.to_string(),
        "line 28: sanction `ban` names unknown demand `acess`"
    );
}

#[test]
fn a_policy_held_by_nobody() {
    let p = only_problem(&edit("holder = \"Company\"", "# no holder"));
    assert_eq!(
        p.error,
        ScenarioProblem::PolicyWithoutHolder("privacy".into())
    );
    assert_eq!(p.line, Some(15));
    assert_eq!(
        p.to_string(),
        "line 15: policy `privacy` is held by nobody (give `holder`)"
    );
}

#[test]
fn a_party_with_no_options() {
    let text = format!(
        "{BASE}\n[[parties]]\nname = \"Users\"\nkind = \"users\"\npriorities = [\"in_market Company\"]\n"
    );
    let p = only_problem(&text);
    assert_eq!(
        p.error,
        ScenarioProblem::PartyWithoutOptions("Users".into())
    );
    assert_eq!(p.line, Some(31));
    assert_eq!(
        p.to_string(),
        "line 31: party `Users` has no options: it makes no demand, receives none, imposes no sanction and has no moves"
    );
}

#[test]
fn priorities_naming_unknown_terms() {
    let p = only_problem(&edit(
        "\"keep_policy privacy\"",
        "\"keep_policy privacy rules\"",
    ));
    assert_eq!(
        p.error,
        ScenarioProblem::UnknownTerm {
            context: "priority `keep_policy privacy rules` of `Company`".into(),
            term: "keep_policy privacy rules".into(),
            subject: Subject::Policy,
            name: "privacy rules".into()
        }
    );
    assert_eq!(p.line, Some(12));
    assert_eq!(
        p.to_string(),
        "line 12: priority `keep_policy privacy rules` of `Company` names unknown policy `privacy rules`"
    );

    let p = only_problem(&edit("\"not_withdraw access\"", "\"love peace\""));
    assert!(matches!(&p.error, ScenarioProblem::UnknownGoal { word, .. } if word == "love"));
    assert_eq!(p.line, Some(6));
    assert!(p
        .to_string()
        .starts_with("line 6: priority `love peace` of `Authority` starts with unknown goal `love` (expected one of `keep_policy`, "));

    let p = only_problem(&edit("\"avoid ban\"", "\"avoid\""));
    assert_eq!(
        p.to_string(),
        "line 12: priority `avoid` of `Company` needs a sanction name after `avoid`"
    );
}

#[test]
fn priorities_naming_unknown_options_fail_at_compile_time() {
    let p = compile_problems(&edit("\"avoid ban\"", "\"option fly\""), &Limits::default());
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(matches!(
        &p[0].error,
        ScenarioProblem::UnknownTerm { subject: Subject::CompiledOption, name, .. } if name == "fly"
    ));
    assert_eq!(p[0].line, Some(12));
}

#[test]
fn a_term_that_cannot_tell_states_apart() {
    // The policy no longer matches what the demand requires, so keeping it is never at stake.
    let p = compile_problems(
        &edit("refuses = \"backdoor access\"", "refuses = \"key escrow\""),
        &Limits::default(),
    );
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(
        p[0].to_string(),
        "line 12: priority `keep_policy privacy` of `Company` is the same in every state: no demand conflicts with policy `privacy`"
    );
}

#[test]
fn a_sanction_not_attached_to_a_demand() {
    let p = only_problem(&edit("backs = \"access\"", "# backs nothing"));
    assert_eq!(
        p.error,
        ScenarioProblem::SanctionWithoutDemand("ban".into())
    );
    assert_eq!(p.line, Some(26));
    assert_eq!(
        p.to_string(),
        "line 26: sanction `ban` is not attached to a demand (give `backs`)"
    );
}

#[test]
fn duplicate_names() {
    let text = format!(
        "{BASE}\n[[parties]]\nname = \"Company\"\nkind = \"users\"\nmoves = [{{ kind = \"other\", name = \"protest\" }}]\npriorities = [\"option protest\"]\n"
    );
    let p = only_problem(&text);
    assert_eq!(
        p.error,
        ScenarioProblem::DuplicateName {
            name: "Company".into(),
            first: "party",
            second: "party"
        }
    );
    // The second definition, not a reference to the name (`holder = "Company"`).
    assert_eq!(p.line, Some(31));
    assert_eq!(
        p.to_string(),
        "line 31: duplicate name `Company`: used by a party and by a party"
    );

    // A move named like a policy.
    let p = only_problem(&edit("name = \"leave\"", "name = \"privacy\""));
    assert_eq!(
        p.error,
        ScenarioProblem::DuplicateName {
            name: "privacy".into(),
            first: "policy",
            second: "move"
        }
    );
    // The move, the second use the message names (the name checks take moves after
    // policies), at its `name` value: line 11, column 34.
    assert_eq!((p.line, p.column), (Some(11), Some(34)));
}

#[test]
fn contradictory_feasibility_leaving_no_state() {
    let text = edit(
        "name = \"Toy standoff\"\n",
        "name = \"Toy standoff\"\ninfeasible = [\"leave | ban_x\", \"!leave\"]\n",
    );
    let text = text.replacen("name = \"ban\"", "name = \"ban_x\"", 1);
    let text = text.replacen("\"avoid ban\"", "\"avoid ban_x\"", 1);
    let p = compile_problems(&text, &Limits::default());
    // `leave | ban_x` is an unknown option: the sanction's option is `enforce ban_x`.
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(
        p[0].to_string(),
        "line 2: condition `leave | ban_x` in infeasible names unknown option `ban_x`"
    );

    let text = edit(
        "name = \"Toy standoff\"\n",
        "name = \"Toy standoff\"\ninfeasible = [\"leave | `withdraw access`\", \"!leave\"]\n",
    );
    let p = compile_problems(&text, &Limits::default());
    assert_eq!(
        p[0].error,
        ScenarioProblem::NoFeasibleState {
            conditions: vec!["leave | `withdraw access`".into(), "!leave".into()]
        }
    );
    assert_eq!(p[0].line, Some(2));
    assert_eq!(
        p[0].to_string(),
        "line 2: contradictory feasibility: the rules leave no feasible state"
    );
}

#[test]
fn a_scenario_over_the_state_budget_reports_the_count() {
    // The base compiles to 8 feasible states (see tests/domain_compile.rs).
    let limits = Limits {
        max_states: 4,
        ..Limits::default()
    };
    let p = compile_problems(BASE, &limits);
    assert_eq!(p.len(), 1, "{p:?}");
    match &p[0].error {
        ScenarioProblem::TooLarge(LimitError::States { count, limit }) => {
            assert_eq!(*limit, 4);
            assert!(*count > 4);
            assert_eq!(
                p[0].to_string(),
                format!("scenario is too large: model has at least {count} feasible states, more than the limit of 4")
            );
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    assert!(compile::compile_with_limits(
        &Scenario::from_toml_str(BASE).expect("valid"),
        &Limits {
            max_states: 8,
            ..Limits::default()
        }
    )
    .is_ok());
}

#[test]
fn every_problem_is_reported_in_one_pass() {
    let text = edit("of = \"Company\"", "of = \"Compnay\"").replacen(
        "backs = \"access\"",
        "# backs nothing",
        1,
    );
    let p = problems(&text);
    let lines: Vec<Option<usize>> = p.iter().map(|p| p.line).collect();
    assert_eq!(lines, [Some(22), Some(26)]);
    let err = Scenario::from_toml_str(&text).expect_err("invalid");
    assert_eq!(
        err.to_string(),
        "line 22: demand `access` names unknown party `Compnay` (and 1 more problem)"
    );
}

#[test]
fn files_are_read_by_extension() {
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/blackberry-pakistan-2015.toml"
    );
    let s = Scenario::from_path(seed).expect("the seed loads");
    assert_eq!(s.name, "BlackBerry and Pakistan, 2015");
    assert!(matches!(
        Scenario::from_path("scenario.yaml"),
        Err(ScenarioError::Io { .. })
    ));
    assert!(matches!(
        Scenario::from_path(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")),
        Err(ScenarioError::Syntax { .. })
    ));
}

#[test]
fn json_scenarios_report_lines_too() {
    let json = r#"{
  "name": "Toy",
  "parties": [
    { "name": "A", "priorities": ["demand_met d"] },
    { "name": "B", "moves": [{ "kind": "exit" }], "priorities": ["in_market"] }
  ],
  "demands": [
    { "name": "d", "by": "A", "of": "C", "requires": "x" }
  ]
}"#;
    match Scenario::from_json_str(json) {
        Err(ScenarioError::Invalid(p)) => {
            assert_eq!(p.len(), 1, "{p:?}");
            assert_eq!(
                p[0].to_string(),
                "line 8: demand `d` names unknown party `C`"
            );
        }
        other => panic!("expected an invalid scenario, got {other:?}"),
    }
}

#[test]
fn scenarios_can_be_built_from_rust() {
    use standoff::scenario::{Demand, Party, PartyKind};
    let mut s = Scenario::new("built");
    for (name, kind) in [
        ("Gov", PartyKind::StateAuthority),
        ("Firm", PartyKind::Company),
    ] {
        s.parties.push(Party {
            name: name.into(),
            kind,
            description: String::new(),
            moves: Vec::new(),
            priorities: vec![],
            preference: None,
            outcome_ranking: Vec::new(),
            alternatives: Vec::new(),
        });
    }
    s.parties[0].priorities = vec!["demand_met data".into()];
    s.parties[1].priorities = vec!["withdrawn data".into()];
    s.demands.push(Demand {
        name: "data".into(),
        by: "Gov".into(),
        of: "Firm".into(),
        requires: Some("hand over data".into()),
        prohibits: None,
        scope: String::new(),
        deadline: None,
        partial: None,
        description: String::new(),
    });
    s.validate().expect("valid");
    // withdraw data | comply with data, not both: 3 states.
    assert_eq!(compile(&s).expect("compiles").model().state_count(), 3);
    // Without a source text, problems have no line.
    s.demands[0].of = "Nobody".into();
    let err = s.validate().expect_err("invalid");
    assert_eq!(err.problems()[0].line, None);
}

#[test]
fn a_hundred_thousand_idle_parties_are_rejected_with_a_capped_list() {
    let count = 100_000;
    let parties: Vec<String> = (0..count)
        .map(|k| format!("    {{ \"name\": \"P{k}\" }}"))
        .collect();
    let text = format!(
        "{{\n  \"name\": \"idle\",\n  \"parties\": [\n{}\n  ]\n}}\n",
        parties.join(",\n")
    );
    let err = Scenario::from_json_str(&text).unwrap_err();
    let p = err.problems();
    // The first 100 problems in file order (two per party), then the count of the rest (the
    // work this takes is counted in the unit tests of `scenario::error`).
    assert_eq!(p.len(), 101);
    assert_eq!(
        p[0].error,
        ScenarioProblem::PartyWithoutOptions("P0".into())
    );
    assert_eq!(p[0].line, Some(4));
    assert_eq!(p[1].error, ScenarioProblem::MissingPriorities("P0".into()));
    assert_eq!(
        p[99].error,
        ScenarioProblem::MissingPriorities("P49".into())
    );
    assert_eq!(p[99].line, Some(53));
    assert_eq!(p[100].error, ScenarioProblem::MoreProblems(2 * count - 100));
    assert_eq!(p[100].to_string(), "and 199900 more problems, not listed");
    assert!(err
        .to_string()
        .ends_with(&format!("(and {} more problems)", 2 * count - 1)));
}

#[test]
fn an_unknown_party_is_placed_at_the_reference_not_at_an_earlier_mention() {
    // `Police` is first written as a source (line 2), then as the sanction's imposer: the
    // problem is the imposer, `sanctions[0].by`.
    let text = edit(
        "name = \"Toy standoff\"\n",
        "name = \"Toy standoff\"\nsources = [\"Police\"]\n",
    )
    .replace(
        "backs = \"access\"\n",
        "backs = \"access\"\nby = \"Police\"\n",
    );
    let p = only_problem(&text);
    assert_eq!(
        p.error,
        ScenarioProblem::UnknownParty {
            context: "sanction `ban`".into(),
            name: "Police".into()
        }
    );
    assert_eq!((p.line, p.column), (Some(30), Some(6)));
    // The same file as JSON: the same problem, at the JSON value.
    let s: Scenario = toml::from_str(&text).expect("well-formed");
    let json = serde_json::to_string_pretty(&s).expect("serializes");
    let p = match Scenario::from_json_str(&json) {
        Err(ScenarioError::Invalid(p)) => p,
        other => panic!("{other:?}"),
    };
    let at = json.rfind("\"Police\"").expect("written");
    let line = json[..at].matches('\n').count() + 1;
    assert_eq!(p[0].line, Some(line));
    assert_eq!(
        p[0].column,
        Some(at - json[..at].rfind('\n').map_or(0, |i| i + 1) + 1)
    );
}

#[test]
fn a_term_is_placed_at_its_own_element() {
    // `avoid ban` is misspelt as `avoid bna`, also written earlier as the party's description.
    let text = edit(
        "kind = \"company\"\n",
        "kind = \"company\"\ndescription = \"avoid bna\"\n",
    )
    .replace("\"avoid ban\"", "\"avoid bna\"");
    let p = only_problem(&text);
    assert!(
        matches!(&p.error, ScenarioProblem::UnknownTerm { name, .. } if name == "bna"),
        "{p:?}"
    );
    // `priorities[3]` of Company, on line 13 after the four-term list's opening.
    let line = text.lines().nth(12).expect("line 13");
    assert!(line.starts_with("priorities = "), "{line}");
    let column = line.find("\"avoid bna\"").expect("there") + 1;
    assert_eq!((p.line, p.column), (Some(13), Some(column)));
}

#[test]
fn a_problem_found_by_the_compiler_is_placed_at_its_own_element() {
    // `option fly` names no compiled option; the same text is written earlier as the
    // Authority's description, where a search by text would have placed it.
    let text = edit(
        "kind = \"state_authority\"\n",
        "kind = \"state_authority\"\ndescription = \"option fly\"\n",
    )
    .replace("\"avoid ban\"", "\"option fly\"");
    let p = compile_problems(&text, &Limits::default());
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(matches!(
        &p[0].error,
        ScenarioProblem::UnknownTerm { subject: Subject::CompiledOption, name, .. } if name == "fly"
    ));
    let line = text.lines().nth(12).expect("line 13");
    assert!(line.starts_with("priorities = "), "{line}");
    let column = line.find("\"option fly\"").expect("there") + 1;
    assert_eq!((p[0].line, p[0].column), (Some(13), Some(column)));
}
