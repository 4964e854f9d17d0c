//! The reader's own documents as stored (`library`): read back processed by the same build and
//! rebuilt from their text by another, ids never given twice across tabs, the merge of what
//! another tab stored, and stored text that cannot be read. Real files from
//! `fixtures/import/` on the real corpus.

mod common;

use parallax_core::bundle::store_document;
use parallax_core::import;
use parallax_core::library::{read, Library, ReadError};
use parallax_core::model::Corpus;

fn corpus() -> Corpus {
    common::real_corpus().clone()
}

use common::import_fixture as fixture;

/// A tab of build `build` that has read `stored` (or nothing) at start.
fn tab(build: &str, stored: Option<&str>) -> Library {
    let mut library = Library::new(corpus(), build);
    if let Some(raw) = stored {
        assert_eq!(library.restore(read(raw).unwrap()), 0);
    }
    library
}

/// What `library` writes, as a tab stores it.
fn store(library: &mut Library) -> String {
    let json = library.to_json(true);
    library.written();
    json
}

fn own_ids(library: &Library) -> Vec<&str> {
    library.corpus.documents[library.builtin()..]
        .iter()
        .map(|d| d.id.as_str())
        .collect()
}

#[test]
fn the_same_build_reads_its_documents_back_without_cleaning_them_again() {
    let mut first = tab("b1", None);
    let md = first.import("article.md", &fixture("article.md")).unwrap();
    let page = first.import("page.html", &fixture("page.html")).unwrap();
    assert_eq!(own_ids(&first), ["own1", "own2"]);
    let json = store(&mut first);

    let again = tab("b1", Some(&json));
    assert!(!again.stale(), "every document was read back processed");
    assert_eq!(again.corpus, first.corpus);
    assert_eq!(
        again.corpus.document("own1"),
        Some(&md.document),
        "the imported document itself"
    );
    assert_eq!(again.corpus.document("own2"), Some(&page.document));
    // Each stored document is what the pipeline makes of its text.
    for e in again.entries() {
        assert_eq!(
            Some(&import::document(&e.id, &e.name, &e.text)),
            again.corpus.document(&e.id)
        );
    }
}

#[test]
fn another_build_rebuilds_from_the_text_and_asks_to_be_stored_again() {
    let mut first = tab("b1", None);
    first.import("article.md", &fixture("article.md")).unwrap();
    let json = store(&mut first);

    let mut later = tab("b2", Some(&json));
    assert!(later.stale(), "b1's processed form is not b2's");
    assert_eq!(later.corpus, first.corpus, "rebuilt to the same document");
    let rewritten = store(&mut later);
    assert!(!later.stale());
    assert!(
        !tab("b2", Some(&rewritten)).stale(),
        "b2 reads its own form"
    );

    // A store without processed forms (written when storage was nearly full) works too.
    let lean = first.to_json(false);
    assert!(!lean.contains("processed"));
    let from_lean = tab("b1", Some(&lean));
    assert!(from_lean.stale());
    assert_eq!(from_lean.corpus, first.corpus);
}

#[test]
fn a_processed_form_never_opens_another_document() {
    let mut first = tab("b1", None);
    let md = first.import("article.md", &fixture("article.md")).unwrap();
    let txt = first
        .import("article.txt", &fixture("article.txt"))
        .unwrap();
    // Tampered: own2's entry carries own1's processed document.
    let (p1, p2) = (
        first.entries()[0].processed.clone().unwrap(),
        first.entries()[1].processed.clone().unwrap(),
    );
    assert_eq!(p1, store_document(&md.document, "b1"));
    let swapped = first.to_json(true).replace(&p2, &p1);
    let later = tab("b1", Some(&swapped));
    assert_eq!(later.corpus.document("own2"), Some(&txt.document));
    assert!(later.stale());

    // Altered bytes are caught by the checksum: rebuilt from the text.
    let p = p1;
    let mut altered = p.clone().into_bytes();
    let i = altered.len() - 10;
    altered[i] = if altered[i] == b'A' { b'B' } else { b'A' };
    let altered = first
        .to_json(true)
        .replace(&p, std::str::from_utf8(&altered).unwrap());
    let later = tab("b1", Some(&altered));
    assert_eq!(later.corpus.document("own1"), Some(&md.document));
    assert!(later.stale());
}

#[test]
fn two_tabs_never_give_one_id_to_two_documents_and_see_each_others_changes() {
    let mut a = tab("b", None);
    let mut b = tab("b", None);

    a.import("article.md", &fixture("article.md")).unwrap();
    let mut shared = store(&mut a);
    // Tab b, opened before, merges what is stored before it imports (as the app does).
    assert!(b.merge(read(&shared).unwrap()));
    b.import("page.html", &fixture("page.html")).unwrap();
    shared = store(&mut b);
    assert_eq!(own_ids(&b), ["own1", "own2"]);

    assert!(a.merge(read(&shared).unwrap()));
    assert_eq!(own_ids(&a), ["own1", "own2"]);
    assert_eq!(a.corpus, b.corpus);

    // A removal in one tab leaves the other at its merge; its id is not given again.
    a.remove("own1").unwrap();
    shared = store(&mut a);
    assert!(b.merge(read(&shared).unwrap()));
    assert_eq!(own_ids(&b), ["own2"]);
    b.import("article.txt", &fixture("article.txt")).unwrap();
    assert_eq!(own_ids(&b), ["own2", "own3"]);
    // Nothing new: no change.
    shared = store(&mut b);
    assert!(!b.merge(read(&shared).unwrap()));
}

