#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(model) = standoff::GraphModel::from_toml_str_with_limits(text, &common::small_limits()) {
            common::exercise(&model);
        }
    }
});
