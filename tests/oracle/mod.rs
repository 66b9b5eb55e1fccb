//! A naive GMCR solver written straight from the definitions in
//! `graph-model-format.md` (sections 1 and 2), used as a test oracle.
//!
//! It shares no code with the crate: it reads a graph-model file as a
//! `serde_json::Value`, brute-forces every set it needs and writes the
//! analysis in the shape of section 3. Clarity over speed throughout.
#![allow(dead_code)]

pub mod coalition;
pub mod random;

use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// The two readings of R_H(s) in section 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    LegalSequences,
    DistinctMovers,
}

impl Reading {
    pub const ALL: [Reading; 2] = [Reading::LegalSequences, Reading::DistinctMovers];

    pub fn name(self) -> &'static str {
        match self {
            Reading::LegalSequences => "legal_sequences",
            Reading::DistinctMovers => "distinct_movers",
        }
    }
}

pub const CONCEPTS: [&str; 5] = ["nash", "gmr", "smr", "seq", "sim"];

// ---------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------

/// A parsed condition; `Name` holds the option name as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Name(String),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Implies(Box<Expr>, Box<Expr>),
    Iff(Box<Expr>, Box<Expr>),
}

impl Expr {
    /// Evaluates the condition; `taken(name)` says whether an option is taken.
    pub fn eval(&self, taken: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Expr::Name(n) => taken(n),
            Expr::Not(a) => !a.eval(taken),
            Expr::And(a, b) => a.eval(taken) && b.eval(taken),
            Expr::Or(a, b) => a.eval(taken) || b.eval(taken),
            Expr::Implies(a, b) => !a.eval(taken) || b.eval(taken),
            Expr::Iff(a, b) => a.eval(taken) == b.eval(taken),
        }
    }

    fn names(&self, out: &mut Vec<String>) {
        match self {
            Expr::Name(n) => out.push(n.clone()),
            Expr::Not(a) => a.names(out),
            Expr::And(a, b) | Expr::Or(a, b) | Expr::Implies(a, b) | Expr::Iff(a, b) => {
                a.names(out);
                b.names(out);
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Not,
    And,
    Or,
    Implies,
    Iff,
    Open,
    Close,
    Name(String),
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '!' {
            tokens.push(Token::Not);
            i += 1;
        } else if c == '&' {
            tokens.push(Token::And);
            i += 1;
        } else if c == '|' {
            tokens.push(Token::Or);
            i += 1;
        } else if c == '(' {
            tokens.push(Token::Open);
            i += 1;
        } else if c == ')' {
            tokens.push(Token::Close);
            i += 1;
        } else if c == '-' && chars.get(i + 1) == Some(&'>') {
            tokens.push(Token::Implies);
            i += 2;
        } else if c == '<' && chars.get(i + 1) == Some(&'-') && chars.get(i + 2) == Some(&'>') {
            tokens.push(Token::Iff);
            i += 3;
        } else if c == '`' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '`' {
                j += 1;
            }
            if j == chars.len() {
                return Err(format!("unterminated backtick in {text:?}"));
            }
            tokens.push(Token::Name(chars[i + 1..j].iter().collect()));
            i = j + 1;
        } else if c.is_alphabetic() || c == '_' {
            let mut j = i;
            while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            tokens.push(Token::Name(chars[i..j].iter().collect()));
            i = j;
        } else {
            return Err(format!("unexpected character {c:?} in {text:?}"));
        }
    }
    Ok(tokens)
}

