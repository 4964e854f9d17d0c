//! The reader's own documents: files imported through the core (`import::import`), kept in the
//! library after the built-in sources, stored in local storage as the text the import read (a
//! small versioned JSON, rebuilt with `import::document` at start) and removed on request.
//!
//! Nothing is lost silently: storage that is blocked or full leaves the documents working for
//! the visit, with a notice; stored data that cannot be read is copied under another key before
//! anything is written, or else left alone (and so is data of a newer format).

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use parallax_core::import::{self, ImportError, Imported};
use parallax_core::model::is_id;
use parallax_core::{Bundle, Corpus, Document};
use serde_json::Value;
use yew::Callback;

use crate::ctx::Data;
use crate::storage::{self, StorageError};

/// The local storage key of the documents.
pub const KEY: &str = "parallax-documents";
/// Stored data that could not be read is kept under a key of its own that starts with this
/// (`storage::set_aside`): an earlier copy is never overwritten.
const UNREADABLE_KEY: &str = "parallax-documents-unreadable";
/// The format written under `KEY`.
const VERSION: u64 = 1;

/// One stored document: enough to rebuild it with `import::document(id, name, text)`. Stored
/// under `KEY` as `{"version":1,"next":3,"documents":[{"id","name","text"}…]}`, where `next` is
/// the number of the next id (`own{next}`): the id of a removed document is not given again, so
/// that an old link to it never opens another document. (Read through `serde_json::Value` and
/// written by hand rather than with derived impls: the app already has both, and derives would
/// add kilobytes to the wasm.)
#[derive(Clone)]
struct Entry {
    id: String,
    /// The file's name as the import showed it (`import::display_name`).
    name: String,
    /// `Imported::text`: the decoded text with markup turned into text.
    text: String,
}

