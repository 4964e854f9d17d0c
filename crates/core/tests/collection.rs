//! The collection file (`collection`): written the same for the same choices, read back whole,
//! opened into a shelf that already holds documents (texts already there not added twice, ids
//! of the file renumbered and the lesson and notes following them, nothing the reader had
//! lost), and every hostile file refused with its own message and nothing stored changed: a bad
//! checksum, a newer format, a file over the limit (and one at it), script in titles and text,
//! duplicate ids, JSON cut short. Real files from `fixtures/import/` on the real corpus.

mod common;
#[path = "common/counting.rs"]
mod counting;

use parallax_core::collection::{
    self, is_collection, open, read, single_file_corpus, write, Collection, CollectionError, Doc,
    Outcome, MAX_BYTES, MAX_DOCUMENTS,
};
use parallax_core::library::{Shelf, KEY};
use parallax_core::model::Corpus;
use parallax_core::state::{self, CustomTheme, Known, State, Step, View};
use parallax_core::store::{Memory, Storage};

const CHECKSUM: &str = "0123456789abcdef";
const BUILD: &str = "b1";

fn corpus() -> Corpus {
    common::real_corpus().clone()
}

use common::import_fixture as fixture;

/// A teacher's shelf with two files imported.
fn teacher(s: &Memory) -> Shelf {
    let mut shelf = Shelf::open(s, corpus(), BUILD);
    shelf
        .import(s, "article.md", &fixture("article.md"))
        .unwrap();
    shelf.import(s, "page.html", &fixture("page.html")).unwrap();
    shelf
}

fn known(shelf: &Shelf) -> Known {
    Known::new(&shelf.library.corpus, CHECKSUM)
}

/// A lesson of two steps: the reader at the first own document, and a comparison of a built-in
/// source with the second.
fn lesson_link(k: &Known) -> String {
    let steps = vec![
        Step::new(
            state::parse("/read/own1", k).0,
            "Read this <script>alert(1)</script>",
        ),
        Step::new(state::parse("/compare/002/own2", k).0, "Compare them"),
    ];
    let (lesson, notices) = state::lesson("My lesson", steps);
    assert!(notices.is_empty(), "{notices:?}");
    state::print(&lesson.unwrap(), &k.version)[1..].to_owned()
}

/// The teacher's collection of her two documents with her lesson, a theme and a note.
fn collection_of(shelf: &Shelf) -> Collection {
    let k = known(shelf);
    let passage = shelf.library.corpus.document("own2").unwrap().passages[0]
        .id
        .clone();
    Collection {
        title: "Sanctions: my sources".into(),
        corpus: k.version.clone(),
        documents: shelf
            .library
            .entries()
            .iter()
            .map(|e| Doc {
                id: e.id.clone(),
                name: e.name.clone(),
                text: e.text.clone(),
            })
            .collect(),
        themes: vec![CustomTheme {
            label: "Money".into(),
            terms: vec!["bank".into(), "rouble".into()],
        }],
        lesson: Some(lesson_link(&k)),
        notes: vec![common::note("n-1", "own2", &passage, "Look here", 1, 2)],
        only_own: false,
    }
}

/// The stored library, as text.
fn stored(s: &Memory) -> String {
    s.get(KEY).unwrap().unwrap_or_default()
}

#[test]
fn the_same_choices_write_the_same_bytes_and_read_back_whole() {
    let s = Memory::default();
    let c = collection_of(&teacher(&s));
    let file = write(&c);
    assert_eq!(file, write(&c.clone()));
    assert!(file.starts_with("{\"kind\":\"parallax-collection\",\"format\":1,\"sha256\":\""));
    assert_eq!(read(file.as_bytes()).unwrap(), c);
    assert!(is_collection("x.bin", file.as_bytes()));
    assert!(is_collection("Lesson.JSON", b"anything"));
    assert!(!is_collection("notes.md", b"# Notes"));
    // Small: the texts, and little else.
    let texts: usize = c.documents.iter().map(|d| d.text.len()).sum();
    assert!(
        file.len() < texts * 11 / 10 + 2_000,
        "{} for {texts}",
        file.len()
    );
}

