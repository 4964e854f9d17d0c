//! Tidy checks of project conventions, run by `cargo test`: every Rust module opens with a `//!`
//! line, no raw-HTML API appears, the core has no web dependency, nothing loads from another origin.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if p.is_dir() && !matches!(name.as_str(), "target" | "node_modules" | "dist" | ".git") {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

fn rust_sources() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["src", "crates", "tests"] {
        files(&root().join(dir), "rs", &mut out);
    }
    out.push(root().join("build.rs"));
    out.retain(|p| p.exists());
    out
}

#[test]
fn every_module_says_what_it_owns() {
    let sources = rust_sources();
    assert!(sources.len() >= 10, "found only {sources:?}");
    for f in sources {
        let text = std::fs::read_to_string(&f).unwrap();
        if f.ends_with("build.rs") {
            continue;
        }
        assert!(
            text.trim_start().starts_with("//!"),
            "{} does not start with a `//!` line saying what it owns",
            f.display()
        );
    }
}

#[test]
fn no_raw_html_apis() {
    let banned = [
        "from_html_unchecked",
        "set_inner_html",
        "inner_html(",
        "dangerously",
    ];
    for f in rust_sources() {
        if f.ends_with("tidy.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for b in banned {
            assert!(
                !text.contains(b),
                "{} uses {b}: render untrusted text as text",
                f.display()
            );
        }
    }
}

#[test]
fn core_has_no_web_dependency() {
    // The core and the text engine it re-exports.
    for krate in ["crates/core", "crates/search"] {
        let manifest = std::fs::read_to_string(root().join(krate).join("Cargo.toml")).unwrap();
        for dep in ["yew", "web-sys", "gloo", "wasm-bindgen", "js-sys"] {
            assert!(
                !manifest.lines().any(|l| l.trim_start().starts_with(dep)),
                "{krate} depends on {dep}"
            );
        }
    }
}

#[test]
fn nothing_loads_from_another_origin() {
    let mut checked = vec![root().join("index.html")];
    files(&root().join("assets"), "css", &mut checked);
    files(&root().join("assets"), "html", &mut checked);
    files(&root().join("assets"), "js", &mut checked);
    for f in checked {
        let text = std::fs::read_to_string(&f).unwrap();
        for scheme in ["http://", "https://", "//fonts.", "@import url("] {
            // The SVG namespace is an identifier, not a request.
            let hits = text.matches(scheme).count()
                - text.matches("http://www.w3.org/2000/svg").count()
                    * usize::from(scheme == "http://");
            assert_eq!(hits, 0, "{} references {scheme}", f.display());
        }
    }
}