/// A string as a JSON string literal.
fn quoted(s: &str) -> String {
    // Serialising a string cannot fail.
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The stored form of the documents.
fn to_json(next: u64, entries: &[Entry]) -> String {
    let documents: Vec<String> = entries
        .iter()
        .map(|e| {
            format!(
                "{{\"id\":{},\"name\":{},\"text\":{}}}",
                quoted(&e.id),
                quoted(&e.name),
                quoted(&e.text)
            )
        })
        .collect();
    format!(
        "{{\"version\":{VERSION},\"next\":{next},\"documents\":[{}]}}",
        documents.join(",")
    )
}

/// Why the stored documents could not be read at start.
#[derive(Clone, PartialEq)]
pub enum LoadProblem {
    /// Storage could not be read: documents added are kept for this visit only.
    Unavailable(StorageError),
    /// The stored data is damaged. `kept_as`: the key it was copied under (then new data may be
    /// written under `KEY`); `None` when it could not be copied, and so is left as it is.
    Unreadable {
        why: String,
        kept_as: Option<String>,
        raw: Rc<str>,
    },
    /// Written by a newer version of the app: left as it is.
    Newer { version: u64 },
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

/// A removed document, for putting it back.
struct Removed {
    at: usize,
    entry: Entry,
    document: Document,
}

struct Inner {
    /// The built-in documents, then the reader's own: what imports are checked against.
    corpus: Corpus,
    /// The reader's own documents as stored, in the order of the corpus.
    entries: Vec<Entry>,
    next: u64,
    /// The ids stored under `KEY` when this tab last read or wrote it: an id stored now but not
    /// then was added by another tab; one then but not now, removed by another tab.
    base: Vec<String>,
    /// False when what is under `KEY` must not be overwritten (or cannot be read at all).
    writable: bool,
    load_problem: Option<LoadProblem>,
    /// The last write that failed, until one succeeds.
    save_problem: Option<StorageError>,
    removed: Option<Removed>,
}

/// The store of the reader's own documents, shared by every `Data` made from it.
pub struct OwnDocs {
    version: u16,
    checksum: String,
    builtin: usize,
    inner: RefCell<Inner>,
    /// Gives the app each new `Data`.
    publish: RefCell<Option<Callback<Rc<Data>>>>,
}

impl OwnDocs {
    /// The built-in bundle with the documents stored earlier, if any can be read.
    pub fn open(bundle: Bundle) -> Rc<OwnDocs> {
        let builtin = bundle.corpus.documents.len();
        let mut inner = Inner {
            corpus: bundle.corpus,
            entries: Vec::new(),
            next: 1,
            base: Vec::new(),
            writable: true,
            load_problem: None,
            save_problem: None,
            removed: None,
        };
        match storage::get(KEY) {
            Err(e) => {
                inner.writable = false;
                inner.load_problem = Some(LoadProblem::Unavailable(e));
            }
            Ok(None) => {}
            Ok(Some(raw)) => restore(&mut inner, raw),
        }
        inner.base = inner.entries.iter().map(|e| e.id.clone()).collect();
        Rc::new(OwnDocs {
            version: bundle.version,
            checksum: bundle.checksum,
            builtin,
            inner: RefCell::new(inner),
            publish: RefCell::new(None),
        })
    }

    /// The app's data as the library is now.
    pub fn data(self: &Rc<Self>) -> Rc<Data> {
        let bundle = Bundle {
            version: self.version,
            checksum: self.checksum.clone(),
            corpus: self.inner.borrow().corpus.clone(),
        };
        Rc::new(Data::new(bundle, self.builtin, self.clone()))
    }

    /// Where `commit` sends each new `Data` (the app's state).
    pub fn connect(&self, publish: Callback<Rc<Data>>) {
        *self.publish.borrow_mut() = Some(publish);
    }

    /// Imports one file against the library as it is now (built-in documents, the reader's own,
    /// and the files of this batch imported before it). Shown once `commit` is called.
    ///
    /// The id is taken after reading what other tabs stored, and stored at once with the
    /// document, so that two tabs never give one id to two documents.
    pub fn import(&self, name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
        let mut inner = self.inner.borrow_mut();
        if inner.writable {
            merge_stored(&mut inner, self.builtin);
        }
        let (id, n) = free_id(&inner.corpus, inner.next);
        let imported = import::import(name, bytes, &inner.corpus, &id)?;
        inner.next = n.saturating_add(1);
        inner.corpus.documents.push(imported.document.clone());
        inner.entries.push(Entry {
            id,
            name: import::display_name(name),
            text: imported.text.clone(),
        });
        inner.removed = None;
        write(&mut inner);
        Ok(imported)
    }

    /// Takes in what another tab stored (documents it added or removed); true when the library
    /// changed, and then the app is given the new one.
    pub fn sync(self: &Rc<Self>) -> bool {
        let changed = {
            let mut inner = self.inner.borrow_mut();
            inner.writable && merge_stored(&mut inner, self.builtin)
        };
        if changed {
            let publish = self.publish.borrow().clone();
            if let Some(publish) = publish {
                publish.emit(self.data());
            }
        }
        changed
    }

    /// Removes the reader's document `id` from the library and from storage; its title, or
    /// `None` when there is no such document of the reader's.
    pub fn remove(self: &Rc<Self>, id: &str) -> Option<String> {
        let title = {
            let mut inner = self.inner.borrow_mut();
            let at = inner.entries.iter().position(|e| e.id == id)?;
            let entry = inner.entries.remove(at);
            let document = inner.corpus.documents.remove(self.builtin + at);
            let title = document.title.clone();
            inner.removed = Some(Removed {
                at,
                entry,
                document,
            });
            title
        };
        self.commit();
        Some(title)
    }

    /// The title of the document removed last, while it can be put back.
    pub fn removed_title(&self) -> Option<String> {
        let inner = self.inner.borrow();
        inner.removed.as_ref().map(|r| r.document.title.clone())
    }

    /// Puts back the document removed last, where it was; its id, if there was one.
    pub fn undo_remove(self: &Rc<Self>) -> Option<String> {
        let id = {
            let mut inner = self.inner.borrow_mut();
            let r = inner.removed.take()?;
            let at = r.at.min(inner.entries.len());
            let id = r.entry.id.clone();
            inner.entries.insert(at, r.entry);
            inner.corpus.documents.insert(self.builtin + at, r.document);
            id
        };
        self.commit();
        Some(id)
    }

    /// Stores the documents (when allowed) and gives the app the new library.
    pub fn commit(self: &Rc<Self>) {
        self.save();
        let publish = self.publish.borrow().clone();
        if let Some(publish) = publish {
            publish.emit(self.data());
        }
    }

    fn save(&self) {
        let mut inner = self.inner.borrow_mut();
        if !inner.writable {
            return;
        }
        merge_stored(&mut inner, self.builtin);
        write(&mut inner);
    }

    /// Why the stored documents could not be read at start.
    pub fn load_problem(&self) -> Option<LoadProblem> {
        self.inner.borrow().load_problem.clone()
    }

    /// Why the last change could not be stored.
    pub fn save_problem(&self) -> Option<StorageError> {
        self.inner.borrow().save_problem.clone()
    }
}

/// Writes the documents under `KEY` (when allowed); what is stored is then this tab's base.
fn write(inner: &mut Inner) {
    if !inner.writable {
        return;
    }
    let json = to_json(inner.next, &inner.entries);
    inner.save_problem = storage::set(KEY, &json).err();
    if inner.save_problem.is_none() {
        inner.base = inner.entries.iter().map(|e| e.id.clone()).collect();
    }
}

/// Puts what another tab stored since this one last read or wrote into `inner`: documents it
/// added (ids stored now, not in the base) join the library, documents it removed (ids in the
/// base, stored no more) leave it, and the next id is past every id either tab gave. Stored data
/// this version cannot read is left for the next start to set aside. True when the library
/// changed.
fn merge_stored(inner: &mut Inner, builtin: usize) -> bool {
    let Ok(Some(raw)) = storage::get(KEY) else {
        return false;
    };
    let Ok(stored) = read(&raw) else {
        return false;
    };
    // Past every id stored, whether this tab takes the document in or not.
    inner.next = stored
        .entries
        .iter()
        .filter_map(|e| number(&e.id))
        .fold(inner.next.max(stored.next), |next, n| {
            next.max(n.saturating_add(1))
        });
    let stored_ids: Vec<String> = stored.entries.iter().map(|e| e.id.clone()).collect();
    let added: Vec<Entry> = {
        let base: HashSet<&str> = inner.base.iter().map(String::as_str).collect();
        stored
            .entries
            .into_iter()
            .filter(|e| !base.contains(e.id.as_str()))
            .collect()
    };
    let stored_set: HashSet<&str> = stored_ids.iter().map(String::as_str).collect();
    let gone: Vec<String> = inner
        .base
        .iter()
        .filter(|b| !stored_set.contains(b.as_str()))
        .cloned()
        .collect();
    let mut changed = false;
    for entry in added {
        changed |= add(inner, entry);
    }
    for id in &gone {
        if let Some(at) = inner.entries.iter().position(|e| e.id == *id) {
            inner.entries.remove(at);
            inner.corpus.documents.remove(builtin + at);
            changed = true;
        }
    }
    inner.base = stored_ids;
    changed
}

/// The first id `own{n}` from `next` on that no document has, and its number.
///
/// Past `u64::MAX` (a tampered store) it looks again from 1: never an overflow, and a free id
/// is always found, as there are far fewer documents than numbers.
fn free_id(corpus: &Corpus, next: u64) -> (String, u64) {
    let free = |n: u64| {
        let id = format!("own{n}");
        corpus.document(&id).is_none().then_some((id, n))
    };
    (next.max(1)..=u64::MAX)
        .find_map(free)
        .or_else(|| (1..next.max(1)).find_map(free))
        .unwrap_or_else(|| ("own1".into(), 1))
}

/// The number of an id `own{n}`.
fn number(id: &str) -> Option<u64> {
    id.strip_prefix("own")?.parse().ok()
}

/// Reads what is stored under `KEY` into `inner`; damaged data is copied away first.
fn restore(inner: &mut Inner, raw: String) {
    let unreadable = |inner: &mut Inner, why: String, raw: String| {
        let kept_as = keep_unreadable(&raw);
        inner.writable = kept_as.is_some();
        inner.load_problem = Some(LoadProblem::Unreadable {
            why,
            kept_as,
            raw: raw.into(),
        });
    };
    let stored = match read(&raw) {
        Ok(stored) => stored,
        Err(ReadError::Newer(version)) => {
            inner.writable = false;
            inner.load_problem = Some(LoadProblem::Newer { version });
            return;
        }
        Err(ReadError::Unreadable(why)) => return unreadable(inner, why, raw),
    };
    inner.next = stored.next.max(1);
    let mut bad = stored.missing;
    for entry in stored.entries {
        if !add(inner, entry) {
            bad += 1;
        }
    }
    if bad > 0 {
        let why = format!(
            "{} with a missing field, or an id that is malformed or already in use",
            crate::fmt::count(bad, "document", "documents")
        );
        unreadable(inner, why, raw);
    }
}

/// What is stored under `KEY`, read: the number of the next id, and the documents that have
/// their three fields (`missing` counts those that do not).
struct Stored {
    next: u64,
    entries: Vec<Entry>,
    missing: usize,
}

enum ReadError {
    Unreadable(String),
    Newer(u64),
}

/// Reads the stored form of the documents (`to_json`'s).
fn read(raw: &str) -> Result<Stored, ReadError> {
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
        let field = |k: &str| d.get(k).and_then(Value::as_str).map(str::to_owned);
        match (field("id"), field("name"), field("text")) {
            (Some(id), Some(name), Some(text)) => stored.entries.push(Entry { id, name, text }),
            _ => stored.missing += 1,
        }
    }
    Ok(stored)
}

/// Adds a stored document to the library (rebuilt from its text), with the next id past its
/// own; false, and nothing added, when its id is malformed or already in use.
fn add(inner: &mut Inner, entry: Entry) -> bool {
    if !is_id(&entry.id) || inner.corpus.document(&entry.id).is_some() {
        return false;
    }
    inner
        .corpus
        .documents
        .push(import::document(&entry.id, &entry.name, &entry.text));
    inner.next = inner
        .next
        .max(number(&entry.id).map_or(0, |n| n.saturating_add(1)));
    inner.entries.push(entry);
    true
}

/// Copies damaged stored data under a key of its own (a new one each time); that key, or `None`
/// when it could not be copied.
fn keep_unreadable(raw: &str) -> Option<String> {
    storage::set_aside(UNREADABLE_KEY, raw).ok()
}
