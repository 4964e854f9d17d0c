//! The reader's own documents as the app stores them: the versioned JSON format, ids never given twice, the processed document kept beside its text, and the merge with what another tab stored.
//!
//! Stored under one local-storage key as
//! `{"version":1,"next":3,"documents":[{"id","name","text","processed"?}…]}`:
//!
//! - `next` is the number of the next id (`own{next}`): the id of a removed document is not given
//!   again, so that an old link or note never opens another document;
//! - `text` is what the import read (`Imported::text`), enough to rebuild the document with
//!   `import::document` under any later version of the app;
//! - `processed` (optional) is the document as the pipeline produced it
//!   (`bundle::store_document`, checked by SHA-256 and tied to the build that wrote it), so that a
//!   start of the same build reads it back in linear time instead of cleaning the text again. A
//!   build that cannot read it (another build, altered data, or a document whose id is not the
//!   entry's) rebuilds the document from `text`, and `Library::stale` says the store should be
//!   written again.
//!
//! `Shelf` keeps the library in a `store::Storage` (the app's local storage, or memory in tests):
//! what is read at start, merged before writes, set aside when unreadable. Reading is total: any
//! text gives `Stored` or a `ReadError` that says what is wrong, never a panic.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::bundle::{load_document, store_document};
use crate::import::{self, ImportError, Imported, Prepared};
use crate::model::{is_id, Corpus, Document};
use crate::store::{self, Loaded, Storage, StorageError};

/// The format this version writes and reads. A newer number is left alone by this version.
pub const VERSION: u64 = 1;

/// One stored document: enough to rebuild it, and its processed form when there is one.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Entry {
    pub id: String,
    /// The file's name as the import showed it (`import::display_name`).
    pub name: String,
    /// `Imported::text`: the decoded text with markup turned into text.
    pub text: String,
    /// `bundle::store_document` of the document, for the build that wrote it.
    #[serde(default)]
    pub processed: Option<String>,
}

/// The stored form as written: the entries borrowed, each processed form only when asked for.
#[derive(Serialize)]
struct Written<'a> {
    version: u64,
    next: u64,
    documents: Vec<WrittenEntry<'a>>,
}

#[derive(Serialize)]
struct WrittenEntry<'a> {
    id: &'a str,
    name: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    processed: Option<&'a str>,
}

/// What is stored, read: the number of the next id, and the documents that have their three
/// required fields (`missing` counts those that do not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub next: u64,
    pub entries: Vec<Entry>,
    pub missing: usize,
}

/// Why stored text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Damaged, in words a reader can follow.
    Unreadable(String),
    /// Written by a newer version of the app (its format number): to be left as it is.
    Newer(u64),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Unreadable(why) => f.write_str(why),
            ReadError::Newer(version) => write!(f, "format {version}"),
        }
    }
}

/// Reads the stored form (`Library::to_json`'s). Linear in its length.
pub fn read(raw: &str) -> Result<Stored, ReadError> {
    let value: Value =
        serde_json::from_str(raw).map_err(|e| ReadError::Unreadable(e.to_string()))?;
    match value.get("version").and_then(Value::as_u64) {
        Some(VERSION) => {}
        Some(version) if version > VERSION => return Err(ReadError::Newer(version)),
        _ => return Err(ReadError::Unreadable("it has no format version".into())),
    }
    let documents = value
        .get("documents")
        .and_then(Value::as_array)
        .ok_or_else(|| ReadError::Unreadable("it has no list of documents".into()))?;
    let mut stored = Stored {
        next: value.get("next").and_then(Value::as_u64).unwrap_or(1),
        entries: Vec::with_capacity(documents.len()),
        missing: 0,
    };
    for d in documents {
        match Entry::deserialize(d) {
            Ok(entry) => stored.entries.push(entry),
            Err(_) => stored.missing += 1,
        }
    }
    Ok(stored)
}

/// The number of an id `own{n}`.
fn number(id: &str) -> Option<u64> {
    id.strip_prefix("own")?.parse().ok()
}

/// The built-in documents with the reader's own after them, as one tab holds them, and what it
/// last read or wrote of the store.
#[derive(Clone, Debug)]
pub struct Library {
    /// The built-in documents, then the reader's own (in the order of `entries`): what imports
    /// are checked against and what the app shows.
    pub corpus: Corpus,
    builtin: usize,
    entries: Vec<Entry>,
    next: u64,
    /// The ids stored when this tab last read or wrote the store: an id stored now but not then
    /// was added by another tab; one then but not now, removed by another tab.
    base: Vec<String>,
    /// The build this app is (`bundle::store_document`'s `build`).
    build: String,
    /// True when what is stored lacks a processed form this build can read.
    stale: bool,
}

