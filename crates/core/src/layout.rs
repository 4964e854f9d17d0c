//! Reading order of a cleaned document: sections with their passages and removed blocks in place.

use crate::model::{Document, Passage, Removed, Section};

/// One thing shown in a section, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item<'a> {
    Passage(&'a Passage),
    Removed(&'a Removed),
}

/// A section and what it shows, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionView<'a> {
    pub section: &'a Section,
    pub items: Vec<Item<'a>>,
}

/// Lays a document out for reading: every passage and removed block lands in the section whose
/// span holds its start offset (blocks before the first heading go to the first section), sorted
/// by that offset, so removed text appears where it stood in the page.
pub fn reading_order(doc: &Document) -> Vec<SectionView<'_>> {
    let mut views: Vec<SectionView> = doc
        .sections
        .iter()
        .map(|section| SectionView {
            section,
            items: Vec::new(),
        })
        .collect();
    if views.is_empty() {
        return views;
    }
    let mut items: Vec<(u32, u8, Item)> = doc
        .passages
        .iter()
        .map(|p| (p.start, 0, Item::Passage(p)))
        .chain(doc.removed.iter().map(|r| (r.start, 1, Item::Removed(r))))
        .collect();
    crate::sort::sort_by_key(&mut items, |(start, order, _)| (*start, *order));
    let last = views.len() - 1;
    for (start, _, item) in items {
        let index = match item {
            Item::Passage(p) => p.section as usize,
            Item::Removed(_) => doc
                .sections
                .iter()
                .rposition(|s| s.start <= start)
                .unwrap_or(0),
        };
        views[index.min(last)].items.push(item);
    }
    views
}
