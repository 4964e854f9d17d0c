//! Explore's exports: the filtered view's passages, or its concordance lines, each with its source (title and id), passage, themes (labels and ids) and a link back, with the search and filters said at the top and in the file name.

use super::{sources_line, Cell, Column, Format, Made, Show, Table};
use crate::analysis::{Analysis, KwicLine};
use crate::model::{Corpus, Document};
use crate::search::Unit;
use crate::state::{Explore, View};
use serde::Serialize;

/// One exported passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub source: String,
    pub title: String,
    pub passage: String,
    /// Theme ids (`trade`, `my1`…).
    pub themes: Vec<String>,
    /// The same themes by their labels, as the screen shows them (a reader's own by theirs).
    pub theme_labels: Vec<String>,
    pub text: String,
    pub link: String,
}

/// One exported line of a keyword-in-context concordance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KwicRow {
    pub source: String,
    pub title: String,
    pub passage: String,
    pub left: String,
    #[serde(rename = "match")]
    pub matched: String,
    pub right: String,
    pub link: String,
}

/// Rows for the given passages, in the order given.
pub fn rows(corpus: &Corpus, analysis: &Analysis, units: &[Unit], at: super::LinkBase) -> Vec<Row> {
    units
        .iter()
        .filter_map(|&u| {
            let doc = corpus.documents.get(u.doc as usize)?;
            let p = doc.passages.get(u.passage as usize)?;
            let tags = analysis.info(u).map(|i| &i.themes[..]).unwrap_or_default();
            Some(Row {
                source: doc.id.clone(),
                title: doc.title.clone(),
                passage: p.id.clone(),
                themes: tags.iter().map(|t| t.id.clone()).collect(),
                theme_labels: tags.iter().map(|t| t.label.clone()).collect(),
                text: p.text.clone(),
                link: at.passage(&doc.id, &p.id),
            })
        })
        .collect()
}

/// Rows for concordance lines, in the order given; lines of unknown sources are left out.
pub fn kwic_rows(corpus: &Corpus, lines: &[KwicLine], at: super::LinkBase) -> Vec<KwicRow> {
    lines
        .iter()
        .filter_map(|l| {
            let doc: &Document = corpus.document(&l.doc)?;
            Some(KwicRow {
                source: doc.id.clone(),
                title: doc.title.clone(),
                passage: l.passage.clone(),
                left: l.left.clone(),
                matched: l.matched.clone(),
                right: l.right.clone(),
                link: at.passage(&doc.id, &l.passage),
            })
        })
        .collect()
}

/// "Title, passage 3": where a passage is, as the results name it.
fn place(title: &str, passage: &str) -> String {
    format!("{title}, {}", crate::strings::passage_name(passage))
}

/// The passages' table, without title or file name.
fn passage_table(rows: &[Row]) -> Table {
    Table {
        columns: vec![
            Column::new("title", "Source", Show::Data),
            Column::new("source", "Source id", Show::Data),
            Column::new("passage", "Passage", Show::Data),
            Column::new("where", "Where", Show::People),
            Column::new("theme_labels", "Themes", Show::All),
            Column::new("themes", "Theme ids", Show::Data),
            Column::new("text", "Text", Show::All),
            Column::new("link", "Link", Show::All).link(),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.title.as_str().into(),
                    r.source.as_str().into(),
                    r.passage.as_str().into(),
                    place(&r.title, &r.passage).into(),
                    r.theme_labels.clone().into(),
                    r.themes.clone().into(),
                    r.text.as_str().into(),
                    r.link.as_str().into(),
                ]
            })
            .collect(),
        label: Some(3),
        quote: Some(6),
        ..Table::default()
    }
}

/// The concordance's table, without title or file name.
fn kwic_table(rows: &[KwicRow]) -> Table {
    Table {
        columns: vec![
            Column::new("title", "Source", Show::Data),
            Column::new("source", "Source id", Show::Data),
            Column::new("passage", "Passage", Show::Data),
            Column::new("where", "Where", Show::People),
            Column::new("left", "Before", Show::Data),
            Column::new("match", "Match", Show::All),
            Column::new("right", "After", Show::Data),
            Column::new("line", "Line", Show::People),
            Column::new("link", "Link", Show::All).link(),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.title.as_str().into(),
                    r.source.as_str().into(),
                    r.passage.as_str().into(),
                    place(&r.title, &r.passage).into(),
                    r.left.as_str().into(),
                    r.matched.as_str().into(),
                    r.right.as_str().into(),
                    Cell::Marked(r.left.clone(), r.matched.clone(), r.right.clone()),
                    r.link.as_str().into(),
                ]
            })
            .collect(),
        label: Some(3),
        quote: Some(7),
        ..Table::default()
    }
}

