//! The collection file: a reader's own documents with a title of her own, her themes and, if she wants, her lesson and notes, in one small versioned, checksummed JSON file that any copy of the app opens; reading it is total and bounded, and opening it adds to what the reader has without changing or losing any of it.
//!
//! ```text
//! {"kind":"parallax-collection","format":1,"sha256":"<hex>","content":{
//!   "title":"…","corpus":"<version>","documents":[{"id":"own1","name":"a.html","text":"…"}],
//!   "themes":[{"label":"…","terms":["…"]}],"lesson":"/lesson?…","notes":[{note}…],
//!   "only_own":true}}
//! ```
//!
//! - `sha256` is the SHA-256 of `content` as this module writes it (`serde_json`, fields in the
//!   order above, `lesson` and `notes` only when there are some, `only_own` only when true): a file altered or cut short
//!   anywhere in its content is refused. The same choices always write the same bytes (no date,
//!   no random id).
//! - `text` is what an import read (`Imported::text`, markup already turned into text); opening
//!   imports it again as plain text (`import::import_text`) with every check of an import, so a
//!   collection can hold nothing a file could not.
//! - `lesson` is a lesson link (a fragment without `#`) naming the documents by the ids of the
//!   file; `notes` are notes in the notes format (`notes::Note`), also by those ids.
//! - `only_own`: written into a single file made with her documents alone, which then shows
//!   them as its whole corpus, under the collection's title (`single_file_corpus`).
//!
//! Opening (`open`) gives every document a new id of this copy (ids are never given twice), or,
//! when its text is already in the library (built-in or the reader's own), the id of that one;
//! the lesson, its themes and the notes are rewritten to the ids of this copy.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::import::{ImportError, Imported};
use crate::library::Shelf;
use crate::model::{is_id, Corpus, Document};
use crate::notes::{self, Note};
use crate::state::{self, limit_text, CustomTheme, Known, Notice, State, View};
use crate::store::Storage;
use crate::strings::{count, size};

/// The `kind` of a collection file.
pub const KIND: &str = "parallax-collection";
/// The format this version writes and reads; a newer one is refused, saying so.
pub const FORMAT: u64 = 1;
/// Largest file read, in bytes: room for `MAX_DOCUMENTS` documents of an ordinary length (an
/// import's text is at most `import::MAX_TEXT_BYTES`, 200 kB) and their escaping. Refused from
/// its size alone, before it is read.
pub const MAX_BYTES: u64 = 12 * 1024 * 1024;
/// Most documents in one collection.
pub const MAX_DOCUMENTS: usize = 50;
/// File extension of a collection.
pub const EXTENSION: &str = "json";

/// A document of a collection: its id in the file, its file name and its text as imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doc {
    pub id: String,
    pub name: String,
    pub text: String,
}

/// A theme as the file holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Theme {
    label: String,
    terms: Vec<String>,
}

/// What a collection file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Collection {
    /// The reader's title for it (one line, at most `state::MAX_TITLE_CHARS` characters).
    pub title: String,
    /// The version of the built-in corpus of the copy that wrote it (`Known::version`).
    pub corpus: String,
    pub documents: Vec<Doc>,
    pub themes: Vec<CustomTheme>,
    /// A lesson link (fragment without `#`) by the ids of `documents`.
    pub lesson: Option<String>,
    pub notes: Vec<Note>,
    /// Written into a single file made with her documents alone: that file shows no built-in
    /// source (`single_file_corpus`). Other copies that open the collection ignore it.
    pub only_own: bool,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Content {
    title: String,
    corpus: String,
    documents: Vec<Doc>,
    themes: Vec<Theme>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lesson: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    only_own: bool,
}

/// Why a file is not a collection this copy opens. Each reads as a sentence for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CollectionError {
    /// Larger than `MAX_BYTES`: refused unread.
    TooLarge(u64),
    /// Not JSON text, or JSON cut short: the parser's words.
    Damaged(String),
    /// JSON, but not a collection file.
    NotACollection,
    /// Written by a newer version of Parallax (its format number).
    Newer(u64),
    /// The content does not match its checksum: altered or cut short.
    Checksum,
    /// The content is not of this format's shape: what is wrong.
    WrongShape(String),
    TooManyDocuments(usize),
    /// A document id that is not an id of the reader's own documents (`own1`…).
    BadId(String),
    /// Two documents with one id.
    DuplicateId(String),
    /// A lesson longer than a link can be.
    LessonTooLong(usize),
    TooManyNotes(usize),
}

/// Values from the file, cut and cleaned for a message.
fn shown(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .take(40)
        .collect::<String>()
}

