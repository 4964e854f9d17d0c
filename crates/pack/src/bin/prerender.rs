//! The `parallax-prerender` command: `parallax-prerender DIST` writes the prerendered library into
//! DIST/index.html and a reader page per source beside it (`prerender`), from the corpus the app
//! embeds (`PARALLAX_BUNDLE`, else `corpus/iran-russia`, read from the current folder: the
//! repository root, where Trunk runs its hooks). Errors go to standard error with exit code 1.
#![allow(clippy::disallowed_methods)] // Never reaches the wasm.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Writes the prerendered pages of the app's corpus into a Trunk build.
#[derive(Parser)]
#[command(name = "parallax-prerender", version)]
struct Args {
    /// The build folder (Trunk's dist or staging folder), with the app's index.html.
    dist: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let root = std::env::current_dir().unwrap_or_default();
    let bundle = match parallax_core::source::app_bundle(&root)
        .and_then(|(bytes, _)| parallax_core::decode(&bytes).map_err(|e| e.to_string()))
    {
        Ok(bundle) => bundle,
        Err(e) => {
            eprintln!("parallax-prerender: error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match parallax_pack::prerender::prerender(&args.dist, &bundle) {
        Ok(done) => {
            if let Some(note) = done.note {
                eprintln!("note: {note}");
            }
            println!(
                "parallax-prerender: {} pages into {}",
                done.files.len(),
                args.dist.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("parallax-prerender: error: {e}");
            ExitCode::FAILURE
        }
    }
}
