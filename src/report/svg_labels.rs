//! Placing the labels of a picture's arrows so that no two overlap and none lies under a box:
//! each label goes to the first free spot along its arrow (the middle first, then further out,
//! above the curve, then below it; centred on the curve, then starting at it, then ending at
//! it), in the order the arrows are drawn; deterministic.

/// Width of a label's character, in pixels, at the labels' font size (11 px).
pub(crate) const LABEL_CHAR_WIDTH: f64 = 6.2;
/// Height of a label above its baseline, in pixels.
pub(crate) const LABEL_ASCENT: f64 = 10.0;
/// Depth of a label below its baseline, in pixels.
pub(crate) const LABEL_DESCENT: f64 = 3.0;

/// A rectangle: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    /// Left.
    pub(crate) x: f64,
    /// Top.
    pub(crate) y: f64,
    /// Width.
    pub(crate) w: f64,
    /// Height.
    pub(crate) h: f64,
}

impl Rect {
    /// True when the two rectangles share more than a line.
    pub(crate) fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }
}

/// The box of a label of `text` centred on `x` with its baseline at `y`.
pub(crate) fn label_box(text: &str, x: f64, y: f64) -> Rect {
    let w = text.chars().count() as f64 * LABEL_CHAR_WIDTH;
    Rect {
        x: x - w / 2.0,
        y: y - LABEL_ASCENT,
        w,
        h: LABEL_ASCENT + LABEL_DESCENT,
    }
}

/// An arrow's curve (a quadratic Bézier: start, control, end) and its label.
pub(crate) struct Curve<'a> {
    /// Start point.
    pub(crate) from: (f64, f64),
    /// Control point.
    pub(crate) control: (f64, f64),
    /// End point.
    pub(crate) to: (f64, f64),
    /// The label (empty: none).
    pub(crate) label: &'a str,
}

impl Curve<'_> {
    /// The point at `t` (0 at the start, 1 at the end).
    fn at(&self, t: f64) -> (f64, f64) {
        let (a, b, c) = ((1.0 - t) * (1.0 - t), 2.0 * (1.0 - t) * t, t * t);
        (
            a * self.from.0 + b * self.control.0 + c * self.to.0,
            a * self.from.1 + b * self.control.1 + c * self.to.1,
        )
    }
}

/// Where along a curve a label may go, in order of preference.
const ALONG: [f64; 7] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8];
/// Baseline offsets from the curve: just above it, then just below.
const OFFSETS: [f64; 2] = [-3.0, LABEL_ASCENT + 2.0];

/// The baseline position (centre x, y) of each curve's label (`None` for an empty label):
/// the first spot that overlaps neither a box in `obstacles` nor a label placed before it,
/// else the middle of the curve, just above it.
pub(crate) fn place_labels(curves: &[Curve<'_>], obstacles: &[Rect]) -> Vec<Option<(f64, f64)>> {
    let mut placed: Vec<Rect> = Vec::new();
    curves
        .iter()
        .map(|c| {
            if c.label.is_empty() {
                return None;
            }
            // Centred on the curve first, then starting or ending at it.
            let half = label_box(c.label, 0.0, 0.0).w / 2.0 + 4.0;
            let spots = [0.0, half, -half].into_iter().flat_map(|dx| {
                OFFSETS.iter().flat_map(move |&dy| {
                    ALONG.iter().map(move |&t| {
                        let (x, y) = c.at(t);
                        (x + dx, y + dy)
                    })
                })
            });
            let free = |&(x, y): &(f64, f64)| {
                let b = label_box(c.label, x, y);
                !obstacles.iter().chain(&placed).any(|o| o.overlaps(&b))
            };
            let middle = c.at(0.5);
            let spot = spots
                .into_iter()
                .find(free)
                .unwrap_or((middle.0, middle.1 + OFFSETS[0]));
            placed.push(label_box(c.label, spot.0, spot.1));
            Some(spot)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_free_middle_is_kept() {
        let curves = [Curve {
            from: (0.0, 50.0),
            control: (50.0, 50.0),
            to: (100.0, 50.0),
            label: "ab",
        }];
        assert_eq!(place_labels(&curves, &[]), vec![Some((50.0, 47.0))]);
    }

    #[test]
    fn crowded_labels_move_along_their_curves() {
        // Two parallel arrows 4 px apart: the second label cannot sit at its middle.
        let curve = |y: f64, label| Curve {
            from: (0.0, y),
            control: (100.0, y),
            to: (200.0, y),
            label,
        };
        let curves = [curve(50.0, "first"), curve(54.0, "second"), curve(0.0, "")];
        // A box over the middle of the first arrow.
        let obstacles = [Rect {
            x: 90.0,
            y: 30.0,
            w: 20.0,
            h: 30.0,
        }];
        let spots = place_labels(&curves, &obstacles);
        assert_eq!(spots[2], None);
        let boxes: Vec<Rect> = spots[..2]
            .iter()
            .zip(["first", "second"])
            .map(|(s, l)| {
                let (x, y) = s.expect("placed");
                label_box(l, x, y)
            })
            .collect();
        assert!(!boxes[0].overlaps(&boxes[1]), "{boxes:?}");
        assert!(
            boxes.iter().all(|b| !b.overlaps(&obstacles[0])),
            "{boxes:?}"
        );
        // The first label's first free spot: 0.3 of the way along, above the curve (at 0.4
        // and 0.6 it would still touch the box).
        assert_eq!(spots[0], Some((60.0, 47.0)));
    }
}
