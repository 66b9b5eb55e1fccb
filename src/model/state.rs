//! States: which options are taken, as a bit pattern.

use std::fmt;

/// A state of a graph model: bit k is set where the option at position k (option order) is
/// taken. Its value is the state's *canonical number*.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct State(pub u64);

impl State {
    /// True where the option at position `option` is taken.
    pub fn is_taken(self, option: usize) -> bool {
        option < 64 && self.0 >> option & 1 == 1
    }

    /// The canonical number.
    pub fn number(self) -> u64 {
        self.0
    }

    /// The `Y`/`N` label of this state for a model with `options` options.
    pub fn label(self, options: usize) -> String {
        (0..options)
            .map(|k| if self.is_taken(k) { 'Y' } else { 'N' })
            .collect()
    }

    /// Parses a `Y`/`N` label of exactly `options` letters.
    pub fn from_label(label: &str, options: usize) -> Result<State, String> {
        let len = label.chars().count();
        if len != options {
            return Err(format!("expected {options} letters, found {len}"));
        }
        let mut bits = 0u64;
        for (k, c) in label.chars().enumerate() {
            match c {
                'Y' => bits |= 1 << k,
                'N' => {}
                other => return Err(format!("letter {} is `{other}`, not `Y` or `N`", k + 1)),
            }
        }
        Ok(State(bits))
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_in_option_order() {
        let s = State::from_label("NYNNY", 5).expect("valid");
        assert_eq!(s.number(), 2 + 16);
        assert_eq!(s.label(5), "NYNNY");
        assert!(State::from_label("NYN", 5).is_err());
        assert!(State::from_label("NYNNx", 5).is_err());
    }
}
