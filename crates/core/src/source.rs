//! Reading a corpus folder: the strict `corpus.toml` manifest and the raw files it names, into a
//! `Corpus`. The one place in the core that does IO (feature `build`, native only).
//!
//! A source is read by its extension. An HTML page (`.html`, `.htm`, `.xhtml`) or a Markdown file
//! (`.md`, `.markdown`, `.mdown`, `.mkd`) goes through the browser's import: `import::extract`
//! on its bytes (decoded from any encoding, markup turned into text, a Markdown file's front
//! matter written as the page's details at the top) and `import::import_extracted` (a title line
//! from the file name when the text starts with none), then `process_document` with the
//! manifest's meta, whose title, site and kind win over the page's. Legacy encodings are decoded
//! by `import::default_decoder`: encoding_rs with the core's `encodings` feature (the `parallax`
//! command); without it (the app's build script, whose corpus is UTF-8 text) such a page is
//! refused as not UTF-8. A file the import refuses fails the build (`BuildError::Import`),
//! naming it. Any other source, `.txt` among them, is read as it is: UTF-8 text, kept byte for
//! byte as it was collected (the bundled corpus is five such files). For a UTF-8 text with
//! ordinary line breaks and no invisible characters this is the text the import would read too.
//!
//! A document's offsets (`start` and `end` of its passages, sections and removed blocks, and
//! `original_len`) point into the text `process_document` read: the file itself for a text
//! source, the text extracted from a page or a Markdown file, as for an import
//! (`Imported::text`). Nothing reads a source file by these offsets: the bundle holds the
//! documents, not the files, and only checks that the offsets fit within `original_len`;
//! `import::import` of the same file gives that text again.

use crate::import::{self, ImportError};
use crate::model::{Claim, Corpus, Entity, Theme};
use crate::pipeline::{process_document, SourceMeta};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The manifest file inside a corpus folder.
pub const MANIFEST: &str = "corpus.toml";
/// The optional theme lexicon inside a corpus folder.
pub const THEMES: &str = "themes.toml";
/// The optional entity list inside a corpus folder.
pub const ENTITIES: &str = "entities.toml";
/// The optional claims to cross-check inside a corpus folder.
pub const CLAIMS: &str = "claims.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimsFile {
    #[serde(rename = "claim")]
    claims: Vec<Claim>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntitiesFile {
    #[serde(rename = "entity")]
    entities: Vec<Entity>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemesFile {
    #[serde(rename = "theme")]
    themes: Vec<Theme>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    name: String,
    title: String,
    #[serde(rename = "source")]
    sources: Vec<ManifestSource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestSource {
    id: String,
    file: String,
    title: Option<String>,
    site: Option<String>,
    kind: Option<String>,
}

/// Why a corpus folder could not be built. Every variant names the file concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// A file could not be read (missing, unreadable).
    Io { file: PathBuf, message: String },
    /// The manifest is not valid TOML or does not fit the schema; `line` is 1-based.
    Manifest {
        file: PathBuf,
        line: Option<usize>,
        message: String,
    },
    /// A source file is empty (or only whitespace).
    Empty { file: PathBuf },
    /// A source file is not UTF-8; `line` is 1-based, of the first invalid byte.
    NotUtf8 { file: PathBuf, line: usize },
    /// A source has no text the cleaner keeps.
    NoText { file: PathBuf },
    /// An HTML or Markdown source that the import refuses (binary, no text, too large…).
    Import { file: PathBuf, error: ImportError },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Io { file, message } => write!(f, "{}: {message}", file.display()),
            BuildError::Manifest {
                file,
                line: Some(line),
                message,
            } => write!(f, "{}:{line}: invalid manifest: {message}", file.display()),
            BuildError::Manifest {
                file,
                line: None,
                message,
            } => write!(f, "{}: invalid manifest: {message}", file.display()),
            BuildError::Empty { file } => write!(f, "{}: the file is empty", file.display()),
            BuildError::NotUtf8 { file, line } => write!(
                f,
                "{}:{line}: the file is not valid UTF-8 text",
                file.display()
            ),
            BuildError::NoText { file } => write!(
                f,
                "{}: no article text is left after cleaning",
                file.display()
            ),
            BuildError::Import { file, error } => write!(f, "{}: {error}", file.display()),
        }
    }
}

impl std::error::Error for BuildError {}

/// The corpus folder the app embeds, relative to the repository root.
pub const APP_CORPUS: &str = "corpus/iran-russia";
/// The variable that names another bundle for the app to embed, or a corpus folder to build it
/// from (a path relative to the repository root, or absolute).
pub const APP_BUNDLE_VAR: &str = "PARALLAX_BUNDLE";