/// A document taken out of the library by `Library::remove`, for putting it back.
#[derive(Clone, Debug)]
pub struct Removed {
    at: usize,
    entry: Entry,
    pub document: Document,
}

impl Library {
    /// The built-in `corpus` alone, for the app of `build`.
    pub fn new(corpus: Corpus, build: &str) -> Library {
        Library {
            builtin: corpus.documents.len(),
            corpus,
            entries: Vec::new(),
            next: 1,
            base: Vec::new(),
            build: build.to_owned(),
            stale: false,
        }
    }

    /// How many documents of `corpus` are built in; the rest are the reader's own.
    pub fn builtin(&self) -> usize {
        self.builtin
    }

    /// The reader's own documents as stored, in the order of the corpus.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// True when the store should be written again so that the next start reads every document
    /// without cleaning it again (a document was rebuilt from its text).
    pub fn stale(&self) -> bool {
        self.stale
    }

    /// Takes in what was stored at start; the number of documents that could not be (their id
    /// is malformed or already in use, or a field is missing), which the caller sets aside.
    pub fn restore(&mut self, stored: Stored) -> usize {
        self.next = self.next.max(stored.next).max(1);
        let mut bad = stored.missing;
        for entry in stored.entries {
            if !self.add(entry) {
                bad += 1;
            }
        }
        self.base = self.ids();
        bad
    }

    /// Puts what another tab stored since this one last read or wrote into the library:
    /// documents it added (ids stored now, not in the base) join, documents it removed (ids in
    /// the base, stored no more) leave, and the next id is past every id either tab gave. True
    /// when the library changed. Linear in the number of documents.
    pub fn merge(&mut self, stored: Stored) -> bool {
        // Past every id stored, whether this tab takes the document in or not.
        self.next = stored
            .entries
            .iter()
            .filter_map(|e| number(&e.id))
            .fold(self.next.max(stored.next), |next, n| {
                next.max(n.saturating_add(1))
            });
        let stored_ids: Vec<String> = stored.entries.iter().map(|e| e.id.clone()).collect();
        let added: Vec<Entry> = {
            let base: HashSet<&str> = self.base.iter().map(String::as_str).collect();
            stored
                .entries
                .into_iter()
                .filter(|e| !base.contains(e.id.as_str()))
                .collect()
        };
        let gone: HashSet<String> = {
            let now: HashSet<&str> = stored_ids.iter().map(String::as_str).collect();
            self.base
                .iter()
                .filter(|b| !now.contains(b.as_str()))
                .cloned()
                .collect()
        };
        let mut changed = false;
        for entry in added {
            changed |= self.add(entry);
        }
        if !gone.is_empty() {
            let before = self.entries.len();
            let builtin = self.builtin;
            let mut keep = self.entries.iter().map(|e| !gone.contains(&e.id));
            let mut own = self.corpus.documents.split_off(builtin);
            own.retain(|_| keep.next().unwrap_or(true));
            self.corpus.documents.extend(own);
            self.entries.retain(|e| !gone.contains(&e.id));
            changed |= self.entries.len() != before;
        }
        self.base = stored_ids;
        changed
    }

    /// Imports one file against the library as it is (built-in documents and the reader's own)
    /// under the next free id, and adds it. The caller merges what is stored first, and writes
    /// the store at once, so that two tabs never give one id to two documents.
    pub fn import(&mut self, name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
        let (id, _) = self.free_id();
        let extracted = import::extract(name, bytes)?;
        self.import_prepared(Prepared::new(import::prepare(extracted, &id)?, &self.build))
    }

    /// The id the next document will get, unless another tab's documents are merged first: the
    /// id a document is best prepared under (`import::wire::prepare_file`).
    pub fn next_id(&self) -> String {
        self.free_id().0
    }

    /// Adds a document already read and cleaned (`import::wire::prepare_file`, which the app runs
    /// in a Web Worker), as `import` does: under the next free id, unless the library has its
    /// text.
    pub fn import_prepared(&mut self, prepared: Prepared) -> Result<Imported, ImportError> {
        let (id, n) = self.free_id();
        let (imported, stored) = prepared.admit(&self.corpus, &id, &self.build)?;
        self.push(n, imported, stored)
    }

