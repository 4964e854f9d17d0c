//! A Trunk release build on disk: its `index.html`, and the files that the page's links name,
//! found by what a static server at the build's root would answer for them.

use std::path::{Path, PathBuf};

use crate::PackError;

/// What a URL in the page points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Href {
    /// A `data:` URL: already inside the page.
    Data,
    /// Only a fragment (`#x`), or `about:` / `javascript:`: no request.
    Local,
    /// Any other scheme or a scheme-relative `//host` URL: a request to the network.
    External,
    /// A path on the same server, without query or fragment.
    Path(String),
}

/// Sorts a URL found in the page or in a stylesheet.
pub fn classify(url: &str) -> Href {
    let url = url.trim();
    if url.starts_with('#') {
        return Href::Local;
    }
    if url.starts_with("//") || url.starts_with("\\\\") {
        return Href::External;
    }
    let scheme_end = url.find([':', '/', '?', '#']);
    if let Some(end) = scheme_end.filter(|&e| url[e..].starts_with(':')) {
        let scheme = &url[..end];
        let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if valid {
            return match scheme.to_ascii_lowercase().as_str() {
                "data" => Href::Data,
                "about" | "javascript" => Href::Local,
                _ => Href::External,
            };
        }
    }
    let path = url.split(['?', '#']).next().unwrap_or_default();
    Href::Path(path.to_owned())
}

/// A release build folder with its `index.html` read.
#[derive(Debug)]
pub struct Dist {
    pub root: PathBuf,
    pub index: String,
}

/// A file of the build that the page names.
#[derive(Debug, Clone)]
pub struct File {
    /// The path inside the build, with `/` separators, as the page named it once resolved.
    pub name: String,
    pub bytes: Vec<u8>,
}

impl File {
    /// The file as UTF-8 text; a clear error naming it otherwise.
    pub fn text(&self) -> Result<String, PackError> {
        String::from_utf8(self.bytes.clone())
            .map_err(|_| PackError::new(format!("{} is not UTF-8 text", self.name)))
    }
}

impl Dist {
    /// Reads `root/index.html`.
    pub fn open(root: &Path) -> Result<Dist, PackError> {
        if !root.is_dir() {
            return Err(PackError::new(format!(
                "{} is not a folder: give the folder of a Trunk release build (e.g. dist/)",
                root.display()
            )));
        }
        let index_path = root.join("index.html");
        let bytes = std::fs::read(&index_path).map_err(|e| {
            PackError::new(format!(
                "{} cannot be read ({e}): build the app first (`make build`, or `trunk build --release`)",
                index_path.display()
            ))
        })?;
        let index = String::from_utf8(bytes)
            .map_err(|_| PackError::new(format!("{} is not UTF-8", index_path.display())))?;
        Ok(Dist {
            root: root.to_path_buf(),
            index,
        })
    }

    /// The file that `path` (from `classify`) names, relative to the folder `base` inside the
    /// build ("" for the page itself). An absolute path that is not found is tried again
    /// without its leading folders, for a build made with a `--public-url` such as `/app/`.
    /// `what` says where the path was found, for messages.
    pub fn file(&self, base: &str, path: &str, what: &str) -> Result<File, PackError> {
        let mut tries = Vec::new();
        let joined = if path.starts_with('/') {
            path.to_owned()
        } else {
            format!("{base}/{path}")
        };
        let normal = normalize(&joined).ok_or_else(|| {
            PackError::new(format!(
                "{what} names {path}, which leaves the build folder"
            ))
        })?;
        tries.push(normal.clone());
        if path.starts_with('/') {
            let mut rest = normal.as_str();
            while let Some((_, tail)) = rest.split_once('/') {
                tries.push(tail.to_owned());
                rest = tail;
            }
        }
        for name in &tries {
            if name.is_empty() {
                continue;
            }
            let full = self.root.join(name);
            if full.is_file() {
                let bytes = std::fs::read(&full).map_err(|e| {
                    PackError::new(format!("{} cannot be read: {e}", full.display()))
                })?;
                return Ok(File {
                    name: name.clone(),
                    bytes,
                });
            }
        }
        Err(PackError::new(format!(
            "{what} names {path}, but {} does not exist",
            self.root.join(&normal).display()
        )))
    }
}

/// `a/./b/../c` → `a/c`, without a leading `/`; `None` when `..` climbs above the root.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_urls() {
        assert_eq!(classify("/a-1.css"), Href::Path("/a-1.css".into()));
        assert_eq!(classify("./a.css?v=2#x"), Href::Path("./a.css".into()));
        assert_eq!(classify("data:image/svg+xml,<svg/>"), Href::Data);
        assert_eq!(classify(" DATA:x"), Href::Data);
        assert_eq!(classify("#frag"), Href::Local);
        assert_eq!(classify("about:blank"), Href::Local);
        assert_eq!(classify("https://example.org/a.css"), Href::External);
        assert_eq!(classify("//cdn.example.org/a.js"), Href::External);
        assert_eq!(classify("blob:null/1"), Href::External);
        // A colon after the first slash is part of a path, not a scheme.
        assert_eq!(classify("/a:b.css"), Href::Path("/a:b.css".into()));
    }

    #[test]
    fn normalizes_paths() {
        assert_eq!(normalize("/a/./b/../c.css").as_deref(), Some("a/c.css"));
        assert_eq!(normalize("x/../../etc/passwd"), None);
    }

    #[test]
    fn finds_files_also_under_a_public_url() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "<html></html>").unwrap();
        std::fs::create_dir(dir.path().join("fonts")).unwrap();
        std::fs::write(dir.path().join("a.css"), "p{}").unwrap();
        std::fs::write(dir.path().join("fonts/f.woff2"), "w").unwrap();
        let dist = Dist::open(dir.path()).unwrap();
        assert_eq!(dist.file("", "/a.css", "x").unwrap().name, "a.css");
        assert_eq!(dist.file("", "/app/a.css", "x").unwrap().name, "a.css");
        assert_eq!(dist.file("", "a.css", "x").unwrap().bytes, b"p{}");
        assert_eq!(
            dist.file("css", "../fonts/f.woff2", "x").unwrap().name,
            "fonts/f.woff2"
        );
        let err = dist.file("", "/b.css", "<link> at line 3").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("<link> at line 3 names /b.css, but ")
                && err.to_string().ends_with("b.css does not exist"),
            "{err}"
        );
        let err = dist.file("", "../x", "y").unwrap_err();
        assert!(err.to_string().contains("leaves the build folder"), "{err}");
    }

    #[test]
    fn a_missing_index_says_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let err = Dist::open(dir.path()).unwrap_err().to_string();
        assert!(err.contains("index.html cannot be read"), "{err}");
        assert!(err.contains("make build"), "{err}");
        let err = Dist::open(&dir.path().join("nope"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("is not a folder"), "{err}");
    }
}
