//! The reader's own documents in the app: the core's `library::Shelf` (format, ids, the
//! processed documents, the merge with another tab's, what is set aside) in local storage, held
//! as the app's state with `use_reducer` (`OwnAction`), as notes and the lesson draft are;
//! `ctx::Data::of` makes the app's data from it each time it changes.

use std::rc::Rc;

use parallax_core::collection::{self, CollectionError, Opened};
use parallax_core::import::{ImportError, Imported, Prepared};
pub use parallax_core::library::LoadProblem;
use parallax_core::library::Shelf;
use parallax_core::{Bundle, BundleError};
use yew::prelude::*;

use crate::storage::{Local, StorageError};

/// This build, as `build.rs` names it: documents it processed are read back, not cleaned again.
pub const BUILD: &str = env!("PARALLAX_BUILD");

/// The built-in bundle with the reader's documents, or why the bundle could not be decoded.
pub struct OwnDocs {
    pub loaded: Result<Own, BundleError>,
    /// Counts the changes, so that the app makes its data again only when there is one.
    pub generation: u64,
}

/// The reader's documents beside the built-in bundle.
#[derive(Clone)]
pub struct Own {
    shelf: Shelf,
    version: u16,
    checksum: String,
    /// Why the collection written into this page could not be opened.
    embedded: Option<String>,
}

/// What the views ask of the reader's documents.
pub enum OwnAction {
    /// Adds one file, already read and cleaned (`import::wire::prepare_file`, in the import's
    /// worker), to
    /// the library as it is now (built-in documents, the reader's own, and the files of the
    /// batch imported before it) unless it has the same text, stores it at once, and tells `done`
    /// how it went.
    Import(Box<Prepared>, Callback<Result<Imported, ImportError>>),
    /// Opens a collection file (its bytes): its documents added to the reader's own (a text
    /// already here not added again, ids of this copy), stored at once; `done` is told what it
    /// did, with its lesson, themes and notes by the ids here, or why the file was refused
    /// (then nothing changed).
    OpenCollection(Vec<u8>, Callback<Result<Opened, CollectionError>>),
    /// Removes the reader's document with this id (it can be put back).
    Remove(String),
    /// Puts back the document removed last.
    UndoRemove,
    /// Another tab stored documents: taken in.
    Sync,
}

impl OwnDocs {
    /// The built-in bundle (as decoded), with the documents stored earlier, if any can be read.
    /// `embedded`: a collection written into this page (a single file made by "Download as one
    /// file"), opened into the reader's documents at once; when the page opens at no view of its
    /// own, it opens at the collection's lesson.
    pub fn open(bundle: Result<Bundle, BundleError>, embedded: Option<String>) -> OwnDocs {
        OwnDocs {
            loaded: bundle.map(|b| {
                let embedded = embedded.map(|text| collection::read(text.as_bytes()));
                let corpus = match &embedded {
                    Some(Ok(c)) => collection::single_file_corpus(b.corpus, c),
                    _ => b.corpus,
                };
                let mut own = Own {
                    shelf: Shelf::open(&Local, corpus, BUILD),
                    version: b.version,
                    checksum: b.checksum,
                    embedded: None,
                };
                match embedded {
                    Some(Ok(c)) => own.open_embedded(&c),
                    Some(Err(e)) => {
                        own.embedded = Some(format!(
                            "The documents written into this file could not be opened: {e}"
                        ))
                    }
                    None => {}
                }
                own
            }),
            generation: 0,
        }
    }
}

impl Own {
    /// Opens the collection written into this page into the reader's documents, and goes to its
    /// lesson when the page was opened at no view of its own.
    fn open_embedded(&mut self, c: &collection::Collection) {
        let opened = collection::open(&mut self.shelf, &Local, c, &self.checksum);
        let location = web_sys::window().map(|w| w.location());
        let at_start = location
            .as_ref()
            .and_then(|l| l.hash().ok())
            .is_none_or(|h| matches!(h.as_str(), "" | "#" | "#/"));
        if let (Some(location), Some((lesson, _)), true) = (location, opened.lesson, at_start) {
            let _ = location.set_hash(&lesson);
        }
    }

    /// The built-in bundle with the reader's documents after its own, as the library is now, and
    /// how many of its documents are built in.
    pub fn bundle(&self) -> (Bundle, usize) {
        let builtin = self.shelf.library.builtin();
        let mut corpus = self.shelf.library.corpus.clone();
        // Themes found in the reader's own documents, beside the corpus's.
        let yours = parallax_core::found::yours(&corpus, builtin);
        corpus.themes.extend(yours);
        let bundle = Bundle {
            version: self.version,
            checksum: self.checksum.clone(),
            corpus,
        };
        (bundle, builtin)
    }

    /// The id the next imported document will get (`Shelf::next_id`).
    pub fn next_id(&self) -> String {
        self.shelf.next_id()
    }

    /// The reader's own documents as stored: their ids, file names and imported texts (what a
    /// collection file holds).
    pub fn entries(&self) -> &[parallax_core::library::Entry] {
        self.shelf.library.entries()
    }

    /// What the views show of the store: why it could not be read or written, and what can be
    /// put back.
    pub fn status(&self) -> OwnStatus {
        OwnStatus {
            load_problem: self.shelf.load_problem().cloned(),
            save_problem: self.shelf.save_problem().cloned(),
            removed_title: self.shelf.removed_title(),
            removed_id: self.shelf.removed_id(),
            embedded: self.embedded.clone(),
        }
    }
}

/// What the views show of the store of the reader's documents.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct OwnStatus {
    /// Why the stored documents could not be read at start.
    pub load_problem: Option<LoadProblem>,
    /// Why the last change could not be stored.
    pub save_problem: Option<StorageError>,
    /// The title and id of the document removed last, while it can be put back.
    pub removed_title: Option<String>,
    pub removed_id: Option<String>,
    /// Why the collection written into this page (a single file) could not be opened.
    pub embedded: Option<String>,
}

impl Reducible for OwnDocs {
    type Action = OwnAction;

    fn reduce(self: Rc<Self>, action: OwnAction) -> Rc<Self> {
        // Without the bundle the app shows only why (`LoadError`): no view sends an action.
        let Ok(own) = &self.loaded else {
            return self;
        };
        let mut own = own.clone();
        let changed = match action {
            OwnAction::Import(prepared, done) => {
                let result = own.shelf.import_prepared(&Local, *prepared);
                let ok = result.is_ok();
                done.emit(result);
                ok
            }
            OwnAction::OpenCollection(bytes, done) => match collection::read(&bytes) {
                Ok(c) => {
                    let opened = collection::open(&mut own.shelf, &Local, &c, &own.checksum);
                    let added = opened.added() > 0;
                    done.emit(Ok(opened));
                    added
                }
                Err(e) => {
                    done.emit(Err(e));
                    false
                }
            },
            OwnAction::Remove(id) => own.shelf.remove(&Local, &id).is_some(),
            OwnAction::UndoRemove => own.shelf.undo_remove(&Local).is_some(),
            OwnAction::Sync => own.shelf.sync(&Local),
        };
        if !changed && own.status() == self.loaded.as_ref().map(Own::status).unwrap_or_default() {
            return self;
        }
        Rc::new(OwnDocs {
            loaded: Ok(own),
            generation: self.generation + 1,
        })
    }
}
