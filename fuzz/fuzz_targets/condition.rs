#![no_main]
use libfuzzer_sys::fuzz_target;
use standoff::Condition;

const NAMES: [&str; 4] = ["A", "B", "Air Strike", "é"];

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let lookup = |n: &str| NAMES.iter().position(|x| *x == n);
        if let Ok(c) = Condition::parse(text, &lookup) {
            // Writing it back and parsing again gives the same condition.
            let back = c.to_text(&|k| NAMES[k].to_string());
            assert_eq!(Condition::parse(&back, &lookup).as_ref(), Ok(&c));
            for s in 0..16u64 {
                let _ = c.eval(s);
            }
        }
    }
});
