#![no_main]
use libfuzzer_sys::fuzz_target;
use standoff::{Limits, Resolver, Scenario};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = if data.first() == Some(&b'{') {
        Scenario::from_json_str(text)
    } else {
        Scenario::from_toml_str(text)
    };
    if let Ok(scenario) = parsed {
        let resolver = Resolver {
            limits: Limits { max_options: 12, max_states: 4096, max_work: 1 << 22, ..Limits::default() },
            threads: 1,
            ..Resolver::default()
        };
        if let Ok((_, resolution)) = resolver.resolve_scenario(&scenario) {
            let _ = resolution.to_json_string();
            let _ = resolution.to_string();
        }
    }
});
