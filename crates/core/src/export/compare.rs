//! Compare's exports: its summary (per theme shown, each source's passages, the wording sources share, what they disagree about, and the totals row) and its table of claims, figures and dates (what each source states, and whether they agree), as the view shows them.

use super::{sources_line, Cell, Column, Made, Show, Table};
use crate::compare::{Comparison, Shared};
use crate::facts::{Agreement, FactKind};
use crate::model::Corpus;
use crate::overview::value_label;
use crate::state::{Compare, View};
use crate::strings::count;

/// "002 and 004: 3 places", per pair of sources.
fn shared(shared: &[Shared]) -> Cell {
    Cell::List(
        shared
            .iter()
            .map(|s| {
                format!(
                    "{} and {}: {}",
                    s.docs[0],
                    s.docs[1],
                    count(s.places, "place", "places")
                )
            })
            .collect(),
    )
}

/// "002 and 004", "002, 003 and 004".
fn and_list(ids: &[String]) -> String {
    match ids.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => ids.join(""),
    }
}

/// The lines about a comparison and the start of its file name: its sources, its theme, and
/// whether only differences are shown.
fn about(
    corpus: &Corpus,
    comparison: &Comparison,
    view: &Compare,
) -> (Vec<(String, String)>, Vec<String>) {
    let mut about = vec![(
        "Sources".to_owned(),
        sources_line(corpus, comparison.docs.iter().map(String::as_str)),
    )];
    let mut name = vec!["compare".to_owned()];
    name.extend(comparison.docs.iter().cloned());
    if let Some(t) = &view.theme {
        let label = comparison
            .rows
            .iter()
            .find(|r| r.theme == *t)
            .map_or(t.as_str(), |r| r.label.as_str());
        about.push(("Theme".to_owned(), label.to_owned()));
        name.push(t.clone());
    }
    if view.only_differ {
        about.push((
            "Shown".to_owned(),
            "only where the sources differ".to_owned(),
        ));
        name.push("differ".to_owned());
    }
    (about, name)
}

/// The compare view's summary, as its table "At a glance" shows it: one row per theme shown
/// (`Comparison::shown`), then, with more than one, the row of all of them in which each
/// passage, place and fact counts once (`Comparison::totals`).
pub fn compare_summary(
    corpus: &Corpus,
    comparison: &Comparison,
    view: &Compare,
    made: &Made,
) -> Table {
    let rows = comparison.shown(view.theme.as_deref(), view.only_differ);
    let mut columns = vec![
        Column::new("theme_label", "Theme", Show::All),
        Column::new("theme", "Theme id", Show::Data),
    ];
    for d in &comparison.docs {
        columns.push(Column::new(
            format!("passages_{d}"),
            format!("Passages in {d}"),
            Show::All,
        ));
    }
    columns.extend([
        Column::new("same_wording", "Same wording", Show::All),
        Column::new("disagree_about", "They disagree about", Show::All),
        Column::new("disagree_ids", "Disputed fact ids", Show::Data),
    ]);
    let mut out: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            let mut cells: Vec<Cell> = vec![r.label.as_str().into(), r.theme.as_str().into()];
            cells.extend(r.columns.iter().map(|c| Cell::Number(c.passages.len())));
            cells.push(shared(&r.shared));
            cells.push(Cell::List(
                r.disputes.iter().map(|d| d.label.clone()).collect(),
            ));
            cells.push(Cell::List(
                r.disputes.iter().map(|d| d.key.clone()).collect(),
            ));
            cells
        })
        .collect();
    if rows.len() > 1 {
        let t = comparison.totals(&rows);
        let mut cells: Vec<Cell> = vec![
            "All these themes (each passage counted once)".into(),
            "".into(),
        ];
        cells.extend(t.passages.iter().map(|&n| Cell::Number(n)));
        cells.push(shared(&t.shared));
        cells.push(Cell::List(
            t.disputes.iter().map(|(_, l)| l.clone()).collect(),
        ));
        cells.push(Cell::List(
            t.disputes.iter().map(|(k, _)| k.clone()).collect(),
        ));
        out.push(cells);
    }
    let (about, mut name) = about(corpus, comparison, view);
    name.push("summary".to_owned());
    let title = format!("Compare {}: at a glance", and_list(&comparison.docs));
    Table {
        columns,
        rows: out,
        label: Some(0),
        ..Table::default()
    }
    .titled(title, about, made, View::Compare(view.clone()), name)
}

/// The compare view's claims, then its figures and dates (`Comparison::fact_tables`): per fact,
/// what each source states (each value as the table words it, "(2×)" when stated more than
/// once; nothing when not stated) and whether they agree.
pub fn compare_facts(
    corpus: &Corpus,
    comparison: &Comparison,
    view: &Compare,
    made: &Made,
) -> Table {
    let (claims, figures) = comparison.fact_tables(corpus, view.theme.as_deref(), view.only_differ);
    let docs: Vec<&str> = comparison.docs.iter().map(String::as_str).collect();
    let mut columns = vec![
        Column::new("label", "Fact", Show::People),
        Column::new("kind", "Kind", Show::Data),
        Column::new("fact", "Fact", Show::Data),
        Column::new("key", "Fact id", Show::Data),
    ];
    for d in &docs {
        columns.push(Column::new(format!("source_{d}"), *d, Show::All));
    }
    columns.push(Column::new("agreement", "Agreement", Show::All));
    let rows = claims
        .iter()
        .chain(&figures)
        .map(|g| {
            let label = match g.kind {
                FactKind::Claim => g.shown_label(),
                _ => format!("{}: {}", g.kind_word(), g.shown_label()),
            };
            let mut cells: Vec<Cell> = vec![
                label.into(),
                g.kind_word().trim_end_matches(" of").into(),
                g.shown_label().into(),
                g.key.as_str().into(),
            ];
            for values in g.by_source(&docs) {
                cells.push(Cell::List(
                    values
                        .into_iter()
                        .map(|(v, mentions)| {
                            let shown =
                                value_label(g, v, &corpus.claims, &g.mentions[mentions[0]].text);
                            match mentions.len() {
                                1 => shown,
                                n => format!("{shown} ({n}×)"),
                            }
                        })
                        .collect(),
                ));
            }
            cells.push(
                match g.agreement {
                    Agreement::Agree => "agree",
                    Agreement::Differ => "differ",
                    Agreement::Single => "single source",
                }
                .into(),
            );
            cells
        })
        .collect();
    let (about, mut name) = about(corpus, comparison, view);
    name.push("facts".to_owned());
    let title = format!(
        "Compare {}: figures, dates and claims",
        and_list(&comparison.docs)
    );
    Table {
        columns,
        rows,
        label: Some(0),
        ..Table::default()
    }
    .titled(title, about, made, View::Compare(view.clone()), name)
}
