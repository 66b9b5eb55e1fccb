//! The minimum supported Rust version (`rust-version` in `Cargo.toml`, 1.88) is checked here,
//! since the 1.88 toolchain itself cannot be installed on the project's machines (only the
//! package registries are reachable, not the toolchain server):
//!
//! - the declared `rust-version` is not above the `rustc` running the tests;
//! - no locked dependency (from `cargo metadata --offline --locked`) declares a `rust-version`
//!   above ours, so a 1.88 toolchain can build the locked dependency graph;
//! - clippy's `incompatible_msrv` lint (on by default, run by `.ci/run` with `-D warnings`)
//!   reads `rust-version` and rejects any standard-library API stabilised after it.

use std::process::Command;

/// `"1.88"`, `"1.88.0"` or `"rustc 1.95.0 (59807616e 2026-04-14)"` -> `(1, 88, 0)`.
fn version_triple(text: &str) -> Option<(u32, u32, u32)> {
    let word = text
        .split_whitespace()
        .find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))?;
    // A pre-release or build suffix (`1.96.0-nightly`) does not change the triple.
    let core = word.split(['-', '+']).next()?;
    let mut parts = core.split('.').map(|p| p.parse::<u32>());
    let major = parts.next()?.ok()?;
    let minor = parts.next()?.ok()?;
    let patch = match parts.next() {
        Some(p) => p.ok()?,
        None => 0,
    };
    Some((major, minor, patch))
}

fn declared_msrv() -> (u32, u32, u32) {
    let declared = env!("CARGO_PKG_RUST_VERSION");
    version_triple(declared).unwrap_or_else(|| panic!("rust-version {declared:?} unreadable"))
}

#[test]
fn version_triples_are_read() {
    assert_eq!(version_triple("1.88"), Some((1, 88, 0)));
    assert_eq!(version_triple("1.85.0"), Some((1, 85, 0)));
    assert_eq!(
        version_triple("rustc 1.95.0 (59807616e 2026-04-14)"),
        Some((1, 95, 0))
    );
    assert_eq!(
        version_triple("rustc 1.96.0-nightly (abc 2026-05-01)"),
        Some((1, 96, 0))
    );
    assert_eq!(version_triple("rustc"), None);
}

#[test]
fn declared_msrv_is_1_88() {
    // Changing the MSRV is a decision: update README ("Set up"), CHANGELOG and this line.
    assert_eq!(declared_msrv(), (1, 88, 0));
}

#[test]
fn msrv_is_not_above_the_running_rustc() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let out = Command::new(&rustc)
        .arg("--version")
        .output()
        .expect("run rustc --version");
    assert!(out.status.success(), "rustc --version failed");
    let text = String::from_utf8_lossy(&out.stdout);
    let running = version_triple(&text).unwrap_or_else(|| panic!("unreadable: {text}"));
    assert!(
        declared_msrv() <= running,
        "rust-version {:?} is above the running {text}",
        declared_msrv()
    );
}

#[test]
fn no_locked_dependency_needs_a_newer_rust() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| env!("CARGO").to_string());
    let out = Command::new(&cargo)
        .args(["metadata", "--format-version", "1", "--offline", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let packages = meta["packages"].as_array().expect("packages");
    assert!(
        packages.iter().any(|p| p["name"] == "serde"),
        "the dependency graph lists serde"
    );
    let msrv = declared_msrv();
    let too_new: Vec<String> = packages
        .iter()
        .filter_map(|p| {
            let declared = p["rust_version"].as_str()?;
            let v = version_triple(declared)?;
            (v > msrv).then(|| format!("{} {} needs {declared}", p["name"], p["version"]))
        })
        .collect();
    assert_eq!(too_new, Vec::<String>::new());
}
