//! The report as one self-contained HTML page: the forecast first, then the conflict graph,
//! the evolution from the status quo, the reasons and the stability tableau.
//!
//! The pictures are inline SVG laid out here, in layers (no Graphviz, no network: the page
//! names no external resource). The conflict graph has one column per kind of node (parties,
//! demands, policies, sanctions); the evolution one column per step from the status quo, each
//! state in the column of the first step that reaches it.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::conflict::{ConflictGraph, EdgeKind, NodeKind, ThreatMeans};
use crate::model::graph_model::GraphModel;
use crate::report::dot::wrap_name;
use crate::report::forecast::{forecast_line, forecast_text};
use crate::report::resolution::conflict_text;
use crate::report::svg_labels::{place_labels, Curve, Rect};
use crate::report::tableau::tableau;
use crate::resolve::Resolution;
use crate::stability::analysis::Analysis;

/// `text` with `&`, `<`, `>`, `"` and `'` escaped for HTML and SVG.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A box of a picture: its lines of text and its CSS class.
struct Node {
    lines: Vec<String>,
    class: &'static str,
}

/// An arrow between two boxes (by index), with a label and a CSS class.
struct Arrow {
    from: usize,
    to: usize,
    label: String,
    class: &'static str,
}

/// A picture before layout: boxes in columns, arrows between them.
struct Picture {
    /// Used to keep the ids of the SVG elements distinct on one page.
    id: &'static str,
    title: String,
    nodes: Vec<Node>,
    /// The column of each node.
    column: Vec<usize>,
    arrows: Vec<Arrow>,
}

const CHAR_WIDTH: f64 = 7.0;
const LINE_HEIGHT: f64 = 16.0;
const PAD: f64 = 8.0;
const COLUMN_GAP: f64 = 150.0;
const ROW_GAP: f64 = 24.0;
const MARGIN: f64 = 20.0;
/// How far an arrow arcs per column it passes over.
const ARC: f64 = 45.0;

/// A laid-out box: left, top, width, height.
#[derive(Clone, Copy)]
struct Place {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Picture {
    fn new(id: &'static str, title: String) -> Self {
        Picture {
            id,
            title,
            nodes: Vec::new(),
            column: Vec::new(),
            arrows: Vec::new(),
        }
    }

    fn add(&mut self, column: usize, lines: Vec<String>, class: &'static str) -> usize {
        self.nodes.push(Node { lines, class });
        self.column.push(column);
        self.nodes.len() - 1
    }

    /// Each box's place: columns left to right, each as wide as its widest box, boxes
    /// stacked in order and the columns centred on the tallest.
    fn layout(&self) -> (Vec<Place>, f64, f64) {
        let columns = self.column.iter().max().map_or(0, |c| c + 1);
        let size = |n: &Node| {
            let longest = n.lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
            (
                longest as f64 * CHAR_WIDTH + 2.0 * PAD,
                n.lines.len() as f64 * LINE_HEIGHT + PAD,
            )
        };
        let mut widths = vec![0.0_f64; columns];
        let mut heights = vec![0.0_f64; columns];
        for (n, &c) in self.nodes.iter().zip(&self.column) {
            let (w, h) = size(n);
            widths[c] = widths[c].max(w);
            heights[c] += h + ROW_GAP;
        }
        let tallest = heights.iter().copied().fold(0.0, f64::max);
        let mut lefts = Vec::with_capacity(columns);
        let mut x = MARGIN;
        for w in &widths {
            lefts.push(x);
            x += w + COLUMN_GAP;
        }
        // Room above and below for the arcs of the longest arrows.
        let room = ARC * columns.saturating_sub(2) as f64 / 2.0;
        let mut tops: Vec<f64> = heights
            .iter()
            .map(|h| MARGIN + room + (tallest - h) / 2.0)
            .collect();
        let mut places = Vec::with_capacity(self.nodes.len());
        for (n, &c) in self.nodes.iter().zip(&self.column) {
            let (w, h) = size(n);
            places.push(Place {
                x: lefts[c] + (widths[c] - w) / 2.0,
                y: tops[c],
                w,
                h,
            });
            tops[c] += h + ROW_GAP;
        }
        let width = x - COLUMN_GAP + MARGIN;
        (
            places,
            width.max(2.0 * MARGIN),
            tallest + 2.0 * (MARGIN + room),
        )
    }

