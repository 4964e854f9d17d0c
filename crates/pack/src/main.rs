//! The `parallax-pack` command: `parallax-pack DIST [--out DIR]` writes `parallax.html` (the
//! whole app in one offline file) and `parallax.zip` (the build for a static server) into DIR
//! (DIST by default), then prints their sizes and SHA-256 checksums. Errors go to standard error
//! with exit code 1 (2 for arguments it does not accept).
#![allow(clippy::disallowed_methods)] // Never reaches the wasm.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Packs a Trunk release build into one offline HTML file and a zip for static hosting.
#[derive(Parser)]
#[command(name = "parallax-pack", version)]
struct Args {
    /// The release build folder (Trunk's dist), with index.html, the hashed JS, wasm and CSS.
    dist: PathBuf,
    /// Where to write parallax.html and parallax.zip (default: DIST itself).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let out = args.out.unwrap_or_else(|| args.dist.clone());
    match parallax_pack::pack(&args.dist, &out) {
        Ok(p) => {
            for note in &p.notes {
                eprintln!("note: {note}");
            }
            println!(
                "{}  {} bytes  sha256 {}",
                p.html.path.display(),
                p.html.bytes,
                p.html.sha256
            );
            println!(
                "  <meta name=\"{}\" content=\"{}\">: SHA-256 of {} (in that order)",
                parallax_pack::BUNDLE_META,
                p.payload_sha256,
                p.payload.join(" + ")
            );
            println!("  Content-Security-Policy: {}", p.csp);
            println!(
                "{}  {} bytes  sha256 {}  ({} files)",
                p.zip.path.display(),
                p.zip.bytes,
                p.zip.sha256,
                p.zipped.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("parallax-pack: error: {e}");
            ExitCode::FAILURE
        }
    }
}
