//! Routes in the URL fragment: parsing is total (any input gives a route) and printing is canonical.
//!
//! `#/` is the library, `#/read/<doc>` a reader, `#/read/<doc>/<passage>` a reader scrolled to
//! a passage. Anything else is `NotFound`, which keeps what was asked for so the page can say it.

/// Where the app is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Library,
    Read {
        doc: String,
        passage: Option<String>,
    },
    NotFound {
        path: String,
    },
}

/// Longest fragment we look at; anything longer is not a route of ours.
const MAX_FRAGMENT: usize = 2048;

impl Route {
    /// Parses a fragment, with or without the leading `#`. Never fails.
    pub fn parse(fragment: &str) -> Route {
        let f = fragment.strip_prefix('#').unwrap_or(fragment);
        if f.len() > MAX_FRAGMENT {
            return Route::NotFound {
                path: truncate_chars(f, 80),
            };
        }
        // Drop a query part: this issue has no parameters, later views will read them.
        let path = f.split('?').next().unwrap_or("");
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Library,
            ["read", doc] if is_id(doc) => Route::Read {
                doc: (*doc).to_owned(),
                passage: None,
            },
            ["read", doc, passage] if is_id(doc) && is_id(passage) => Route::Read {
                doc: (*doc).to_owned(),
                passage: Some((*passage).to_owned()),
            },
            _ => Route::NotFound {
                path: truncate_chars(path, 80),
            },
        }
    }

    /// The canonical fragment for this route, with the leading `#`.
    pub fn to_fragment(&self) -> String {
        match self {
            Route::Library => "#/".to_owned(),
            Route::Read { doc, passage: None } => format!("#/read/{doc}"),
            Route::Read {
                doc,
                passage: Some(p),
            } => format!("#/read/{doc}/{p}"),
            Route::NotFound { path } => format!("#/{}", path.trim_start_matches('/')),
        }
    }
}

/// Ids are short ASCII words: letters, digits, `-` and `_`.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn truncate_chars(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(doc: &str, passage: Option<&str>) -> Route {
        Route::Read {
            doc: doc.into(),
            passage: passage.map(Into::into),
        }
    }

    #[test]
    fn parses_known_routes() {
        for (input, want) in [
            ("", Route::Library),
            ("#", Route::Library),
            ("#/", Route::Library),
            ("#/read/001", read("001", None)),
            ("#/read/001/", read("001", None)),
            ("#/read/001/p3", read("001", Some("p3"))),
            ("/read/001/p3?x=1", read("001", Some("p3"))),
        ] {
            assert_eq!(Route::parse(input), want, "input {input:?}");
        }
    }

    #[test]
    fn anything_else_is_not_found() {
        for input in [
            "#/nope",
            "#/read",
            "#/read/<script>",
            "#/read/001/p3/extra",
            "#/read/%ZZ",
            "#/read/ü",
        ] {
            assert!(
                matches!(Route::parse(input), Route::NotFound { .. }),
                "input {input:?}"
            );
        }
        let huge = format!("#/read/{}", "a".repeat(100_000));
        assert!(matches!(Route::parse(&huge), Route::NotFound { path } if path.len() <= 80));
    }

    #[test]
    fn printing_is_canonical() {
        for r in [Route::Library, read("002", None), read("002", Some("p9"))] {
            assert_eq!(Route::parse(&r.to_fragment()), r);
        }
    }
}
