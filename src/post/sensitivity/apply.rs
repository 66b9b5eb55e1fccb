//! Edits as a service: parsing a desired state, listing and applying single edits.

use crate::model::file::GraphModelFile;
use crate::model::graph_model::GraphModel;
use crate::model::state::State;

use super::context::Context;
use super::{EditStep, PreferenceEdit, SensitivityError};

/// Parses a state label and checks that the state is feasible.
///
/// ```
/// use standoff::post::sensitivity::desired_state;
/// let model = standoff::GraphModel::from_path("tests/corpus/cuban.model.json")?;
/// assert!(desired_state(&model, "NYYN").is_ok());
/// let e = desired_state(&model, "NNYY").unwrap_err(); // withdraw and escalate
/// assert_eq!(e.to_string(), "state `NNYY` is not feasible");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn desired_state(model: &GraphModel, label: &str) -> Result<State, SensitivityError> {
    let state = State::from_label(label, model.option_count()).map_err(|reason| {
        SensitivityError::MalformedState {
            state: label.to_string(),
            reason,
        }
    })?;
    if !model.is_feasible(state) {
        return Err(SensitivityError::InfeasibleState(label.to_string()));
    }
    Ok(state)
}

/// Every single edit applicable to the model's preferences, decision maker by decision
/// maker; for rankings state by state in canonical order (move up, move down, split above,
/// split below), for priorities position by position (swap with the next, drop).
///
/// ```
/// use standoff::post::sensitivity::single_edits;
/// let model = standoff::GraphModel::from_path("tests/corpus/prisoners.model.json")?;
/// // Two strict rankings of four states: 3 up + 3 down moves each, no ties to split.
/// assert_eq!(single_edits(&model)?.len(), 12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn single_edits(model: &GraphModel) -> Result<Vec<PreferenceEdit>, SensitivityError> {
    let ctx = Context::new(model)?;
    let mut out = Vec::new();
    for (d, prefs) in ctx.original.iter().enumerate() {
        for e in ctx.edits(d, prefs, None) {
            if ctx.apply(prefs, &e).is_some() {
                out.push(e);
            }
        }
    }
    Ok(out)
}

/// Applies `edits` in order to the model's preferences and returns the edited file (rebuild
/// it with [`crate::GraphModel::from_file`]) and the steps described in words.
///
/// ```
/// use standoff::post::sensitivity::{apply_edits, PreferenceEdit};
/// let model = standoff::GraphModel::from_path("tests/corpus/prisoners.model.json")?;
/// let yy = model.parse_state("YY")?;
/// let (file, steps) = apply_edits(&model, &[PreferenceEdit::MoveUp { decision_maker: 0, state: yy }])?;
/// assert_eq!(steps[0].description, "Prisoner One: move `YY` up one tier");
/// let edited = standoff::GraphModel::from_file(file)?;
/// assert_eq!(edited.payoff(0, yy), edited.payoff(0, model.parse_state("NY")?)); // now tied
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn apply_edits(
    model: &GraphModel,
    edits: &[PreferenceEdit],
) -> Result<(GraphModelFile, Vec<EditStep>), SensitivityError> {
    let ctx = Context::new(model)?;
    let mut profile = ctx.original.clone();
    let mut steps = Vec::new();
    for e in edits {
        let d = e.decision_maker();
        let prefs = profile
            .get(d)
            .ok_or_else(|| SensitivityError::UnknownDecisionMaker(d.to_string()))?;
        let (next, description) = ctx
            .apply(prefs, e)
            .ok_or_else(|| SensitivityError::InapplicableEdit(format!("{e:?}")))?;
        profile[d] = next;
        steps.push(EditStep {
            edit: e.clone(),
            description,
        });
    }
    Ok((ctx.file(&profile), steps))
}
