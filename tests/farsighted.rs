//! Farsighted play: Brams and Ismail's count of nonmyopic cooperative outcomes among the 2x2
//! strict ordinal conflict games, and hand-worked standoffs.
#![allow(clippy::needless_range_loop)]

use standoff::post::farsighted::{FarsightedOptions, MoveGraph, Play};
use standoff::{GraphModel, Limits};

/// A 2x2 game: `payoff[r][c] = (row's rank, column's rank)`, 4 best, 1 worst.
type Game = [[(u8, u8); 2]; 2];

fn permutations() -> Vec<[u8; 4]> {
    let mut out = Vec::new();
    for a in 1..=4u8 {
        for b in 1..=4u8 {
            for c in 1..=4u8 {
                for d in 1..=4u8 {
                    let v = [a, b, c, d];
                    let mut s = v;
                    s.sort();
                    if s == [1, 2, 3, 4] {
                        out.push(v);
                    }
                }
            }
        }
    }
    out
}

/// The game's canonical form under swapping rows, swapping columns and swapping players.
fn canonical(g: &Game) -> Game {
    let mut forms = Vec::new();
    for swap_players in [false, true] {
        let base: Game = if swap_players {
            let mut t = [[(0, 0); 2]; 2];
            for r in 0..2 {
                for c in 0..2 {
                    let (x, y) = g[c][r];
                    t[r][c] = (y, x);
                }
            }
            t
        } else {
            *g
        };
        for sr in [false, true] {
            for sc in [false, true] {
                let mut t = [[(0, 0); 2]; 2];
                for r in 0..2 {
                    for c in 0..2 {
                        t[r][c] = base[r ^ sr as usize][c ^ sc as usize];
                    }
                }
                forms.push(t);
            }
        }
    }
    forms.into_iter().min().expect("eight forms")
}

fn all_games() -> Vec<Game> {
    let mut games = std::collections::BTreeSet::new();
    for row in permutations() {
        for col in permutations() {
            let g = [
                [(row[0], col[0]), (row[1], col[1])],
                [(row[2], col[2]), (row[3], col[3])],
            ];
            games.insert(canonical(&g));
        }
    }
    games.into_iter().collect()
}

/// The game as a graph model: Row's option `r` (taken = second row), Column's `c`; state
/// labels are `<r><c>`.
fn model(g: &Game) -> GraphModel {
    let label = |r: usize, c: usize| format!("{}{}", ["N", "Y"][r], ["N", "Y"][c]);
    let ranking = |who: usize| -> Vec<Vec<String>> {
        (1..=4u8)
            .rev()
            .map(|rank| {
                let mut tier = Vec::new();
                for r in 0..2 {
                    for c in 0..2 {
                        let p = if who == 0 { g[r][c].0 } else { g[r][c].1 };
                        if p == rank {
                            tier.push(label(r, c));
                        }
                    }
                }
                tier
            })
            .collect()
    };
    GraphModel::builder("2x2")
        .decision_maker("Row", ["r"])
        .decision_maker("Column", ["c"])
        .ranking("Row", ranking(0))
        .ranking("Column", ranking(1))
        .build()
        .expect("a valid 2x2 model")
}

/// Both players' ranks of every feasible state (higher preferred).
fn ranks(m: &GraphModel) -> Vec<Vec<u32>> {
    (0..2)
        .map(|dm| {
            m.feasible_states()
                .map(|s| m.payoff(dm, s).unwrap_or(0))
                .collect()
        })
        .collect()
}

fn nash(g: &Game, r: usize, c: usize) -> bool {
    g[r][c].0 > g[1 - r][c].0 && g[r][c].1 > g[r][1 - c].1
}

