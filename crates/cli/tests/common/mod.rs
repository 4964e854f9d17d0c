//! What the CLI's end-to-end tests share: the `parallax` binary run with arguments, a fresh
//! scratch folder, and a corpus folder built into a bundle.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The built binary, run with `args`, and what it printed and returned.
pub fn parallax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .output()
        .unwrap()
}

/// An empty scratch folder of this test process, named `name`.
pub fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parallax-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `parallax build DIR --out OUT`.
pub fn build(dir: &str, out: &Path) -> Output {
    parallax(&["build", dir, "--out", out.to_str().unwrap()])
}
