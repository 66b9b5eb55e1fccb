//! A small builder for condition texts with minimal parentheses.

use crate::model::condition::quote_name;

/// A condition under construction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Expr {
    /// An option name.
    Atom(String),
    /// A user-written condition, kept as text.
    Raw(String),
    /// Negation.
    Not(Box<Expr>),
    /// Conjunction of two or more.
    And(Vec<Expr>),
    /// Disjunction of two or more.
    Or(Vec<Expr>),
}

impl Expr {
    pub(crate) fn atom(name: &str) -> Expr {
        Expr::Atom(name.to_string())
    }

    pub(crate) fn negate(self) -> Expr {
        match self {
            Expr::Not(inner) => *inner,
            other => Expr::Not(Box::new(other)),
        }
    }

    /// The conjunction; `None` for an empty list.
    pub(crate) fn all(mut items: Vec<Expr>) -> Option<Expr> {
        match items.len() {
            0 => None,
            1 => items.pop(),
            _ => Some(Expr::And(items)),
        }
    }

    /// The disjunction; `None` for an empty list.
    pub(crate) fn any(mut items: Vec<Expr>) -> Option<Expr> {
        match items.len() {
            0 => None,
            1 => items.pop(),
            _ => Some(Expr::Or(items)),
        }
    }

    /// The condition text.
    pub(crate) fn text(&self) -> String {
        match self {
            Expr::Atom(name) => quote_name(name),
            Expr::Raw(text) => text.clone(),
            Expr::Not(inner) => match **inner {
                Expr::Atom(_) | Expr::Not(_) => format!("!{}", inner.text()),
                _ => format!("!({})", inner.text()),
            },
            Expr::And(items) => items
                .iter()
                .map(|e| match e {
                    Expr::Or(_) | Expr::Raw(_) => format!("({})", e.text()),
                    _ => e.text(),
                })
                .collect::<Vec<_>>()
                .join(" & "),
            Expr::Or(items) => items
                .iter()
                .map(|e| match e {
                    Expr::Raw(_) => format!("({})", e.text()),
                    _ => e.text(),
                })
                .collect::<Vec<_>>()
                .join(" | "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_have_only_the_parentheses_they_need() {
        let a = Expr::atom("exit now");
        let b = Expr::atom("ban");
        let or = Expr::any(vec![a.clone(), b.clone()]).expect("two items");
        assert_eq!(or.text(), "`exit now` | ban");
        assert_eq!(or.clone().negate().text(), "!(`exit now` | ban)");
        let and = Expr::all(vec![a.clone().negate(), or]).expect("two items");
        assert_eq!(and.text(), "!`exit now` & (`exit now` | ban)");
        assert_eq!(b.clone().negate().negate(), b);
        assert_eq!(Expr::all(vec![]), None);
    }
}
