//! The reader's own documents in the app: the core's `library::Library` (format, ids, the
//! processed documents, the merge with another tab's) read from and written to local storage,
//! with what went wrong kept for the notices; removal with undo. It tells the app when the
//! library changed; `ctx::Data::of` makes the app's data from it.
//!
//! Nothing is lost silently: storage that is blocked or full leaves the documents working for
//! the visit, with a notice; stored data that cannot be read is copied under another key before
//! anything is written, or else left alone (and so is data of a newer format).

use parallax_core::strings;
use std::cell::RefCell;
use std::rc::Rc;

use parallax_core::import::{ImportError, Imported};
use parallax_core::library::{self, Library, ReadError, Removed};
use parallax_core::Bundle;
use yew::Callback;

use crate::storage::{self, Loaded, StorageError};

/// The local storage key of the documents.
pub const KEY: &str = "parallax-documents";
/// Stored data that could not be read is kept under a key of its own that starts with this
/// (`storage::set_aside`): an earlier copy is never overwritten.
const UNREADABLE_KEY: &str = "parallax-documents-unreadable";
/// This build, as `build.rs` names it: documents it processed are read back, not cleaned again.
const BUILD: &str = env!("PARALLAX_BUILD");

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

struct Inner {
    library: Library,
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
    inner: RefCell<Inner>,
    /// Told each time the library changes (the app then makes its `Data` again).
    publish: RefCell<Option<Callback<()>>>,
}

impl OwnDocs {
    /// The built-in bundle with the documents stored earlier, if any can be read.
    pub fn open(bundle: Bundle) -> Rc<OwnDocs> {
        let mut inner = Inner {
            library: Library::new(bundle.corpus, BUILD),
            writable: true,
            load_problem: None,
            save_problem: None,
            removed: None,
        };
        let loaded = storage::load(KEY, UNREADABLE_KEY, library::read, |e| {
            matches!(e, ReadError::Newer(_))
        });
        match loaded {
            Loaded::Empty => {}
            Loaded::Read(stored, raw) => restore(&mut inner, stored, raw),
            Loaded::Newer(format) => {
                inner.writable = false;
                inner.load_problem = Some(LoadProblem::Newer { format });
            }
            Loaded::Unreadable { why, raw, kept } => {
                inner.writable = kept.is_ok();
                inner.load_problem = Some(LoadProblem::Unreadable {
                    why,
                    kept_as: kept.ok(),
                    raw: raw.into(),
                });
            }
            Loaded::Unavailable(e) => {
                inner.writable = false;
                inner.load_problem = Some(LoadProblem::Unavailable(e));
            }
        }
        // Documents this build had to clean again are stored processed, for the next start.
        if inner.library.stale() {
            write(&mut inner);
        }
        Rc::new(OwnDocs {
            version: bundle.version,
            checksum: bundle.checksum,
            inner: RefCell::new(inner),
            publish: RefCell::new(None),
        })
    }

    /// The built-in bundle with the reader's documents after its own, as the library is now, and
    /// how many of its documents are built in.
    pub fn bundle(&self) -> (Bundle, usize) {
        let inner = self.inner.borrow();
        let bundle = Bundle {
            version: self.version,
            checksum: self.checksum.clone(),
            corpus: inner.library.corpus.clone(),
        };
        (bundle, inner.library.builtin())
    }

    /// Who is told when the library changes.
    pub fn connect(&self, publish: Callback<()>) {
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
            merge_stored(&mut inner);
        }
        let imported = inner.library.import(name, bytes)?;
        inner.removed = None;
        write(&mut inner);
        Ok(imported)
    }

    /// Takes in what another tab stored (documents it added or removed); true when the library
    /// changed, and then the app is given the new one.
    pub fn sync(self: &Rc<Self>) -> bool {
        let changed = {
            let mut inner = self.inner.borrow_mut();
            inner.writable && merge_stored(&mut inner)
        };
        if changed {
            self.publish();
        }
        changed
    }

    /// Removes the reader's document `id` from the library and from storage; its title, or
    /// `None` when there is no such document of the reader's.
    pub fn remove(self: &Rc<Self>, id: &str) -> Option<String> {
        let title = {
            let mut inner = self.inner.borrow_mut();
            let removed = inner.library.remove(id)?;
            let title = removed.document.title.clone();
            inner.removed = Some(removed);
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
            let removed = inner.removed.take()?;
            inner.library.put_back(removed)?
        };
        self.commit();
        Some(id)
    }

    /// Stores the documents (when allowed) and gives the app the new library.
    pub fn commit(self: &Rc<Self>) {
        {
            let mut inner = self.inner.borrow_mut();
            if inner.writable {
                merge_stored(&mut inner);
                write(&mut inner);
            }
        }
        self.publish();
    }

    fn publish(self: &Rc<Self>) {
        let publish = self.publish.borrow().clone();
        if let Some(publish) = publish {
            publish.emit(());
        }
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

/// Writes the documents under `KEY` (when allowed), with their processed forms, or without them
/// when storage is too full for both (the next start then cleans them again).
fn write(inner: &mut Inner) {
    if !inner.writable {
        return;
    }
    let mut result = storage::set(KEY, &inner.library.to_json(true));
    if result == Err(StorageError::Full) {
        result = storage::set(KEY, &inner.library.to_json(false));
    }
    inner.save_problem = result.err();
    if inner.save_problem.is_none() {
        inner.library.written();
    }
}

/// Merges what is stored under `KEY` into the library (`Library::merge`); true when it changed.
/// Stored data this version cannot read is left for the next start to set aside.
fn merge_stored(inner: &mut Inner) -> bool {
    match storage::get(KEY) {
        Ok(Some(raw)) => library::read(&raw).is_ok_and(|stored| inner.library.merge(stored)),
        _ => false,
    }
}

/// Takes in what was stored at start. Documents that cannot be taken in (a missing field, an id
/// malformed or in use) leave the whole stored text set aside under a key of its own first.
fn restore(inner: &mut Inner, stored: library::Stored, raw: String) {
    let bad = inner.library.restore(stored);
    if bad > 0 {
        let kept = storage::set_aside(UNREADABLE_KEY, &raw).ok();
        inner.writable = kept.is_some();
        inner.load_problem = Some(LoadProblem::Unreadable {
            why: format!(
                "{} with a missing field, or an id that is malformed or already in use",
                strings::count(bad, "document", "documents")
            ),
            kept_as: kept,
            raw: raw.into(),
        });
    }
}