    /// The curve of arrow `a` between the laid-out boxes. Arrows to the next column go
    /// straight; longer ones arc (forwards above, backwards below) so they do not run through
    /// the columns between; arrows within a column bulge to the right.
    fn curve<'a>(&self, a: &'a Arrow, places: &[Place]) -> Curve<'a> {
        let (from, to) = (places[a.from], places[a.to]);
        let (cf, ct) = (self.column[a.from], self.column[a.to]);
        let span = cf.abs_diff(ct) as f64;
        let (x1, x2, bend, lift) = if ct > cf {
            (from.x + from.w, to.x, 0.0, -ARC * (span - 1.0))
        } else if ct < cf {
            (from.x, to.x + to.w, 0.0, ARC * (span - 1.0))
        } else {
            (from.x + from.w, to.x + to.w, COLUMN_GAP / 2.0, 0.0)
        };
        let (y1, y2) = (from.y + from.h / 2.0, to.y + to.h / 2.0);
        Curve {
            from: (x1, y1),
            control: ((x1 + x2) / 2.0 + bend, (y1 + y2) / 2.0 + lift),
            to: (x2, y2),
            label: &a.label,
        }
    }

    /// The picture as inline SVG.
    fn svg(&self) -> String {
        let (places, width, height) = self.layout();
        let mut out = String::new();
        let _ = writeln!(
            out,
            "<svg class=\"picture\" id=\"{id}\" role=\"img\" aria-label=\"{title}\" \
             width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\">",
            id = self.id,
            title = escape(&self.title),
        );
        let _ = writeln!(out, "<title>{}</title>", escape(&self.title));
        let _ = writeln!(
            out,
            "<defs><marker id=\"{}-head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" \
             markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto-start-reverse\">\
             <path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"context-stroke\"/></marker></defs>",
            self.id
        );
        let curves: Vec<Curve<'_>> = self.arrows.iter().map(|a| self.curve(a, &places)).collect();
        let boxes: Vec<Rect> = places
            .iter()
            .map(|p| Rect {
                x: p.x,
                y: p.y,
                w: p.w,
                h: p.h,
            })
            .collect();
        let spots = place_labels(&curves, &boxes);
        for ((a, c), spot) in self.arrows.iter().zip(&curves).zip(spots) {
            let ((x1, y1), (cx, cy), (x2, y2)) = (c.from, c.control, c.to);
            let _ = writeln!(
                out,
                "<path class=\"arrow {class}\" d=\"M {x1:.1} {y1:.1} Q {cx:.1} {cy:.1} {x2:.1} {y2:.1}\" \
                 marker-end=\"url(#{id}-head)\"/>",
                class = a.class,
                id = self.id,
            );
            if let Some((lx, ly)) = spot {
                let _ = writeln!(
                    out,
                    "<text class=\"label {}\" x=\"{lx:.1}\" y=\"{ly:.1}\">{}</text>",
                    a.class,
                    escape(&a.label)
                );
            }
        }
        for (n, p) in self.nodes.iter().zip(&places) {
            let _ = writeln!(
                out,
                "<g class=\"node {}\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"4\"/>",
                n.class, p.x, p.y, p.w, p.h
            );
            for (k, line) in n.lines.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                    p.x + p.w / 2.0,
                    p.y + PAD / 2.0 + (k as f64 + 0.75) * LINE_HEIGHT,
                    escape(line)
                );
            }
            out.push_str("</g>\n");
        }
        out.push_str("</svg>\n");
        out
    }
}

/// The conflict graph as inline SVG: parties, demands, policies and sanctions in columns, in
/// that order; conflicts red, threats dashed.
pub fn conflict_svg(conflict: &ConflictGraph) -> String {
    let mut picture = Picture::new(
        "conflict-picture",
        format!("Conflict graph: {}", conflict.name()),
    );
    let mut index: BTreeMap<(NodeKind, String), usize> = BTreeMap::new();
    for n in conflict.nodes() {
        let column = match n.kind {
            NodeKind::Party => 0,
            NodeKind::Demand => 1,
            NodeKind::Policy => 2,
            NodeKind::Sanction => 3,
        };
        let lines = vec![n.name.clone(), format!("({})", n.kind.as_str())];
        let i = picture.add(column, lines, n.kind.as_str());
        index.insert((n.kind, n.name), i);
    }
    let find = |kind: NodeKind, name: &str| index.get(&(kind, name.to_string())).copied();
    for e in conflict.edges() {
        if let (Some(from), Some(to)) =
            (find(e.from.kind, &e.from.name), find(e.to.kind, &e.to.name))
        {
            picture.arrows.push(Arrow {
                from,
                to,
                label: e.kind.as_str().to_string(),
                class: if e.kind == EdgeKind::ConflictsWith {
                    "conflicts"
                } else {
                    "relation"
                },
            });
        }
    }
    for t in conflict.threats() {
        let (from, label) = match &t.means {
            ThreatMeans::Sanction { sanction, .. } => (
                find(NodeKind::Sanction, sanction),
                if t.in_force {
                    "threatens (in force)".to_string()
                } else {
                    "threatens".to_string()
                },
            ),
            ThreatMeans::Exit { option } => {
                (find(NodeKind::Party, &t.by), format!("threatens: {option}"))
            }
        };
        if let (Some(from), Some(to)) = (from, find(NodeKind::Party, &t.against)) {
            picture.arrows.push(Arrow {
                from,
                to,
                label,
                class: "threat",
            });
        }
    }
    picture.svg()
}