/// The bundle the app embeds, as bytes, and the file or folder it was read from when
/// `APP_BUNDLE_VAR` named one: that bundle as it is, or that corpus folder (its `corpus.toml` and
/// texts) cleaned and encoded; else `APP_CORPUS` under `root` cleaned and encoded. The app's
/// build script and the prerendered pages (`parallax-pack`) both take it from here, so that they
/// show the same corpus. An error says what could not be read, in words.
pub fn app_bundle(root: &Path) -> Result<(Vec<u8>, Option<std::path::PathBuf>), String> {
    match std::env::var_os(APP_BUNDLE_VAR).filter(|v| !v.is_empty()) {
        Some(named) if root.join(&named).is_dir() => {
            let path = root.join(named);
            load_dir(&path)
                .map(|corpus| (crate::bundle::encode(&corpus), Some(path.clone())))
                .map_err(|e| format!("{APP_BUNDLE_VAR}={}: {e}", path.display()))
        }
        Some(named) => {
            let path = root.join(named);
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("{APP_BUNDLE_VAR}={}: cannot read it: {e}", path.display()))?;
            crate::bundle::decode(&bytes)
                .map_err(|e| format!("{APP_BUNDLE_VAR}={}: {e}", path.display()))?;
            Ok((bytes, Some(path)))
        }
        None => load_dir(&root.join(APP_CORPUS))
            .map(|corpus| (crate::bundle::encode(&corpus), None))
            .map_err(|e| format!("cannot build the corpus bundle: {e}")),
    }
}

/// Loads `dir/corpus.toml` and every file it names, cleaned and segmented.
pub fn load_dir(dir: &Path) -> Result<Corpus, BuildError> {
    let manifest_path = dir.join(MANIFEST);
    let text = read_text(&manifest_path)?;
    let manifest = parse_manifest(&manifest_path, &text)?;
    let mut documents = Vec::with_capacity(manifest.sources.len());
    for s in &manifest.sources {
        let path = dir.join(&s.file);
        let raw = source_text(&path, s)?;
        let meta = SourceMeta {
            id: s.id.clone(),
            file: s.file.clone(),
            title: s.title.clone(),
            site: s.site.clone(),
            kind: s.kind.clone(),
        };
        let doc = process_document(&meta, &raw);
        if doc.passages.is_empty() {
            return Err(BuildError::NoText { file: path });
        }
        documents.push(doc);
    }
    let themes = optional(dir, THEMES, parse_themes)?;
    let entities = optional(dir, ENTITIES, parse_entities)?;
    let claims = optional(dir, CLAIMS, parse_claims)?;
    let mut corpus = Corpus {
        name: manifest.name,
        title: manifest.title,
        documents,
        themes,
        entities,
        claims,
    };
    // A corpus that ships only its texts gets the themes its texts share.
    if corpus.themes.is_empty() {
        corpus.themes = crate::found::themes(&corpus);
    }
    // …and the people, places and organisations its texts name.
    if corpus.entities.is_empty() {
        corpus.entities = crate::names::entities(&corpus);
    }
    Ok(corpus)
}

/// Extensions of the sources read through the browser's import (`import::extract`): pages and
/// Markdown.
const IMPORTED: &[&str] = &["html", "htm", "xhtml", "md", "markdown", "mdown", "mkd"];

/// The text of source `s` at `path`, as `process_document` reads it: a page or a Markdown file
/// through the import, any other file as it is (see the module's documentation).
fn source_text(path: &Path, s: &ManifestSource) -> Result<String, BuildError> {
    let imported = Path::new(&s.file)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMPORTED.contains(&e.to_ascii_lowercase().as_str()));
    if !imported {
        let raw = read_text(path)?;
        if raw.trim().is_empty() {
            return Err(BuildError::Empty {
                file: path.to_owned(),
            });
        }
        return Ok(raw);
    }
    let bytes = read_bytes(path)?;
    if bytes.is_empty() {
        return Err(BuildError::Empty {
            file: path.to_owned(),
        });
    }
    // Each source on its own: the manifest, not the import, says which sources the corpus has.
    let alone = Corpus::of_documents("", "", Vec::new());
    import::extract(&s.file, &bytes)
        .and_then(|extracted| import::import_extracted(extracted, &alone, &s.id))
        .map(|imported| imported.text)
        .map_err(|error| BuildError::Import {
            file: path.to_owned(),
            error,
        })
}

/// Parses `dir/name` when it exists; an absent file means an empty list.
fn optional<T>(
    dir: &Path,
    name: &str,
    parse: fn(&Path, &str) -> Result<Vec<T>, BuildError>,
) -> Result<Vec<T>, BuildError> {
    let path = dir.join(name);
    if path.exists() {
        parse(&path, &read_text(&path)?)
    } else {
        Ok(Vec::new())
    }
}

