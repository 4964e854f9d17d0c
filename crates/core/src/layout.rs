//! Reading order of a cleaned document: sections with their passages and removed blocks in place, a list's items and a table's rows together.

use crate::model::{Document, Passage, PassageKind, Removed, Section};

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

/// What the reader shows in a row of a section: one item, or the items of one list or the rows
/// of one table, which are shown together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Group<'a> {
    One(Item<'a>),
    List(Vec<&'a Passage>),
    Table(Vec<&'a Passage>),
}

/// `items` (those shown) grouped: consecutive list items in one list, consecutive table rows in
/// one table; anything else, a removed block included, ends a group.
pub fn groups<'a>(items: impl IntoIterator<Item = Item<'a>>) -> Vec<Group<'a>> {
    let mut out: Vec<Group<'a>> = Vec::new();
    for item in items {
        let kind = match item {
            Item::Passage(p) => Some(p.kind),
            Item::Removed(_) => None,
        };
        match (out.last_mut(), item, kind) {
            (Some(Group::List(ps)), Item::Passage(p), Some(PassageKind::ListItem))
            | (Some(Group::Table(ps)), Item::Passage(p), Some(PassageKind::TableRow)) => ps.push(p),
            (_, Item::Passage(p), Some(PassageKind::ListItem)) => out.push(Group::List(vec![p])),
            (_, Item::Passage(p), Some(PassageKind::TableRow)) => out.push(Group::Table(vec![p])),
            _ => out.push(Group::One(item)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_and_table_rows_are_grouped_until_something_else_comes() {
        let p = |id: &str, kind| Passage {
            id: id.into(),
            section: 0,
            kind,
            text: id.into(),
            start: 0,
            end: 0,
            sentences: Vec::new(),
        };
        use PassageKind::*;
        let ps = [
            p("p1", Paragraph),
            p("p2", ListItem),
            p("p3", ListItem),
            p("p4", TableRow),
            p("p5", TableRow),
            p("p6", ListItem),
        ];
        let r = Removed {
            kind: crate::model::RemovalKind::Navigation,
            text: "Home".into(),
            start: 0,
            end: 0,
        };
        let mut items: Vec<Item> = ps.iter().map(Item::Passage).collect();
        items.insert(6, Item::Removed(&r));
        items.push(Item::Passage(&ps[5]));
        let names: Vec<String> = groups(items)
            .iter()
            .map(|g| match g {
                Group::One(Item::Passage(p)) => p.id.clone(),
                Group::One(Item::Removed(_)) => "removed".into(),
                Group::List(ps) => format!("list {}", ps.len()),
                Group::Table(ps) => format!("table {}", ps.len()),
            })
            .collect();
        assert_eq!(
            names,
            ["p1", "list 2", "table 2", "list 1", "removed", "list 1"]
        );
    }
}
