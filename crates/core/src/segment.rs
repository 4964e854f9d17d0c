//! Segmentation (stub, being written): sections, passages and sentences from cleaned blocks.
use crate::clean::{BlockKind, Cleaned};
use crate::model::{Lang, Passage, Section, Sentence};

pub fn segment(raw: &str, cleaned: &Cleaned) -> (Vec<Section>, Vec<Passage>) {
    let mut sections = vec![Section { id: "s0".into(), heading: None, start: 0 }];
    let mut passages = Vec::new();
    for b in &cleaned.blocks {
        let (s, e) = (b.spans[0].0, b.spans.last().unwrap().1);
        let text = raw[s as usize..e as usize].trim().to_owned();
        if b.kind == BlockKind::Heading { continue; }
        passages.push(Passage { id: format!("p{}", passages.len() + 1), section: (sections.len() - 1) as u32,
            sentences: vec![Sentence { start: 0, end: text.len() as u32, lang: Lang::En }], text, start: s, end: e });
    }
    (sections, passages)
}