/// Recursive descent, one function per precedence level (loosest first):
/// `<->` (left), `->` (right), `|`, `&`, `!`, atoms.
struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn eat(&mut self, t: &Token) -> bool {
        if self.peek() == Some(t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn iff(&mut self) -> Result<Expr, String> {
        let mut left = self.implies()?;
        while self.eat(&Token::Iff) {
            let right = self.implies()?;
            left = Expr::Iff(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn implies(&mut self) -> Result<Expr, String> {
        let left = self.or()?;
        if self.eat(&Token::Implies) {
            let right = self.implies()?;
            return Ok(Expr::Implies(Box::new(left), Box::new(right)));
        }
        Ok(left)
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut left = self.and()?;
        while self.eat(&Token::Or) {
            let right = self.and()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut left = self.not()?;
        while self.eat(&Token::And) {
            let right = self.not()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, String> {
        if self.eat(&Token::Not) {
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, String> {
        match self.tokens.get(self.pos).cloned() {
            Some(Token::Name(n)) => {
                self.pos += 1;
                Ok(Expr::Name(n))
            }
            Some(Token::Open) => {
                self.pos += 1;
                let e = self.iff()?;
                if !self.eat(&Token::Close) {
                    return Err("missing ')'".to_string());
                }
                Ok(e)
            }
            other => Err(format!("expected a name or '(', found {other:?}")),
        }
    }
}

pub fn parse_condition(text: &str) -> Result<Expr, String> {
    let mut p = Parser {
        tokens: tokenize(text)?,
        pos: 0,
    };
    let e = p.iff()?;
    if p.pos != p.tokens.len() {
        return Err(format!("trailing input in {text:?}"));
    }
    Ok(e)
}

// ---------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Both,
    Forward,
    Backward,
}

/// Decision makers, options and feasibility (everything but preferences).
#[derive(Clone, Debug)]
pub struct Structure {
    pub dms: Vec<String>,
    /// Options in option order.
    pub options: Vec<String>,
    /// `owner[k]` is the decision maker index owning option k.
    pub owner: Vec<usize>,
    pub direction: Vec<Direction>,
    /// Feasible states as canonical numbers, ascending.
    pub feasible: Vec<u64>,
}

impl Structure {
    pub fn state_string(&self, s: u64) -> String {
        (0..self.options.len())
            .map(|k| if s >> k & 1 == 1 { 'Y' } else { 'N' })
            .collect()
    }

    pub fn parse_state(&self, text: &str) -> Result<u64, String> {
        let letters: Vec<char> = text.chars().collect();
        if letters.len() != self.options.len() {
            return Err(format!("state {text:?} has the wrong length"));
        }
        let mut s = 0u64;
        for (k, c) in letters.iter().enumerate() {
            match c {
                'Y' => s |= 1 << k,
                'N' => {}
                _ => return Err(format!("bad letter in state {text:?}")),
            }
        }
        Ok(s)
    }

    fn option_index(&self, name: &str) -> Result<usize, String> {
        self.options
            .iter()
            .position(|o| o == name)
            .ok_or_else(|| format!("unknown option {name:?}"))
    }

    /// Whether condition `e` holds in state `s`.
    pub fn holds(&self, e: &Expr, s: u64) -> bool {
        e.eval(&|name: &str| {
            let k = self
                .options
                .iter()
                .position(|o| o == name)
                .expect("names were checked");
            s >> k & 1 == 1
        })
    }

    pub fn is_feasible(&self, s: u64) -> bool {
        self.feasible.contains(&s)
    }

    /// Mask of the options owned by decision maker `i`.
    pub fn dm_mask(&self, i: usize) -> u64 {
        (0..self.options.len())
            .filter(|&k| self.owner[k] == i)
            .map(|k| 1u64 << k)
            .sum()
    }

    /// All moves of decision maker `i` from `s` (section 1, "Moves").
    pub fn moves(&self, i: usize, s: u64) -> Vec<u64> {
        let own = self.dm_mask(i);
        let mut out = Vec::new();
        for &t in &self.feasible {
            let changed = s ^ t;
            if changed == 0 || changed & !own != 0 {
                continue;
            }
            let allowed = (0..self.options.len())
                .filter(|&k| changed >> k & 1 == 1)
                .all(|k| match self.direction[k] {
                    Direction::Both => true,
                    Direction::Forward => t >> k & 1 == 1,
                    Direction::Backward => s >> k & 1 == 1,
                });
            if allowed {
                out.push(t);
            }
        }
        out
    }
}

fn as_str(v: &Value, what: &str) -> Result<String, String> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("{what} must be a string"))
}

fn as_array<'a>(v: &'a Value, what: &str) -> Result<&'a Vec<Value>, String> {
    v.as_array()
        .ok_or_else(|| format!("{what} must be an array"))
}

/// Reads decision makers, options, `infeasible`, `mutually_exclusive` and
/// `irreversible`, and enumerates the feasible states.
pub fn structure(doc: &Value) -> Result<Structure, String> {
    let mut dms = Vec::new();
    let mut options = Vec::new();
    let mut owner = Vec::new();
    for (i, dm) in as_array(&doc["decision_makers"], "decision_makers")?
        .iter()
        .enumerate()
    {
        dms.push(as_str(&dm["name"], "decision maker name")?);
        for o in as_array(&dm["options"], "options")? {
            options.push(as_str(o, "option")?);
            owner.push(i);
        }
    }
    let n = options.len();
    assert!(n < 20, "the oracle is exponential; keep models small");
    let mut st = Structure {
        dms,
        options,
        owner,
        direction: vec![Direction::Both; n],
        feasible: Vec::new(),
    };

    let mut conditions = Vec::new();
    if let Some(list) = doc.get("infeasible") {
        for c in as_array(list, "infeasible")? {
            let e = parse_condition(&as_str(c, "condition")?)?;
            check_names(&st, &e)?;
            conditions.push(e);
        }
    }
    let mut groups = Vec::new();
    if let Some(list) = doc.get("mutually_exclusive") {
        for g in as_array(list, "mutually_exclusive")? {
            let mut mask = 0u64;
            for o in as_array(g, "group")? {
                mask |= 1 << st.option_index(&as_str(o, "option")?)?;
            }
            groups.push(mask);
        }
    }
    if let Some(map) = doc.get("irreversible") {
        let map = map.as_object().ok_or("irreversible must be an object")?;
        for (name, d) in map {
            let k = st.option_index(name)?;
            st.direction[k] = match d.as_str() {
                Some("forward") => Direction::Forward,
                Some("backward") => Direction::Backward,
                _ => return Err(format!("bad direction for {name:?}")),
            };
        }
    }

    for s in 0..(1u64 << n) {
        let excluded = conditions.iter().any(|e| st.holds(e, s))
            || groups.iter().any(|g| (s & g).count_ones() >= 2);
        if !excluded {
            st.feasible.push(s);
        }
    }
    if st.feasible.is_empty() {
        return Err("the feasible set is empty".to_string());
    }
    Ok(st)
}

fn check_names(st: &Structure, e: &Expr) -> Result<(), String> {
    let mut names = Vec::new();
    e.names(&mut names);
    for n in names {
        st.option_index(&n)?;
    }
    Ok(())
}

/// A full model: structure plus, per decision maker, a preference value for
/// every feasible state (higher is more preferred, equal is a tie).
#[derive(Clone, Debug)]
pub struct Model {
    pub name: String,
    pub st: Structure,
    pub value: Vec<BTreeMap<u64, i64>>,
    /// `Structure::moves(i, s)` for every decision maker and feasible state,
    /// computed once (only to save time).
    moves: BTreeMap<(usize, u64), Vec<u64>>,
}

pub fn model(doc: &Value) -> Result<Model, String> {
    let st = structure(doc)?;
    let prefs = doc["preferences"]
        .as_object()
        .ok_or("preferences must be an object")?;
    let mut value = Vec::new();
    for dm in &st.dms {
        let p = prefs
            .get(dm)
            .ok_or_else(|| format!("no preferences for {dm:?}"))?;
        let mut v = BTreeMap::new();
        if let Some(tiers) = p.get("ranking") {
            for (tier, states) in as_array(tiers, "ranking")?.iter().enumerate() {
                for text in as_array(states, "tier")? {
                    let s = st.parse_state(&as_str(text, "state")?)?;
                    if !st.is_feasible(s) {
                        return Err(format!("ranking of {dm:?} lists an infeasible state"));
                    }
                    if v.insert(s, -(tier as i64)).is_some() {
                        return Err(format!("ranking of {dm:?} lists a state twice"));
                    }
                }
            }
            if v.len() != st.feasible.len() {
                return Err(format!("ranking of {dm:?} misses feasible states"));
            }
        } else if let Some(list) = p.get("priorities") {
            let list = as_array(list, "priorities")?;
            let k = list.len();
            let mut conds = Vec::new();
            for c in list {
                let e = parse_condition(&as_str(c, "condition")?)?;
                check_names(&st, &e)?;
                conds.push(e);
            }
            for &s in &st.feasible {
                let score: i64 = conds
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| st.holds(e, s))
                    .map(|(j, _)| 1i64 << (k - 1 - j))
                    .sum();
                v.insert(s, score);
            }
        } else {
            return Err(format!("preferences of {dm:?} need ranking or priorities"));
        }
        value.push(v);
    }
    let name = doc
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let mut moves = BTreeMap::new();
    for i in 0..st.dms.len() {
        for &s in &st.feasible {
            moves.insert((i, s), st.moves(i, s));
        }
    }
    Ok(Model {
        name,
        st,
        value,
        moves,
    })
}

// ---------------------------------------------------------------------------
// Stability (section 2)
// ---------------------------------------------------------------------------

impl Model {
    /// `t >_i s`
    pub fn prefers(&self, i: usize, t: u64, s: u64) -> bool {
        self.value[i][&t] > self.value[i][&s]
    }

    /// Moves of `i` from `s`.
    pub fn moves(&self, i: usize, s: u64) -> Vec<u64> {
        self.moves[&(i, s)].clone()
    }

    /// Unilateral improvements of `i` from `s`.
    pub fn uis(&self, i: usize, s: u64) -> Vec<u64> {
        self.moves(i, s)
            .into_iter()
            .filter(|&t| self.prefers(i, t, s))
            .collect()
    }

    fn opponents(&self, i: usize) -> Vec<usize> {
        (0..self.st.dms.len()).filter(|&j| j != i).collect()
    }

    /// Moves of `j` from `s`, only the unilateral improvements if `improving`.
    fn steps(&self, j: usize, s: u64, improving: bool) -> Vec<u64> {
        if improving {
            self.uis(j, s)
        } else {
            self.moves(j, s)
        }
    }

    /// R_H(s1) (or R+_H(s1) if `improving`) under the given reading.
    pub fn reach(&self, h: &[usize], s1: u64, improving: bool, reading: Reading) -> BTreeSet<u64> {
        match reading {
            Reading::LegalSequences => self.reach_legal(h, s1, improving),
            Reading::DistinctMovers => {
                let mut out = BTreeSet::new();
                self.reach_distinct(h, s1, improving, &mut Vec::new(), &mut out);
                out
            }
        }
    }

    /// Breadth-first search over (state, last mover): every state that ends
    /// a non-empty sequence in which nobody moves twice in a row.
    fn reach_legal(&self, h: &[usize], s1: u64, improving: bool) -> BTreeSet<u64> {
        let mut seen: BTreeSet<(u64, Option<usize>)> = BTreeSet::new();
        let mut queue = VecDeque::new();
        seen.insert((s1, None));
        queue.push_back((s1, None));
        let mut out = BTreeSet::new();
        while let Some((s, last)) = queue.pop_front() {
            for &j in h {
                if Some(j) == last {
                    continue;
                }
                for t in self.steps(j, s, improving) {
                    out.insert(t);
                    if seen.insert((t, Some(j))) {
                        queue.push_back((t, Some(j)));
                    }
                }
            }
        }
        out
    }

    /// Depth-first search over the movers used so far: every state along a
    /// chain in which each member of `h` moves at most once.
    fn reach_distinct(
        &self,
        h: &[usize],
        s: u64,
        improving: bool,
        used: &mut Vec<usize>,
        out: &mut BTreeSet<u64>,
    ) {
        for &j in h {
            if used.contains(&j) {
                continue;
            }
            for t in self.steps(j, s, improving) {
                out.insert(t);
                used.push(j);
                self.reach_distinct(h, t, improving, used, out);
                used.pop();
            }
        }
    }

    pub fn nash(&self, i: usize, s: u64) -> bool {
        self.uis(i, s).is_empty()
    }

    pub fn gmr(&self, i: usize, s: u64, reading: Reading) -> bool {
        let h = self.opponents(i);
        self.uis(i, s).into_iter().all(|s1| {
            self.reach(&h, s1, false, reading)
                .into_iter()
                .any(|s2| !self.prefers(i, s2, s))
        })
    }

    pub fn smr(&self, i: usize, s: u64, reading: Reading) -> bool {
        let h = self.opponents(i);
        self.uis(i, s).into_iter().all(|s1| {
            self.reach(&h, s1, false, reading).into_iter().any(|s2| {
                !self.prefers(i, s2, s)
                    && self
                        .moves(i, s2)
                        .into_iter()
                        .all(|s3| !self.prefers(i, s3, s))
            })
        })
    }

    pub fn seq(&self, i: usize, s: u64, reading: Reading) -> bool {
        let h = self.opponents(i);
        self.uis(i, s).into_iter().all(|s1| {
            self.reach(&h, s1, true, reading)
                .into_iter()
                .any(|s2| !self.prefers(i, s2, s))
        })
    }

    pub fn sim(&self, i: usize, s: u64) -> bool {
        let others = self.opponents(i);
        // For each other decision maker: stay (None) or one of its UIs from s.
        let choices: Vec<Vec<Option<u64>>> = others
            .iter()
            .map(|&j| {
                std::iter::once(None)
                    .chain(self.uis(j, s).into_iter().map(Some))
                    .collect()
            })
            .collect();
        self.uis(i, s).into_iter().all(|s1| {
            cartesian(&choices).into_iter().any(|combo| {
                let mut c = s & !self.st.dm_mask(i) | s1 & self.st.dm_mask(i);
                for (&j, pick) in others.iter().zip(&combo) {
                    if let Some(u) = pick {
                        let m = self.st.dm_mask(j);
                        c = c & !m | u & m;
                    }
                }
                self.st.is_feasible(c) && !self.prefers(i, c, s)
            })
        })
    }

    pub fn stable(&self, concept: &str, i: usize, s: u64, reading: Reading) -> bool {
        match concept {
            "nash" => self.nash(i, s),
            "gmr" => self.gmr(i, s, reading),
            "smr" => self.smr(i, s, reading),
            "seq" => self.seq(i, s, reading),
            "sim" => self.sim(i, s),
            _ => panic!("unknown concept {concept}"),
        }
    }

    /// The analysis output of section 3.
    pub fn analysis(&self, reading: Reading) -> Value {
        let strings = |v: &[u64]| -> Value {
            Value::Array(
                v.iter()
                    .map(|&s| Value::String(self.st.state_string(s)))
                    .collect(),
            )
        };
        let mut stability = Map::new();
        let mut equilibria = Map::new();
        for concept in CONCEPTS {
            let mut per_dm = Map::new();
            let mut all = self.st.feasible.clone();
            for (i, dm) in self.st.dms.iter().enumerate() {
                let stable: Vec<u64> = self
                    .st
                    .feasible
                    .iter()
                    .copied()
                    .filter(|&s| self.stable(concept, i, s, reading))
                    .collect();
                all.retain(|s| stable.contains(s));
                per_dm.insert(dm.clone(), strings(&stable));
            }
            stability.insert(concept.to_string(), Value::Object(per_dm));
            equilibria.insert(concept.to_string(), strings(&all));
        }
        json!({
            "format": "standoff.analysis/1",
            "model": self.name,
            "reachability": reading.name(),
            "states": strings(&self.st.feasible),
            "stability": stability,
            "equilibria": equilibria,
        })
    }
}

fn cartesian<T: Clone>(lists: &[Vec<T>]) -> Vec<Vec<T>> {
    let mut out = vec![Vec::new()];
    for list in lists {
        let mut next = Vec::new();
        for prefix in &out {
            for x in list {
                let mut p = prefix.clone();
                p.push(x.clone());
                next.push(p);
            }
        }
        out = next;
    }
    out
}

/// Loads a graph-model document and returns its analysis under `reading`.
pub fn analyze(doc: &Value, reading: Reading) -> Result<Value, String> {
    Ok(model(doc)?.analysis(reading))
}
