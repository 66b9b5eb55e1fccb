//! Partitions of the decision makers into coalitions: building, parsing, enumerating.

use serde::Serialize;

use crate::model::graph_model::GraphModel;

use super::CoalitionError;

/// Most decision makers for which [`partitions`] enumerates partitions (Bell(10) = 115,975
/// partitions).
pub const MAX_PARTITION_DECISION_MAKERS: usize = 10;

/// A partition of a model's decision makers into coalitions.
///
/// Normalised: members of each coalition ascending, coalitions ordered by their first member.
/// Serialises as the list of coalitions, each a list of decision-maker indices.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Partition {
    pub(super) coalitions: Vec<Vec<usize>>,
}

impl Partition {
    /// The partition with the given coalitions of decision-maker indices.
    ///
    /// Errors: an index the model does not have, a decision maker in two coalitions (or twice
    /// in one), a decision maker in none, an empty coalition.
    ///
    /// ```
    /// use standoff::post::coalition::Partition;
    /// let model = standoff::GraphModel::builder("Three")
    ///     .decision_maker("A", ["a"])
    ///     .decision_maker("B", ["b"])
    ///     .decision_maker("C", ["c"])
    ///     .priorities("A", ["a"]).priorities("B", ["b"]).priorities("C", ["c"])
    ///     .build()?;
    /// let p = Partition::new(&model, vec![vec![2], vec![1, 0]])?;
    /// assert_eq!(p.coalitions(), &[vec![0, 1], vec![2]]);
    /// assert!(Partition::new(&model, vec![vec![0, 1]]).is_err()); // misses C
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        model: &GraphModel,
        coalitions: Vec<Vec<usize>>,
    ) -> Result<Partition, CoalitionError> {
        let dms = model.decision_makers();
        let mut seen = vec![false; dms.len()];
        let text = coalitions
            .iter()
            .map(|c| {
                c.iter()
                    .map(|&d| {
                        dms.get(d)
                            .map_or_else(|| d.to_string(), |x| x.name().to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .collect::<Vec<_>>()
            .join("|");
        let mut out = Vec::with_capacity(coalitions.len());
        for (position, mut c) in coalitions.into_iter().enumerate() {
            if c.is_empty() {
                return Err(CoalitionError::EmptyCoalition {
                    position: position + 1,
                    partition: text,
                });
            }
            for &d in &c {
                let Some(dm) = dms.get(d) else {
                    return Err(CoalitionError::UnknownDecisionMaker(d.to_string()));
                };
                if std::mem::replace(&mut seen[d], true) {
                    return Err(CoalitionError::RepeatedDecisionMaker(dm.name().to_string()));
                }
            }
            c.sort_unstable();
            out.push(c);
        }
        if let Some(d) = seen.iter().position(|&s| !s) {
            return Err(CoalitionError::MissingDecisionMaker(
                dms[d].name().to_string(),
            ));
        }
        out.sort();
        Ok(Partition { coalitions: out })
    }

    /// Parses a partition written with decision-maker names: coalitions separated by `|`,
    /// members by `,`, spaces around names ignored, e.g. `MoE,Uniroyal|Local Government`.
    ///
    /// ```
    /// use standoff::post::coalition::Partition;
    /// let model = standoff::GraphModel::from_path("tests/corpus/elmira.model.json")?;
    /// let p = Partition::parse(&model, "MoE, Uniroyal | Local Government")?;
    /// assert_eq!(p.coalitions(), &[vec![0, 1], vec![2]]);
    /// assert_eq!(p.to_text(&model), "MoE,Uniroyal|Local Government");
    /// let e = Partition::parse(&model, "MoE|Uniroyal").unwrap_err();
    /// assert_eq!(e.to_string(), "the partition misses decision maker `Local Government`");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(model: &GraphModel, text: &str) -> Result<Partition, CoalitionError> {
        let mut coalitions = Vec::new();
        for (position, part) in text.split('|').enumerate() {
            if part.trim().is_empty() {
                return Err(CoalitionError::EmptyCoalition {
                    position: position + 1,
                    partition: text.to_string(),
                });
            }
            let mut members = Vec::new();
            for name in part.split(',') {
                let name = name.trim();
                let d = model
                    .decision_maker_index(name)
                    .ok_or_else(|| CoalitionError::UnknownDecisionMaker(name.to_string()))?;
                members.push(d);
            }
            coalitions.push(members);
        }
        Partition::new(model, coalitions)
    }

    /// Every decision maker alone.
    pub fn singletons(model: &GraphModel) -> Partition {
        Partition {
            coalitions: (0..model.decision_makers().len())
                .map(|d| vec![d])
                .collect(),
        }
    }

    /// The coalitions, each a list of decision-maker indices.
    pub fn coalitions(&self) -> &[Vec<usize>] {
        &self.coalitions
    }

    /// Index of the coalition containing decision maker `dm`.
    pub fn coalition_of(&self, dm: usize) -> Option<usize> {
        self.coalitions.iter().position(|c| c.contains(&dm))
    }

    /// The partition in the syntax of [`Partition::parse`].
    pub fn to_text(&self, model: &GraphModel) -> String {
        self.coalitions
            .iter()
            .map(|c| coalition_label(model, c))
            .collect::<Vec<_>>()
            .join("|")
    }
}

/// A coalition's members' names joined by `,`.
pub fn coalition_label(model: &GraphModel, members: &[usize]) -> String {
    members
        .iter()
        .map(|&d| {
            model
                .decision_makers()
                .get(d)
                .map_or_else(|| d.to_string(), |x| x.name().to_string())
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Every partition of `count` decision makers, in the lexicographic order of their restricted
/// growth strings (the first is everybody in one coalition, the last everybody alone).
///
/// Complexity: Bell(count) partitions, each O(count). Errors above
/// [`MAX_PARTITION_DECISION_MAKERS`].
///
/// ```
/// use standoff::post::coalition::partitions;
/// let p = partitions(3)?;
/// assert_eq!(p.len(), 5); // Bell(3)
/// assert_eq!(p[0], vec![vec![0, 1, 2]]);
/// assert_eq!(p[4], vec![vec![0], vec![1], vec![2]]);
/// # Ok::<(), standoff::post::coalition::CoalitionError>(())
/// ```
pub fn partitions(count: usize) -> Result<Vec<Vec<Vec<usize>>>, CoalitionError> {
    if count > MAX_PARTITION_DECISION_MAKERS {
        return Err(CoalitionError::TooManyDecisionMakers {
            count,
            limit: MAX_PARTITION_DECISION_MAKERS,
        });
    }
    let mut out = Vec::new();
    if count == 0 {
        return Ok(out);
    }
    let mut a = vec![0usize; count];
    loop {
        let blocks = a.iter().copied().max().unwrap_or(0) + 1;
        let mut p = vec![Vec::new(); blocks];
        for (d, &b) in a.iter().enumerate() {
            p[b].push(d);
        }
        out.push(p);
        // Next restricted growth string: increase the last position that may grow.
        let mut i = count;
        loop {
            if i <= 1 {
                return Ok(out);
            }
            i -= 1;
            let prefix_max = a[..i].iter().copied().max().unwrap_or(0);
            if a[i] <= prefix_max {
                a[i] += 1;
                for x in a.iter_mut().skip(i + 1) {
                    *x = 0;
                }
                break;
            }
        }
    }
}
