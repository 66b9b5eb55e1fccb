//! The condition language of graph-model files: boolean expressions over option names.
//!
//! Grammar (precedence from tightest): `!`, `&`, `|`, `->` (right-associative), `<->`
//! (left-associative); parentheses group. A name that is not a plain identifier (letters,
//! digits, `_`, not starting with a digit) is written in backticks.

use std::fmt;

mod parse;

/// Deepest nesting a condition may have; deeper input is rejected, never overflows the stack.
pub const MAX_CONDITION_DEPTH: usize = 128;
/// Longest condition text accepted, in bytes.
pub const MAX_CONDITION_LEN: usize = 64 * 1024;

/// A parsed condition over option indices (positions in option order).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Condition {
    /// True where the option at this position is taken.
    Option(usize),
    /// Negation.
    Not(Box<Condition>),
    /// Conjunction.
    And(Box<Condition>, Box<Condition>),
    /// Disjunction.
    Or(Box<Condition>, Box<Condition>),
    /// Implication.
    Implies(Box<Condition>, Box<Condition>),
    /// Equivalence.
    Iff(Box<Condition>, Box<Condition>),
}

/// Why a condition text could not be turned into a [`Condition`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConditionProblem {
    /// The text does not follow the grammar; `column` is 1-based, in characters.
    Syntax {
        /// 1-based character column where parsing failed.
        column: usize,
        /// What was expected or found.
        message: String,
    },
    /// A name that is not an option of the model.
    UnknownOption(String),
}

impl fmt::Display for ConditionProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConditionProblem::Syntax { column, message } => {
                write!(f, "does not parse at column {column}: {message}")
            }
            ConditionProblem::UnknownOption(name) => write!(f, "names unknown option `{name}`"),
        }
    }
}

impl Condition {
    /// Parses `text`, resolving names with `lookup` (name -> option position).
    pub fn parse(
        text: &str,
        lookup: &dyn Fn(&str) -> Option<usize>,
    ) -> Result<Condition, ConditionProblem> {
        parse::parse(text, lookup)
    }

    /// Evaluates the condition on one state (bit k set where option k is taken).
    pub fn eval(&self, state: u64) -> bool {
        match self {
            Condition::Option(k) => state >> k & 1 == 1,
            Condition::Not(a) => !a.eval(state),
            Condition::And(a, b) => a.eval(state) && b.eval(state),
            Condition::Or(a, b) => a.eval(state) || b.eval(state),
            Condition::Implies(a, b) => !a.eval(state) || b.eval(state),
            Condition::Iff(a, b) => a.eval(state) == b.eval(state),
        }
    }

    /// Evaluates the condition on 64 states at once: `vars[k]` holds option k's truth value in
    /// each of the 64 lanes; bit l of the result is the condition's value in lane l.
    pub fn eval_lanes(&self, vars: &[u64]) -> u64 {
        match self {
            Condition::Option(k) => vars.get(*k).copied().unwrap_or(0),
            Condition::Not(a) => !a.eval_lanes(vars),
            Condition::And(a, b) => a.eval_lanes(vars) & b.eval_lanes(vars),
            Condition::Or(a, b) => a.eval_lanes(vars) | b.eval_lanes(vars),
            Condition::Implies(a, b) => !a.eval_lanes(vars) | b.eval_lanes(vars),
            Condition::Iff(a, b) => !(a.eval_lanes(vars) ^ b.eval_lanes(vars)),
        }
    }

