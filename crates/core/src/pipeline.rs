//! From one raw article to a cleaned, segmented `Document`: cleaning, then the kept blocks cut into sections, passages and sentences; shared by the corpus build and imports.

use crate::clean::{BlockKind, Cleaned};
use crate::lang;
use crate::markers;
use crate::model::{Document, Lang, Passage, PassageKind, Section, Sentence};
use crate::segment::{plain_text, sentence_spans};

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
    let (sections, passages) = segment(raw, &cleaned);
    // The page's own details, when the import wrote them at the top, come before what cleaning
    // read from the text's lines.
    let front = crate::front::read(raw).map(|(m, _)| m).unwrap_or_default();
    let (byline, date, modified, details) = crate::front::details(&front);
    // "3 hours ago" is a date only against the day the page was saved.
    let ago = |a: &Option<crate::clean::dateline::Ago>| {
        a.as_ref().and_then(|a| a.on(front.saved.as_deref()?))
    };
    Document {
        id: meta.id.clone(),
        file: meta.file.clone(),
        title: meta
            .title
            .clone()
            .or(cleaned.title.clone())
            .unwrap_or_else(|| meta.id.clone()),
        site: meta.site.clone().or(front.site),
        kind: meta.kind.clone().or(cleaned.kind.clone()),
        byline: byline.or(cleaned.byline),
        date: date.or(cleaned.date).or_else(|| ago(&cleaned.date_ago)),
        modified: modified
            .or(cleaned.modified)
            .or_else(|| ago(&cleaned.modified_ago)),
        details,
        sections,
        passages,
        removed: cleaned.removed,
        original_len: raw.len() as u32,
    }
}

/// Builds sections and passages from the kept blocks of a cleaned page.
///
/// The lead before the first heading is section `s0` (only when it has text); headings number
/// `s1`, `s2`…; passages number `p1`, `p2`… in reading order. A sentence without evidence for
/// any language takes the document's most common language (English when there is none).
pub fn segment(raw: &str, cleaned: &Cleaned) -> (Vec<Section>, Vec<Passage>) {
    let mut sections: Vec<Section> = Vec::new();
    let mut passages: Vec<Passage> = Vec::new();
    let mut detected: Vec<Vec<Option<Lang>>> = Vec::new();
    for block in &cleaned.blocks {
        let Some(&(start, _)) = block.spans.first() else {
            continue;
        };
        let end = block.spans.last().map_or(start, |s| s.1);
        let mut source: Vec<&str> = block
            .spans
            .iter()
            .map(|&(s, e)| &raw[s as usize..e as usize])
            .collect();
        // A list item, quotation, table row… is marked at the start of its line (`markers`).
        let mut kind = PassageKind::Paragraph;
        if block.kind == BlockKind::Paragraph {
            let (marked, content) = markers::read(source[0]);
            if marked != PassageKind::Paragraph {
                (kind, source[0]) = (marked, content);
            }
        }
        let text = plain_text(&source.join(" "));
        if text.is_empty() {
            continue;
        }
        match block.kind {
            BlockKind::Heading => sections.push(Section {
                id: format!("s{}", sections.len() + usize::from(!has_lead(&sections))),
                heading: Some(text),
                start,
            }),
            BlockKind::Paragraph => {
                if sections.is_empty() {
                    sections.push(Section {
                        id: "s0".into(),
                        heading: None,
                        start,
                    });
                }
                let spans = sentence_spans(&text);
                detected.push(
                    spans
                        .iter()
                        .map(|&(s, e)| lang::detect(&text[s..e]))
                        .collect(),
                );
                passages.push(Passage {
                    id: format!("p{}", passages.len() + 1),
                    section: (sections.len() - 1) as u32,
                    kind,
                    sentences: spans
                        .iter()
                        .map(|&(s, e)| Sentence {
                            start: s as u32,
                            end: e as u32,
                            lang: Lang::En,
                        })
                        .collect(),
                    text,
                    start,
                    end,
                });
            }
        }
    }
    let default = majority(detected.iter().flatten().flatten().copied()).unwrap_or(Lang::En);
    for (p, langs) in passages.iter_mut().zip(detected) {
        for (s, l) in p.sentences.iter_mut().zip(langs) {
            s.lang = l.unwrap_or(default);
        }
    }
    (sections, passages)
}

fn has_lead(sections: &[Section]) -> bool {
    sections.first().is_some_and(|s| s.heading.is_none())
}

fn majority(langs: impl Iterator<Item = Lang>) -> Option<Lang> {
    let mut counts = [0usize; 3];
    for l in langs {
        counts[Lang::ALL.iter().position(|x| *x == l).unwrap_or(0)] += 1;
    }
    let (i, n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    (*n > 0).then(|| Lang::ALL[i])
}
