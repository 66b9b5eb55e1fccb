//! The feasibility and irreversibility rules derived from the options' roles (see the table in
//! [`crate::compile`](mod@crate::compile)).

use crate::compile::compiled::{Rule, RuleKind};
use crate::compile::expr::Expr;
use crate::compile::options::{exits, find, named, CompiledOption, OptionRole};
use crate::scenario::Scenario;

fn pair(a: &str, b: &str, reason: &str) -> Rule {
    Rule {
        kind: RuleKind::Infeasible,
        party: None,
        condition: Expr::all(vec![Expr::atom(a), Expr::atom(b)])
            .map(|e| e.text())
            .unwrap_or_default(),
        reason: reason.to_string(),
    }
}

/// Every derived rule, demand by demand, then the irreversible exits.
pub(crate) fn feasibility(scenario: &Scenario, options: &[CompiledOption]) -> Vec<Rule> {
    let mut out = Vec::new();
    for d in &scenario.demands {
        let demand = d.name.clone();
        let withdraw = find(
            options,
            &OptionRole::Withdraw {
                demand: demand.clone(),
            },
        );
        let comply = find(
            options,
            &OptionRole::Comply {
                demand: demand.clone(),
            },
        );
        let partial = find(
            options,
            &OptionRole::Partial {
                demand: demand.clone(),
            },
        );
        let enforce: Vec<&str> = named(
            options,
            |o| matches!(&o.role, OptionRole::Enforce { demand: x, .. } if *x == demand),
        )
        .collect();
        let target_exits: Vec<&str> = exits(options, &d.of).collect();
        let Some(withdraw) = withdraw else {
            continue;
        };
        let strikes: Vec<&str> = named(
            options,
            |o| matches!(&o.role, OptionRole::StrikeDown { demand: x } if *x == demand),
        )
        .collect();
        for s in &enforce {
            out.push(pair(s, withdraw, "a sanction only while its demand stands"));
        }
        // A strike-down does not exclude the sanction's option (the court cannot move the
        // state side's option): a sanction of a demand struck down is void, and the state
        // counts as `withdrawn` ([`Compiled::outcome_code`]).
        for lift in std::iter::once(&withdraw).chain(&strikes) {
            for c in comply.iter().chain(&partial) {
                out.push(pair(c, lift, "compliance only while the demand stands"));
            }
        }
        for k in &strikes {
            out.push(pair(
                withdraw,
                k,
                "a demand struck down is not also withdrawn",
            ));
        }
        if let (Some(c), Some(p)) = (comply, partial) {
            out.push(pair(c, p, "full and partial compliance exclude each other"));
        }
        for x in &target_exits {
            for c in comply.iter().chain(&partial) {
                out.push(pair(c, x, "a party cannot both comply and exit"));
            }
        }
        for o in options {
            match &o.role {
                OptionRole::Challenge { demand: x } if *x == demand => {
                    if let Some(c) = comply {
                        out.push(pair(
                            &o.name,
                            c,
                            "a party cannot both comply and challenge in court",
                        ));
                    }
                    out.push(pair(
                        &o.name,
                        withdraw,
                        "a challenge only while the demand stands",
                    ));
                    for x in exits(options, &o.party) {
                        out.push(pair(
                            &o.name,
                            x,
                            "a party that has exited cannot challenge in court",
                        ));
                    }
                }
                OptionRole::Circumvent { demand: x } if *x == demand => {
                    for x in exits(options, &o.party) {
                        out.push(pair(
                            &o.name,
                            x,
                            "a party that has exited does not circumvent sanctions",
                        ));
                    }
                }
                OptionRole::Extend { demand: x } if *x == demand => {
                    out.push(pair(
                        &o.name,
                        withdraw,
                        "an extension only while the demand stands",
                    ));
                    for s in &enforce {
                        out.push(pair(
                            &o.name,
                            s,
                            "an extension suspends the demand's sanctions",
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    for o in options.iter().filter(|o| o.role == OptionRole::Exit) {
        out.push(Rule {
            kind: RuleKind::Irreversible,
            party: Some(o.party.clone()),
            condition: o.name.clone(),
            reason: "exit is irreversible".into(),
        });
    }
    for o in options
        .iter()
        .filter(|o| matches!(o.role, OptionRole::StrikeDown { .. }))
    {
        out.push(Rule {
            kind: RuleKind::Irreversible,
            party: Some(o.party.clone()),
            condition: o.name.clone(),
            reason: "a demand struck down stays struck down".into(),
        });
    }
    out
}