    /// Three-valued evaluation where only options in `known` are assigned (values in `state`):
    /// `Some(v)` when the value is decided whatever the unknown options are.
    pub fn eval_partial(&self, state: u64, known: u64) -> Option<bool> {
        match self {
            Condition::Option(k) => (known >> k & 1 == 1).then_some(state >> k & 1 == 1),
            Condition::Not(a) => a.eval_partial(state, known).map(|v| !v),
            Condition::And(a, b) => {
                match (a.eval_partial(state, known), b.eval_partial(state, known)) {
                    (Some(false), _) | (_, Some(false)) => Some(false),
                    (Some(true), Some(true)) => Some(true),
                    _ => None,
                }
            }
            Condition::Or(a, b) => {
                match (a.eval_partial(state, known), b.eval_partial(state, known)) {
                    (Some(true), _) | (_, Some(true)) => Some(true),
                    (Some(false), Some(false)) => Some(false),
                    _ => None,
                }
            }
            Condition::Implies(a, b) => {
                match (a.eval_partial(state, known), b.eval_partial(state, known)) {
                    (Some(false), _) | (_, Some(true)) => Some(true),
                    (Some(true), Some(false)) => Some(false),
                    _ => None,
                }
            }
            Condition::Iff(a, b) => {
                match (a.eval_partial(state, known), b.eval_partial(state, known)) {
                    (Some(x), Some(y)) => Some(x == y),
                    _ => None,
                }
            }
        }
    }

    /// Writes the condition back as text, naming options with `name` (backticks added where
    /// a name is not a plain identifier), with only the parentheses that precedence and
    /// associativity require: parsing the text gives this condition back.
    pub fn to_text(&self, name: &dyn Fn(usize) -> String) -> String {
        let mut out = String::new();
        self.write_text(name, &mut out, 0);
        out
    }

    /// Binding strength: `<->` 1, `->` 2, `|` 3, `&` 4, `!` 5, a name 6.
    fn precedence(&self) -> u8 {
        match self {
            Condition::Iff(..) => 1,
            Condition::Implies(..) => 2,
            Condition::Or(..) => 3,
            Condition::And(..) => 4,
            Condition::Not(_) => 5,
            Condition::Option(_) => 6,
        }
    }

    /// Writes the condition, in parentheses when it binds less tightly than `min`.
    fn write_text(&self, name: &dyn Fn(usize) -> String, out: &mut String, min: u8) {
        let p = self.precedence();
        let paren = p < min;
        if paren {
            out.push('(');
        }
        // Operands: left-associative operators take an equal-precedence left operand bare;
        // `->` is right-associative, so it takes an equal-precedence right operand bare.
        let mut bin = |op: &str, a: &Condition, b: &Condition, left: u8, right: u8| {
            a.write_text(name, out, left);
            out.push(' ');
            out.push_str(op);
            out.push(' ');
            b.write_text(name, out, right);
        };
        match self {
            Condition::Option(k) => out.push_str(&quote_name(&name(*k))),
            Condition::Not(a) => {
                out.push('!');
                a.write_text(name, out, 5);
            }
            Condition::And(a, b) => bin("&", a, b, 4, 5),
            Condition::Or(a, b) => bin("|", a, b, 3, 4),
            Condition::Implies(a, b) => bin("->", a, b, 3, 2),
            Condition::Iff(a, b) => bin("<->", a, b, 1, 2),
        }
        if paren {
            out.push(')');
        }
    }
}

