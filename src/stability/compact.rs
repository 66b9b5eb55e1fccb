//! The analysis output with other encodings of the state sets or only the equilibria (the
//! "compact output" extension of docs/graph-model-format.md).

use std::io::{self, Write};

use base64::engine::general_purpose::STANDARD;

use crate::internal::bitset::BitSet;
use crate::model::graph_model::GraphModel;
use crate::stability::analysis::Analysis;
use crate::stability::output::json_string;
use crate::stability::output_options::{Encoding, OutputOptions, Sets};

impl Analysis {
    /// Writes the analysis JSON with `options`: with the default options exactly what
    /// [`Analysis::write_json`] writes; otherwise the compact output described in
    /// docs/graph-model-format.md ("Compact output (extension)"), streaming. The output is
    /// byte-identical for the same model, analysis and options.
    pub fn write_json_with<W: Write>(
        &self,
        model: &GraphModel,
        out: W,
        options: &OutputOptions,
    ) -> io::Result<()> {
        if *options == OutputOptions::default() {
            return self.write_json(model, out);
        }
        let mut w = io::BufWriter::with_capacity(1 << 16, out);
        let sets = Writer {
            model,
            encoding: options.encoding,
        };
        w.write_all(b"{\n  \"format\": \"standoff.analysis/1\",\n  \"model\": ")?;
        w.write_all(json_string(&self.model_name).as_bytes())?;
        write!(
            w,
            ",\n  \"reachability\": \"{}\",\n  \"encoding\": \"{}\",\n  \"sets\": \"{}\",\n  \"option_count\": {}",
            self.reachability,
            options.encoding,
            options.sets,
            model.option_count()
        )?;
        let all = BitSet::full(self.state_count);
        match (options.sets, options.encoding) {
            (Sets::All, _) | (Sets::Equilibria, Encoding::Bitmap) => {
                w.write_all(b",\n  \"states\": ")?;
                // A bitmap of every state says nothing: the states are given as ranges.
                let states = Writer {
                    model,
                    encoding: match options.encoding {
                        Encoding::Labels => Encoding::Labels,
                        _ => Encoding::Ranges,
                    },
                };
                states.write(&mut w, &all)?;
            }
            (Sets::Equilibria, _) => {}
        }
        if options.sets == Sets::All {
            w.write_all(b",\n  \"stability\": {")?;
            for (c, concept) in self.concepts.iter().enumerate() {
                write!(w, "{}\n    \"{}\": {{", comma(c), concept)?;
                for (d, dm) in model.decision_makers().iter().enumerate() {
                    write!(w, "{}\n      {}: ", comma(d), json_string(dm.name()))?;
                    match self.stable[c].get(d) {
                        Some(set) => sets.write(&mut w, set)?,
                        None => sets.write(&mut w, &BitSet::new(self.state_count))?,
                    }
                }
                w.write_all(b"\n    }")?;
            }
            w.write_all(b"\n  }")?;
        }
        w.write_all(b",\n  \"equilibria\": {")?;
        let mut equilibria = Vec::with_capacity(self.concepts.len());
        for (c, concept) in self.concepts.iter().enumerate() {
            write!(w, "{}\n    \"{}\": ", comma(c), concept)?;
            let eq = self
                .equilibrium_set(*concept)
                .unwrap_or_else(|_| BitSet::new(self.state_count));
            sets.write(&mut w, &eq)?;
            equilibria.push(eq.count());
        }
        w.write_all(b"\n  }")?;
        if options.sets == Sets::Equilibria {
            write!(
                w,
                ",\n  \"counts\": {{\n    \"states\": {},\n    \"stable\": {{",
                self.state_count
            )?;
            for (c, concept) in self.concepts.iter().enumerate() {
                write!(w, "{}\n      \"{}\": {{", comma(c), concept)?;
                for (d, dm) in model.decision_makers().iter().enumerate() {
                    let count = self.stable[c].get(d).map_or(0, BitSet::count);
                    write!(w, "{}{}: {}", sep(d), json_string(dm.name()), count)?;
                }
                w.write_all(b"}")?;
            }
            w.write_all(b"\n    },\n    \"equilibria\": {")?;
            for (c, (concept, count)) in self.concepts.iter().zip(&equilibria).enumerate() {
                write!(w, "{}\"{}\": {}", sep(c), concept, count)?;
            }
            w.write_all(b"}\n  }")?;
        }
        w.write_all(b"\n}\n")?;
        w.flush()
    }
}

fn comma(i: usize) -> &'static str {
    if i == 0 {
        ""
    } else {
        ","
    }
}

fn sep(i: usize) -> &'static str {
    if i == 0 {
        ""
    } else {
        ", "
    }
}

/// Writes state sets (over dense indices) in one encoding.
struct Writer<'a> {
    model: &'a GraphModel,
    encoding: Encoding,
}

impl Writer<'_> {
    fn write<W: Write>(&self, w: &mut W, set: &BitSet) -> io::Result<()> {
        match self.encoding {
            Encoding::Labels => self.labels(w, set),
            Encoding::Ranges => self.ranges(w, set),
            Encoding::Bitmap => bitmap(w, set),
        }
    }

    fn labels<W: Write>(&self, w: &mut W, set: &BitSet) -> io::Result<()> {
        let mut label = vec![b'N'; self.model.option_count()];
        w.write_all(b"[")?;
        for (n, i) in set.iter().enumerate() {
            if n > 0 {
                w.write_all(b", ")?;
            }
            let x = self.model.feasible.get(i).copied().unwrap_or(0);
            for (k, c) in label.iter_mut().enumerate() {
                *c = if x >> k & 1 == 1 { b'Y' } else { b'N' };
            }
            w.write_all(b"\"")?;
            w.write_all(&label)?;
            w.write_all(b"\"")?;
        }
        w.write_all(b"]")
    }

    fn ranges<W: Write>(&self, w: &mut W, set: &BitSet) -> io::Result<()> {
        w.write_all(b"[")?;
        let mut run: Option<(u64, u64)> = None;
        let mut first = true;
        let mut emit = |w: &mut W, (lo, hi): (u64, u64)| -> io::Result<()> {
            if !first {
                w.write_all(b", ")?;
            }
            first = false;
            write!(w, "[{lo}, {hi}]")
        };
        for i in set.iter() {
            let x = self.model.feasible.get(i).copied().unwrap_or(0);
            run = match run {
                Some((lo, hi)) if hi.checked_add(1) == Some(x) => Some((lo, x)),
                Some(r) => {
                    emit(w, r)?;
                    Some((x, x))
                }
                None => Some((x, x)),
            };
        }
        if let Some(r) = run {
            emit(w, r)?;
        }
        w.write_all(b"]")
    }
}

/// The set as a JSON string: base64 of its little-endian bitmap, `ceil(len / 8)` bytes.
fn bitmap<W: Write>(w: &mut W, set: &BitSet) -> io::Result<()> {
    let bytes = set.len().div_ceil(8);
    w.write_all(b"\"")?;
    {
        let mut enc = base64::write::EncoderWriter::new(&mut *w, &STANDARD);
        let mut left = bytes;
        for word in set.words() {
            let b = word.to_le_bytes();
            let take = left.min(8);
            enc.write_all(&b[..take])?;
            left -= take;
        }
        enc.finish()?;
    }
    w.write_all(b"\"")
}
