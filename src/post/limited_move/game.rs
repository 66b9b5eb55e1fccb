//! The two-decision-maker game and one level of backward induction (`G_{h-1}` to `G_h`).

use crate::limits::{LimitError, Meter};
use crate::model::graph_model::GraphModel;
use crate::post::reach::Mover;

use super::LimitedMoveError;

pub(super) const STAY: u32 = u32::MAX;

/// The two decision makers' move generators and payoffs.
pub(super) struct Game<'m> {
    model: &'m GraphModel,
    pub(super) movers: [Mover; 2],
    pub(super) pay: [&'m [u32]; 2],
}

/// `G_h` for both decision makers: dense index of the anticipated outcome per state.
pub(super) type Level = [Vec<u32>; 2];

impl<'m> Game<'m> {
    pub(super) fn new(model: &'m GraphModel) -> Result<Game<'m>, LimitedMoveError> {
        let dms = model.decision_makers();
        if dms.len() != 2 {
            return Err(LimitedMoveError::NotTwoDecisionMakers {
                count: dms.len(),
                names: dms
                    .iter()
                    .map(|d| format!("`{}`", d.name()))
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        Ok(Game {
            model,
            movers: [Mover::new(model, &[0]), Mover::new(model, &[1])],
            pay: [model.payoffs_of(0), model.payoffs_of(1)],
        })
    }

    pub(super) fn n(&self) -> usize {
        self.model.state_count()
    }

    pub(super) fn level_zero(&self) -> Level {
        let id: Vec<u32> = (0..self.n() as u32).collect();
        [id.clone(), id]
    }

    /// Computes level h from level h - 1: the choice of each mover at each state (`STAY` or
    /// the target) and the anticipated outcome.
    pub(super) fn step(
        &self,
        prev: &Level,
        choice: &mut Level,
        out: &mut Level,
        meter: &Meter,
    ) -> Result<(), LimitError> {
        let n = self.n();
        for a in 0..2 {
            let b = 1 - a;
            let pay = self.pay[a];
            choice[a].resize(n, STAY);
            out[a].resize(n, 0);
            for x in 0..n {
                let mut best_pay = pay[x];
                let mut best_t = STAY;
                let mut best_out = x as u32;
                let work = self.movers[a].for_each(self.model, self.model.feasible[x], |t| {
                    let o = prev[b][t];
                    let q = pay[o as usize];
                    let t = t as u32;
                    if q > best_pay || (q == best_pay && best_t != STAY && t < best_t) {
                        best_pay = q;
                        best_t = t;
                        best_out = o;
                    }
                });
                meter.spend(work.max(1))?;
                choice[a][x] = best_t;
                out[a][x] = best_out;
            }
        }
        Ok(())
    }

    pub(super) fn check_memory(&self, meter: &Meter, arrays: u64) -> Result<(), LimitError> {
        meter.memory((self.n() as u64).saturating_mul(4).saturating_mul(arrays))
    }
}
