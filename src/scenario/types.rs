//! The scenario data types, as written in a file.

use serde::{Deserialize, Serialize};

use crate::scenario::outcome_code::OutcomeCode;
use crate::scenario::preference::{Alternative, RankEntry};

/// A standoff written in domain terms. See the [module documentation](crate::scenario).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The standoff's name.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Where the facts come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The parties, in order; each becomes a decision maker.
    pub parties: Vec<Party>,
    /// Policies held by parties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<Policy>,
    /// Demands one party makes of another.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demands: Vec<Demand>,
    /// Sanctions backing demands.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sanctions: Vec<Sanction>,
    /// Extra infeasibility conditions over the compiled option names (the condition language of
    /// graph-model files), added to the rules the compiler derives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub infeasible: Vec<String>,
    /// User-defined outcome names, tried in order before the built-in ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<OutcomeRule>,
    /// How the standoff really ended, for a case whose outcome is known: the yardstick the
    /// predicted outcomes are checked against (see [`OutcomeCode`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_outcome: Option<RecordedOutcome>,
    /// The text the scenario was loaded from, used to give file lines in later errors.
    #[serde(skip)]
    pub(crate) source: Option<std::sync::Arc<crate::model::span::SourceText>>,
}

/// A party: a state authority, regulator, court, company, users...
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Its name, unique in the scenario.
    pub name: String,
    /// What kind of party it is.
    #[serde(default)]
    pub kind: PartyKind,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Its options beyond those its demands give it (exit the market, challenge in court,
    /// extend a deadline, anything else).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<Move>,
    /// What it wants, most important first, as [`crate::scenario::Term`]s.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<String>,
    /// An explicit graph-model preference replacing `priorities`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preference: Option<PreferenceOverride>,
    /// The outcomes it wants, most preferred first (see [`crate::scenario::preference`]):
    /// states are ordered by their outcome first, then by `priorities`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcome_ranking: Vec<RankEntry>,
    /// Alternative preferences, one of which holds (see [`crate::scenario::preference`]);
    /// given instead of `outcome_ranking` and `priorities`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Alternative>,
}

/// The kind of a party (descriptive; the compiler derives options from roles, not kinds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// A government, ministry or other state authority.
    StateAuthority,
    /// A regulator.
    Regulator,
    /// A court.
    Court,
    /// A company.
    Company,
    /// Users or customers.
    Users,
    /// Anything else.
    #[default]
    Other,
}

impl PartyKind {
    /// The words used in text output.
    pub fn as_str(self) -> &'static str {
        match self {
            PartyKind::StateAuthority => "state authority",
            PartyKind::Regulator => "regulator",
            PartyKind::Court => "court",
            PartyKind::Company => "company",
            PartyKind::Users => "users",
            PartyKind::Other => "party",
        }
    }
}

/// A policy a party holds: something it refuses to do or insists on keeping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Its name, unique in the scenario.
    pub name: String,
    /// The party holding it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// What the holder refuses to do; a demand whose `requires` is the same conflicts with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refuses: Option<String>,
    /// What the holder insists on; a demand whose `prohibits` is the same conflicts with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insists_on: Option<String>,
    /// How firm it is.
    #[serde(default)]
    pub firmness: Firmness,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl Policy {
    /// What the policy is about, as written (`refuses` or `insists_on`).
    pub fn subject(&self) -> &str {
        self.refuses
            .as_deref()
            .or(self.insists_on.as_deref())
            .unwrap_or_default()
    }
}

/// How firm a policy is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Firmness {
    /// Only full compliance with a conflicting demand breaks it; a partial arrangement does not.
    #[default]
    Firm,
    /// Any compliance with a conflicting demand breaks it, partial arrangements included.
    Absolute,
}

impl Firmness {
    /// The word used in files and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            Firmness::Firm => "firm",
            Firmness::Absolute => "absolute",
        }
    }
}

/// A demand one party makes of another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demand {
    /// Its name, unique in the scenario.
    pub name: String,
    /// The party making it.
    pub by: String,
    /// The party it is made of (the target).
    pub of: String,
    /// What the target must do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<String>,
    /// What the target must stop doing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prohibits: Option<String>,
    /// How far it reaches (free text, e.g. "all BES traffic").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope: String,
    /// The deadline, as free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// A partial arrangement the target may offer instead of full compliance (free text); when
    /// given, the target gets a `partial <demand>` option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A sanction backing a demand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sanction {
    /// Its name, unique in the scenario.
    pub name: String,
    /// What kind of sanction it is.
    pub kind: SanctionKind,
    /// The demand it backs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backs: Option<String>,
    /// The party that imposes it (default: the party making the demand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// True where the sanction is in force in the status quo.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_force: bool,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// The kind of a sanction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SanctionKind {
    /// A ban of the target's products or services.
    Ban,
    /// An order shutting down the target's service.
    ShutdownOrder,
    /// A fine.
    Fine,
    /// Revocation of the target's licence.
    LicenceRevocation,
    /// Anything else.
    Other,
}

impl SanctionKind {
    /// True where the sanction takes the target out of the market (ban, shutdown order,
    /// licence revocation): a target that has already left the market does not feel it.
    pub fn excludes_from_market(self) -> bool {
        matches!(
            self,
            SanctionKind::Ban | SanctionKind::ShutdownOrder | SanctionKind::LicenceRevocation
        )
    }

    /// The words used in text output.
    pub fn as_str(self) -> &'static str {
        match self {
            SanctionKind::Ban => "ban",
            SanctionKind::ShutdownOrder => "shutdown order",
            SanctionKind::Fine => "fine",
            SanctionKind::LicenceRevocation => "licence revocation",
            SanctionKind::Other => "sanction",
        }
    }
}

