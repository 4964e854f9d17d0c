//! Build script of the app: cleans `corpus/iran-russia` into a bundle in `OUT_DIR`, which
//! `src/data.rs` compiles into the wasm with `include_bytes!`. Fails the build, naming the file,
//! when the corpus cannot be read.

use std::path::PathBuf;
use std::process::ExitCode;

const CORPUS: &str = "corpus/iran-russia";

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed={CORPUS}");
    println!("cargo:rerun-if-changed=build.rs");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("error: OUT_DIR is not set (run this through cargo)");
        return ExitCode::FAILURE;
    };
    let corpus = match parallax_core::source::load_dir(&root.join(CORPUS)) {
        Ok(corpus) => corpus,
        Err(e) => {
            eprintln!("error: cannot build the corpus bundle: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out = out_dir.join("corpus.plxb");
    if let Err(e) = std::fs::write(&out, parallax_core::encode(&corpus)) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