/// Passages as CSV (with a BOM): `Source,Source id,Passage,Themes,Theme ids,Text,Link`.
pub fn csv(rows: &[Row]) -> String {
    passage_table(rows).write(Format::Csv)
}

/// Concordance lines as CSV (with a BOM): `Source,Source id,Passage,Before,Match,After,Link`.
pub fn kwic_csv(rows: &[KwicRow]) -> String {
    kwic_table(rows).write(Format::Csv)
}

/// `table` under the title of `view`, with the lines about its search and filters and the
/// parts of its file name: the query, then the filters (a reader's own theme by its label).
fn describe(
    corpus: &Corpus,
    analysis: &Analysis,
    view: &Explore,
    made: &Made,
    count: String,
    table: Table,
) -> Table {
    let query = view.query.trim();
    let kwic = view.kwic && !query.is_empty();
    let title = match (kwic, query.is_empty()) {
        (true, _) => format!("“{}” with the words around it", query.trim_matches('"')),
        (false, true) => "Passages".to_owned(),
        (false, false) => format!("Passages for “{query}”"),
    };
    let mut name = vec!["explore".to_owned()];
    if kwic {
        name.push("kwic".into());
    }
    name.push(query.to_owned());
    let mut about = Vec::new();
    if !query.is_empty() {
        about.push(("Search".to_owned(), query.to_owned()));
    }
    let themes = analysis.themes.themes();
    let labels: Vec<String> = view
        .themes
        .iter()
        .map(|id| {
            let theme = themes.iter().find(|t| t.id == *id);
            name.push(match theme {
                Some(t) if !corpus.themes.iter().any(|b| b.id == t.id) => t.label.clone(),
                _ => id.clone(),
            });
            theme.map_or_else(|| id.clone(), |t| t.label.clone())
        })
        .collect();
    if !labels.is_empty() {
        about.push(("Themes".to_owned(), labels.join(", ")));
    }
    let sources = if view.sources.is_empty() {
        sources_line(corpus, corpus.documents.iter().map(|d| d.id.as_str()))
    } else {
        name.extend(view.sources.iter().cloned());
        sources_line(corpus, view.sources.iter().map(String::as_str))
    };
    about.push(("Sources".to_owned(), sources));
    if !view.entities.is_empty() {
        let names: Vec<&str> = view
            .entities
            .iter()
            .map(|id| {
                corpus
                    .entities
                    .iter()
                    .find(|e| e.id == *id)
                    .map_or(id.as_str(), |e| e.name.as_str())
            })
            .collect();
        name.extend(view.entities.iter().cloned());
        about.push((
            "People, places and organisations".to_owned(),
            names.join(", "),
        ));
    }
    if !view.langs.is_empty() {
        name.extend(view.langs.iter().map(|l| l.code().to_owned()));
        let langs: Vec<&str> = view.langs.iter().map(|l| l.name()).collect();
        about.push(("Languages".to_owned(), langs.join(", ")));
    }
    about.push(("Found".to_owned(), count));
    table.titled(title, about, made, View::Explore(view.clone()), name)
}

/// Explore's passages (`units`, in the order shown) as an export of `view`.
pub fn passages(
    corpus: &Corpus,
    analysis: &Analysis,
    view: &Explore,
    units: &[Unit],
    made: &Made,
) -> Table {
    let rows = rows(corpus, analysis, units, made.at);
    let count = crate::strings::count(rows.len(), "passage", "passages");
    describe(corpus, analysis, view, made, count, passage_table(&rows))
}

/// Explore's concordance lines (in the order shown) as an export of `view`.
pub fn concordance(
    corpus: &Corpus,
    analysis: &Analysis,
    view: &Explore,
    lines: &[KwicLine],
    made: &Made,
) -> Table {
    let rows = kwic_rows(corpus, lines, made.at);
    let count = crate::strings::count(rows.len(), "match", "matches");
    let view = Explore {
        kwic: true,
        ..view.clone()
    };
    describe(corpus, analysis, &view, made, count, kwic_table(&rows))
}

