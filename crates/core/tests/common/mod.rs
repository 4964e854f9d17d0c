//! What the integration tests share: corpora built from written or generated text, the generator
//! of any sentence, and the property-test case count. Each test crate uses a part of it.
#![allow(dead_code)]

use parallax_core::export::LinkBase;
use parallax_core::model::{Corpus, Document, Lang, Sentence};
use parallax_core::notes::{Note, Notebook, NOTES_FORMAT};
use parallax_core::segment::sentence_spans;
use proptest::prelude::*;

/// A real file of `tests/fixtures/import/`, the files a reader imports.
pub fn import_fixture(name: &str) -> Vec<u8> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The bundled corpus (`corpus/iran-russia`), read once.
pub fn real_corpus() -> &'static Corpus {
    static C: std::sync::OnceLock<Corpus> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/iran-russia");
        parallax_core::source::load_dir(&dir).unwrap()
    })
}

/// The tram story of `tests/fixtures/tram/` (four local-news articles that ship only their texts:
/// no themes, entities or claims), read once.
pub fn tram_corpus() -> &'static Corpus {
    static C: std::sync::OnceLock<Corpus> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tram");
        parallax_core::source::load_dir(&dir).unwrap()
    })
}

/// What exists in the bundled corpus, for parsing links (checksum `0123456789abcdef`).
pub fn known() -> &'static parallax_core::state::Known {
    static K: std::sync::OnceLock<parallax_core::state::Known> = std::sync::OnceLock::new();
    K.get_or_init(|| parallax_core::state::Known::new(real_corpus(), "0123456789abcdef"))
}

/// The project's case count: 1,000, or `PROPTEST_CASES`.
pub fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

fn build(docs: Vec<Vec<String>>, sentences: impl Fn(&str) -> Vec<(usize, usize)>) -> Corpus {
    let documents = docs
        .into_iter()
        .enumerate()
        .map(|(i, passages)| {
            let passages = passages.into_iter().map(|text| {
                let spans = sentences(&text)
                    .into_iter()
                    .map(|(start, end)| Sentence {
                        start: start as u32,
                        end: end as u32,
                        lang: Lang::En,
                    })
                    .collect();
                (text, spans)
            });
            Document::from_passages(format!("d{i}"), format!("Document {i}"), passages)
        })
        .collect();
    Corpus::of_documents("generated", "Generated", documents)
}

/// Documents `d0`, `d1`… of the given passages, each passage one sentence; no themes, entities
/// or claims.
pub fn corpus(docs: Vec<Vec<String>>) -> Corpus {
    build(docs, |text| vec![(0, text.len())])
}

/// The same, each passage split into sentences as the build splits them.
pub fn corpus_split(docs: Vec<Vec<String>>) -> Corpus {
    build(docs, sentence_spans)
}

/// Any text: words of `vocabulary` or any Unicode at all, any separators.
pub fn sentence(vocabulary: &'static [String]) -> impl Strategy<Value = String> {
    let word = prop_oneof![
        3 => prop::sample::select(vocabulary),
        1 => "\\PC{1,8}",
    ];
    let sep = prop_oneof![4 => Just(" "), 1 => Just(", "), 1 => Just(" – "), 1 => Just("\n"), 1 => Just("'")];
    prop::collection::vec((word, sep), 2..12).prop_map(|ws| {
        let mut s: String = ws
            .into_iter()
            .flat_map(|(w, sep)| [w, sep.into()])
            .collect();
        s.push('.');
        s
    })
}

/// Where the exports, notes and citations of the tests link to: a page address and a version.
pub const AT: LinkBase = LinkBase {
    base: "https://example.org/parallax/",
    version: "0123456789ab",
    custom: &[],
    edits: &parallax_core::state::NO_THEME_CHANGES,
    pages: &[],
};

/// A note on `passage` of `doc`, made at `created` and last changed at `updated` (ms).
pub fn note(id: &str, doc: &str, passage: &str, text: &str, created: u64, updated: u64) -> Note {
    Note {
        id: id.into(),
        doc: doc.into(),
        passage: passage.into(),
        text: text.into(),
        created_ms: created,
        updated_ms: updated,
    }
}

/// A notebook of the current format holding `notes`.
pub fn book(notes: Vec<Note>) -> Notebook {
    Notebook {
        format: NOTES_FORMAT,
        notes,
    }
}

/// A CSV export as a spreadsheet reads it (RFC 4180: quoted cells may hold commas, quotes and
/// line breaks), after its byte-order mark, which is not part of the first cell: rows of cells.
pub fn spreadsheet(csv: &str) -> Vec<Vec<String>> {
    let csv = csv.strip_prefix('\u{feff}').expect("no byte-order mark");
    let mut rows = vec![vec![String::new()]];
    let (mut quoted, mut chars) = (false, csv.chars().peekable());
    while let Some(c) = chars.next() {
        let row = rows.last_mut().unwrap();
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                row.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => row.push(String::new()),
            '\r' if !quoted && chars.peek() == Some(&'\n') => {
                chars.next();
                rows.push(vec![String::new()]);
            }
            c => row.last_mut().unwrap().push(c),
        }
    }
    rows.pop();
    rows
}