impl fmt::Display for CollectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const NOTHING: &str = "Nothing was added.";
        match self {
            CollectionError::TooLarge(n) => write!(
                f,
                "This collection file is too large: {} (a collection holds at most {}). {NOTHING}",
                size(*n),
                size(MAX_BYTES)
            ),
            CollectionError::Damaged(why) => write!(
                f,
                "This collection file is damaged or cut short ({}). {NOTHING}",
                shown(why)
            ),
            CollectionError::NotACollection => {
                write!(f, "This is not a Parallax collection file. {NOTHING}")
            }
            CollectionError::Newer(n) => write!(
                f,
                "This collection file was made by a newer version of Parallax (format {n}; this \
                 copy reads format {FORMAT}). Open it in a newer copy. {NOTHING}"
            ),
            CollectionError::Checksum => write!(
                f,
                "This collection file was changed or cut short after it was made: its content \
                 does not match its checksum. {NOTHING}"
            ),
            CollectionError::WrongShape(why) => write!(
                f,
                "This collection file is not in the form Parallax writes ({}). {NOTHING}",
                shown(why)
            ),
            CollectionError::TooManyDocuments(n) => write!(
                f,
                "This collection file has {} (at most {MAX_DOCUMENTS}). {NOTHING}",
                count(*n, "document", "documents")
            ),
            CollectionError::BadId(id) => write!(
                f,
                "This collection file names a document “{}”, which is not a name Parallax gives \
                 your documents. {NOTHING}",
                shown(id)
            ),
            CollectionError::DuplicateId(id) => write!(
                f,
                "This collection file has two documents named “{}”. {NOTHING}",
                shown(id)
            ),
            CollectionError::LessonTooLong(n) => write!(
                f,
                "The lesson in this collection file is longer than a lesson can be ({}). \
                 {NOTHING}",
                size(*n as u64)
            ),
            CollectionError::TooManyNotes(n) => write!(
                f,
                "This collection file has {} (at most {}). {NOTHING}",
                count(*n, "note", "notes"),
                notes::MAX_NOTES
            ),
        }
    }
}

impl std::error::Error for CollectionError {}

impl CollectionError {
    /// A stable name of the error, for `data-kind` attributes and tests.
    pub fn id(&self) -> &'static str {
        match self {
            CollectionError::TooLarge(_) => "too-large",
            CollectionError::Damaged(_) => "damaged",
            CollectionError::NotACollection => "not-a-collection",
            CollectionError::Newer(_) => "newer",
            CollectionError::Checksum => "checksum",
            CollectionError::WrongShape(_) => "wrong-shape",
            CollectionError::TooManyDocuments(_) => "too-many-documents",
            CollectionError::BadId(_) => "bad-id",
            CollectionError::DuplicateId(_) => "duplicate-id",
            CollectionError::LessonTooLong(_) => "lesson-too-long",
            CollectionError::TooManyNotes(_) => "too-many-notes",
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn content_json(c: &Content) -> String {
    // Serialising strings, numbers and vectors of them cannot fail.
    serde_json::to_string(c).unwrap_or_default()
}

/// The file of a collection: the same collection always gives the same bytes. Linear in its
/// size.
pub fn write(c: &Collection) -> String {
    let content = Content {
        title: c.title.clone(),
        corpus: c.corpus.clone(),
        documents: c.documents.clone(),
        themes: c
            .themes
            .iter()
            .map(|t| Theme {
                label: t.label.clone(),
                terms: t.terms.clone(),
            })
            .collect(),
        lesson: c.lesson.clone(),
        notes: c.notes.clone(),
        only_own: c.only_own,
    };
    let body = content_json(&content);
    let sum = hex(&Sha256::digest(body.as_bytes()));
    format!("{{\"kind\":\"{KIND}\",\"format\":{FORMAT},\"sha256\":\"{sum}\",\"content\":{body}}}\n")
}

/// Whether a file should be read as a collection rather than imported as a document: its name
/// ends in `.json`, or its first bytes are a collection's.
pub fn is_collection(name: &str, head: &[u8]) -> bool {
    let json = name
        .rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case(EXTENSION));
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    json || head[start..].starts_with(format!("{{\"kind\":\"{KIND}\"").as_bytes())
}

/// Reads a collection file. Total: any bytes give a collection or a `CollectionError`, never a
/// panic; a file over `MAX_BYTES` is refused before it is parsed, so reading costs time and
/// memory linear in at most `MAX_BYTES`.
pub fn read(bytes: &[u8]) -> Result<Collection, CollectionError> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(CollectionError::TooLarge(bytes.len() as u64));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        CollectionError::Damaged(format!("not UTF-8 text at byte {}", e.valid_up_to()))
    })?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        CollectionError::Damaged(if e.is_eof() {
            "it ends too early".into()
        } else {
            e.to_string()
        })
    })?;
    if value.get("kind").and_then(Value::as_str) != Some(KIND) {
        return Err(CollectionError::NotACollection);
    }
    match value.get("format").and_then(Value::as_u64) {
        Some(FORMAT) => {}
        Some(n) if n > FORMAT => return Err(CollectionError::Newer(n)),
        _ => {
            return Err(CollectionError::WrongShape(
                "it has no format number".into(),
            ))
        }
    }
    let sum = value
        .get("sha256")
        .and_then(Value::as_str)
        .ok_or_else(|| CollectionError::WrongShape("it has no checksum".into()))?;
    let content = value
        .get("content")
        .ok_or_else(|| CollectionError::WrongShape("it has no content".into()))?;
    let content =
        Content::deserialize(content).map_err(|e| CollectionError::WrongShape(e.to_string()))?;
    if hex(&Sha256::digest(content_json(&content).as_bytes())) != sum.to_ascii_lowercase() {
        return Err(CollectionError::Checksum);
    }
    if content.documents.len() > MAX_DOCUMENTS {
        return Err(CollectionError::TooManyDocuments(content.documents.len()));
    }
    let mut ids = HashSet::with_capacity(content.documents.len());
    for d in &content.documents {
        if !is_id(&d.id) || !d.id.starts_with("own") {
            return Err(CollectionError::BadId(d.id.clone()));
        }
        if !ids.insert(d.id.as_str()) {
            return Err(CollectionError::DuplicateId(d.id.clone()));
        }
    }
    if let Some(l) = content
        .lesson
        .as_ref()
        .filter(|l| l.len() > state::MAX_FRAGMENT)
    {
        return Err(CollectionError::LessonTooLong(l.len()));
    }
    if content.notes.len() > notes::MAX_NOTES {
        return Err(CollectionError::TooManyNotes(content.notes.len()));
    }
    Ok(Collection {
        title: limit_text(&content.title, state::MAX_TITLE_CHARS).0,
        corpus: content.corpus.chars().take(64).collect(),
        documents: content.documents,
        themes: content
            .themes
            .into_iter()
            .map(|t| CustomTheme {
                label: t.label,
                terms: t.terms,
            })
            .collect(),
        lesson: content.lesson,
        notes: content.notes,
        only_own: content.only_own,
    })
}