/// A single file made with her documents alone shows them as its whole corpus under her title,
/// and says so in its file (a field the file has only then, so that files made before it, and
/// collections for other copies, keep their bytes and checksum).
#[test]
fn a_single_file_of_her_documents_alone_shows_them_as_its_corpus_under_her_title() {
    let s = Memory::default();
    let mut c = collection_of(&teacher(&s));
    assert!(!write(&c).contains("only_own"));
    c.only_own = true;
    let file = write(&c);
    assert!(file.contains(",\"only_own\":true}}"), "{file}");
    let back = read(file.as_bytes()).unwrap();
    assert_eq!(back, c);

    // The single file opens: no built-in source, her documents as the corpus, her title.
    let builtin = corpus();
    let mut shelf = Shelf::open(
        &Memory::default(),
        single_file_corpus(builtin.clone(), &back),
        BUILD,
    );
    assert_eq!(shelf.library.corpus.title, "Sanctions: my sources");
    assert_eq!(shelf.library.builtin(), 0);
    let opened = open(&mut shelf, &Memory::default(), &back, CHECKSUM);
    assert_eq!(opened.added(), 2);
    let ids: Vec<&str> = shelf
        .library
        .corpus
        .documents
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, ["own1", "own2"]);
    assert_eq!(shelf.library.corpus.themes, builtin.themes);
    assert!(opened.lesson.is_some());

    // With the built-in sources, and without a title: the built-in corpus as it is.
    c.only_own = false;
    c.title = "  ".into();
    let both = single_file_corpus(builtin.clone(), &c);
    assert_eq!(both.title, builtin.title);
    assert_eq!(both.documents.len(), builtin.documents.len());
}

#[test]
fn opening_adds_to_a_shelf_renumbering_ids_and_the_lesson_and_notes_follow() {
    let teacher_store = Memory::default();
    let t = teacher(&teacher_store);
    let c = collection_of(&t);

    // The student already has a document of her own, under the id own1.
    let s = Memory::default();
    let mut shelf = Shelf::open(&s, corpus(), BUILD);
    shelf
        .import(&s, "article.txt", &fixture("article.txt"))
        .unwrap();
    let mine = shelf.library.corpus.document("own1").unwrap().clone();
    let opened = open(&mut shelf, &s, &c, CHECKSUM);

    assert_eq!(opened.title, "Sanctions: my sources");
    assert_eq!(opened.added(), 2);
    let ids: Vec<(&str, &str)> = opened
        .documents
        .iter()
        .map(|o| match o {
            Outcome::Added { was, id, .. } => (was.as_str(), id.as_str()),
            o => panic!("{o:?}"),
        })
        .collect();
    assert_eq!(ids, [("own1", "own2"), ("own2", "own3")]);
    // Hers is untouched; the teacher's read as on the teacher's side.
    assert_eq!(shelf.library.corpus.document("own1"), Some(&mine));
    for (was, id) in ids {
        let theirs = t.library.corpus.document(was).unwrap();
        let here = shelf.library.corpus.document(id).unwrap();
        assert_eq!(here.title, theirs.title);
        assert_eq!(here.passages.len(), theirs.passages.len());
        assert_eq!(here.passages[0].text, theirs.passages[0].text);
    }
    // Stored at once, and read back by the next start.
    let again = Shelf::open(&s, corpus(), BUILD);
    assert_eq!(again.library.entries().len(), 3);

    let (lesson, notices) = opened.lesson.unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    let k = known(&shelf);
    let (state, notices) = state::parse(&lesson[1..], &k);
    assert!(notices.is_empty(), "{notices:?}");
    let View::Lesson(l) = state.view else {
        panic!("{lesson}")
    };
    assert_eq!(l.title, "My lesson");
    assert_eq!(state::step_link(&l.steps[0].state), "/read/own2");
    assert_eq!(state::step_link(&l.steps[1].state), "/compare/002/own3");
    assert_eq!(l.steps[0].note, "Read this <script>alert(1)</script>");

    assert_eq!(opened.notes.len(), 1);
    assert_eq!(opened.notes[0].doc, "own3");
    assert_eq!(opened.notes_left_out, 0);
    let themes = opened.themes.unwrap();
    let (state, _) = state::parse(&themes[1..], &k);
    assert_eq!(state.custom, c.themes);
}

#[test]
fn a_text_already_here_is_not_added_twice_and_the_lesson_names_the_one_here() {
    let s = Memory::default();
    let mut t = teacher(&s);
    let c = collection_of(&t);
    let before = stored(&s);
    // Opened into the teacher's own shelf: both already there.
    let opened = open(&mut t, &s, &c, CHECKSUM);
    assert_eq!(opened.added(), 0);
    assert!(matches!(
        &opened.documents[..],
        [Outcome::AlreadyHere { id: a, .. }, Outcome::AlreadyHere { id: b, .. }]
            if a == "own1" && b == "own2"
    ));
    assert_eq!(stored(&s), before, "nothing written when nothing was added");
    let (lesson, _) = opened.lesson.unwrap();
    assert!(
        lesson.contains("read%2Fown1") || lesson.contains("read/own1"),
        "{lesson}"
    );
    // Twice into a new shelf: the second time adds nothing.
    let s2 = Memory::default();
    let mut other = Shelf::open(&s2, corpus(), BUILD);
    assert_eq!(open(&mut other, &s2, &c, CHECKSUM).added(), 2);
    assert_eq!(open(&mut other, &s2, &c, CHECKSUM).added(), 0);
    assert_eq!(other.library.entries().len(), 2);
}

