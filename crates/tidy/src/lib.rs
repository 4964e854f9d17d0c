//! Checks of the project's conventions, run by `cargo test`; each check reports every failure at once: every Rust module opens with a `//!` line, no raw-HTML API appears, the core has no web dependency (read from `cargo metadata`, transitive ones included), no module cycle in the app or the core, nothing loads from another origin.
#![allow(clippy::disallowed_methods)] // Never reaches the wasm.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Files under `dir` ending in `.ext`, sorted, outside build output and dependencies.
pub fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_dir() {
                if !matches!(
                    name.as_str(),
                    "target" | "node_modules" | "dist" | ".git" | "corpus" | "regressions"
                ) {
                    walk(&p, ext, out);
                }
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, ext, &mut out);
    out.sort();
    out
}

/// The project's Rust sources (the app, every crate, the fuzz targets, the build script).
pub fn rust_sources() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["src", "crates", "fuzz"] {
        out.extend(files(&root().join(dir), "rs"));
    }
    out.push(root().join("build.rs"));
    out.retain(|p| p.exists());
    out
}

/// Panics with every failure, one per line, when there is any.
pub fn report(check: &str, failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{check}: {} failures\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

/// The packages `package` depends on for its own build (normal dependencies, transitively; not
/// dev- or build-dependencies), by name, from `cargo metadata`.
pub fn normal_dependencies(metadata: &serde_json::Value, package: &str) -> BTreeSet<String> {
    let names: BTreeMap<&str, &str> = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p["id"].as_str()?, p["name"].as_str()?)))
        .collect();
    let nodes: BTreeMap<&str, Vec<&str>> = metadata["resolve"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| {
            let deps = n["deps"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|d| {
                    d["dep_kinds"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|k| k["kind"].is_null())
                })
                .filter_map(|d| d["pkg"].as_str())
                .collect();
            Some((n["id"].as_str()?, deps))
        })
        .collect();
    let mut todo: Vec<&str> = names
        .iter()
        .filter(|(_, name)| **name == package)
        .map(|(id, _)| *id)
        .collect();
    let mut seen = BTreeSet::new();
    while let Some(id) = todo.pop() {
        for &dep in nodes.get(id).into_iter().flatten() {
            if seen.insert(dep) {
                todo.push(dep);
            }
        }
    }
    seen.into_iter()
        .filter_map(|id| names.get(id).map(|n| n.to_string()))
        .collect()
}

/// The top-level modules of a crate's `src` folder and the ones each names through `crate::`.
pub fn module_uses(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files(src, "rs") {
        let rel = f.strip_prefix(src).unwrap_or(&f);
        let Some(top) = rel.components().next().map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_owned()
        }) else {
            continue;
        };
        if top == "main" || top == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let used = uses.entry(top.clone()).or_default();
        let mut rest = text.as_str();
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for part in group[..end].split(',') {
                    let name = part.trim().split("::").next().unwrap_or("").trim();
                    if !name.is_empty() && name != top {
                        used.insert(name.to_owned());
                    }
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != top {
                    used.insert(name);
                }
            }
        }
    }
    uses
}

/// Every cycle of modules in `uses`, each as the modules of one strongly connected component.
pub fn cycles(uses: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan's algorithm, written with an explicit order of visits (the graph is small).
    struct Walk<'a> {
        uses: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        out: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            for w in self.uses.get(v).into_iter().flatten() {
                let Some((w, _)) = self.uses.get_key_value(w.as_str()) else {
                    continue;
                };
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.stack.contains(&w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    component.push(w.to_owned());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.out.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        uses,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        out: Vec::new(),
    };
    for v in uses.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_module_says_what_it_owns() {
        let sources = rust_sources();
        assert!(sources.len() >= 10, "found only {sources:?}");
        let failures = sources
            .iter()
            .filter(|f| !f.ends_with("build.rs"))
            .filter(|f| {
                let text = std::fs::read_to_string(f).unwrap_or_default();
                !text.trim_start().starts_with("//!")
            })
            .map(|f| {
                format!(
                    "{} does not open with a `//!` line saying what it owns",
                    f.display()
                )
            })
            .collect();
        report("module docs", failures);
    }

    #[test]
    fn no_raw_html_apis() {
        // Spelled in pieces, so that this file does not name them.
        let banned = [
            ["from_html", "_unchecked"].concat(),
            ["set_inner", "_html"].concat(),
            ["inner_html", "("].concat(),
            ["danger", "ously"].concat(),
        ];
        let mut failures = Vec::new();
        for f in rust_sources() {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            for b in &banned {
                if text.contains(b.as_str()) {
                    failures.push(format!(
                        "{} uses {b}: render untrusted text as text",
                        f.display()
                    ));
                }
            }
        }
        report("raw HTML", failures);
    }

    #[test]
    fn core_has_no_web_dependency() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let out = std::process::Command::new(cargo)
            .args([
                "metadata",
                "--format-version",
                "1",
                "--offline",
                "--manifest-path",
            ])
            .arg(root().join("Cargo.toml"))
            .output()
            .expect("cargo metadata runs");
        assert!(
            out.status.success(),
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let metadata: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
        let web = |name: &str| {
            ["yew", "web-sys", "js-sys", "gloo", "wasm-bindgen"]
                .iter()
                .any(|w| name == *w || name.starts_with(&format!("{w}-")))
        };
        let mut failures = Vec::new();
        // The core and the text engine it re-exports.
        for package in ["parallax-core", "parallax-search"] {
            let deps = normal_dependencies(&metadata, package);
            assert!(
                deps.contains("serde"),
                "{package}: the dependency graph was not read ({deps:?})"
            );
            failures.extend(
                deps.iter()
                    .filter(|d| web(d))
                    .map(|d| format!("{package} depends on {d}")),
            );
        }
        // The check sees web crates where they are: the app has them.
        assert!(normal_dependencies(&metadata, "parallax-app").contains("wasm-bindgen"));
        report("web dependencies of the core", failures);
    }

    #[test]
    fn no_module_cycle() {
        let mut failures = Vec::new();
        for src in ["src", "crates/core/src", "crates/search/src"] {
            let uses = module_uses(&root().join(src));
            assert!(!uses.is_empty(), "no modules read in {src}");
            failures.extend(
                cycles(&uses)
                    .into_iter()
                    .map(|c| format!("{src}: {} use each other", c.join(", "))),
            );
        }
        report("module cycles", failures);
    }

    #[test]
    fn the_cycle_finder_finds_cycles() {
        let graph = |edges: &[(&str, &str)]| {
            let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for (a, b) in edges {
                g.entry(a.to_string()).or_default().insert(b.to_string());
                g.entry(b.to_string()).or_default();
            }
            g
        };
        assert_eq!(
            cycles(&graph(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])),
            vec![vec!["a".to_owned(), "b".into(), "c".into()]]
        );
        assert!(cycles(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])).is_empty());
    }

    #[test]
    fn nothing_loads_from_another_origin() {
        let mut checked = vec![root().join("index.html")];
        for ext in ["css", "html", "js"] {
            checked.extend(files(&root().join("assets"), ext));
        }
        let mut failures = Vec::new();
        for f in checked {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            for scheme in ["http://", "https://", "//fonts.", "@import url("] {
                // The SVG namespace is an identifier, not a request.
                let hits = text.matches(scheme).count()
                    - text.matches("http://www.w3.org/2000/svg").count()
                        * usize::from(scheme == "http://");
                if hits > 0 {
                    failures.push(format!("{} references {scheme}", f.display()));
                }
            }
        }
        report("other origins", failures);
    }
}
