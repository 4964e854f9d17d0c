//! From one raw article to a cleaned, segmented `Document`: the pipeline shared by the corpus
//! build and (later) documents imported in the browser.

use crate::model::Document;

/// What the manifest (or an importer) knows about a source before reading it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMeta {
    pub id: String,
    pub file: String,
    pub title: Option<String>,
    pub site: Option<String>,
    pub kind: Option<String>,
}

/// Cleans and segments one article. Never fails: odd input gives a document with fewer passages.
pub fn process_document(meta: &SourceMeta, raw: &str) -> Document {
    let cleaned = crate::clean::clean(raw);
    let (sections, passages) = crate::segment::segment(raw, &cleaned);
    Document {
        id: meta.id.clone(),
        file: meta.file.clone(),
        title: meta
            .title
            .clone()
            .or(cleaned.title.clone())
            .unwrap_or_else(|| meta.id.clone()),
        site: meta.site.clone(),
        kind: meta.kind.clone(),
        byline: cleaned.byline.clone(),
        date: cleaned.date.clone(),
        sections,
        passages,
        removed: cleaned.removed,
        original_len: raw.len() as u32,
    }
}