/// One of a party's options beyond those its demands give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Move {
    /// What kind of move it is.
    pub kind: MoveKind,
    /// Its name (the compiled option's name); defaults by kind, required for `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The demand it is about (required for `challenge_in_court`, `extend_deadline`,
    /// `circumvent` and `strike_down`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demand: Option<String>,
    /// True where the move is already taken in the status quo.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub taken: bool,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl Move {
    /// The compiled option's name: `name` when given, otherwise a default from the kind
    /// (`<party> exits`, `<party> challenges <demand> in court`, `<party> extends the deadline
    /// of <demand>`, `<party> circumvents the sanctions backing <demand>`, `<party> strikes
    /// down <demand>`); `None` for an unnamed `other` move.
    pub fn option_name(&self, party: &str) -> Option<String> {
        if let Some(name) = &self.name {
            return Some(name.clone());
        }
        let demand = self.demand.as_deref().unwrap_or_default();
        match self.kind {
            MoveKind::Exit => Some(format!("{party} exits")),
            MoveKind::ChallengeInCourt => Some(format!("{party} challenges {demand} in court")),
            MoveKind::ExtendDeadline => Some(format!("{party} extends the deadline of {demand}")),
            MoveKind::Circumvent => Some(format!(
                "{party} circumvents the sanctions backing {demand}"
            )),
            MoveKind::StrikeDown => Some(format!("{party} strikes down {demand}")),
            MoveKind::Other => None,
        }
    }
}

/// The kind of a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    /// Leave the market (irreversible).
    Exit,
    /// Challenge a demand in court (the demand's target).
    ChallengeInCourt,
    /// Extend a demand's deadline, suspending its sanctions (the demand's maker).
    ExtendDeadline,
    /// Keep serving the market despite the bans, shutdown orders and licence revocations
    /// backing a demand (proxies, mirrors, domain fronting: the demand's target).
    Circumvent,
    /// Strike a demand down, lifting its sanctions for good (a court or other body
    /// independent of the demand: neither its maker nor its target). The demand then counts
    /// as withdrawn.
    StrikeDown,
    /// Anything else; the compiler adds no rule for it.
    Other,
}

impl MoveKind {
    /// The words used in text output.
    pub fn as_str(self) -> &'static str {
        match self {
            MoveKind::Exit => "exit",
            MoveKind::ChallengeInCourt => "challenge in court",
            MoveKind::ExtendDeadline => "extend deadline",
            MoveKind::Circumvent => "circumvent",
            MoveKind::StrikeDown => "strike down",
            MoveKind::Other => "other",
        }
    }
}

/// A user-defined outcome name: states where every term of `when` holds are called `name`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeRule {
    /// The outcome's name.
    pub name: String,
    /// [`crate::scenario::Term`]s that must all hold.
    pub when: Vec<String>,
}

/// How a real standoff ended, as recorded from its sources (a scenario's `recorded_outcome`):
///
/// ```toml
/// [recorded_outcome]
/// code = "withdrawn"
/// date = "2015-12-31"
/// description = "Pakistan rescinded the shutdown order; BlackBerry stayed without granting BES access."
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedOutcome {
    /// The outcome's code: `exit`, `ban`, `comply`, `compromise`, `withdrawn` or `stalemate`.
    pub code: OutcomeCode,
    /// When it happened, as free text (`2015-12-31`).
    pub date: String,
    /// What happened, in one line.
    pub description: String,
}

/// An explicit graph-model preference for one party: exactly one of the two fields, written
/// exactly as in a graph-model file over the compiled option names.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreferenceOverride {
    /// Option prioritization: conditions, most important first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priorities: Option<Vec<String>>,
    /// Tiers of state labels, most preferred first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking: Option<Vec<Vec<String>>>,
}

impl Scenario {
    /// An empty scenario called `name`, to fill in from Rust (every field but the source text
    /// is public). Check it with [`Scenario::validate`].
    pub fn new(name: impl Into<String>) -> Scenario {
        Scenario {
            name: name.into(),
            description: String::new(),
            sources: Vec::new(),
            parties: Vec::new(),
            policies: Vec::new(),
            demands: Vec::new(),
            sanctions: Vec::new(),
            infeasible: Vec::new(),
            outcomes: Vec::new(),
            recorded_outcome: None,
            source: None,
        }
    }

    /// The party called `name`.
    pub fn party(&self, name: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.name == name)
    }

    /// The policy called `name`.
    pub fn policy(&self, name: &str) -> Option<&Policy> {
        self.policies.iter().find(|p| p.name == name)
    }

    /// The demand called `name`.
    pub fn demand(&self, name: &str) -> Option<&Demand> {
        self.demands.iter().find(|d| d.name == name)
    }

    /// The sanction called `name`.
    pub fn sanction(&self, name: &str) -> Option<&Sanction> {
        self.sanctions.iter().find(|s| s.name == name)
    }

    /// The sanctions backing the demand called `demand`, in file order.
    pub fn sanctions_backing<'a>(&'a self, demand: &'a str) -> impl Iterator<Item = &'a Sanction> {
        self.sanctions
            .iter()
            .filter(move |s| s.backs.as_deref() == Some(demand))
    }

    /// The party imposing `sanction`: its `by`, else the maker of the demand it backs.
    pub fn imposer<'a>(&'a self, sanction: &'a Sanction) -> Option<&'a str> {
        sanction.by.as_deref().or_else(|| {
            let demand = self.demand(sanction.backs.as_deref()?)?;
            Some(demand.by.as_str())
        })
    }

    /// The party `sanction` is aimed at: the target of the demand it backs.
    pub fn sanction_target<'a>(&'a self, sanction: &'a Sanction) -> Option<&'a str> {
        let demand = self.demand(sanction.backs.as_deref()?)?;
        Some(demand.of.as_str())
    }
}