    /// Imports text an import already read (`import::import_text`: a collection file's
    /// document), as `import` does a file.
    pub fn import_text(&mut self, name: &str, text: &str) -> Result<Imported, ImportError> {
        let (id, n) = self.free_id();
        let imported = import::import_text(name, text, &self.corpus, &id)?;
        let stored = store_document(&imported.document, &self.build);
        self.push(n, imported, stored)
    }

    /// Adds an admitted document, the `n`th id given, with its stored form.
    fn push(
        &mut self,
        n: u64,
        imported: Imported,
        stored: String,
    ) -> Result<Imported, ImportError> {
        self.next = n.saturating_add(1);
        self.corpus.documents.push(imported.document.clone());
        self.entries.push(Entry {
            id: imported.document.id.clone(),
            name: imported.document.file.clone(),
            text: imported.text.clone(),
            processed: Some(stored),
        });
        Ok(imported)
    }

    /// Takes the reader's document `id` out of the library; `None` when there is no such
    /// document of the reader's.
    pub fn remove(&mut self, id: &str) -> Option<Removed> {
        let at = self.entries.iter().position(|e| e.id == id)?;
        let entry = self.entries.remove(at);
        let document = self.corpus.documents.remove(self.builtin + at);
        Some(Removed {
            at,
            entry,
            document,
        })
    }

    /// Puts back a removed document where it was (or last); its id, or `None` when its id was
    /// given to another document meanwhile (it cannot be: ids are never given twice, but a
    /// link must never open another document).
    pub fn put_back(&mut self, removed: Removed) -> Option<String> {
        if self.corpus.document(&removed.entry.id).is_some() {
            return None;
        }
        let at = removed.at.min(self.entries.len());
        let id = removed.entry.id.clone();
        self.entries.insert(at, removed.entry);
        self.corpus
            .documents
            .insert(self.builtin + at, removed.document);
        Some(id)
    }

    /// The stored form of the library, with each document's processed form when `processed`
    /// (without: smaller, for a store that is nearly full; the next start cleans them again).
    pub fn to_json(&self, processed: bool) -> String {
        let written = Written {
            version: VERSION,
            next: self.next,
            documents: self
                .entries
                .iter()
                .map(|e| WrittenEntry {
                    id: &e.id,
                    name: &e.name,
                    text: &e.text,
                    processed: e.processed.as_deref().filter(|_| processed),
                })
                .collect(),
        };
        // Serialising strings and numbers cannot fail.
        serde_json::to_string(&written).unwrap_or_default()
    }

    /// Call once `to_json(…)` is stored: it is then this tab's base.
    pub fn written(&mut self) {
        self.base = self.ids();
        self.stale = false;
    }

    fn ids(&self) -> Vec<String> {
        self.entries.iter().map(|e| e.id.clone()).collect()
    }

    /// Adds a stored document: read back from its processed form when this build wrote it,
    /// otherwise rebuilt from its text. False, and nothing added, when its id is malformed or
    /// already in use.
    fn add(&mut self, mut entry: Entry) -> bool {
        if !is_id(&entry.id) || self.corpus.document(&entry.id).is_some() {
            return false;
        }
        let read = entry
            .processed
            .as_deref()
            .and_then(|p| load_document(p, &self.build))
            .filter(|d| d.id == entry.id);
        let document = match read {
            Some(d) => d,
            None => {
                let d = import::document(&entry.id, &entry.name, &entry.text);
                entry.processed = Some(store_document(&d, &self.build));
                self.stale = true;
                d
            }
        };
        self.corpus.documents.push(document);
        self.next = self
            .next
            .max(number(&entry.id).map_or(0, |n| n.saturating_add(1)));
        self.entries.push(entry);
        true
    }

    /// The first id `own{n}` from `next` on that no document has, and its number.
    ///
    /// Past `u64::MAX` (a tampered store) it looks again from 1: never an overflow, and a free
    /// id is always found, as there are far fewer documents than numbers.
    fn free_id(&self) -> (String, u64) {
        let free = |n: u64| {
            let id = format!("own{n}");
            self.corpus.document(&id).is_none().then_some((id, n))
        };
        let next = self.next.max(1);
        (next..=u64::MAX)
            .find_map(free)
            .or_else(|| (1..next).find_map(free))
            .unwrap_or_else(|| ("own1".into(), 1))
    }
}

