//! A source profile's export: one row per thing the profile shows, in its sections and order (about the page, signals, what cleaning removed, people, places and organisations, themes), each with its id and number for spreadsheets.

use super::{Cell, Column, Made, Show, Table};
use crate::analysis::{percent, Analysis};
use crate::model::{count_words, Corpus, RemovalKind};
use crate::signals::DocumentSignals;
use crate::state::{Source, View};
use crate::strings::{count, language_name};

/// The profile's sections, as its headings name them.
const ABOUT: &str = "About this page";
const SIGNALS: &str = "Signals: things to check";
const REMOVED: &str = "What cleaning removed, and why";
const NAMED: &str = "People, places and organisations";
const THEMES: &str = "Themes";

/// The profile of source `doc` (`None` when there is no such source): per row its section,
/// item, item id, the value as the profile words it, and a number (words of the page or of a
/// removed kind, evidence places of a signal, mentions of a name, passages on a theme).
pub fn profile(
    corpus: &Corpus,
    analysis: &Analysis,
    signals: &[DocumentSignals],
    doc: &str,
    made: &Made,
) -> Option<Table> {
    let index = corpus.documents.iter().position(|d| d.id == doc)?;
    let d = &corpus.documents[index];
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row = |section: &str, item: &str, id: &str, value: String, number: Option<usize>| {
        rows.push(vec![
            section.into(),
            item.into(),
            id.into(),
            value.into(),
            number.map_or_else(|| Cell::Text(String::new()), Cell::Number),
        ]);
    };
    let or = |v: &Option<String>, none: &str| v.clone().unwrap_or_else(|| none.to_owned());

    row(ABOUT, "Title", "title", d.title.clone(), None);
    let author = d.byline.as_ref().map_or_else(
        || "None named".to_owned(),
        |b| format!("{} ({})", b.name, b.source.how()),
    );
    row(ABOUT, "Author", "byline", author, None);
    let date = d.date.as_ref().map(|x| x.text.clone());
    row(ABOUT, "Date", "date", or(&date, "None given"), None);
    if let Some(m) = &d.modified {
        row(ABOUT, "Updated", "modified", m.text.clone(), None);
    }
    row(
        ABOUT,
        "Type of page",
        "kind",
        or(&d.kind, "Not given"),
        None,
    );
    row(ABOUT, "Website", "site", or(&d.site, "Not given"), None);
    // What only some pages say of themselves: a row when they say it.
    let details = &d.details;
    if let Some(url) = &details.url {
        row(ABOUT, "Web address", "url", url.clone(), None);
    }
    if let Some(lang) = &details.lang {
        row(ABOUT, "Language", "lang", language_name(lang), None);
    }
    if let Some(text) = &details.description {
        row(
            ABOUT,
            "The page's summary",
            "description",
            text.clone(),
            None,
        );
    }
    let words = d.word_count();
    let length = format!(
        "{} in {}",
        count(words, "word", "words"),
        count(d.passages.len(), "passage", "passages")
    );
    row(ABOUT, "Length", "words", length, Some(words));
    row(ABOUT, "Saved as", "file", d.file.clone(), None);

    for s in signals
        .iter()
        .find(|s| s.id == d.id)
        .map_or(&[][..], |s| &s.signals)
    {
        let n = s.evidence.len();
        let value = if n == 0 {
            String::new()
        } else {
            format!("evidence in {}", count(n, "place", "places"))
        };
        row(SIGNALS, &s.label, s.kind.id(), value, Some(n));
    }

    for kind in RemovalKind::ALL {
        let (blocks, words) = d
            .removed
            .iter()
            .filter(|r| r.kind == kind)
            .fold((0, 0), |(b, w), r| (b + 1, w + count_words(&r.text)));
        if blocks > 0 {
            let value = format!(
                "{}, {}",
                count(blocks, "block", "blocks"),
                count(words, "word", "words")
            );
            row(REMOVED, kind.label(), kind.id(), value, Some(words));
        }
    }

    let mut named: Vec<_> = analysis
        .entity_counts(corpus)
        .into_iter()
        .filter_map(|e| {
            let n = e.per_source.get(index).map_or(0, |(_, n)| *n);
            (n > 0).then_some((e, n))
        })
        .collect();
    // Most named first, then by name: the profile's order.
    crate::sort::sort_by(&mut named, |a, b| {
        b.1.cmp(&a.1).then(a.0.name.cmp(&b.0.name))
    });
    for (e, n) in named {
        let value = format!("{}, {}", e.kind.word(), count(n, "mention", "mentions"));
        row(NAMED, &e.name, &e.id, value, Some(n));
    }

    let m = analysis.theme_matrix(corpus);
    let total = m.totals.get(index).copied().unwrap_or(0);
    for (t, counts) in analysis.themes.themes().iter().zip(&m.counts) {
        let n = counts.get(index).copied().unwrap_or(0);
        let value = format!(
            "{} ({}%)",
            count(n, "passage", "passages"),
            percent(n, total)
        );
        row(THEMES, &t.label, &t.id, value, Some(n));
    }

    let table = Table {
        columns: vec![
            Column::new("section", "Section", Show::All),
            Column::new("item", "Item", Show::All),
            Column::new("id", "Item id", Show::Data),
            Column::new("value", "Value", Show::All),
            Column::new("number", "Number", Show::Data),
        ],
        rows,
        label: Some(1),
        group: Some(0),
        ..Table::default()
    };
    Some(table.titled(
        format!("Source {}: {}", d.id, d.title),
        Vec::new(),
        made,
        View::Source(Source { doc: d.id.clone() }),
        vec!["source".to_owned(), d.id.clone(), d.title.clone()],
    ))
}
