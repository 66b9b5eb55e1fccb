//! The outlook: the forecast blended with a reference class (an opt-in reading).
//!
//! The forecast's probabilities are shares of the model's completions: where the model sees one
//! end, it gives it 100%. Real standoffs end elsewhere often enough that such certainty is
//! rarely earned (`docs/validation.md`, calibration table). The outlook mixes the forecast
//! with the *reference class*, how often each outcome code ended the standoffs of a set of
//! real cases:
//!
//! `p_outlook(code) = (1 - w) * p_forecast(code) + w * share(code)`
//!
//! for a weight `w` in `[0, 1]` the user chooses. Every outcome the class has seen gets at
//! least `w * share`, including outcomes the model cannot reach; an outcome the forecast gives
//! 100% keeps at least `1 - w`. Reading it: the forecast says where the standoff goes if the
//! parties are as encoded; the outlook hedges against the encoding being wrong in the way real
//! cases have been. [`ReferenceClass::blind_validation`] is the class shipped with the crate:
//! the recorded outcomes of every blind validation case (a test keeps it equal to them).
//!
//! Off by default ([`crate::Resolver::outlook`] is `None`): the forecast is the resolver's
//! answer; the outlook is printed next to it where asked for.

use serde::Serialize;

use crate::compile::OutcomeCode;
use crate::resolve::forecast::ForecastOutcome;

/// Why a reference class or a blend could not be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OutlookError {
    /// The class counts no case.
    #[error("reference class `{class}`: it counts no case")]
    EmptyClass {
        /// The class's name.
        class: String,
    },
    /// An outcome code is counted twice.
    #[error("reference class `{class}`: outcome `{code}` is counted twice")]
    DuplicateCode {
        /// The class's name.
        class: String,
        /// The code given twice.
        code: OutcomeCode,
    },
    /// The class counts more cases than fit in a `u64`.
    #[error("reference class `{class}`: more cases than can be counted")]
    TooLarge {
        /// The class's name.
        class: String,
    },
    /// The weight is not a number from 0 to 1.
    #[error("outlook weight {weight}: must be a number from 0 to 1")]
    Weight {
        /// The weight given.
        weight: f64,
    },
}

/// How often each outcome code ended the standoffs of a set of real cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceClass {
    name: String,
    counts: [u64; 6],
}

/// The recorded outcomes of the blind validation cases (`validation/`, sets 1 to 11), in
/// [`OutcomeCode::ALL`] order; `tests/outlook.rs` checks them against the case files.
const BLIND_VALIDATION: [(OutcomeCode, u64); 6] = [
    (OutcomeCode::Exit, 20),
    (OutcomeCode::Ban, 36),
    (OutcomeCode::Comply, 64),
    (OutcomeCode::Compromise, 22),
    (OutcomeCode::Withdrawn, 27),
    (OutcomeCode::Stalemate, 6),
];

impl ReferenceClass {
    /// A class from `(code, cases)` pairs; codes not named count 0.
    ///
    /// # Errors
    /// [`OutlookError::DuplicateCode`] where a code is named twice,
    /// [`OutlookError::EmptyClass`] where no case is counted, [`OutlookError::TooLarge`]
    /// where the cases do not fit in a `u64`.
    pub fn from_counts(name: &str, counts: &[(OutcomeCode, u64)]) -> Result<Self, OutlookError> {
        let mut out = [0u64; 6];
        let mut seen = [false; 6];
        for &(code, n) in counts {
            let i = index(code);
            if seen[i] {
                return Err(OutlookError::DuplicateCode {
                    class: name.to_string(),
                    code,
                });
            }
            seen[i] = true;
            out[i] = n;
        }
        if out
            .iter()
            .try_fold(0u64, |sum, &n| sum.checked_add(n))
            .is_none()
        {
            return Err(OutlookError::TooLarge {
                class: name.to_string(),
            });
        }
        if out.iter().all(|&n| n == 0) {
            return Err(OutlookError::EmptyClass {
                class: name.to_string(),
            });
        }
        Ok(ReferenceClass {
            name: name.to_string(),
            counts: out,
        })
    }

