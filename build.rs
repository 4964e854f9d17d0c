//! Build script of the app: cleans `corpus/iran-russia` into a bundle in `OUT_DIR`, which
//! `src/data.rs` compiles into the wasm with `include_bytes!`. Fails the build, naming the file,
//! when the corpus cannot be read.
//!
//! `PARALLAX_BUNDLE=path/to/x.plxb` embeds that bundle instead (a path relative to the
//! repository root, or absolute): for example a scaled corpus written by `parallax-bench
//! --bundle`, to measure the app on it. The bundle must decode with this build's core, or the
//! build fails saying why.

use std::path::PathBuf;
use std::process::ExitCode;

const CORPUS: &str = "corpus/iran-russia";
const BUNDLE_VAR: &str = "PARALLAX_BUNDLE";

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed={CORPUS}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed={BUNDLE_VAR}");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("error: OUT_DIR is not set (run this through cargo)");
        return ExitCode::FAILURE;
    };
    let bytes = match std::env::var_os(BUNDLE_VAR).filter(|v| !v.is_empty()) {
        Some(named) => {
            let path = root.join(&named);
            println!("cargo:rerun-if-changed={}", path.display());
            let bytes = match std::fs::read(&path) {
                Ok(bytes) => bytes,
                Err(e) => {
                    eprintln!(
                        "error: {BUNDLE_VAR}={}: cannot read it: {e}",
                        path.display()
                    );
                    return ExitCode::FAILURE;
                }
            };
            match parallax_core::decode(&bytes) {
                Ok(bundle) => println!(
                    "cargo:warning=embedding {} ({}, {} documents) instead of {CORPUS}",
                    path.display(),
                    bundle.corpus.name,
                    bundle.corpus.documents.len()
                ),
                Err(e) => {
                    eprintln!("error: {BUNDLE_VAR}={}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
            }
            bytes
        }
        None => match parallax_core::source::load_dir(&root.join(CORPUS)) {
            Ok(corpus) => parallax_core::encode(&corpus),
            Err(e) => {
                eprintln!("error: cannot build the corpus bundle: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let out = out_dir.join("corpus.plxb");
    if let Err(e) = std::fs::write(&out, bytes) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
