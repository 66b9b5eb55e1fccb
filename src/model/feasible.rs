//! Enumeration of the feasible states, pruning whole subcubes that a rule already excludes.

use crate::limits::{LimitError, Limits, Meter};
use crate::model::condition::Condition;
use crate::model::error::ModelError;

/// The lane masks of the six lowest options: bit l of `LOW_LANES[k]` is bit k of l.
pub(crate) const LOW_LANES: [u64; 6] = [
    0xAAAA_AAAA_AAAA_AAAA,
    0xCCCC_CCCC_CCCC_CCCC,
    0xF0F0_F0F0_F0F0_F0F0,
    0xFF00_FF00_FF00_FF00,
    0xFFFF_0000_FFFF_0000,
    0xFFFF_FFFF_0000_0000,
];

/// Lane variables for the 64 states `block * 64 .. block * 64 + 64`.
pub(crate) fn lane_vars(block: u64, options: usize) -> Vec<u64> {
    (0..options)
        .map(|k| {
            if k < 6 {
                LOW_LANES[k]
            } else if (block << 6) >> k & 1 == 1 {
                u64::MAX
            } else {
                0
            }
        })
        .collect()
}

struct Enumerator<'a> {
    options: usize,
    rules: &'a [Condition],
    groups: &'a [u64],
    limits: &'a Limits,
    meter: Meter<'a>,
    out: Vec<u64>,
}

/// All feasible states in canonical order: states satisfying no rule of `rules` and having at
/// most one option of each mask in `groups`.
pub(crate) fn feasible_states(
    options: usize,
    rules: &[Condition],
    groups: &[u64],
    limits: &Limits,
) -> Result<Vec<u64>, ModelError> {
    if options > limits.max_options || options > 63 {
        return Err(LimitError::Options {
            count: options,
            limit: limits.max_options.min(63),
        }
        .into());
    }
    if rules.is_empty() && groups.is_empty() && (1u64 << options) > limits.max_states {
        return Err(LimitError::States {
            count: 1 << options,
            limit: limits.max_states,
        }
        .into());
    }
    let mut e = Enumerator {
        options,
        rules,
        groups,
        limits,
        meter: Meter::new(limits),
        out: Vec::new(),
    };
    let low = options.min(6);
    e.visit(0, 0, options, low)?;
    if e.out.is_empty() {
        return Err(ModelError::EmptyFeasibleSet);
    }
    Ok(e.out)
}

impl Enumerator<'_> {
    /// Options `level..options` are assigned in `prefix`; `low` options are evaluated in lanes.
    fn visit(
        &mut self,
        prefix: u64,
        known: u64,
        level: usize,
        low: usize,
    ) -> Result<(), ModelError> {
        self.meter.spend(1)?;
        let mut undecided = false;
        for rule in self.rules {
            match rule.eval_partial(prefix, known) {
                Some(true) => return Ok(()),
                Some(false) => {}
                None => undecided = true,
            }
        }
        for &g in self.groups {
            let taken = (prefix & known & g).count_ones();
            if taken >= 2 {
                return Ok(());
            }
            if g & !known != 0 && (taken == 1 || (g & !known).count_ones() >= 2) {
                undecided = true;
            }
        }
        if !undecided {
            let count = 1u64 << level;
            self.reserve(count)?;
            self.out.extend((0..count).map(|x| prefix | x));
            return Ok(());
        }
        if level > low {
            let bit = level - 1;
            self.visit(prefix, known | 1 << bit, bit, low)?;
            return self.visit(prefix | 1 << bit, known | 1 << bit, bit, low);
        }
        // The lowest `low` options in lanes.
        let vars = lane_vars(prefix >> 6, self.options);
        let lanes = if low == 6 {
            u64::MAX
        } else {
            (1u64 << (1 << low)) - 1
        };
        let mut bad = 0u64;
        for rule in self.rules {
            bad |= rule.eval_lanes(&vars);
        }
        for &g in self.groups {
            let (mut one, mut two) = (0u64, 0u64);
            for (k, v) in vars.iter().enumerate() {
                if g >> k & 1 == 1 {
                    two |= one & v;
                    one |= v;
                }
            }
            bad |= two;
        }
        let good = lanes & !bad;
        self.reserve(good.count_ones() as u64)?;
        let mut g = good;
        while g != 0 {
            let l = g.trailing_zeros() as u64;
            self.out.push(prefix | l);
            g &= g - 1;
        }
        Ok(())
    }

    fn reserve(&mut self, count: u64) -> Result<(), ModelError> {
        let total = self.out.len() as u64 + count;
        if total > self.limits.max_states {
            return Err(LimitError::States {
                count: total,
                limit: self.limits.max_states,
            }
            .into());
        }
        self.meter.spend(count / 64)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(options: usize, rules: &[Condition], groups: &[u64]) -> Vec<u64> {
        (0..1u64 << options)
            .filter(|&x| !rules.iter().any(|r| r.eval(x)))
            .filter(|&x| groups.iter().all(|g| (x & g).count_ones() <= 1))
            .collect()
    }

    #[test]
    fn pruned_enumeration_matches_the_naive_one() {
        let names = |n: &str| n.strip_prefix('o').and_then(|d| d.parse::<usize>().ok());
        let texts = [
            "o0 & o1",
            "o7 & !o2",
            "o8 -> o9",
            "o3 <-> o8",
            "!o0 & !o1 & !o9",
        ];
        let rules: Vec<Condition> = texts
            .iter()
            .map(|t| Condition::parse(t, &names).expect("parses"))
            .collect();
        for options in [1usize, 3, 6, 7, 10] {
            let usable: Vec<Condition> = rules
                .iter()
                .zip(texts)
                .filter(|(_, t)| {
                    t.split(|c: char| !c.is_alphanumeric())
                        .filter_map(names)
                        .all(|k| k < options)
                })
                .map(|(r, _)| r.clone())
                .collect();
            let groups: Vec<u64> = if options >= 7 {
                vec![0b1010_0000, 0b11]
            } else {
                vec![]
            };
            let expected = naive(options, &usable, &groups);
            let got = feasible_states(options, &usable, &groups, &Limits::default());
            if expected.is_empty() {
                assert_eq!(got, Err(ModelError::EmptyFeasibleSet));
            } else {
                assert_eq!(got.expect("feasible"), expected, "{options} options");
            }
        }
    }

    #[test]
    fn budgets_are_errors() {
        let limits = Limits {
            max_states: 100,
            ..Limits::default()
        };
        assert_eq!(
            feasible_states(10, &[], &[], &limits),
            Err(ModelError::Limit(LimitError::States {
                count: 1024,
                limit: 100
            }))
        );
        assert!(matches!(
            feasible_states(60, &[], &[0b11], &Limits::default()),
            Err(ModelError::Limit(LimitError::Options { count: 60, .. }))
        ));
    }
}