/// The evolution of a resolution as inline SVG: the status quo on the left, then every state
/// on the path to a predicted outcome, one column per step; each move labelled by the party
/// making it (bold where it is an improvement for it), predicted outcomes outlined.
pub fn evolution_svg(resolution: &Resolution) -> String {
    let mut picture = Picture::new(
        "evolution-picture",
        format!("Evolution from the status quo: {}", resolution.scenario),
    );
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let lines = |label: &str, name: &str| {
        let mut lines = vec![label.to_string()];
        lines.extend(wrap_name(name).lines().map(str::to_string));
        lines
    };
    let sq = &resolution.status_quo;
    let first = picture.add(0, lines(&sq.label, &sq.outcome.name), "status-quo");
    index.insert(sq.label.clone(), first);
    let predicted: Vec<&str> = resolution
        .predicted
        .iter()
        .map(|p| p.state.label.as_str())
        .collect();
    let mut moves: Vec<(usize, usize, String)> = Vec::new();
    for p in &resolution.predicted {
        for (k, step) in p.path.iter().enumerate() {
            let to = match index.get(&step.to.label) {
                Some(&i) => i,
                None => {
                    let class = if predicted.contains(&step.to.label.as_str()) {
                        "predicted"
                    } else {
                        "state"
                    };
                    let i = picture.add(k + 1, lines(&step.to.label, &step.to.outcome.name), class);
                    index.insert(step.to.label.clone(), i);
                    i
                }
            };
            let Some(&from) = index.get(&step.from) else {
                continue;
            };
            if moves.contains(&(from, to, step.party.clone())) {
                continue;
            }
            moves.push((from, to, step.party.clone()));
            picture.arrows.push(Arrow {
                from,
                to,
                label: step.party.clone(),
                class: if step.improvement {
                    "improvement"
                } else {
                    "move"
                },
            });
        }
    }
    if predicted.contains(&sq.label.as_str()) {
        picture.nodes[first].class = "status-quo predicted";
    }
    picture.svg()
}

const STYLE: &str = "body{font-family:Helvetica,Arial,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
p.forecast{font-size:1.3rem;font-weight:bold}
pre{background:#f6f6f6;padding:.75rem;overflow-x:auto;white-space:pre-wrap}
.scroll{overflow-x:auto}
svg.picture text{font-size:12px;text-anchor:middle;fill:#222}
svg.picture text.label{font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px}
svg.picture rect{stroke:#555;fill:#fff}
svg.picture .party rect{fill:#dbe9f6}
svg.picture .policy rect{fill:#fff4c2}
svg.picture .demand rect{fill:#e6f2df}
svg.picture .sanction rect{fill:#f7d9d9}
svg.picture .status-quo rect{fill:#e3e3e3}
svg.picture .predicted rect{stroke:#1b5e20;stroke-width:3}
svg.picture path.arrow{fill:none;stroke:#555;stroke-width:1.2}
svg.picture path.conflicts{stroke:#c62828;stroke-width:2.5}
svg.picture text.conflicts{fill:#c62828}
svg.picture path.threat{stroke:#6a1b9a;stroke-dasharray:6 4}
svg.picture text.threat{fill:#6a1b9a}
svg.picture path.improvement{stroke-width:2.5}
";

/// The full report of a resolved scenario as one self-contained HTML page: the forecast (with
/// what decides it), the conflict graph (a picture and its summary), the evolution from the
/// status quo (a picture), the reasons (the resolution's text report) and the stability
/// tableau of `model` (the compiled model the resolution was computed from) by `analysis`.
pub fn scenario_html(
    conflict: &ConflictGraph,
    resolution: &Resolution,
    model: &GraphModel,
    analysis: &Analysis,
) -> String {
    let title = escape(&resolution.scenario);
    let pre = |text: &str| format!("<pre>{}</pre>\n", escape(text.trim_end()));
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
    );
    let _ = write!(
        out,
        "<section id=\"forecast\">\n<h2>Forecast</h2>\n<p class=\"forecast\">{}</p>\n{}</section>\n",
        escape(&forecast_line(resolution)),
        pre(&forecast_text(resolution))
    );
    let _ = write!(
        out,
        "<section id=\"conflict\">\n<h2>Conflict</h2>\n<div class=\"scroll\">\n{}</div>\n{}</section>\n",
        conflict_svg(conflict),
        pre(&conflict_text(conflict))
    );
    let _ = write!(
        out,
        "<section id=\"evolution\">\n<h2>Evolution</h2>\n<div class=\"scroll\">\n{}</div>\n</section>\n",
        evolution_svg(resolution)
    );
    let _ = write!(
        out,
        "<section id=\"reasons\">\n<h2>Reasons</h2>\n{}</section>\n",
        pre(&resolution.to_string())
    );
    let _ = write!(
        out,
        "<section id=\"tableau\">\n<h2>Tableau</h2>\n{}</section>\n</body>\n</html>\n",
        pre(&tableau(model, analysis))
    );
    out
}