#[test]
fn brams_ismail_counts_of_farsighted_cooperation_in_2x2_games() {
    let games = all_games();
    assert_eq!(games.len(), 78, "78 distinct 2x2 strict ordinal games");
    let conflict: Vec<&Game> = games
        .iter()
        .filter(|g| !g.iter().flatten().any(|&(a, b)| a == 4 && b == 4))
        .collect();
    assert_eq!(conflict.len(), 57, "57 conflict games");
    let cells = [(0, 0), (0, 1), (1, 0), (1, 1)];
    let cooperative = |g: &Game| -> Vec<(usize, usize)> {
        cells
            .into_iter()
            .filter(|&(r, c)| g[r][c].0 >= 3 && g[r][c].1 >= 3)
            .collect()
    };
    let with_coop: Vec<&&Game> = conflict
        .iter()
        .filter(|g| !cooperative(g).is_empty())
        .collect();
    assert_eq!(with_coop.len(), 45, "45 with a cooperative outcome");
    let some_not_nash: Vec<&&&Game> = with_coop
        .iter()
        .filter(|g| cooperative(g).iter().any(|&(r, c)| !nash(g, r, c)))
        .collect();
    assert_eq!(
        some_not_nash.len(),
        19,
        "19 where a cooperative outcome is not Nash"
    );
    let options = FarsightedOptions {
        horizon: 4,
        joint_moves: false,
    };
    let nonmyopic = some_not_nash
        .iter()
        .filter(|g| {
            let m = model(g);
            let graph = MoveGraph::new(&m, false, &Limits::default()).expect("small");
            let ranks = ranks(&m);
            let mut play = Play::new(&graph, &ranks, options);
            cooperative(g).iter().all(|&(r, c)| {
                let s = m
                    .parse_state(&format!("{}{}", ["N", "Y"][r], ["N", "Y"][c]))
                    .expect("label");
                play.is_stable(m.index_of(s).expect("feasible"))
            })
        })
        .count();
    assert_eq!(
        nonmyopic, 16,
        "16 of the 19: the cooperative outcomes are nonmyopic equilibria"
    );
}

/// Matching pennies with a horizon of one move: in every state exactly one player gains by
/// switching (Row wants to match, Column to differ). Ranks (Row, Column), 4 best:
/// NN (4, 2), NY (2, 4), YY (3, 1), YN (1, 3). Worked by hand, ranks as above:
/// - at NN Column switches to NY (2 -> 4); Row's switch would take it to YN (4 -> 1) and the
///   mixture of wanted moves (NY, Row 2) is no worse for Row than that: no pre-emption;
/// - at NY Row wants YY (2 -> 3), which would leave Column with 1; Column's own switch back to
///   NN gives it 2 > 1 although it is worse than staying (4): Column pre-empts, play returns to
///   NN.
///
/// So play cycles NN -> NY -> NN forever: a closed class of the evolution's chain, each state
/// left with certainty, long-run shares 1/2 and 1/2, both reported as unsettled.
#[test]
fn endless_play_is_a_cycle_with_long_run_shares() {
    let g: Game = [[(4, 2), (2, 4)], [(1, 3), (3, 1)]];
    let m = model(&g);
    let graph = MoveGraph::new(&m, false, &Limits::default()).expect("small");
    let ranks = ranks(&m);
    let options = FarsightedOptions {
        horizon: 1,
        joint_moves: false,
    };
    let mut play = Play::new(&graph, &ranks, options);
    let at = |label: &str| {
        m.index_of(m.parse_state(label).expect("label"))
            .expect("feasible")
    };
    let (nn, ny) = (at("NN"), at("NY"));
    let evo = play.evolve(nn);
    let mut cycle = vec![nn, ny];
    cycle.sort();
    assert_eq!(evo.unsettled, cycle);
    assert_eq!(evo.finals.len(), 2);
    for &(_, p) in &evo.finals {
        assert!((p - 0.5).abs() < 1e-12, "share {p}");
    }
    let path = play.path(nn, ny).expect("NY is reached");
    assert_eq!(path.len(), 1);
    assert_eq!((path[0].movers.clone(), path[0].to), (vec![1], ny));
    // Column stays away from YY's 1 by pre-empting: at NY its best move leads back to NN.
    let column = &play.reasons(ny)[1];
    assert_eq!(column.best_move, Some(nn));
}
