//! Catalogue of malformed graph-model files: each must be rejected with the exact error kind,
//! a message naming the offending item, and the line it is on.

use standoff::model::condition::ConditionProblem;
use standoff::{GraphModel, LimitError, Limits, LoadError, ModelError};

const HEAD: &str = r#""format": "standoff.graph-model/1",
  "name": "t","#;

/// A JSON model with decision makers A (a1, a2) and B (b1), preferences given by `prefs`
/// and extra top-level fields `extra` (each ending with a comma).
fn model(extra: &str, prefs: &str) -> String {
    format!(
        "{{\n  {HEAD}\n{extra}\n  \"decision_makers\": [\n    {{ \"name\": \"A\", \"options\": [\"a1\", \"a2\"] }},\n    {{ \"name\": \"B\", \"options\": [\"b1\"] }}\n  ],\n  \"preferences\": {{\n{prefs}\n  }}\n}}\n"
    )
}

const PREFS: &str =
    "    \"A\": { \"priorities\": [\"a1\"] },\n    \"B\": { \"priorities\": [\"!b1\"] }";

fn invalid(text: &str) -> Vec<standoff::Located> {
    match GraphModel::from_json_str(text) {
        Err(LoadError::Invalid(p)) => p,
        other => panic!("expected a validation error, got {other:?}\n{text}"),
    }
}

fn first(text: &str) -> (ModelError, Option<usize>, String) {
    let p = invalid(text);
    let e = &p[0];
    (e.error.clone(), e.line, e.to_string())
}

fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in text"));
    text[..at].matches('\n').count() + 1
}

#[test]
fn the_template_is_valid() {
    let m = GraphModel::from_json_str(&model("", PREFS)).expect("valid");
    assert_eq!(m.state_count(), 8);
}

#[test]
fn unknown_format() {
    let text = model("", PREFS).replace("standoff.graph-model/1", "standoff.graph-model/9");
    let (e, line, msg) = first(&text);
    assert_eq!(
        e,
        ModelError::UnknownFormat("standoff.graph-model/9".into())
    );
    assert_eq!(line, Some(2));
    assert_eq!(
        msg,
        "line 2: unknown format `standoff.graph-model/9`, expected `standoff.graph-model/1`"
    );
}