#[test]
fn a_removed_id_is_not_given_again_by_an_opened_collection() {
    let s = Memory::default();
    let mut shelf = Shelf::open(&s, corpus(), BUILD);
    shelf
        .import(&s, "article.txt", &fixture("article.txt"))
        .unwrap();
    shelf.remove(&s, "own1").unwrap();
    let c = collection_of(&teacher(&Memory::default()));
    let opened = open(&mut shelf, &s, &c, CHECKSUM);
    assert!(matches!(&opened.documents[0], Outcome::Added { id, .. } if id == "own2"));
}

#[test]
fn a_document_the_import_refuses_is_named_and_the_rest_are_added() {
    let s = Memory::default();
    let mut c = collection_of(&teacher(&Memory::default()));
    c.documents.insert(
        1,
        Doc {
            id: "own9".into(),
            name: "blank.txt".into(),
            text: "   \n\n".into(),
        },
    );
    c.notes
        .push(common::note("n-2", "own9", "p1", "Gone", 1, 1));
    let mut shelf = Shelf::open(&s, corpus(), BUILD);
    let opened = open(
        &mut shelf,
        &s,
        &read(write(&c).as_bytes()).unwrap(),
        CHECKSUM,
    );
    assert_eq!(opened.added(), 2);
    assert!(
        matches!(&opened.documents[1], Outcome::Refused { was, error } if was == "own9" && error.id() == "empty")
    );
    assert_eq!(opened.notes_left_out, 1);
}

#[test]
fn script_in_titles_names_and_text_stays_text() {
    let s = Memory::default();
    let payload = "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>";
    let c = Collection {
        title: format!("Title {payload}"),
        documents: vec![Doc {
            id: "own1".into(),
            name: format!("{payload}.html"),
            text: format!(
                "Headline {payload}\n\nThe ministry said on Monday that {payload} the sanctions \
                 would stay in force for another year, officials told reporters in Moscow."
            ),
        }],
        ..Collection::default()
    };
    let c = read(write(&c).as_bytes()).unwrap();
    assert!(
        c.title.contains("<script>"),
        "a title is text, kept as written"
    );
    let mut shelf = Shelf::open(&s, corpus(), BUILD);
    let opened = open(&mut shelf, &s, &c, CHECKSUM);
    let Outcome::Added { id, .. } = &opened.documents[0] else {
        panic!("{:?}", opened.documents)
    };
    let doc = shelf.library.corpus.document(id).unwrap();
    // Read as plain text, not as markup a second time: the words are there as written.
    assert!(
        doc.passages.iter().any(|p| p.text.contains("<script>")),
        "{doc:?}"
    );
}

/// The shelf's store before and after a refused file: unchanged.
fn refused(file: &[u8]) -> CollectionError {
    let s = Memory::default();
    let shelf = teacher(&s);
    let before = stored(&s);
    let e = read(file).unwrap_err();
    assert_eq!(stored(&s), before);
    assert_eq!(shelf.library.entries().len(), 2);
    let message = e.to_string();
    assert!(message.ends_with("Nothing was added."), "{message}");
    e
}

fn good_file() -> String {
    write(&collection_of(&teacher(&Memory::default())))
}

#[test]
fn a_changed_byte_of_the_content_fails_the_checksum() {
    let file = good_file();
    let altered = file.replacen("Sanctions: my sources", "Sanctions: my sourced", 1);
    assert_eq!(refused(altered.as_bytes()), CollectionError::Checksum);
    let bad_sum = file.replacen("\"sha256\":\"", "\"sha256\":\"0", 1);
    assert_eq!(refused(bad_sum.as_bytes()), CollectionError::Checksum);
}

#[test]
fn a_newer_format_says_so() {
    let file = good_file().replacen("\"format\":1", "\"format\":2", 1);
    let e = refused(file.as_bytes());
    assert_eq!(e, CollectionError::Newer(2));
    assert!(e.to_string().contains("newer version of Parallax"));
}

