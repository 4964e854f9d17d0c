//! Parallax's full-text search behind a small wasm-bindgen API, so that Node can run it beside
//! JavaScript search libraries on the same documents. Owns only the translation between flat
//! passage lists and the index's units; all search logic stays in `parallax-search`.

use parallax_search::search::{Index, Passages};
use parallax_search::text::Analyzer;
use wasm_bindgen::prelude::*;

/// Bare passages grouped into documents: `doc_sizes[d]` passages for document `d`, taken in
/// order from `passages`. Extra passages are ignored and missing ones leave a document shorter.
pub struct Flat<'a> {
    pub passages: &'a [String],
    pub doc_sizes: &'a [u32],
}

impl Passages for Flat<'_> {
    fn each_passage(&self, f: &mut dyn FnMut(u32, u32, &str)) {
        let mut texts = self.passages.iter();
        for (d, &n) in self.doc_sizes.iter().enumerate() {
            for (p, text) in texts.by_ref().take(n as usize).enumerate() {
                f(d as u32, p as u32, text);
            }
        }
    }
}

/// The search index over a flat list of passages; results are positions in that list.
#[wasm_bindgen]
pub struct SearchIndex {
    index: Index,
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
        SearchIndex {
            index: Index::build(&Flat {
                passages: &passages,
                doc_sizes: &doc_sizes,
            }),
        }
    }

    /// Every matching passage, best first, as positions in the list given to `new` (the index's
    /// units are every passage in corpus order, so a unit's position is the passage's).
    pub fn search(&self, query: &str) -> Vec<u32> {
        self.index.run_units(&self.index.parse(query))
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
