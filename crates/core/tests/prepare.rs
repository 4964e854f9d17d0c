//! An import in two halves, as the app runs it: `wire::prepare_file` away from the library (in a
//! Web Worker), its outcome carried as bytes, then `Library::import_prepared`. On every real file
//! a reader imports (`tests/fixtures/import/`), the outcome survives the bytes unchanged and gives
//! the same document, stored form and refusal as the import in one piece; a document prepared
//! under an id another tab took meanwhile, or for another build, is made again to fit.

mod common;

use common::{import_fixture, real_corpus};
use parallax_core::bundle::load_document;
use parallax_core::import::{default_decoder, wire, ImportError};
use parallax_core::library::Library;

const BUILD: &str = "build-1";

fn fixtures() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "NOTES")
        .collect();
    parallax_core::sort::sort(&mut names);
    names
}

fn library() -> Library {
    Library::new(real_corpus().clone(), BUILD)
}

/// Prepared as the worker does, carried as bytes, then added.
fn in_two_halves(
    lib: &mut Library,
    name: &str,
    bytes: &[u8],
    id: &str,
    build: &str,
) -> Result<String, ImportError> {
    let outcome = wire::prepare_file(name, bytes, default_decoder(), id, build);
    let carried = wire::decode(&wire::encode(&outcome)).expect("the bytes read back");
    assert_eq!(
        carried, outcome,
        "{name}: changed on its way through the bytes"
    );
    Ok(lib.import_prepared(carried?)?.document.id)
}

#[test]
fn every_fixture_gives_the_same_library_in_two_halves_as_in_one() {
    let names = fixtures();
    assert!(names.len() > 40, "fixtures found: {}", names.len());
    let (mut one, mut two) = (library(), library());
    let (mut ok, mut refused) = (0, 0);
    for name in &names {
        let bytes = import_fixture(name);
        let a = one.import(name, &bytes).map(|i| i.document.id);
        let id = two.next_id();
        let b = in_two_halves(&mut two, name, &bytes, &id, BUILD);
        assert_eq!(b, a, "{name}");
        if a.is_ok() {
            ok += 1
        } else {
            refused += 1
        }
    }
    // Documents and refusals of several kinds (a duplicate among them: `duplicate.txt`).
    assert!(ok > 25 && refused >= 5, "{ok} imported, {refused} refused");
    assert_eq!(
        two.entries(),
        one.entries(),
        "the same texts, names, ids and stored forms"
    );
    assert_eq!(two.corpus, one.corpus);
}

#[test]
fn prepared_under_a_taken_id_or_another_build_it_is_made_again_to_fit() {
    let bytes = import_fixture("article.txt");
    let mut lib = library();
    // Another tab took `own1` meanwhile (here: this library, with another file).
    let outcome =
        wire::prepare_file("article.txt", &bytes, default_decoder(), "own1", BUILD).unwrap();
    lib.import("article.md", &import_fixture("layout-sidebar.html"))
        .unwrap();
    let added = lib.import_prepared(outcome).unwrap();
    assert_eq!(added.document.id, "own2");
    let entry = &lib.entries()[1];
    let stored = load_document(entry.processed.as_deref().unwrap(), BUILD).unwrap();
    assert_eq!(stored, added.document, "stored under its new id");
    // Prepared for another build: stored for this one.
    let mut other = library();
    let outcome = wire::prepare_file(
        "article.txt",
        &bytes,
        default_decoder(),
        "own1",
        "old-build",
    )
    .unwrap();
    other.import_prepared(outcome).unwrap();
    let entry = &other.entries()[0];
    assert!(load_document(entry.processed.as_deref().unwrap(), BUILD).is_some());
}

#[test]
fn a_page_in_a_legacy_encoding_keeps_its_encoding_through_the_bytes() {
    let outcome = wire::prepare_file(
        "windows-1251.html",
        &import_fixture("windows-1251.html"),
        default_decoder(),
        "own1",
        BUILD,
    );
    let carried = wire::decode(&wire::encode(&outcome)).unwrap().unwrap();
    assert_eq!(carried.imported.encoding.id(), "windows-1251");
    assert_eq!(carried, outcome.unwrap());
}

#[test]
fn bytes_the_worker_did_not_write_are_refused_not_misread() {
    assert_eq!(wire::decode(&[]), None);
    assert_eq!(wire::decode(&[7, 7, 7]), None);
}

#[test]
fn a_text_already_in_the_library_is_refused_when_added_again() {
    let bytes = import_fixture("article.txt");
    let mut lib = library();
    let first =
        wire::prepare_file("article.txt", &bytes, default_decoder(), "own1", BUILD).unwrap();
    let again = wire::prepare_file("copy.txt", &bytes, default_decoder(), "own1", BUILD).unwrap();
    assert_eq!(lib.import_prepared(first).unwrap().document.id, "own1");
    match lib.import_prepared(again) {
        Err(ImportError::Duplicate { id, name, .. }) => {
            assert_eq!((id.as_str(), name.as_str()), ("own1", "copy.txt"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn relabel_gives_the_id_and_a_title_that_was_only_the_id() {
    let mut prepared = wire::prepare_file(
        "article.txt",
        &import_fixture("article.txt"),
        default_decoder(),
        "own1",
        BUILD,
    )
    .unwrap()
    .imported;
    let title = prepared.document.title.clone();
    prepared.relabel("own3");
    assert_eq!(
        (
            prepared.document.id.as_str(),
            prepared.document.title.as_str()
        ),
        ("own3", title.as_str())
    );
    prepared.document.title = "own3".into();
    prepared.relabel("own4");
    assert_eq!(
        (
            prepared.document.id.as_str(),
            prepared.document.title.as_str()
        ),
        ("own4", "own4")
    );
}
