//! The HTML page of the seed case (`report::html`): self-contained, the forecast first, then
//! both pictures with a box for every party and every state on the evolution. Where Debian's
//! `chromium` is installed (CI installs it and sets `STANDOFF_REQUIRE_CHROMIUM=1`, which makes
//! its absence a failure), the page is also loaded in the headless browser and its DOM
//! checked.

use std::process::Command;

use standoff::report::html::{escape, scenario_html};
use standoff::{Analysis, AnalysisOptions, ConflictGraph, Resolution, Resolver, Scenario};

const SEED: &str = "seeds/blackberry-pakistan-2015.toml";

/// The seed case's page, with its scenario and resolution.
fn page() -> (String, Scenario, Resolution) {
    let scenario = Scenario::from_path(SEED).unwrap();
    let conflict = ConflictGraph::new(&scenario).unwrap();
    let (compiled, resolution) = Resolver::default().resolve_scenario(&scenario).unwrap();
    // The default resolver analyses with the default options, as `resolve --format html` does.
    let options = AnalysisOptions {
        concepts: resolution.concepts.clone(),
        ..AnalysisOptions::default()
    };
    let analysis = Analysis::run(compiled.model(), &options).unwrap();
    let html = scenario_html(&conflict, &resolution, compiled.model(), &analysis);
    (html, scenario, resolution)
}

/// The text of the `n`th `<svg ...>...</svg>` of `html`.
fn svg(html: &str, n: usize) -> &str {
    let start = html.match_indices("<svg").nth(n).unwrap().0;
    let end = start + html[start..].find("</svg>").unwrap();
    &html[start..end]
}

/// The states on the evolution: the status quo, then every state a predicted path reaches.
fn evolution_states(resolution: &Resolution) -> Vec<String> {
    let mut states = vec![resolution.status_quo.label.clone()];
    for p in &resolution.predicted {
        states.extend(p.path.iter().map(|s| s.to.label.clone()));
    }
    states
}

#[test]
fn seed_page_has_the_forecast_first_and_both_pictures() {
    let (html, scenario, resolution) = page();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"));
    assert!(html.ends_with("</body>\n</html>\n"));
    // The forecast line is the one every report opens with.
    let forecast = "Most likely: demand withdrawn (100%), robust.";
    assert!(html.contains(&format!("<p class=\"forecast\">{forecast}</p>")));
    // Sections in order, the forecast before any picture.
    let at = |needle: &str| html.find(needle).unwrap();
    let sections = [
        "<section id=\"forecast\">",
        "<section id=\"conflict\">",
        "<section id=\"evolution\">",
        "<section id=\"reasons\">",
        "<section id=\"tableau\">",
    ];
    for pair in sections.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{pair:?}");
    }
    assert!(at(forecast) < at("<svg"));
    assert_eq!(html.matches("<section").count(), 5);
    assert_eq!(html.matches("</section>").count(), 5);
    // Two pictures, balanced.
    assert_eq!(html.matches("<svg").count(), 2);
    assert_eq!(html.matches("</svg>").count(), 2);
    assert_eq!(
        html.matches("<g class=\"node").count(),
        html.matches("</g>").count()
    );
    // The conflict picture has a box for every party, policy, demand and sanction.
    let conflict = svg(&html, 0);
    assert!(conflict.contains("id=\"conflict-picture\""));
    let names = scenario
        .parties
        .iter()
        .map(|p| &p.name)
        .chain(scenario.policies.iter().map(|p| &p.name))
        .chain(scenario.demands.iter().map(|d| &d.name))
        .chain(scenario.sanctions.iter().map(|s| &s.name));
    for name in names {
        assert!(
            conflict.contains(&format!(">{}</text>", escape(name))),
            "{name} in\n{conflict}"
        );
    }
    assert!(conflict.contains("class=\"arrow conflicts\""));
    // The evolution picture has a box for every state on a predicted path, and each move is
    // labelled by its party.
    let evolution = svg(&html, 1);
    assert!(evolution.contains("id=\"evolution-picture\""));
    let states = evolution_states(&resolution);
    assert!(
        states.len() >= 2,
        "the seed's status quo evolves: {states:?}"
    );
    for label in &states {
        assert!(
            evolution.contains(&format!(">{label}</text>")),
            "{label} in\n{evolution}"
        );
    }
    for step in resolution.predicted.iter().flat_map(|p| &p.path) {
        assert!(evolution.contains(&format!(">{}</text>", escape(&step.party))));
    }
    // Every id once.
    let ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let distinct: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), distinct.len(), "{ids:?}");
    assert_eq!(
        ids.len(),
        9,
        "five sections, two pictures, two markers: {ids:?}"
    );
    // Self-contained: nothing is fetched.
    for external in ["://", "src=", "href=", "@import"] {
        assert!(!html.contains(external), "`{external}` in the page");
    }
}

