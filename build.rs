//! Build script of the app: cleans `corpus/iran-russia` into a bundle in `OUT_DIR`, which
//! `src/data.rs` compiles into the wasm with `include_bytes!`. Fails the build, naming the file,
//! when the corpus cannot be read.
//!
//! It also sets `PARALLAX_BUILD`, which names this build in the reader's stored documents
//! (`library`): a hash of the bundle and of the core's sources, so that a document processed by
//! one build is never read back as processed by another.
//!
//! `PARALLAX_BUNDLE=path/to/x.plxb` embeds that bundle instead (a path relative to the
//! repository root, or absolute): for example a scaled corpus written by `parallax-bench
//! --bundle`, to measure the app on it. The bundle must decode with this build's core, or the
//! build fails saying why.
#![allow(clippy::disallowed_methods)] // Build scripts never reach the wasm.

use std::path::PathBuf;
use std::process::ExitCode;

use parallax_core::source::{APP_BUNDLE_VAR as BUNDLE_VAR, APP_CORPUS as CORPUS};
/// The core's sources: what processes an imported document.
const CORE_SOURCES: &str = "crates/core/src";

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed={CORPUS}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed={BUNDLE_VAR}");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("error: OUT_DIR is not set (run this through cargo)");
        return ExitCode::FAILURE;
    };
    let bytes = match parallax_core::source::app_bundle(&root) {
        Ok((bytes, named)) => {
            if let Some(path) = named {
                println!("cargo:rerun-if-changed={}", path.display());
                if let Ok(bundle) = parallax_core::decode(&bytes) {
                    println!(
                        "cargo:warning=embedding {} ({}, {} documents) instead of {CORPUS}",
                        path.display(),
                        bundle.corpus.name,
                        bundle.corpus.documents.len()
                    );
                }
            }
            bytes
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("cargo:rerun-if-changed={CORE_SOURCES}");
    let build = match build_id(&root.join(CORE_SOURCES), &bytes) {
        Ok(id) => id,
        Err(e) => {
            eprintln!("error: cannot read {CORE_SOURCES} to name the build: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("cargo:rustc-env=PARALLAX_BUILD={build}");
    let out = out_dir.join("corpus.plxb");
    if let Err(e) = std::fs::write(&out, bytes) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The first 16 hex digits of SHA-256 over the bundle and every file under `dir` (paths sorted,
/// each path and its bytes hashed).
fn build_id(dir: &std::path::Path, bundle: &[u8]) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    fn files(dir: &std::path::Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                files(&path, out)?;
            } else {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut paths = Vec::new();
    files(dir, &mut paths)?;
    paths.sort();
    let mut hash = Sha256::new();
    hash.update(bundle);
    for path in paths {
        hash.update(
            path.strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .as_bytes(),
        );
        hash.update(std::fs::read(&path)?);
    }
    Ok(hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}