/// True where `name` can be written in a condition without backticks.
pub fn is_plain_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// Writes an option name as it must appear in a condition: bare when it is a plain identifier,
/// in backticks otherwise.
pub fn quote_name(name: &str) -> String {
    if is_plain_identifier(name) {
        name.to_string()
    } else {
        format!("`{name}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: &str) -> Option<usize> {
        ["A", "B", "C", "Air Strike"].iter().position(|x| *x == n)
    }

    fn p(text: &str) -> Condition {
        Condition::parse(text, &names).expect("parses")
    }

    #[test]
    fn precedence_follows_the_spec() {
        // `!A | B & C` is `(!A) | (B & C)`.
        let c = p("!A | B & C");
        assert!(c.eval(0b000)); // !A
        assert!(!c.eval(0b001)); // A, not (B&C)
        assert!(c.eval(0b111));
        // `->` is right-associative: A -> B -> C == A -> (B -> C)
        let c = p("A -> B -> C");
        assert!(c.eval(0b001)); // A, !B: B->C true
        assert!(!c.eval(0b011)); // A, B, !C
                                 // `<->` binds loosest: A <-> B | C == A <-> (B | C)
        let c = p("A <-> B | C");
        assert!(c.eval(0b101));
        assert!(!c.eval(0b100));
        // `->` binds looser than `|`: A | B -> C == (A | B) -> C
        let c = p("A | B -> C");
        assert!(!c.eval(0b010));
        assert!(c.eval(0b000));
    }

    #[test]
    fn backticks_and_errors() {
        assert_eq!(
            p("`Air Strike` & !A"),
            Condition::And(
                Box::new(Condition::Option(3)),
                Box::new(Condition::Not(Box::new(Condition::Option(0))))
            )
        );
        assert_eq!(
            Condition::parse("A & D", &names),
            Err(ConditionProblem::UnknownOption("D".into()))
        );
        assert_eq!(
            Condition::parse("A & ", &names),
            Err(ConditionProblem::Syntax {
                column: 5,
                message: "expected an option name, `!` or `(`, found the end".into()
            })
        );
        assert!(matches!(
            Condition::parse("(A", &names),
            Err(ConditionProblem::Syntax { column: 3, .. })
        ));
        assert!(matches!(
            Condition::parse("A B", &names),
            Err(ConditionProblem::Syntax { column: 3, .. })
        ));
        assert!(matches!(
            Condition::parse("`Air", &names),
            Err(ConditionProblem::Syntax { column: 1, .. })
        ));
        assert!(matches!(
            Condition::parse("A - B", &names),
            Err(ConditionProblem::Syntax { column: 3, .. })
        ));
        let deep = format!("{}A{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(matches!(
            Condition::parse(&deep, &names),
            Err(ConditionProblem::Syntax { .. })
        ));
        let deep_not = format!("{}A", "!".repeat(10_000));
        assert!(matches!(
            Condition::parse(&deep_not, &names),
            Err(ConditionProblem::Syntax { .. })
        ));
    }

    #[test]
    fn long_chains_round_trip_within_the_depth_limit() {
        // Found by fuzzing: a 50-term chain was written fully parenthesised, too deep to read
        // back.
        let text = vec!["!!A"; 50].join(" | ");
        let c = p(&text);
        let back = c.to_text(&|k| ["A", "B", "C", "Air Strike"][k].to_string());
        assert_eq!(back, text);
        assert_eq!(p(&back), c);
    }

    #[test]
    fn lanes_agree_with_scalar_eval_and_text_round_trips() {
        let conds = [
            "!A | B & C",
            "A -> B -> C",
            "A <-> B | C",
            "!(A & `Air Strike`) <-> C",
        ];
        for text in conds {
            let c = p(text);
            let vars: Vec<u64> = (0..4)
                .map(|k| {
                    (0..64u64)
                        .filter(|l| l >> k & 1 == 1)
                        .fold(0, |m, l| m | 1 << l)
                })
                .collect();
            let lanes = c.eval_lanes(&vars);
            for l in 0..16u64 {
                assert_eq!(lanes >> l & 1 == 1, c.eval(l), "{text} at {l}");
                assert_eq!(c.eval_partial(l, 0b1111), Some(c.eval(l)));
            }
            let back = c.to_text(&|k| ["A", "B", "C", "Air Strike"][k].to_string());
            assert_eq!(p(&back), c, "{text} -> {back}");
        }
        let show = |t: &str| p(t).to_text(&|k| ["A", "B", "C", "Air Strike"][k].to_string());
        assert_eq!(show("((A | B) | C)"), "A | B | C");
        assert_eq!(show("A | (B | C)"), "A | (B | C)");
        assert_eq!(show("(A -> B) -> C"), "(A -> B) -> C");
        assert_eq!(show("A -> (B -> C)"), "A -> B -> C");
        assert_eq!(show("!(A & B) <-> (C <-> A)"), "!(A & B) <-> (C <-> A)");
        assert_eq!(show("(`Air Strike`)"), "`Air Strike`");
        assert_eq!(p("A & B").eval_partial(0, 0b01), Some(false));
        assert_eq!(p("A & B").eval_partial(1, 0b01), None);
    }
}