    /// The class shipped with the crate: the recorded outcomes of its blind validation cases
    /// (`docs/validation.md`).
    pub fn blind_validation() -> Self {
        let mut counts = [0u64; 6];
        for (code, n) in BLIND_VALIDATION {
            counts[index(code)] = n;
        }
        ReferenceClass {
            name: "the crate's blind validation cases (docs/validation.md)".to_string(),
            counts,
        }
    }

    /// What the class is (where its cases are).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Cases per outcome code, in [`OutcomeCode::ALL`] order.
    pub fn counts(&self) -> [u64; 6] {
        self.counts
    }

    /// Cases in the class.
    pub fn cases(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The share of the class's cases that ended in `code`.
    pub fn share(&self, code: OutcomeCode) -> f64 {
        self.counts[index(code)] as f64 / self.cases().max(1) as f64
    }
}

/// A reference class and the weight it gets in the outlook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Blend {
    class: ReferenceClass,
    weight: f64,
}

impl Blend {
    /// `class` with weight `weight`.
    ///
    /// # Errors
    /// [`OutlookError::Weight`] unless `weight` is a number from 0 to 1.
    pub fn new(class: ReferenceClass, weight: f64) -> Result<Self, OutlookError> {
        if !(0.0..=1.0).contains(&weight) {
            return Err(OutlookError::Weight { weight });
        }
        // `+ 0.0` turns a weight of -0 into 0.
        Ok(Blend {
            class,
            weight: weight + 0.0,
        })
    }

    /// The reference class.
    pub fn class(&self) -> &ReferenceClass {
        &self.class
    }

    /// The class's weight.
    pub fn weight(&self) -> f64 {
        self.weight
    }
}

/// One outcome code of the outlook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutlookOutcome {
    /// The outcome code.
    pub code: OutcomeCode,
    /// Its probability in the outlook.
    pub probability: f64,
    /// Its probability in the forecast.
    pub forecast: f64,
    /// Its share of the reference class.
    pub reference: f64,
}

/// The forecast blended with a reference class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlook {
    /// The reference class's name.
    pub class: String,
    /// Cases in the class.
    pub cases: u64,
    /// The class's weight.
    pub weight: f64,
    /// Every code with a positive probability, most likely first (ties in code order).
    pub outcomes: Vec<OutlookOutcome>,
}

/// The outlook of `forecast` under `blend`: [`blend_shares`] of its outcome codes and
/// probabilities.
pub fn outlook_of(forecast: &[ForecastOutcome], blend: &Blend) -> Outlook {
    let shares: Vec<(OutcomeCode, f64)> =
        forecast.iter().map(|o| (o.code, o.probability)).collect();
    blend_shares(&shares, blend)
}

/// `shares` (outcome codes with probabilities: a forecast) blended with `blend`'s class.
///
/// Arguments: the shares (any order; a code given twice counts its sum, a code missing
/// counts 0) and the blend. Result: every code whose blended probability is positive, most
/// likely first, ties in [`OutcomeCode::ALL`] order; the probabilities sum to 1 where the
/// shares do. Empty shares (nothing to blend) give an empty outlook: the class alone is not a
/// forecast of this standoff. Cost: six codes, linear in the number of shares.
pub fn blend_shares(shares: &[(OutcomeCode, f64)], blend: &Blend) -> Outlook {
    let given = |code: OutcomeCode| {
        shares
            .iter()
            .filter(|x| x.0 == code)
            .fold(0.0, |sum, x| sum + x.1)
    };
    let weight = blend.weight;
    let mut outcomes: Vec<OutlookOutcome> = OutcomeCode::ALL
        .iter()
        .map(|&code| {
            let (f, r) = (given(code), blend.class.share(code));
            OutlookOutcome {
                code,
                probability: (1.0 - weight) * f + weight * r,
                forecast: f,
                reference: r,
            }
        })
        .filter(|o| o.probability > 0.0 && !shares.is_empty())
        .collect();
    outcomes.sort_by(|a, b| b.probability.total_cmp(&a.probability));
    Outlook {
        class: blend.class.name.clone(),
        cases: blend.class.cases(),
        weight: blend.weight,
        outcomes,
    }
}

/// The position of `code` in [`OutcomeCode::ALL`].
fn index(code: OutcomeCode) -> usize {
    OutcomeCode::ALL
        .iter()
        .position(|&c| c == code)
        .unwrap_or_default()
}
