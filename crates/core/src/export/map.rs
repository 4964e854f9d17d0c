//! The map's export: its table of themes × sources, one row per theme (built-in, then the reader's own), per source how many of its passages are about the theme and what share of them that is.

use super::{sources_line, Column, Made, Show, Table};
use crate::analysis::{percent, Analysis};
use crate::model::Corpus;
use crate::state::View;

/// The map's table: per theme its label (a reader's own marked "your theme" for people) and id,
/// then per source (corpus order) the passages about it, of how many, and the share in percent;
/// for people, each cell as the map words it ("23% (5 of 22)").
pub fn map(corpus: &Corpus, analysis: &Analysis, made: &Made) -> Table {
    let m = analysis.theme_matrix(corpus);
    let mut columns = vec![
        Column::new("label", "Theme", Show::People),
        Column::new("theme_label", "Theme", Show::Data),
        Column::new("theme", "Theme id", Show::Data),
        Column::new("yours", "Your theme", Show::Data),
    ];
    for (d, total) in corpus.documents.iter().zip(&m.totals) {
        let id = &d.id;
        columns.extend([
            Column::new(
                format!("passages_{id}"),
                format!("Passages in {id} (of {total})"),
                Show::Data,
            ),
            Column::new(
                format!("share_{id}"),
                format!("Share of {id} (%)"),
                Show::Data,
            ),
            Column::new(format!("cell_{id}"), id.as_str(), Show::People),
        ]);
    }
    let rows = analysis
        .themes
        .themes()
        .iter()
        .zip(&m.counts)
        .map(|(t, counts)| {
            let yours = !corpus.themes.iter().any(|b| b.id == t.id);
            let mut cells = vec![
                if yours {
                    format!("{} (your theme)", t.label)
                } else {
                    t.label.clone()
                }
                .into(),
                t.label.as_str().into(),
                t.id.as_str().into(),
                if yours { "yes" } else { "no" }.into(),
            ];
            for (&n, &total) in counts.iter().zip(&m.totals) {
                let share = percent(n, total);
                cells.extend([
                    n.into(),
                    share.into(),
                    format!("{share}% ({n} of {total})").into(),
                ]);
            }
            cells
        })
        .collect();
    let about = vec![
        (
            "Sources".to_owned(),
            sources_line(corpus, corpus.documents.iter().map(|d| d.id.as_str())),
        ),
        (
            "Each number".to_owned(),
            "the share of a source's passages that are about a theme, and how many passages that is"
                .to_owned(),
        ),
    ];
    Table {
        columns,
        rows,
        label: Some(0),
        ..Table::default()
    }
    .titled(
        "Themes in each source".to_owned(),
        about,
        made,
        View::Map,
        vec!["map".to_owned(), "themes-by-source".to_owned()],
    )
}
