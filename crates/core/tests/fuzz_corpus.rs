//! Replays the kept fuzz corpora (`fuzz/regressions/<target>/`, minimised from the `make fuzz`
//! campaigns, crashes found included) through the same functions the `cargo fuzz` targets run
//! (`fuzz/entries.rs`), so that `cargo test` on stable catches a regression on any of them.
#![allow(clippy::disallowed_methods)] // Tests never reach the wasm.

#[path = "../../../fuzz/entries.rs"]
mod entries;

use std::path::Path;

/// Every file of every target's kept corpus runs without a panic; the failures are listed by file.
#[test]
fn kept_fuzz_corpora_replay() {
    let root = entries::repo_root().join("fuzz/regressions");
    let mut failed = Vec::new();
    let mut total = 0;
    for (name, run) in entries::TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{} holds no input", dir.display());
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            total += 1;
            if std::panic::catch_unwind(|| run(&bytes)).is_err() {
                failed.push(f.strip_prefix(&root).unwrap_or(&f).display().to_string());
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {total} inputs failed: {failed:?}",
        failed.len()
    );
}

/// The entries' own SHA-256 (which wraps a fuzzed payload in a valid bundle header) is the one
/// the bundle writes.
#[test]
fn the_fuzz_checksum_is_the_bundles() {
    let corpus = parallax_core::source::load_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia"),
    )
    .unwrap();
    let bytes = parallax_core::bundle::encode(&corpus);
    assert_eq!(entries::sha256(&bytes[38..]), bytes[6..38]);
    assert_eq!(
        entries::sha256(b"abc")[..4],
        [0xba, 0x78, 0x16, 0xbf],
        "FIPS 180-2's example"
    );
}