/// The page in `docs/` (linked from the README) is the current one.
#[test]
fn docs_page_is_current() {
    let (html, _, _) = page();
    let docs = std::fs::read_to_string("docs/blackberry-report.html").unwrap();
    assert!(
        docs == html,
        "docs/blackberry-report.html is out of date: run scripts/render-docs.sh"
    );
}

#[test]
fn names_are_escaped() {
    assert_eq!(
        escape("a < b & \"c\" > 'd'"),
        "a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;"
    );
}

/// The page's DOM as Chromium sees it; `None` where Chromium is not installed and not
/// required.
fn dump_dom(path: &std::path::Path) -> Option<String> {
    let run = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--dump-dom",
        ])
        .arg(format!("file://{}", path.display()))
        .output();
    match run {
        Ok(out) => {
            assert!(
                out.status.success(),
                "chromium failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8(out.stdout).unwrap())
        }
        Err(_) if std::env::var_os("STANDOFF_REQUIRE_CHROMIUM").is_none() => {
            eprintln!("chromium not installed: the HTML page is not loaded in a browser");
            None
        }
        Err(e) => panic!("chromium is required but cannot run: {e}"),
    }
}

#[test]
fn seed_page_loads_in_a_headless_browser() {
    let (html, _, resolution) = page();
    let dir = std::env::temp_dir().join(format!("standoff-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("seed.html");
    std::fs::write(&path, &html).unwrap();
    let dom = dump_dom(&path);
    let _ = std::fs::remove_dir_all(&dir);
    let Some(dom) = dom else {
        return;
    };
    assert!(
        dom.contains("Most likely: demand withdrawn (100%), robust."),
        "{dom}"
    );
    assert_eq!(dom.matches("<svg").count(), 2, "{dom}");
    let evolution = svg(&dom, 1);
    for label in evolution_states(&resolution) {
        assert!(evolution.contains(&format!(">{label}</text>")), "{label}");
    }
}

/// A box: left, top, right, bottom.
type Box4 = (f64, f64, f64, f64);

/// The value of attribute `name` in the tag text `tag`.
fn attr(tag: &str, name: &str) -> f64 {
    let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}

/// The boxes of the arrow labels of a picture (as the layout sizes them: 6.2 px a character
/// at 11 px, 10 px above the baseline and 3 below) and the boxes of its nodes.
fn label_and_node_boxes(svg: &str) -> (Vec<(String, Box4)>, Vec<Box4>) {
    let mut labels = Vec::new();
    for (at, _) in svg.match_indices("<text class=\"label") {
        let tag_end = at + svg[at..].find('>').unwrap();
        let tag = &svg[at..tag_end];
        let text_end = tag_end + svg[tag_end..].find("</text>").unwrap();
        let text = svg[tag_end + 1..text_end].to_string();
        let (x, y) = (attr(tag, "x"), attr(tag, "y"));
        let w = text.chars().count() as f64 * 6.2;
        labels.push((text, (x - w / 2.0, y - 10.0, x + w / 2.0, y + 3.0)));
    }
    let mut nodes = Vec::new();
    for (at, _) in svg.match_indices("<rect ") {
        let tag = &svg[at..at + svg[at..].find('>').unwrap()];
        let (x, y) = (attr(tag, "x"), attr(tag, "y"));
        nodes.push((x, y, x + attr(tag, "width"), y + attr(tag, "height")));
    }
    (labels, nodes)
}

fn overlap(a: &Box4, b: &Box4) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// On the seed case, no two arrow labels overlap and no label lies under a box, in either
/// picture. (The conflict picture's `holds` label used to sit under the demand's box.)
#[test]
fn seed_pictures_labels_do_not_overlap() {
    let (html, _, _) = page();
    for n in 0..2 {
        let (labels, nodes) = label_and_node_boxes(svg(&html, n));
        assert!(!labels.is_empty() && !nodes.is_empty());
        for (i, (a, ba)) in labels.iter().enumerate() {
            for (b, bb) in &labels[i + 1..] {
                assert!(
                    !overlap(ba, bb),
                    "picture {n}: `{a}` {ba:?} overlaps `{b}` {bb:?}"
                );
            }
            for node in &nodes {
                assert!(
                    !overlap(ba, node),
                    "picture {n}: `{a}` {ba:?} lies under {node:?}"
                );
            }
        }
    }
    // The conflict picture's labels, all of them drawn.
    let (labels, _) = label_and_node_boxes(svg(&html, 0));
    let mut names: Vec<&str> = labels.iter().map(|(t, _)| t.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "backed by",
            "conflicts with",
            "holds",
            "imposes",
            "makes",
            "targets",
            "threatens (in force)",
            "threatens: exit Pakistan"
        ]
    );
}