/// The corpus of a single file with the collection `c` written into it: the collection's title,
/// when it has one, as the corpus title, and no built-in document when it was made with her
/// documents alone (`only_own`). The built-in themes, entities and claims stay.
pub fn single_file_corpus(mut corpus: Corpus, c: &Collection) -> Corpus {
    if !c.title.trim().is_empty() {
        corpus.title = c.title.clone();
    }
    if c.only_own {
        corpus.documents.clear();
    }
    corpus
}

/// What became of one document of a collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Added under the id `id` of this copy (its id in the file was `was`).
    Added {
        was: String,
        id: String,
        title: String,
    },
    /// Its text is already here, as document `id`: not added again.
    AlreadyHere {
        was: String,
        id: String,
        title: String,
    },
    /// Refused by the import's checks, with its message.
    Refused { was: String, error: ImportError },
}

/// What opening a collection did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub title: String,
    /// One outcome per document of the file, in its order.
    pub documents: Vec<Outcome>,
    /// The lesson, as a link of this copy (with `#` and the corpus version) naming the
    /// documents by their ids here, and what its reading changed; `None` when the file had no
    /// lesson or its link is no lesson.
    pub lesson: Option<(String, Vec<Notice>)>,
    /// The library with the collection's themes, as a link of this copy; `None` without themes.
    pub themes: Option<String>,
    /// The notes on documents that are here now, by their ids here, for `notes::merge`.
    pub notes: Vec<Note>,
    /// Notes left out: on a document that was refused or is not in this copy.
    pub notes_left_out: usize,
}

impl Opened {
    /// How many documents were added.
    pub fn added(&self) -> usize {
        self.documents
            .iter()
            .filter(|o| matches!(o, Outcome::Added { .. }))
            .count()
    }
}

/// Renames documents named in a state (a lesson's steps and the view opened from one too).
fn rename(state: &mut State, map: &HashMap<String, String>) {
    let r = |id: &mut String| {
        if let Some(new) = map.get(id.as_str()) {
            new.clone_into(id);
        }
    };
    match &mut state.view {
        View::Read(x) => r(&mut x.doc),
        View::Source(x) => r(&mut x.doc),
        View::Compare(x) => x.docs.iter_mut().for_each(r),
        View::Explore(x) => x.sources.iter_mut().for_each(r),
        View::Lesson(l) | View::Handout(l) => {
            for step in &mut l.steps {
                rename(&mut step.state, map);
            }
            if let Some(away) = l.away.as_deref_mut() {
                rename(away, map);
            }
        }
        // The other views name no document.
        _ => {}
    }
}

