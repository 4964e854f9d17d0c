//! Cleaning (stub, being written): classifies the lines of a raw page into kept blocks and removed ones.
use crate::model::{Byline, DateInfo, Removed};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind { Heading, Paragraph }

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block { pub kind: BlockKind, pub spans: Vec<(u32, u32)> }

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub title: Option<String>,
    pub byline: Option<Byline>,
    pub date: Option<DateInfo>,
    pub blocks: Vec<Block>,
    pub removed: Vec<Removed>,
}

pub fn clean(raw: &str) -> Cleaned {
    let mut c = Cleaned::default();
    let mut off = 0u32;
    for line in raw.split('\n') {
        let len = line.len() as u32;
        if !line.trim().is_empty() {
            if c.title.is_none() { c.title = Some(line.trim().to_owned()); }
            else { c.blocks.push(Block { kind: BlockKind::Paragraph, spans: vec![(off, off + len)] }); }
        }
        off += len + 1;
    }
    c
}
