//! The marks at the start of a line of text that say what kind of block it is (list item, quotation, pull quote, table row, caption): written by the import's HTML and Markdown readers, read by cleaning and the pipeline, so that the stored text alone keeps a page's structure.
//!
//! | kind | line | passage text |
//! |---|---|---|
//! | list item | `• Tea` (also `- Tea`, `* Tea`, as people type lists) | `Tea` |
//! | quotation | `> To be or not` | `To be or not` |
//! | pull quote | `Pull quote: To be or not` | `To be or not` |
//! | table row | `\| 2024 \| 4.9 \|` | `2024 \| 4.9` |
//! | caption | `Caption: The pier in May` | `The pier in May` |
//!
//! A line without a mark is a paragraph. A mark with nothing after it marks nothing.
//!
//! A line the HTML reader set aside, in place, is marked with its reason's id
//! (`RemovalKind::id`): `[Removed: navigation] Home News Sport`. Cleaning removes it with that
//! kind, and keeps its text without the mark.

use crate::model::{PassageKind, RemovalKind, CELL};

const ITEM: &str = "• ";
const QUOTE: &str = "> ";
const PULL_QUOTE: &str = "Pull quote: ";
const CAPTION: &str = "Caption: ";

/// The kind a line marks and its content without the mark (a table row's cells joined by
/// `CELL`); a paragraph and the whole line when it has no mark.
pub fn read(line: &str) -> (PassageKind, &str) {
    let t = line.trim();
    let marked = [
        (ITEM, PassageKind::ListItem),
        ("- ", PassageKind::ListItem),
        ("* ", PassageKind::ListItem),
        (QUOTE, PassageKind::Quote),
        (PULL_QUOTE, PassageKind::PullQuote),
        (CAPTION, PassageKind::Caption),
    ]
    .into_iter()
    .find_map(|(mark, kind)| Some((kind, t.strip_prefix(mark)?.trim())));
    if let Some((kind, rest)) = marked.filter(|(_, rest)| !rest.is_empty()) {
        return (kind, rest);
    }
    if let Some(cells) = t
        .strip_prefix('|')
        .and_then(|r| r.strip_suffix('|'))
        .map(str::trim)
        .filter(|c| !c.is_empty() && t.len() > 2)
    {
        return (PassageKind::TableRow, cells);
    }
    (PassageKind::Paragraph, t)
}

const REMOVED: &str = "[Removed: ";

/// The reason a line set aside by the HTML reader gives, and its text without the mark.
pub fn removed(line: &str) -> Option<(RemovalKind, &str)> {
    let rest = line.trim_start().strip_prefix(REMOVED)?;
    let (id, text) = rest.split_once("] ")?;
    Some((RemovalKind::from_id(id)?, text.trim()))
}

/// The line for `text` set aside for `kind`.
pub fn write_removed(kind: RemovalKind, text: &str) -> String {
    format!("{REMOVED}{}] {text}", kind.id())
}

/// The line for a block of `kind` with `content` (a table row: its cells, each already one line).
pub fn write(kind: PassageKind, content: &str) -> String {
    match kind {
        PassageKind::Paragraph => content.to_owned(),
        PassageKind::ListItem => format!("{ITEM}{content}"),
        PassageKind::Quote => format!("{QUOTE}{content}"),
        PassageKind::PullQuote => format!("{PULL_QUOTE}{content}"),
        PassageKind::Caption => format!("{CAPTION}{content}"),
        PassageKind::TableRow => format!("| {content} |"),
    }
}

/// A table row's line from its cells, each on one line, a cell's own `|` turned into `¦` so that
/// it cannot split the cell; empty cells are left out (text is collapsed later, which would
/// merge their bars). `None` when no cell has text.
pub fn row<'a>(cells: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let cells: Vec<String> = cells
        .into_iter()
        .map(|c| {
            c.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace('|', "¦")
        })
        .filter(|c| !c.is_empty())
        .collect();
    (!cells.is_empty()).then(|| write(PassageKind::TableRow, &cells.join(CELL)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_written_and_read_back() {
        for kind in [
            PassageKind::Paragraph,
            PassageKind::ListItem,
            PassageKind::Quote,
            PassageKind::PullQuote,
            PassageKind::Caption,
            PassageKind::TableRow,
        ] {
            let line = write(kind, "Ferry | 2024");
            assert_eq!(read(&line), (kind, "Ferry | 2024"), "{line:?}");
        }
        assert_eq!(row(["Year", " ", "a|b"]).as_deref(), Some("| Year | a¦b |"));
        assert_eq!(row([" "]), None);
        assert_eq!(
            read("| Year | a¦b |"),
            (PassageKind::TableRow, "Year | a¦b")
        );
        assert_eq!(read("- tea"), (PassageKind::ListItem, "tea"));
        // A mark alone, or a lone bar, marks nothing.
        assert_eq!(read("> "), (PassageKind::Paragraph, ">"));
        assert_eq!(read("||"), (PassageKind::Paragraph, "||"));
        assert_eq!(read("|"), (PassageKind::Paragraph, "|"));
        assert_eq!(read("-5 degrees"), (PassageKind::Paragraph, "-5 degrees"));
        let line = write_removed(RemovalKind::Footer, "© The Gazette");
        assert_eq!(line, "[Removed: footer] © The Gazette");
        assert_eq!(removed(&line), Some((RemovalKind::Footer, "© The Gazette")));
        assert_eq!(removed("[Removed: nonsense] x"), None);
        assert_eq!(removed("[Removed: footer]"), None);
    }
}