/// Parses claims (`[[claim]]` tables with topic terms and `[[claim.stance]]` cues).
pub fn parse_claims(path: &Path, text: &str) -> Result<Vec<Claim>, BuildError> {
    let file: ClaimsFile = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    check_ids(
        path,
        text,
        file.claims.iter().map(|c| c.id.as_str()),
        "claim",
    )?;
    for c in &file.claims {
        if let Some(d) = c
            .default
            .as_ref()
            .filter(|d| !c.stances.iter().any(|s| &s.id == *d))
        {
            return Err(BuildError::Manifest {
                file: path.to_owned(),
                line: None,
                message: format!(
                    "claim {:?}: default stance {d:?} is not one of its stances",
                    c.id
                ),
            });
        }
    }
    Ok(file.claims)
}

/// Parses a theme lexicon file (`[[theme]]` tables with id, label, description, terms).
pub fn parse_themes(path: &Path, text: &str) -> Result<Vec<Theme>, BuildError> {
    let file: ThemesFile = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    check_ids(
        path,
        text,
        file.themes.iter().map(|t| t.id.as_str()),
        "theme",
    )?;
    if let Some(t) = file
        .themes
        .iter()
        .find(|t| t.terms.iter().all(|term| term.trim().is_empty()))
    {
        return Err(BuildError::Manifest {
            file: path.to_owned(),
            line: text
                .find(&format!("\"{}\"", t.id))
                .map(|at| text[..at].matches('\n').count() + 1),
            message: format!("theme {:?} has no terms", t.id),
        });
    }
    Ok(file.themes)
}

/// Parses an entity list (`[[entity]]` tables with id, name, kind, aliases).
pub fn parse_entities(path: &Path, text: &str) -> Result<Vec<Entity>, BuildError> {
    let file: EntitiesFile = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    let themes: Vec<Theme> = file.entities.iter().map(Entity::as_theme).collect();
    check_ids(path, text, themes.iter().map(|t| t.id.as_str()), "entity")?;
    Ok(file.entities)
}

/// Ids must be valid and unique within a file.
fn check_ids<'a>(
    path: &Path,
    text: &str,
    ids: impl Iterator<Item = &'a str>,
    what: &str,
) -> Result<(), BuildError> {
    let mut seen: Vec<&str> = Vec::new();
    for id in ids {
        let problem = if !crate::model::is_id(id) {
            Some(format!(
                "{what} id {id:?} must be 1–64 letters, digits, '-' or '_'"
            ))
        } else if seen.contains(&id) {
            Some(format!("{what} id {id:?} appears twice"))
        } else {
            None
        };
        if let Some(message) = problem {
            return Err(BuildError::Manifest {
                file: path.to_owned(),
                line: text
                    .find(&format!("\"{id}\""))
                    .map(|at| text[..at].matches('\n').count() + 1),
                message,
            });
        }
        seen.push(id);
    }
    Ok(())
}

fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> BuildError {
    BuildError::Manifest {
        file: path.to_owned(),
        line: e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1),
        message: e.message().to_owned(),
    }
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, BuildError> {
    std::fs::read(path).map_err(|e| BuildError::Io {
        file: path.to_owned(),
        message: match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_owned(),
            _ => e.to_string(),
        },
    })
}

fn read_text(path: &Path) -> Result<String, BuildError> {
    String::from_utf8(read_bytes(path)?).map_err(|e| {
        let bad = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..bad].iter().filter(|&&b| b == b'\n').count() + 1;
        BuildError::NotUtf8 {
            file: path.to_owned(),
            line,
        }
    })
}

fn parse_manifest(path: &Path, text: &str) -> Result<Manifest, BuildError> {
    let err = |line, message: String| BuildError::Manifest {
        file: path.to_owned(),
        line,
        message,
    };
    let manifest: Manifest = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    let line_of = |needle: &str| {
        text.find(needle)
            .map(|at| text[..at].matches('\n').count() + 1)
    };
    if manifest.sources.is_empty() {
        return Err(err(None, "it lists no [[source]]".into()));
    }
    let mut ids: Vec<&str> = Vec::new();
    for s in &manifest.sources {
        let valid = !s.id.is_empty()
            && s.id.len() <= 64
            && s.id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !valid {
            return Err(err(
                line_of(&format!("\"{}\"", s.id)),
                format!(
                    "source id {:?} must be 1–64 letters, digits, '-' or '_'",
                    s.id
                ),
            ));
        }
        if ids.contains(&s.id.as_str()) {
            return Err(err(
                line_of(&format!("\"{}\"", s.id)),
                format!("source id {:?} appears twice", s.id),
            ));
        }
        if s.file.contains("..") || s.file.starts_with('/') {
            return Err(err(
                line_of(&s.file),
                format!("file {:?} must be inside the corpus folder", s.file),
            ));
        }
        ids.push(&s.id);
    }
    Ok(manifest)
}