/// The local storage key of the reader's documents.
pub const KEY: &str = "parallax-documents";
/// Stored data that could not be read is kept under a key of its own that starts with this
/// (`store::set_aside`): an earlier copy is never overwritten.
pub const UNREADABLE_KEY: &str = "parallax-documents-unreadable";

/// Why the stored documents could not be read at start.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadProblem {
    /// Storage could not be read: documents added are kept for this visit only.
    Unavailable(StorageError),
    /// The stored data is damaged. `kept_as`: the key it was copied under (then new data may be
    /// written under `KEY`); `None` when it could not be copied, and so is left as it is.
    Unreadable {
        why: String,
        kept_as: Option<String>,
        raw: std::rc::Rc<str>,
    },
    /// Written by a newer version of the app (its format, in words): left as it is.
    Newer { format: String },
}

impl LoadProblem {
    /// A stable name of the problem, for `data-problem` attributes and tests.
    pub fn id(&self) -> &'static str {
        match self {
            LoadProblem::Unavailable(_) => "unavailable",
            LoadProblem::Unreadable { .. } => "unreadable",
            LoadProblem::Newer { .. } => "newer",
        }
    }
}

/// The reader's library kept in a storage under `KEY`: read at start (`open`), merged with what
/// another tab stored before every write and before an id is given, written at once after each
/// import, with removal and its undo. Nothing is lost silently: storage that is blocked or full
/// leaves the documents working for the visit (`save_problem`); stored data that cannot be read
/// is copied under another key before anything is written, or else left alone, and so is data
/// of a newer format (`load_problem`).
#[derive(Clone, Debug)]
pub struct Shelf {
    pub library: Library,
    /// False when what is under `KEY` must not be overwritten (or cannot be read at all).
    writable: bool,
    load_problem: Option<LoadProblem>,
    /// The last write that failed, until one succeeds.
    save_problem: Option<StorageError>,
    removed: Option<Removed>,
}

impl Shelf {
    /// The built-in `corpus` with the documents stored in `s`, if any can be read; for the app
    /// of `build`.
    pub fn open(s: &impl Storage, corpus: Corpus, build: &str) -> Shelf {
        let mut shelf = Shelf {
            library: Library::new(corpus, build),
            writable: true,
            load_problem: None,
            save_problem: None,
            removed: None,
        };
        match store::load(s, KEY, UNREADABLE_KEY, read, |e| {
            matches!(e, ReadError::Newer(_))
        }) {
            Loaded::Empty => {}
            Loaded::Read(stored, raw) => shelf.restore(s, stored, raw),
            Loaded::Newer(format) => {
                shelf.writable = false;
                shelf.load_problem = Some(LoadProblem::Newer { format });
            }
            Loaded::Unreadable { why, raw, kept } => {
                shelf.writable = kept.is_ok();
                shelf.load_problem = Some(LoadProblem::Unreadable {
                    why,
                    kept_as: kept.ok(),
                    raw: raw.into(),
                });
            }
            Loaded::Unavailable(e) => {
                shelf.writable = false;
                shelf.load_problem = Some(LoadProblem::Unavailable(e));
            }
        }
        // Documents this build had to clean again are stored processed, for the next start.
        if shelf.library.stale() {
            shelf.write(s);
        }
        shelf
    }

    /// Takes in what was stored at start. Documents that cannot be taken in (a missing field,
    /// an id malformed or in use) leave the whole stored text set aside under a key of its own
    /// first.
    fn restore(&mut self, s: &impl Storage, stored: Stored, raw: String) {
        let bad = self.library.restore(stored);
        if bad > 0 {
            let kept = store::set_aside(s, UNREADABLE_KEY, &raw).ok();
            self.writable = kept.is_some();
            self.load_problem = Some(LoadProblem::Unreadable {
                why: format!(
                    "{} with a missing field, or an id that is malformed or already in use",
                    crate::strings::count(bad, "document", "documents")
                ),
                kept_as: kept,
                raw: raw.into(),
            });
        }
    }

