//! The core's full-text search behind a small wasm-bindgen API, so that Node can run it beside
//! JavaScript search libraries on the same documents. Owns only the translation between flat
//! passage lists and the core's `Corpus`/`Unit`; all search logic stays in `parallax-core`.

use parallax_core::model::{Corpus, Document, Lang, Passage, Section, Sentence};
use parallax_core::search::Index;
use parallax_core::text::Analyzer;
use wasm_bindgen::prelude::*;

/// A corpus made of bare passages: `doc_sizes[d]` passages for document `d`, taken in order from
/// `passages`. Only what the search index reads is filled in. Extra passages are ignored and
/// missing ones leave a document shorter.
pub fn corpus_from_passages(passages: Vec<String>, doc_sizes: &[u32]) -> Corpus {
    let mut texts = passages.into_iter();
    let documents = doc_sizes
        .iter()
        .enumerate()
        .map(|(d, &n)| Document {
            id: d.to_string(),
            file: String::new(),
            title: String::new(),
            site: None,
            kind: None,
            byline: None,
            date: None,
            sections: vec![Section {
                id: "s0".into(),
                heading: None,
                start: 0,
            }],
            passages: texts
                .by_ref()
                .take(n as usize)
                .enumerate()
                .map(|(p, text)| Passage {
                    id: format!("p{}", p + 1),
                    section: 0,
                    start: 0,
                    end: text.len() as u32,
                    sentences: vec![Sentence {
                        start: 0,
                        end: text.len() as u32,
                        lang: Lang::En,
                    }],
                    text,
                })
                .collect(),
            removed: Vec::new(),
            original_len: 0,
        })
        .collect();
    Corpus {
        name: String::new(),
        title: String::new(),
        documents,
        themes: Vec::new(),
        entities: Vec::new(),
        claims: Vec::new(),
    }
}

/// The search index over a flat list of passages; results are positions in that list.
#[wasm_bindgen]
pub struct SearchIndex {
    index: Index,
    /// Position of each document's first passage in the flat list.
    first: Vec<u32>,
}

#[wasm_bindgen]
impl SearchIndex {
    /// Indexes `passages`, grouped into documents by `doc_sizes` (passages per document).
    #[wasm_bindgen(constructor)]
    pub fn new(passages: Vec<String>, doc_sizes: Vec<u32>) -> SearchIndex {
        // Building takes about 3.5 bytes of memory per byte of text, beyond the text itself.
        // Left to itself, the allocator grows wasm memory a few pages at a time, and each grow
        // costs V8 a new buffer and garbage-collector work: at 64 MB of text that made the build
        // about 5 times slower than with this reservation. One block of the expected need,
        // freed at once, stays with the allocator, which carves later allocations out of it.
        let text: usize = passages.iter().map(String::len).sum();
        drop(std::hint::black_box(Vec::<u8>::with_capacity(
            text.saturating_mul(4),
        )));
        let corpus = corpus_from_passages(passages, &doc_sizes);
        let mut first = Vec::with_capacity(corpus.documents.len());
        let mut at = 0u32;
        for d in &corpus.documents {
            first.push(at);
            at += d.passages.len() as u32;
        }
        SearchIndex {
            index: Index::build(&corpus),
            first,
        }
    }

    /// Every matching passage, best first, as positions in the list given to `new`.
    pub fn search(&self, query: &str) -> Vec<u32> {
        self.index
            .search(query)
            .iter()
            .map(|h| self.first[h.unit.doc as usize] + h.unit.passage)
            .collect()
    }

    /// Bytes of the index's postcard encoding (`Index::encoded_len`).
    #[wasm_bindgen(js_name = encodedLen)]
    pub fn encoded_len(&self) -> usize {
        self.index.encoded_len()
    }

    /// Passages indexed.
    pub fn len(&self) -> usize {
        self.index.units().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Bytes of wasm linear memory: its high-water mark, since it never shrinks. Zero natively.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> usize {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size(0) * 65_536
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

/// The stems our analyzer gives a text, joined by spaces: lets the peers index exactly our terms.
#[wasm_bindgen]
pub fn stems(text: &str) -> String {
    let tokens = Analyzer::default().tokens(text);
    tokens
        .iter()
        .map(|t| t.stem.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_positions_in_the_flat_list() {
        let passages: Vec<String> = [
            "Russia and Iran signed a treaty.",
            "Nothing here.",
            "Sanctions on Iran.",
            "More sanctions, and a treaty.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let idx = SearchIndex::new(passages, vec![2, 2]);
        assert_eq!(idx.len(), 4);
        assert_eq!(idx.search("treaty").len(), 2);
        let mut hits = idx.search("sanctions");
        hits.sort_unstable();
        assert_eq!(hits, [2, 3]);
        assert_eq!(idx.search("iran -treaty"), [2]);
        assert!(idx.encoded_len() > 0);
        assert_eq!(stems("Sanctions, sanctioned!"), "sanction sanction");
    }
}