#[test]
fn a_removed_document_is_put_back_where_it_was() {
    let mut a = tab("b", None);
    a.import("article.md", &fixture("article.md")).unwrap();
    a.import("page.html", &fixture("page.html")).unwrap();
    a.import("article.txt", &fixture("article.txt")).unwrap();
    let before = a.corpus.clone();
    let removed = a.remove("own2").unwrap();
    assert_eq!(own_ids(&a), ["own1", "own3"]);
    assert_eq!(a.put_back(removed), Some("own2".into()));
    assert_eq!(a.corpus, before);
    assert!(
        a.remove("000").is_none(),
        "built-in sources are not the reader's to remove"
    );
}

#[test]
fn ids_never_overflow() {
    let stored = format!("{{\"version\":1,\"next\":{},\"documents\":[]}}", u64::MAX);
    let mut a = tab("b", Some(&stored));
    a.import("article.md", &fixture("article.md")).unwrap();
    a.import("page.html", &fixture("page.html")).unwrap();
    assert_eq!(own_ids(&a), [format!("own{}", u64::MAX).as_str(), "own1"]);
}

#[test]
fn stored_text_that_cannot_be_read_says_why() {
    assert!(matches!(read("{"), Err(ReadError::Unreadable(_))));
    assert_eq!(
        read("{\"documents\":[]}"),
        Err(ReadError::Unreadable("it has no format version".into()))
    );
    assert_eq!(
        read("{\"version\":1}"),
        Err(ReadError::Unreadable("it has no list of documents".into()))
    );
    assert_eq!(
        read("{\"version\":7,\"documents\":[]}"),
        Err(ReadError::Newer(7))
    );
    // Entries without their fields, a malformed id and an id in use are counted, not added.
    let stored = read(
        r#"{"version":1,"next":2,"documents":[{"id":"own1"},{"id":"a b","name":"x","text":"T"},{"id":"000","name":"x","text":"T"},{"id":"own5","name":"n.txt","text":"A title\n\nA paragraph that is long enough to be read as one."}]}"#,
    )
    .unwrap();
    assert_eq!(stored.missing, 1);
    let mut a = Library::new(corpus(), "b");
    assert_eq!(a.restore(stored), 3);
    assert_eq!(own_ids(&a), ["own5"]);
    a.import("article.md", &fixture("article.md")).unwrap();
    assert_eq!(own_ids(&a), ["own5", "own6"], "past every stored id");
}

// ---------------------------------------------------------------------------------------------
// `Shelf`: the library kept in a storage, as the app keeps it in local storage, here in memory
// (`store::Memory`, shared as two tabs of one browser share theirs).

use parallax_core::library::{LoadProblem, Shelf, KEY, UNREADABLE_KEY};
use parallax_core::store::{self, Memory, Storage, StorageError};

fn shelf(s: &Memory) -> Shelf {
    Shelf::open(s, corpus(), "build-a")
}

fn shelf_ids(shelf: &Shelf) -> Vec<&str> {
    own_ids(&shelf.library)
}

#[test]
fn a_shelf_stores_each_import_at_once_and_another_tab_never_takes_its_id() {
    let s = Memory::default();
    let (mut a, mut b) = (shelf(&s), shelf(&s));
    let one = a
        .import(&s, "article.txt", &fixture("article.txt"))
        .unwrap();
    assert_eq!(one.document.id, "own1");
    // Stored at once: a third tab opened now reads it back.
    assert_eq!(shelf_ids(&shelf(&s)), ["own1"]);
    // The other tab, which read nothing at its start, takes in what is stored before it gives
    // an id: its file is own2, and it has both.
    let two = b.import(&s, "article.md", &fixture("article.md")).unwrap();
    assert_eq!(two.document.id, "own2");
    assert_eq!(shelf_ids(&b), ["own1", "own2"]);
    // The first tab sees the second's document when it syncs (a `storage` event).
    assert!(a.sync(&s));
    assert_eq!(shelf_ids(&a), ["own1", "own2"]);
    assert!(!a.sync(&s), "nothing new the second time");
    assert!(a.load_problem().is_none() && a.save_problem().is_none());
}