#[cfg(test)]
mod tests {
    use super::super::{LinkBase, Made};
    use super::*;
    use crate::state::CustomTheme;

    fn row(text: &str) -> Row {
        Row {
            source: "001".into(),
            title: "A \"quoted\", title".into(),
            passage: "p1".into(),
            themes: vec!["trade".into(), "my1".into()],
            theme_labels: vec!["Trade and finance".into(), "Corridors".into()],
            text: text.into(),
            link: "http://127.0.0.1:8080/#/read/001/p1?v=abc".into(),
        }
    }

    #[test]
    fn csv_has_labels_and_ids_and_defuses_formulas() {
        let out = csv(&[row("=HYPERLINK(\"x\")"), row("line\nbreak")]);
        assert!(out.starts_with('\u{feff}'), "no byte-order mark");
        let lines: Vec<&str> = out['\u{feff}'.len_utf8()..].split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Source,Source id,Passage,Themes,Theme ids,Text,Link"
        );
        assert_eq!(
            lines[1],
            "\"A \"\"quoted\"\", title\",001,p1,Trade and finance; Corridors,trade; my1,\"'=HYPERLINK(\"\"x\"\")\",http://127.0.0.1:8080/#/read/001/p1?v=abc"
        );
        assert!(out.contains("\"line\nbreak\""));
    }

    #[test]
    fn links_back_keep_the_readers_themes() {
        let custom = [CustomTheme {
            label: "Corridors".into(),
            terms: vec!["trade route".into(), "rail".into()],
        }];
        let at = LinkBase {
            base: "http://127.0.0.1:8080/",
            version: "0123456789ab",
            custom: &custom,
            edits: &crate::state::NO_THEME_CHANGES,
            pages: &[],
        };
        let link = at.passage("001", "p3");
        assert_eq!(
            link,
            "http://127.0.0.1:8080/#/read/001/p3?custom=Corridors:trade%20route|rail&v=0123456789ab"
        );
        let none = LinkBase {
            custom: &[],
            edits: &crate::state::NO_THEME_CHANGES,
            ..at
        };
        assert_eq!(
            none.passage("001", "p3"),
            "http://127.0.0.1:8080/#/read/001/p3?v=0123456789ab"
        );
        let made = Made {
            at: none,
            date: "2026-12-05",
        };
        assert_eq!(
            made.at.view(View::Map),
            "http://127.0.0.1:8080/#/map?v=0123456789ab"
        );
    }

    fn kwic_row(left: &str, right: &str) -> KwicRow {
        KwicRow {
            source: "004".into(),
            title: "A | piped title".into(),
            passage: "p2".into(),
            left: left.into(),
            matched: "Bushehr".into(),
            right: right.into(),
            link: "http://127.0.0.1:8080/#/read/004/p2?v=abc".into(),
        }
    }

    #[test]
    fn kwic_exports_keep_the_columns() {
        let out = kwic_csv(&[kwic_row("-built the ", " plant, \"the\"")]);
        let lines: Vec<&str> = out['\u{feff}'.len_utf8()..].split("\r\n").collect();
        assert_eq!(lines[0], "Source,Source id,Passage,Before,Match,After,Link");
        assert_eq!(
            lines[1],
            "A | piped title,004,p2,\"'-built the \",Bushehr,\" plant, \"\"the\"\"\",http://127.0.0.1:8080/#/read/004/p2?v=abc"
        );
        let table = kwic_table(&[kwic_row("line\nbreak | pipe *a ", " *b*")]);
        let back: Vec<serde_json::Value> =
            serde_json::from_str(&table.write(Format::Json)).unwrap();
        assert_eq!(back[0]["match"], "Bushehr");
        assert_eq!(back[0]["left"], "line\nbreak | pipe *a ");
        let md = table.write(Format::Markdown);
        assert!(
            md.ends_with(
                "\n**A \\| piped title, passage 2**\n\n> line break \\| pipe \\*a **Bushehr** \\*b\\*\n\n- Match: Bushehr\n- Link: <http://127.0.0.1:8080/#/read/004/p2?v=abc>\n"
            ),
            "{md}"
        );
        let text = table.write(Format::Text);
        assert!(
            text.ends_with(
                "\n• A | piped title, passage 2\n  “line break | pipe *a Bushehr *b*”\n  Match: Bushehr\n  Link: http://127.0.0.1:8080/#/read/004/p2?v=abc\n"
            ),
            "{text}"
        );
    }
}