#[test]
fn unknown_field_is_a_syntax_error_with_its_line() {
    let text = model("  \"colour\": \"red\",", PREFS);
    match GraphModel::from_json_str(&text) {
        Err(LoadError::Syntax {
            line,
            path,
            message,
            ..
        }) => {
            assert_eq!(line, 4);
            assert_eq!(path, "colour");
            assert!(message.contains("unknown field `colour`"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_field_in_a_decision_maker() {
    let text = model("", PREFS).replace(
        "{ \"name\": \"B\", \"options\": [\"b1\"] }",
        "{ \"name\": \"B\", \"opts\": [\"b1\"] }",
    );
    match GraphModel::from_json_str(&text) {
        Err(LoadError::Syntax {
            line,
            path,
            message,
            ..
        }) => {
            assert_eq!(line, line_of(&text, "\"opts\""));
            assert_eq!(path, "decision_makers[1].opts");
            assert!(message.contains("unknown field `opts`"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn malformed_json() {
    let text = model("", PREFS).replace("\"B\": { \"priorities\"", "\"B\": { \"priorities\" :: ");
    let expected = line_of(&text, "::");
    match GraphModel::from_json_str(&text) {
        Err(LoadError::Syntax { line, path, .. }) => {
            assert_eq!(line, expected);
            // The parser stopped at the value of B's priorities.
            assert_eq!(path, "preferences.B.priorities");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn missing_required_field() {
    let text = format!("{{ {HEAD} \"decision_makers\": [] }}");
    match GraphModel::from_json_str(&text) {
        Err(LoadError::Syntax { path, message, .. }) => {
            // A field missing from the top level: the path is empty.
            assert_eq!(path, "");
            assert!(message.contains("missing field `preferences`"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

/// The syntax error of `text` (JSON or TOML) as `(line, column, path, message)`.
fn syntax(result: Result<GraphModel, LoadError>) -> (usize, usize, String, String) {
    match result {
        Err(LoadError::Syntax {
            line,
            column,
            path,
            message,
        }) => (line, column, path, message),
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn wrong_types_name_their_field_path() {
    // The issue's example: a status quo given as a number.
    let text = model("  \"status_quo\": 5,", PREFS);
    let err = GraphModel::from_json_str(&text);
    assert_eq!(
        err.as_ref().map_err(ToString::to_string).err().as_deref(),
        Some("line 4, column 17: status_quo: invalid type: integer `5`, expected a string")
    );
    assert_eq!(
        syntax(err),
        (
            4,
            17,
            "status_quo".to_string(),
            "invalid type: integer `5`, expected a string".to_string()
        )
    );
    // Deep inside the decision makers.
    let text = model("", PREFS).replace("[\"b1\"]", "[\"b1\", 7]");
    let (line, _, path, message) = syntax(GraphModel::from_json_str(&text));
    assert_eq!(line, line_of(&text, ", 7]"));
    assert_eq!(path, "decision_makers[1].options[1]");
    assert_eq!(message, "invalid type: integer `7`, expected a string");
    // Inside a map: the decision maker's name is a path segment.
    let text = model("", PREFS).replace("[\"!b1\"]", "[\"!b1\", true]");
    let (_, _, path, _) = syntax(GraphModel::from_json_str(&text));
    assert_eq!(path, "preferences.B.priorities[1]");
    // TOML: the same paths, with the parser's line and column.
    let toml = "format = \"standoff.graph-model/1\"\nname = \"t\"\n\n[[decision_makers]]\nname = \"A\"\noptions = [\"a1\"]\n\n[[decision_makers]]\nname = \"B\"\noptions = [\"b1\", 5]\n\n[preferences.A]\npriorities = [\"a1\"]\n";
    assert_eq!(
        syntax(GraphModel::from_toml_str(toml)),
        (
            10,
            18,
            "decision_makers[1].options[1]".to_string(),
            "invalid type: integer `5`, expected a string".to_string()
        )
    );
}

#[test]
fn duplicate_decision_maker() {
    let text = model("", PREFS).replace(
        "{ \"name\": \"B\", \"options\": [\"b1\"] }",
        "{ \"name\": \"A\", \"options\": [\"b1\"] }",
    );
    let (e, line, msg) = first(&text);
    assert_eq!(e, ModelError::DuplicateDecisionMaker("A".into()));
    assert_eq!(
        line,
        Some(line_of(&text, "{ \"name\": \"A\", \"options\": [\"b1\"]"))
    );
    assert!(msg.ends_with("duplicate decision maker `A`"));
}

#[test]
fn duplicate_option_of_one_decision_maker() {
    let text = model("", PREFS).replace("[\"a1\", \"a2\"]", "[\"a1\", \"a1\"]");
    let (e, _, msg) = first(&text);
    assert_eq!(
        e,
        ModelError::DuplicateOption {
            option: "a1".into(),
            decision_maker: "A".into()
        }
    );
    assert!(msg.contains("duplicate option `a1` of `A`"));
}

#[test]
fn option_owned_twice() {
    let text = model("", PREFS)
        .replace("[\"b1\"]", "[\"a2\"]")
        .replace("!b1", "!a2");
    let (e, line, msg) = first(&text);
    assert_eq!(
        e,
        ModelError::OptionOwnedTwice {
            option: "a2".into(),
            first: "A".into(),
            second: "B".into()
        }
    );
    assert_eq!(line, Some(line_of(&text, "[\"a2\"]")));
    assert!(msg.contains("option `a2` is owned twice, by `A` and by `B`"));
}

#[test]
fn condition_that_does_not_parse_says_where() {
    let text = model("  \"infeasible\": [\"a1 & | b1\"],", PREFS);
    let (e, line, msg) = first(&text);
    assert_eq!(line, Some(4));
    match e {
        ModelError::Condition {
            condition,
            problem: ConditionProblem::Syntax { column, .. },
            ..
        } => {
            assert_eq!(condition, "a1 & | b1");
            assert_eq!(column, 6);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        msg.contains("condition `a1 & | b1` in infeasible does not parse at column 6"),
        "{msg}"
    );
}

#[test]
fn condition_with_unknown_option() {
    let text = model("", &PREFS.replace("[\"a1\"]", "[\"a1\", \"zz | a2\"]"));
    let (e, line, msg) = first(&text);
    assert!(
        matches!(e, ModelError::Condition { problem: ConditionProblem::UnknownOption(ref o), .. } if o == "zz")
    );
    assert_eq!(line, Some(line_of(&text, "zz | a2")));
    assert!(
        msg.contains("condition `zz | a2` in priorities of `A` names unknown option `zz`"),
        "{msg}"
    );
}

#[test]
fn unterminated_backtick() {
    let text = model("  \"infeasible\": [\"`a1 & b1\"],", PREFS);
    let (e, _, _) = first(&text);
    assert!(matches!(
        e,
        ModelError::Condition {
            problem: ConditionProblem::Syntax { column: 1, .. },
            ..
        }
    ));
}

#[test]
fn too_deeply_nested_condition() {
    let deep = format!("{}a1{}", "(".repeat(500), ")".repeat(500));
    let text = model(&format!("  \"infeasible\": [\"{deep}\"],"), PREFS);
    let (e, _, msg) = first(&text);
    assert!(matches!(
        e,
        ModelError::Condition {
            problem: ConditionProblem::Syntax { .. },
            ..
        }
    ));
    assert!(
        msg.contains("nested deeper than 128 levels"),
        "{}",
        &msg[msg.len() - 80..]
    );
}

#[test]
fn mutually_exclusive_with_unknown_option() {
    let text = model("  \"mutually_exclusive\": [[\"a1\", \"nope\"]],", PREFS);
    let (e, line, _) = first(&text);
    assert_eq!(
        e,
        ModelError::UnknownOption {
            context: "mutually_exclusive".into(),
            option: "nope".into()
        }
    );
    assert_eq!(line, Some(4));
}

#[test]
fn irreversible_unknown_option_and_direction() {
    let text = model(
        "  \"irreversible\": { \"ghost\": \"forward\", \"a1\": \"sideways\" },",
        PREFS,
    );
    let p = invalid(&text);
    assert_eq!(p.len(), 2, "{p:?}");
    assert_eq!(
        p[0].error,
        ModelError::UnknownOption {
            context: "irreversible".into(),
            option: "ghost".into()
        }
    );
    assert_eq!(
        p[1].error,
        ModelError::UnknownDirection {
            option: "a1".into(),
            direction: "sideways".into()
        }
    );
    assert!(p[1]
        .to_string()
        .contains("unknown irreversibility direction `sideways` for option `a1`"));
    assert_eq!(p[0].line, Some(4));
}

#[test]
fn ranking_misses_a_state() {
    let prefs = PREFS.replace(
        "{ \"priorities\": [\"!b1\"] }",
        "{ \"ranking\": [[\"NNN\", \"YNN\", \"NYN\", \"YYN\"], [\"NNY\", \"YNY\", \"NYY\"]] }",
    );
    let (e, line, msg) = first(&model("", &prefs));
    assert_eq!(
        e,
        ModelError::RankingMissesState {
            decision_maker: "B".into(),
            state: "YYY".into()
        }
    );
    assert!(line.is_some());
    assert!(msg.contains("ranking of `B` misses feasible state `YYY`"));
}

#[test]
fn ranking_repeats_a_state() {
    let prefs = PREFS.replace("{ \"priorities\": [\"!b1\"] }", "{ \"ranking\": [[\"NNN\", \"YNN\", \"NYN\", \"YYN\"], [\"NNY\", \"YNY\", \"NYY\", \"YYY\", \"NNN\"]] }");
    let (e, _, msg) = first(&model("", &prefs));
    assert_eq!(
        e,
        ModelError::RankingRepeatsState {
            decision_maker: "B".into(),
            state: "NNN".into()
        }
    );
    assert!(msg.contains("ranking of `B` repeats state `NNN`"));
}

#[test]
fn ranking_names_an_infeasible_state() {
    let prefs = PREFS.replace("{ \"priorities\": [\"!b1\"] }", "{ \"ranking\": [[\"NNN\", \"YNN\", \"NYN\", \"YYN\", \"YYY\"], [\"NNY\", \"YNY\", \"NYY\"]] }");
    let text = model("  \"infeasible\": [\"a1 & a2 & b1\"],", &prefs);
    let (e, _, msg) = first(&text);
    assert_eq!(
        e,
        ModelError::InfeasibleState {
            context: "ranking of `B`".into(),
            state: "YYY".into()
        }
    );
    assert!(msg.contains("ranking of `B` names infeasible state `YYY`"));
}

#[test]
fn ranking_with_malformed_states() {
    let prefs = PREFS.replace(
        "{ \"priorities\": [\"!b1\"] }",
        "{ \"ranking\": [[\"NN\", \"YNX\"]] }",
    );
    let p = invalid(&model("", &prefs));
    assert!(matches!(&p[0].error, ModelError::MalformedState { state, .. } if state == "NN"));
    assert!(matches!(&p[1].error, ModelError::MalformedState { state, .. } if state == "YNX"));
    assert!(p[1].to_string().contains("letter 3 is `X`"));
}

#[test]
fn ranking_with_an_empty_tier() {
    let prefs = PREFS.replace("{ \"priorities\": [\"!b1\"] }", "{ \"ranking\": [[\"NNN\", \"YNN\", \"NYN\", \"YYN\"], [], [\"NNY\", \"YNY\", \"NYY\", \"YYY\"]] }");
    let (e, _, _) = first(&model("", &prefs));
    assert_eq!(
        e,
        ModelError::EmptyTier {
            decision_maker: "B".into()
        }
    );
}

#[test]
fn preferences_missing_for_a_decision_maker() {
    let prefs = "    \"A\": { \"priorities\": [\"a1\"] }";
    let (e, _, msg) = first(&model("", prefs));
    assert_eq!(e, ModelError::MissingPreferences("B".into()));
    assert_eq!(
        msg.split(": ").last(),
        Some("no preferences for decision maker `B`")
    );
}

#[test]
fn preferences_for_an_unknown_decision_maker() {
    let prefs = format!("{PREFS},\n    \"C\": {{ \"priorities\": [\"a1\"] }}");
    let text = model("", &prefs);
    let (e, line, _) = first(&text);
    assert_eq!(e, ModelError::PreferencesForUnknown("C".into()));
    assert_eq!(line, Some(line_of(&text, "\"C\"")));
}

#[test]
fn preferences_given_twice() {
    let prefs = format!("{PREFS},\n    \"B\": {{ \"priorities\": [\"b1\"] }}");
    let text = model("", &prefs);
    let (e, line, _) = first(&text);
    assert_eq!(e, ModelError::DuplicatePreferences("B".into()));
    assert_eq!(
        line,
        Some(line_of(&text, "\"B\": { \"priorities\": [\"b1\"]"))
    );
}

#[test]
fn both_or_neither_ranking_and_priorities() {
    let both = PREFS.replace(
        "{ \"priorities\": [\"!b1\"] }",
        "{ \"priorities\": [\"!b1\"], \"ranking\": [] }",
    );
    assert_eq!(
        first(&model("", &both)).0,
        ModelError::PreferenceKind("B".into())
    );
    let neither = PREFS.replace("{ \"priorities\": [\"!b1\"] }", "{ }");
    let (e, _, msg) = first(&model("", &neither));
    assert_eq!(e, ModelError::PreferenceKind("B".into()));
    assert!(msg.contains("preferences of `B` must give exactly one of `ranking` and `priorities`"));
}

#[test]
fn empty_feasible_set() {
    let (e, line, msg) = first(&model("  \"infeasible\": [\"a1 | !a1\"],", PREFS));
    assert_eq!(e, ModelError::EmptyFeasibleSet);
    assert_eq!(line, None);
    assert!(msg.contains("no state is feasible"));
}

#[test]
fn empty_feasible_set_by_mutual_exclusion_and_rules() {
    let extra = "  \"mutually_exclusive\": [[\"a1\", \"a2\"]],\n  \"infeasible\": [\"!a1 & !a2\", \"b1\", \"!b1 & (a1 | a2)\"],";
    let (e, _, _) = first(&model(extra, PREFS));
    assert_eq!(e, ModelError::EmptyFeasibleSet);
}

#[test]
fn infeasible_status_quo() {
    let text = model(
        "  \"infeasible\": [\"a1 & a2\"],\n  \"status_quo\": \"YYN\",",
        PREFS,
    );
    let (e, line, msg) = first(&text);
    assert_eq!(
        e,
        ModelError::InfeasibleState {
            context: "status_quo".into(),
            state: "YYN".into()
        }
    );
    assert_eq!(line, Some(5));
    assert!(msg.contains("status_quo names infeasible state `YYN`"));
}

#[test]
fn malformed_status_quo() {
    let (e, _, _) = first(&model("  \"status_quo\": \"YY\",", PREFS));
    assert!(matches!(e, ModelError::MalformedState { ref context, .. } if context == "status_quo"));
}

#[test]
fn no_decision_makers() {
    let text = format!("{{ {HEAD} \"decision_makers\": [], \"preferences\": {{}} }}");
    assert_eq!(first(&text).0, ModelError::NoDecisionMakers);
}

#[test]
fn empty_names() {
    let text = model("", PREFS).replace("[\"a1\", \"a2\"]", "[\"a1\", \"\"]");
    assert_eq!(first(&text).0, ModelError::EmptyName("option"));
}

#[test]
fn too_many_options_is_a_limit_error_not_an_allocation() {
    let opts: Vec<String> = (0..60).map(|k| format!("\"o{k}\"")).collect();
    let text = format!(
        "{{ {HEAD} \"decision_makers\": [{{ \"name\": \"A\", \"options\": [{}] }}], \"preferences\": {{ \"A\": {{ \"priorities\": [\"o1\"] }} }} }}",
        opts.join(",")
    );
    let (e, _, msg) = first(&text);
    assert_eq!(
        e,
        ModelError::Limit(LimitError::Options {
            count: 60,
            limit: 40
        })
    );
    assert_eq!(msg, "model has 60 options, more than the limit of 40");
}

#[test]
fn too_many_states_is_a_limit_error() {
    let opts: Vec<String> = (0..30).map(|k| format!("\"o{k}\"")).collect();
    let text = format!(
        "{{ {HEAD} \"decision_makers\": [{{ \"name\": \"A\", \"options\": [{}] }}], \"preferences\": {{ \"A\": {{ \"priorities\": [\"o1\"] }} }} }}",
        opts.join(",")
    );
    let start = std::time::Instant::now();
    let (e, _, _) = first(&text);
    assert_eq!(
        e,
        ModelError::Limit(LimitError::States {
            count: 1 << 30,
            limit: 1 << 24
        })
    );
    // With rules, enumeration stops as soon as the budget is passed.
    let limits = Limits {
        max_states: 5000,
        ..Limits::default()
    };
    let with_rule = text.replace(
        "\"decision_makers\"",
        "\"infeasible\": [\"o0 & o1 & o2\"], \"decision_makers\"",
    );
    match GraphModel::from_json_str_with_limits(&with_rule, &limits) {
        Err(LoadError::Invalid(p)) => assert!(matches!(
            p[0].error,
            ModelError::Limit(LimitError::States { limit: 5000, .. })
        )),
        other => panic!("{other:?}"),
    }
    assert!(start.elapsed().as_secs() < 5);
}

#[test]
fn too_many_priorities() {
    let conds: Vec<String> = (0..64).map(|_| "\"a1\"".to_string()).collect();
    let prefs = PREFS.replace("[\"a1\"]", &format!("[{}]", conds.join(",")));
    assert_eq!(
        first(&model("", &prefs)).0,
        ModelError::TooManyPriorities {
            decision_maker: "A".into(),
            count: 64
        }
    );
}

#[test]
fn every_problem_is_collected() {
    let text = model(
        "  \"infeasible\": [\"zz\", \"a1 &\"],\n  \"irreversible\": { \"a1\": \"up\" },",
        &PREFS.replace(
            "\"B\": { \"priorities\": [\"!b1\"] }",
            "\"Q\": { \"priorities\": [\"!b1\"] }",
        ),
    );
    let p = invalid(&text);
    let kinds: Vec<String> = p.iter().map(|l| l.error.to_string()).collect();
    assert_eq!(kinds, [
        "condition `zz` in infeasible names unknown option `zz`",
        "condition `a1 &` in infeasible does not parse at column 5: expected an option name, `!` or `(`, found the end",
        "unknown irreversibility direction `up` for option `a1` (expected `forward` or `backward`)",
        "preferences given for unknown decision maker `Q`",
        "no preferences for decision maker `B`",
    ]);
    assert!(GraphModel::from_json_str(&text)
        .unwrap_err()
        .to_string()
        .ends_with("(and 4 more problems)"));
}

#[test]
fn toml_errors_have_lines_too() {
    let text = "format = \"standoff.graph-model/1\"\nname = \"t\"\ninfeasible = [\"a1 &&\"]\n\n[[decision_makers]]\nname = \"A\"\noptions = [\"a1\"]\n\n[preferences.A]\npriorities = [\"a1\"]\n";
    match GraphModel::from_toml_str(text) {
        Err(LoadError::Invalid(p)) => assert_eq!(p[0].line, Some(3)),
        other => panic!("{other:?}"),
    }
    let bad = text.replace("name = \"A\"", "name = \"A\"\nweight = 3");
    match GraphModel::from_toml_str(&bad) {
        Err(LoadError::Syntax {
            line,
            path,
            message,
            ..
        }) => {
            assert_eq!(line, 7);
            assert_eq!(path, "decision_makers[0].weight");
            assert!(message.contains("unknown field `weight`"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn file_loading_errors() {
    assert!(matches!(
        GraphModel::from_path("no/such/file.json"),
        Err(LoadError::Io { .. })
    ));
    assert!(matches!(
        GraphModel::from_path("Cargo.lock"),
        Err(LoadError::UnknownExtension(_))
    ));
}

#[test]
fn hostile_strings_do_not_crash() {
    for text in [
        "",
        "null",
        "[]",
        "{",
        "{\"format\": 3}",
        "\u{0}",
        &"[".repeat(100_000),
    ] {
        assert!(GraphModel::from_json_str(text).is_err());
        assert!(GraphModel::from_toml_str(text).is_err());
    }
}

#[test]
fn huge_names_are_refused_without_echoing_them() {
    let long = "x".repeat(5_000_000);
    let text = model("", PREFS).replace("\"a2\"", &format!("\"{long}\""));
    let (e, line, msg) = first(&text);
    assert!(matches!(
        e,
        ModelError::NameTooLong {
            kind: "option",
            len: 5_000_000,
            limit: 1024,
            ..
        }
    ));
    assert_eq!(line, Some(line_of(&text, "\"xxxxxxxx")));
    assert!(msg.len() < 200, "{msg}");
}

#[test]
fn twenty_thousand_same_name_decision_makers_are_rejected_with_a_capped_list() {
    let count = 20_000;
    let dms: Vec<String> = (0..count)
        .map(|k| format!("    {{ \"name\": \"A\", \"options\": [\"o{k}\"] }}"))
        .collect();
    let text = format!(
        "{{\n  {HEAD}\n  \"decision_makers\": [\n{}\n  ],\n  \"preferences\": {{ \"A\": {{ \"priorities\": [\"o0\"] }} }}\n}}\n",
        dms.join(",\n")
    );
    let p = invalid(&text);
    // The first 100 problems in file order, then the count of the rest (the work this takes
    // is counted in the unit tests of `model::error`).
    assert_eq!(p.len(), standoff::model::error::MAX_LISTED_PROBLEMS + 1);
    assert_eq!(p[0].error, ModelError::DuplicateDecisionMaker("A".into()));
    assert_eq!(p[0].line, Some(6));
    assert_eq!(p[100].error, ModelError::MoreProblems(count - 100));
    assert_eq!(
        GraphModel::from_json_str(&text).unwrap_err().to_string(),
        format!(
            "line 6: duplicate decision maker `A` (and {} more problems)",
            count - 1
        )
    );
}

/// The line and column where `needle` starts in `text`, the `nth` (0-based) time it occurs.
fn place_of(text: &str, needle: &str, nth: usize) -> (Option<usize>, Option<usize>) {
    let at = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle} not {nth} times in text"))
        .0;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (
        Some(text[..at].matches('\n').count() + 1),
        Some(text[line_start..at].chars().count() + 1),
    )
}

#[test]
fn a_duplicate_option_is_placed_at_itself_not_at_an_earlier_mention_of_its_name() {
    // `a1` is written four times before the duplicate: as a condition, in a group and as
    // A's first option. Counting occurrences of the text placed the problem on an earlier one;
    // the parser's span of `decision_makers[0].options[1]` is the duplicate itself.
    let text = model(
        "  \"infeasible\": [\"a1\"],\n  \"mutually_exclusive\": [[\"a1\", \"b1\"]],",
        PREFS,
    )
    .replace("[\"a1\", \"a2\"]", "[\"a1\",\n      \"a1\"]");
    let p = invalid(&text);
    assert_eq!(
        p[0].error,
        ModelError::DuplicateOption {
            option: "a1".into(),
            decision_maker: "A".into()
        }
    );
    assert_eq!((p[0].line, p[0].column), (Some(8), Some(7)));
    assert_eq!((p[0].line, p[0].column), place_of(&text, "\"a1\"", 3));
    assert_eq!(p[0].to_string(), "line 8: duplicate option `a1` of `A`");
}

#[test]
fn an_option_owned_twice_is_placed_at_its_second_owner_even_if_written_with_escapes() {
    // B's option is `a2` written with a unicode escape: the same name, not the same text.
    let text = model("", &PREFS.replace("!b1", "!a2")).replace("[\"b1\"]", "[\"\\u0061\\u0032\"]");
    let p = invalid(&text);
    assert_eq!(
        p[0].error,
        ModelError::OptionOwnedTwice {
            option: "a2".into(),
            first: "A".into(),
            second: "B".into()
        }
    );
    assert_eq!((p[0].line, p[0].column), place_of(&text, "\"\\u0061", 0));
    assert_eq!(p[0].line, Some(7));
}

#[test]
fn toml_bare_keys_are_placed_by_the_parser_not_by_a_mention_in_a_comment() {
    // `ghost` is a bare key of `irreversible`, mentioned earlier in a comment and inside a
    // multi-line string; a search of the text found the comment.
    let text = "# ghost: an option we dropped\nformat = \"standoff.graph-model/1\"\nname = \"\"\"a \"ghost\"\nstory\"\"\"\n\n[[decision_makers]]\nname = \"A\"\noptions = [\"a1\"]\n\n[irreversible]\na1 = \"forward\"\nghost = \"forward\"\n\n[preferences.A]\npriorities = [\"a1\"]\n";
    let p = match GraphModel::from_toml_str(text) {
        Err(LoadError::Invalid(p)) => p,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        p[0].error,
        ModelError::UnknownOption {
            context: "irreversible".into(),
            option: "ghost".into()
        }
    );
    assert_eq!((p[0].line, p[0].column), (Some(12), Some(1)));
    // An unknown direction is placed at the direction's value.
    let text = text.replace("a1 = \"forward\"", "a1 = \"sideways\"");
    let p = match GraphModel::from_toml_str(&text) {
        Err(LoadError::Invalid(p)) => p,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        p[0].error,
        ModelError::UnknownDirection {
            option: "a1".into(),
            direction: "sideways".into()
        }
    );
    assert_eq!((p[0].line, p[0].column), (Some(11), Some(6)));
}

#[test]
fn duplicate_preferences_are_placed_at_the_second_entry_key() {
    // `B` is also a decision maker name and a string earlier on: the second `"B"` key of
    // `preferences` is the problem.
    let prefs = format!("{PREFS},\n    \"B\": {{ \"priorities\": [\"b1\"] }}");
    let text = model("  \"status_quo\": \"NNN\",", &prefs);
    let p = invalid(&text);
    assert_eq!(p[0].error, ModelError::DuplicatePreferences("B".into()));
    assert_eq!((p[0].line, p[0].column), place_of(&text, "\"B\": {", 1));
}