#[test]
fn a_removed_document_leaves_storage_and_comes_back_under_its_id() {
    let s = Memory::default();
    let mut a = shelf(&s);
    a.import(&s, "article.txt", &fixture("article.txt"))
        .unwrap();
    a.import(&s, "article.md", &fixture("article.md")).unwrap();
    let title = a.remove(&s, "own1").unwrap();
    assert_eq!(a.removed_title().as_deref(), Some(title.as_str()));
    assert_eq!(a.removed_id().as_deref(), Some("own1"));
    assert_eq!(shelf_ids(&shelf(&s)), ["own2"]);
    assert_eq!(a.undo_remove(&s).as_deref(), Some("own1"));
    assert_eq!(shelf_ids(&shelf(&s)), ["own1", "own2"]);
    assert_eq!(a.removed_title(), None);
    assert_eq!(
        a.remove(&s, "000"),
        None,
        "a built-in source cannot be removed"
    );
}

#[test]
fn unreadable_stored_documents_are_set_aside_and_new_ones_are_stored() {
    let s = Memory::default();
    s.set(KEY, "{\"version\":1,\"documents\":[").unwrap();
    let mut a = shelf(&s);
    let Some(LoadProblem::Unreadable {
        kept_as: Some(key),
        raw,
        ..
    }) = a.load_problem().cloned()
    else {
        panic!("{:?}", a.load_problem());
    };
    assert_eq!(&*raw, "{\"version\":1,\"documents\":[");
    assert_eq!(s.get(&key).unwrap().as_deref(), Some(&*raw), "kept whole");
    assert_eq!(
        store::set_aside_keys(&s, UNREADABLE_KEY),
        std::slice::from_ref(&key)
    );
    a.import(&s, "article.txt", &fixture("article.txt"))
        .unwrap();
    assert_eq!(shelf_ids(&shelf(&s)), ["own1"]);
    assert_eq!(
        s.get(&key).unwrap().as_deref(),
        Some(&*raw),
        "never overwritten"
    );
}

#[test]
fn stored_documents_that_cannot_be_taken_in_set_the_whole_store_aside_first() {
    let s = Memory::default();
    let mut first = shelf(&s);
    first
        .import(&s, "article.txt", &fixture("article.txt"))
        .unwrap();
    // A document without its text: the rest is read, the whole store kept aside first.
    let stored = s.get(KEY).unwrap().unwrap();
    let damaged = stored.replacen("\"text\":", "\"txet\":", 1);
    s.set(KEY, &damaged).unwrap();
    let a = shelf(&s);
    match a.load_problem() {
        Some(LoadProblem::Unreadable {
            why,
            kept_as: Some(key),
            ..
        }) => {
            assert_eq!(
                why,
                "1 document with a missing field, or an id that is malformed or already in use"
            );
            assert_eq!(s.get(key).unwrap().as_deref(), Some(damaged.as_str()));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_newer_store_is_left_in_place_and_documents_added_work_for_the_visit() {
    let s = Memory::default();
    let newer = "{\"version\":99,\"documents\":[]}";
    s.set(KEY, newer).unwrap();
    let mut a = shelf(&s);
    assert!(
        matches!(a.load_problem(), Some(LoadProblem::Newer { .. })),
        "{:?}",
        a.load_problem()
    );
    a.import(&s, "article.txt", &fixture("article.txt"))
        .unwrap();
    assert_eq!(shelf_ids(&a), ["own1"]);
    assert_eq!(
        s.get(KEY).unwrap().as_deref(),
        Some(newer),
        "not written over"
    );
    assert!(!a.sync(&s));
}

#[test]
fn a_blocked_storage_keeps_documents_for_the_visit_and_says_why() {
    let s = Memory::blocked();
    let mut a = shelf(&s);
    assert_eq!(
        a.load_problem(),
        Some(&LoadProblem::Unavailable(StorageError::Blocked))
    );
    a.import(&s, "article.txt", &fixture("article.txt"))
        .unwrap();
    assert_eq!(shelf_ids(&a), ["own1"]);
}

#[test]
fn a_full_storage_stores_the_text_without_the_processed_form_or_says_it_is_full() {
    let file = fixture("article.txt");
    // Room for the store without processed forms, not with them.
    let probe = Memory::default();
    let mut p = shelf(&probe);
    p.import(&probe, "article.txt", &file).unwrap();
    let with = probe.get(KEY).unwrap().unwrap().len();
    let without = p.library.to_json(false).len();
    assert!(without < with);
    let s = Memory::with_quota(KEY.len() + without + (with - without) / 2);
    let mut a = shelf(&s);
    a.import(&s, "article.txt", &file).unwrap();
    assert!(a.save_problem().is_none());
    assert_eq!(s.get(KEY).unwrap().unwrap().len(), without);
    // A start reads it back (cleaning the text again) and tries to store it processed.
    assert_eq!(shelf_ids(&shelf(&s)), ["own1"]);
    // No room even without: the documents stay for the visit, and the store says it is full.
    let tiny = Memory::with_quota(KEY.len() + 10);
    let mut t = shelf(&tiny);
    t.import(&tiny, "article.txt", &file).unwrap();
    assert_eq!(t.save_problem(), Some(&StorageError::Full));
    assert_eq!(shelf_ids(&t), ["own1"]);
}