#[test]
fn json_cut_short_anywhere_is_damaged() {
    let file = good_file();
    for cut in [1, file.len() / 3, file.len() / 2, file.len() - 3] {
        let e = refused(&file.as_bytes()[..cut]);
        assert!(matches!(e, CollectionError::Damaged(_)), "{cut}: {e:?}");
    }
    assert_eq!(
        refused(b"{\"kind\":\"parallax-collection\",\"format\":1,\"sha256\":\"00\",\"cont"),
        CollectionError::Damaged("it ends too early".into())
    );
    assert!(matches!(refused(b"\xff\xfe{"), CollectionError::Damaged(_)));
    assert_eq!(refused(b"{\"format\":1}"), CollectionError::NotACollection);
    assert_eq!(refused(b"[]"), CollectionError::NotACollection);
}

#[test]
fn duplicate_and_foreign_ids_are_refused() {
    let mut c = collection_of(&teacher(&Memory::default()));
    c.documents[1].id = "own1".into();
    assert_eq!(
        refused(write(&c).as_bytes()),
        CollectionError::DuplicateId("own1".into())
    );
    c.documents[1].id = "002".into();
    assert_eq!(
        refused(write(&c).as_bytes()),
        CollectionError::BadId("002".into())
    );
    c.documents[1].id = "own<b>".into();
    assert!(refused(write(&c).as_bytes())
        .to_string()
        .contains("“own<b>”"));
}

#[test]
fn unknown_fields_and_too_many_documents_are_refused() {
    let file = good_file().replacen("\"content\":{", "\"content\":{\"run\":1,", 1);
    assert!(matches!(
        refused(file.as_bytes()),
        CollectionError::WrongShape(_)
    ));
    let c = Collection {
        documents: (0..=MAX_DOCUMENTS)
            .map(|i| Doc {
                id: format!("own{i}"),
                name: "a.txt".into(),
                text: "A".into(),
            })
            .collect(),
        ..Collection::default()
    };
    assert_eq!(
        refused(write(&c).as_bytes()),
        CollectionError::TooManyDocuments(MAX_DOCUMENTS + 1)
    );
}

#[test]
fn a_file_at_the_limit_is_read_and_one_byte_more_is_refused_unread() {
    let file = good_file();
    // Spaces after the JSON pad it to exactly the limit.
    let mut at = file.clone().into_bytes();
    at.resize(MAX_BYTES as usize, b' ');
    assert!(read(&at).is_ok());
    at.push(b' ');
    let e = refused(&at);
    assert_eq!(e, CollectionError::TooLarge(MAX_BYTES + 1));
    assert!(e.to_string().contains("too large"), "{e}");
}

#[test]
fn reading_costs_linear_time_and_memory() {
    let doc = |i: usize| Doc {
        id: format!("own{i}"),
        name: format!("file {i}.txt"),
        text: "The ministry said on Monday that the sanctions would stay. ".repeat(200),
    };
    let file = |n: usize| {
        write(&Collection {
            title: "T".into(),
            documents: (0..n).map(doc).collect(),
            ..Collection::default()
        })
    };
    let (one, many) = (file(4), file(32));
    let a = counting::cost(|| collection::read(one.as_bytes()).unwrap());
    let b = counting::cost(|| collection::read(many.as_bytes()).unwrap());
    counting::linear("collection::read", 8, a, b).unwrap();
}

#[test]
fn a_lesson_without_own_documents_and_one_that_is_no_lesson() {
    let s = Memory::default();
    let k = Known::new(&corpus(), CHECKSUM);
    let steps = vec![Step::new(state::parse("/read/002", &k).0, "")];
    let lesson = state::print(&state::lesson("", steps).0.unwrap(), &k.version);
    let mut c = Collection {
        lesson: Some(lesson.clone()),
        ..Collection::default()
    };
    let mut shelf = Shelf::open(&s, corpus(), BUILD);
    let opened = open(&mut shelf, &s, &c, CHECKSUM);
    assert_eq!(opened.lesson.unwrap().0, lesson);
    c.lesson = Some("/read/002".into());
    assert!(open(&mut shelf, &s, &c, CHECKSUM).lesson.is_none());
    let _ = State::default();
}

#[test]
fn the_documents_a_lesson_names_in_order_without_repeats() {
    let s = Memory::default();
    let t = teacher(&s);
    let k = known(&t);
    let (state, _) = state::parse(&lesson_link(&k), &k);
    assert_eq!(collection::documents_named(&state), ["own1", "002", "own2"]);
    let (read, _) = state::parse("/read/own2", &k);
    assert_eq!(collection::documents_named(&read), ["own2"]);
    assert!(collection::documents_named(&State::default()).is_empty());
}
