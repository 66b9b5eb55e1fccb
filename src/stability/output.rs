//! The analysis output of spec section 3, written as a stream.

use std::io::{self, Write};

use crate::internal::bitset::BitSet;
use crate::model::graph_model::GraphModel;
use crate::stability::analysis::Analysis;

impl Analysis {
    /// Writes the analysis JSON of spec section 3 (`standoff.analysis/1`) to `out`, streaming:
    /// every state list in canonical order, keys in concept order and decision-maker order.
    /// The output is byte-identical for the same model and options.
    pub fn write_json<W: Write>(&self, model: &GraphModel, out: W) -> io::Result<()> {
        let mut w = io::BufWriter::with_capacity(1 << 16, out);
        let n = model.option_count();
        let mut label = vec![b'N'; n];
        let mut write_list =
            |w: &mut io::BufWriter<W>, indices: &mut dyn Iterator<Item = usize>| {
                w.write_all(b"[")?;
                let mut first = true;
                for i in indices {
                    if !first {
                        w.write_all(b", ")?;
                    }
                    first = false;
                    let x = model.feasible[i];
                    for (k, c) in label.iter_mut().enumerate() {
                        *c = if x >> k & 1 == 1 { b'Y' } else { b'N' };
                    }
                    w.write_all(b"\"")?;
                    w.write_all(&label)?;
                    w.write_all(b"\"")?;
                }
                w.write_all(b"]")
            };
        w.write_all(b"{\n  \"format\": \"standoff.analysis/1\",\n  \"model\": ")?;
        w.write_all(json_string(&self.model_name).as_bytes())?;
        write!(
            w,
            ",\n  \"reachability\": \"{}\",\n  \"states\": ",
            self.reachability
        )?;
        write_list(&mut w, &mut (0..self.state_count))?;
        w.write_all(b",\n  \"stability\": {")?;
        for (c, concept) in self.concepts.iter().enumerate() {
            write!(
                w,
                "{}\n    \"{}\": {{",
                if c == 0 { "" } else { "," },
                concept
            )?;
            for (d, dm) in model.decision_makers().iter().enumerate() {
                write!(
                    w,
                    "{}\n      {}: ",
                    if d == 0 { "" } else { "," },
                    json_string(dm.name())
                )?;
                write_list(&mut w, &mut self.stable[c][d].iter())?;
            }
            w.write_all(b"\n    }")?;
        }
        w.write_all(b"\n  },\n  \"equilibria\": {")?;
        for (c, concept) in self.concepts.iter().enumerate() {
            write!(
                w,
                "{}\n    \"{}\": ",
                if c == 0 { "" } else { "," },
                concept
            )?;
            let eq: BitSet = self
                .equilibrium_set(*concept)
                .unwrap_or_else(|_| BitSet::new(self.state_count));
            write_list(&mut w, &mut eq.iter())?;
        }
        w.write_all(b"\n  }\n}\n")?;
        w.flush()
    }

    /// The analysis JSON of spec section 3 as a string.
    pub fn to_json_string(&self, model: &GraphModel) -> String {
        let mut buf = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = self.write_json(model, &mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    }
}

/// A JSON string literal.
pub(crate) fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}