    /// Imports one file against the library as it is now (built-in documents, the reader's
    /// own, and the files of this batch imported before it), under an id taken after reading
    /// what other tabs stored, and stored at once with the document, so that two tabs never
    /// give one id to two documents.
    pub fn import(
        &mut self,
        s: &impl Storage,
        name: &str,
        bytes: &[u8],
    ) -> Result<Imported, ImportError> {
        if self.writable {
            self.merge_stored(s);
        }
        let imported = self.library.import(name, bytes)?;
        self.removed = None;
        self.write(s);
        Ok(imported)
    }

    /// The id the next document will get (`Library::next_id`).
    pub fn next_id(&self) -> String {
        self.library.next_id()
    }

    /// Adds a document already read and cleaned (`import::wire::prepare_file`: the app runs it in
    /// a Web Worker), as `import` does.
    pub fn import_prepared(
        &mut self,
        s: &impl Storage,
        prepared: Prepared,
    ) -> Result<Imported, ImportError> {
        if self.writable {
            self.merge_stored(s);
        }
        let imported = self.library.import_prepared(prepared)?;
        self.removed = None;
        self.write(s);
        Ok(imported)
    }

    /// Imports texts an import already read (a collection file's documents: each its name and
    /// `Imported::text`) one by one, each against the library with the ones before it, under
    /// ids taken after reading what other tabs stored, and stores them at once: each one's
    /// outcome, in order. Nothing the reader had is changed.
    pub fn import_texts<'a>(
        &mut self,
        s: &impl Storage,
        texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Vec<Result<Imported, ImportError>> {
        if self.writable {
            self.merge_stored(s);
        }
        let outcomes: Vec<_> = texts
            .into_iter()
            .map(|(name, text)| self.library.import_text(name, text))
            .collect();
        if outcomes.iter().any(Result::is_ok) {
            self.removed = None;
            self.write(s);
        }
        outcomes
    }

    /// Takes in what another tab stored (documents it added or removed); true when the library
    /// changed.
    pub fn sync(&mut self, s: &impl Storage) -> bool {
        self.writable && self.merge_stored(s)
    }

    /// Removes the reader's document `id` from the library and from storage; its title, or
    /// `None` when there is no such document of the reader's.
    pub fn remove(&mut self, s: &impl Storage, id: &str) -> Option<String> {
        let removed = self.library.remove(id)?;
        let title = removed.document.title.clone();
        self.removed = Some(removed);
        self.commit(s);
        Some(title)
    }

    /// The title of the document removed last, while it can be put back.
    pub fn removed_title(&self) -> Option<String> {
        self.removed.as_ref().map(|r| r.document.title.clone())
    }

    /// The id of the document removed last, while it can be put back.
    pub fn removed_id(&self) -> Option<String> {
        self.removed.as_ref().map(|r| r.entry.id.clone())
    }

    /// Puts back the document removed last, where it was; its id, if there was one.
    pub fn undo_remove(&mut self, s: &impl Storage) -> Option<String> {
        let removed = self.removed.take()?;
        let id = self.library.put_back(removed)?;
        self.commit(s);
        Some(id)
    }

    /// Stores the documents (when allowed), merged first with what another tab stored.
    pub fn commit(&mut self, s: &impl Storage) {
        if self.writable {
            self.merge_stored(s);
            self.write(s);
        }
    }

    /// Why the stored documents could not be read at start.
    pub fn load_problem(&self) -> Option<&LoadProblem> {
        self.load_problem.as_ref()
    }

    /// Why the last change could not be stored.
    pub fn save_problem(&self) -> Option<&StorageError> {
        self.save_problem.as_ref()
    }

    /// Writes the documents under `KEY` (when allowed), with their processed forms, or without
    /// them when storage is too full for both (the next start then cleans them again).
    fn write(&mut self, s: &impl Storage) {
        if !self.writable {
            return;
        }
        let mut result = s.set(KEY, &self.library.to_json(true));
        if result == Err(StorageError::Full) {
            result = s.set(KEY, &self.library.to_json(false));
        }
        self.save_problem = result.err();
        if self.save_problem.is_none() {
            self.library.written();
        }
    }

    /// Merges what is stored under `KEY` into the library (`Library::merge`); true when it
    /// changed. Stored data this version cannot read is left for the next start to set aside.
    fn merge_stored(&mut self, s: &impl Storage) -> bool {
        match s.get(KEY) {
            Ok(Some(raw)) => read(&raw).is_ok_and(|stored| self.library.merge(stored)),
            _ => false,
        }
    }
}