/// The documents a state names (a lesson's steps and the view opened from one too), in order,
/// no repeats: what a lesson needs of the reader's library.
pub fn documents_named(state: &State) -> Vec<String> {
    fn walk(state: &State, out: &mut Vec<String>) {
        let mut put = |id: &String| {
            if !out.contains(id) {
                out.push(id.clone());
            }
        };
        match &state.view {
            View::Read(x) => put(&x.doc),
            View::Source(x) => put(&x.doc),
            View::Compare(x) => x.docs.iter().for_each(put),
            View::Explore(x) => x.sources.iter().for_each(put),
            View::Lesson(l) | View::Handout(l) => {
                for step in &l.steps {
                    walk(&step.state, out);
                }
                if let Some(away) = l.away.as_deref() {
                    walk(away, out);
                }
            }
            // The other views name no document.
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(state, &mut out);
    out
}

fn known_entry(d: &Document) -> Vec<String> {
    d.passages.iter().map(|p| p.id.clone()).collect()
}

/// Opens a collection into the reader's shelf (stored in `s`): each document imported as a
/// file's text is, against the library with the ones before it, under an id of this copy, or
/// found already here; then the lesson, themes and notes by the ids here. Nothing the reader
/// had is changed. `checksum` is the built-in corpus's. Linear in the collection's size and
/// the library's.
pub fn open(shelf: &mut Shelf, s: &impl Storage, c: &Collection, checksum: &str) -> Opened {
    let results = shelf.import_texts(
        s,
        c.documents
            .iter()
            .map(|d| (d.name.as_str(), d.text.as_str())),
    );
    let mut map = HashMap::with_capacity(c.documents.len());
    let documents: Vec<Outcome> = c
        .documents
        .iter()
        .zip(results)
        .map(|(d, result): (&Doc, Result<Imported, ImportError>)| {
            let was = d.id.clone();
            match result {
                Ok(i) => {
                    map.insert(was.clone(), i.document.id.clone());
                    Outcome::Added {
                        was,
                        id: i.document.id,
                        title: i.document.title,
                    }
                }
                Err(ImportError::Duplicate { id, title, .. }) => {
                    map.insert(was.clone(), id.clone());
                    Outcome::AlreadyHere { was, id, title }
                }
                Err(error) => Outcome::Refused { was, error },
            }
        })
        .collect();

    let corpus = &shelf.library.corpus;
    let builtin = &corpus.documents[..shelf.library.builtin().min(corpus.documents.len())];
    let here = Known::new(corpus, checksum);
    // The links of the file name documents by the file's ids: read them against the built-in
    // documents and the file's, then name those by their ids here.
    let mut file = Known {
        docs: builtin
            .iter()
            .map(|d| (d.id.clone(), known_entry(d)))
            .collect(),
        ..here.clone()
    };
    for d in &c.documents {
        if let Some(doc) = map.get(&d.id).and_then(|id| corpus.document(id)) {
            file.docs.push((d.id.clone(), known_entry(doc)));
        }
    }
    let relink = |fragment: &str| {
        let (mut state, mut notices) = state::parse(fragment, &file);
        rename(&mut state, &map);
        let link = state::print(&state, &here.version);
        let (state, more) = state::parse(&link[1..], &here);
        notices.extend(more);
        (state, notices)
    };
    let lesson = c.lesson.as_deref().and_then(|l| {
        let (state, notices) = relink(l.strip_prefix('#').unwrap_or(l));
        let notices = notices
            .into_iter()
            .filter(|n| !matches!(n, Notice::OtherVersion { .. }))
            .collect();
        matches!(state.view, View::Lesson(_))
            .then(|| (state::print(&state, &here.version), notices))
    });
    let themes = (!c.themes.is_empty()).then(|| {
        let library = State {
            view: View::Library,
            custom: c.themes.clone(),
            edits: Default::default(),
        };
        // Printed and read again: cleaned and cut as a link's themes are.
        let (state, _) = relink(&state::print(&library, &here.version)[1..]);
        state::print(&state, &here.version)
    });
    let builtin_ids: HashSet<&str> = builtin.iter().map(|d| d.id.as_str()).collect();
    let mut notes = Vec::with_capacity(c.notes.len());
    for n in &c.notes {
        let doc = map
            .get(&n.doc)
            .cloned()
            .or_else(|| builtin_ids.contains(n.doc.as_str()).then(|| n.doc.clone()));
        if let Some(doc) = doc {
            notes.push(Note { doc, ..n.clone() });
        }
    }
    Opened {
        title: c.title.clone(),
        documents,
        lesson,
        themes,
        notes_left_out: c.notes.len() - notes.len(),
        notes,
    }
}
