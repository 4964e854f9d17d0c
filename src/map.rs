//! The theme × source map (`#/map`): an SVG heat map drawn here (no chart library) and the same
//! numbers as an accessible table folded under it, every cell a link to the explorer filtered to its theme and
//! source, and their export. It only counts the core's tags; it decides nothing about what a theme is.

use parallax_core::analysis::Analysis;
use parallax_core::state::{Explore, Source, View};
use parallax_core::strings;
use parallax_core::Corpus;
use yew::prelude::*;

use crate::ctx::{use_ctx, Ctx};
use crate::dom;
use crate::export_buttons::{ExportButtons, Exported};

/// One cell: how many of a source's passages carry a theme.
#[derive(Clone, PartialEq)]
struct Cell {
    count: usize,
    total: usize,
}

impl Cell {
    /// The share in whole percent, rounded to nearest; an empty source has 0 %.
    fn percent(&self) -> usize {
        parallax_core::analysis::percent(self.count, self.total)
    }

    /// Colour class from 0 (no passage) to 5. Any passage at all is at least class 1, so that a
    /// share that rounds to 0 % does not look like none.
    fn bin(&self) -> usize {
        match (self.count, self.percent()) {
            (0, _) => 0,
            (_, p) if p < 10 => 1,
            (_, p) if p < 25 => 2,
            (_, p) if p < 50 => 3,
            (_, p) if p < 75 => 4,
            _ => 5,
        }
    }
}

/// The ranges of the colour classes, for the legend.
const BINS: [&str; 6] = ["0%", "1–9%", "10–24%", "25–49%", "50–74%", "75–100%"];

/// A theme row: its id, label, whether the reader defined it, and one cell per source.
struct Row {
    id: String,
    label: String,
    custom: bool,
    cells: Vec<Cell>,
}

/// Rows of the map, from the core's theme × source matrix (built-in themes, then reader-defined).
fn rows(corpus: &Corpus, analysis: &Analysis) -> Vec<Row> {
    let m = analysis.theme_matrix(corpus);
    analysis
        .themes
        .themes()
        .iter()
        .zip(m.counts)
        .map(|(t, counts)| Row {
            id: t.id.clone(),
            label: t.label.clone(),
            custom: !corpus.themes.iter().any(|b| b.id == t.id),
            cells: counts
                .into_iter()
                .zip(&m.totals)
                .map(|(count, &total)| Cell { count, total })
                .collect(),
        })
        .collect()
}

/// The explorer filtered to one theme and one source.
fn explore_href(ctx: &Ctx, theme: &str, doc: &str) -> String {
    ctx.href(&ctx.with_view(View::Explore(Explore {
        themes: vec![theme.to_owned()],
        sources: vec![doc.to_owned()],
        ..Explore::default()
    })))
}

/// A label cut to `max` characters with an ellipsis, for the SVG where text cannot wrap.
fn clip(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_owned()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.truncate(s.trim_end().len());
        s.push('…');
        s
    }
}

/// "5 of 22 passages of 001 (23%) are tagged Energy and nuclear": what a cell says in words.
/// What a cell's numbers are about, for screen readers; starts with the visible text, as WCAG's
/// label-in-name rule asks of the table's links.
fn cell_words(cell: &Cell, theme: &str, doc: &str) -> String {
    format!(
        "{}% {} of {} passages: {theme}, source {doc}",
        cell.percent(),
        cell.count,
        cell.total
    )
}

// Geometry of the SVG in its own units. The theme label sits above its row of cells, so the
// drawing stays narrow enough to be legible on a 360 px screen when scaled to fit.
const PAD: i32 = 4;
const HEAD: i32 = 26;
const LABEL: i32 = 20;
const CELL_W: i32 = 62;
const CELL_H: i32 = 44;
const GAP: i32 = 4;
const ROW_GAP: i32 = 8;
/// Characters of a theme label that fit on one line of the drawing at its font size.
const LABEL_CHARS: usize = 46;

#[derive(Properties, PartialEq)]
struct HeatProps {
    /// Source ids, in corpus order: the columns.
    docs: Vec<String>,
    /// Per row: id, label and cells (count, total), as plain data so that props compare cheaply.
    rows: Vec<(String, String, Vec<Cell>)>,
    summary: AttrValue,
}

/// The SVG heat map. A group rather than an image: its cells are links, and the children of
/// `role="img"` are hidden from assistive technology, which would leave focusable links unnamed.
#[component]
fn HeatMap(props: &HeatProps) -> Html {
    let ctx = use_ctx();
    let cols = props.docs.len().max(1) as i32;
    let width = (2 * PAD + cols * CELL_W + (cols - 1) * GAP).max(320);
    let row_h = LABEL + CELL_H + ROW_GAP;
    let height = HEAD + props.rows.len() as i32 * row_h + PAD;
    let x_of = |c: usize| PAD + c as i32 * (CELL_W + GAP);
    let heads = props.docs.iter().enumerate().map(|(c, doc)| {
        html! {
            <text class="col-label" x={(x_of(c) + CELL_W / 2).to_string()} y="18" text-anchor="middle">{ doc }</text>
        }
    });
    let rows = props.rows.iter().enumerate().map(|(r, (id, label, cells))| {
        let top = HEAD + r as i32 * row_h;
        let y = top + LABEL;
        let cells = cells.iter().zip(&props.docs).enumerate().map(|(c, (cell, doc))| {
            let x = x_of(c);
            let words = cell_words(cell, label, doc);
            html! {
                // The cell's name is its visible text ("71% 10 of 14"); what the numbers are about
                // is its description, so that name and visible text never disagree (WCAG 2.5.3).
                <a class="cell" href={explore_href(&ctx, id, doc)}
                    data-theme={id.clone()} data-doc={doc.clone()}
                    data-count={cell.count.to_string()} data-total={cell.total.to_string()}>
                    <desc>{ words }</desc>
                    <rect class={format!("cell-bg heat-b{}", cell.bin())} x={x.to_string()} y={y.to_string()}
                        width={CELL_W.to_string()} height={CELL_H.to_string()} rx="3" />
                    <text class={format!("cell-pct heat-t{}", cell.bin())} x={(x + CELL_W / 2).to_string()} y={(y + 20).to_string()}
                        text-anchor="middle">{ format!("{}%", cell.percent()) }</text>
                    <text class={format!("cell-n heat-t{}", cell.bin())} x={(x + CELL_W / 2).to_string()} y={(y + 37).to_string()}
                        text-anchor="middle">{ format!("{} of {}", cell.count, cell.total) }</text>
                    <rect class="cell-focus" x={(x - 2).to_string()} y={(y - 2).to_string()}
                        width={(CELL_W + 4).to_string()} height={(CELL_H + 4).to_string()} rx="4" />
                </a>
            }
        });
        html! {
            <g class="row" data-theme={id.clone()}>
                <text class="row-label" x={PAD.to_string()} y={(top + 15).to_string()}>
                    <title>{ label }</title>
                    { clip(label, LABEL_CHARS) }
                </text>
                { for cells }
            </g>
        }
    });
    html! {
        <svg class="heatmap" viewBox={format!("0 0 {width} {height}")} role="group"
            aria-label={props.summary.clone()} xmlns="http://www.w3.org/2000/svg">
            { for heads }
            { for rows }
        </svg>
    }
}

#[component]
pub fn MapView() -> Html {
    dom::use_title("Themes in each source — Parallax".to_owned());
    let ctx = use_ctx();
    let corpus = &ctx.data.bundle.corpus;
    let analysis = ctx.data.analysis(&ctx.state);
    let rows = rows(corpus, &analysis);
    let docs: Vec<String> = corpus.documents.iter().map(|d| d.id.clone()).collect();

    let best = rows
        .iter()
        .flat_map(|r| r.cells.iter().zip(&docs).map(move |(c, d)| (r, c, d)))
        .filter(|(_, c, _)| c.count > 0)
        .max_by(|a, b| {
            (a.1.count * b.1.total.max(1))
                .cmp(&(b.1.count * a.1.total.max(1)))
                // On a tie keep the first in reading order (max_by keeps the last).
                .then(std::cmp::Ordering::Greater)
        });
    let summary = format!(
        "Heat map of {} by {}: each cell is the share of a source's passages tagged with a theme, \
         with the passage count, and links to those passages.{}",
        strings::count(rows.len(), "theme", "themes"),
        strings::count(docs.len(), "source", "sources"),
        best.map_or(String::new(), |(r, c, d)| format!(
            " Highest: {}.",
            cell_words(c, &r.label, d)
        ))
    );
    let heat_rows: Vec<(String, String, Vec<Cell>)> = rows
        .iter()
        .map(|r| (r.id.clone(), r.label.clone(), r.cells.clone()))
        .collect();

    let legend = corpus.documents.iter().map(|d| {
        let href = ctx.href(&ctx.with_view(View::Source(Source { doc: d.id.clone() })));
        html! {
            <li key={d.id.clone()}>
                <span class="legend-id">{ &d.id }</span>
                <a {href}>{ &d.title }</a>
            </li>
        }
    });
    let scale = BINS.iter().enumerate().map(|(i, range)| {
        html! {
            <li>
                <svg class="swatch" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <rect class={format!("cell-bg heat-b{i}")} x="1" y="1" width="22" height="22" rx="3" />
                </svg>
                { *range }
            </li>
        }
    });
    let head = docs.iter().zip(&corpus.documents).map(|(id, d)| {
        html! {
            <th scope="col" key={id.clone()}>
                <span aria-hidden="true">{ id }</span>
                <span class="vh">{ format!("{id}: {}", d.title) }</span>
            </th>
        }
    });
    let body = rows.iter().map(|r| {
        let cells = r.cells.iter().zip(&docs).map(|(c, doc)| {
            html! {
                <td>
                    <a href={explore_href(&ctx, &r.id, doc)} aria-label={cell_words(c, &r.label, doc)}
                        data-theme={r.id.clone()} data-doc={doc.clone()}
                        data-count={c.count.to_string()} data-total={c.total.to_string()}>
                        <span class="share">{ format!("{}%", c.percent()) }</span>
                        <span class="count">{ format!("{} of {}", c.count, c.total) }</span>
                    </a>
                </td>
            }
        });
        html! {
            <tr key={r.id.clone()} data-theme={r.id.clone()}>
                <th scope="row">
                    { &r.label }
                    if r.custom { <span class="map-mine">{ " (your theme)" }</span> }
                </th>
                { for cells }
            </tr>
        }
    });

    html! {
        <section class="map-view">
            <h1>{ "Themes in each source" }</h1>
            <p class="lede">
                { "How much of each source is about each theme: the share of its passages that are about the theme, and how many passages that is. " }
                { "Open a square to read those passages." }
            </p>
            if corpus.themes.iter().any(parallax_core::found::is_found) {
                <p class="help" data-testid="found-themes">
                    { "Some themes were found in the texts themselves and are named by their most telling words. " }
                    <a href={ctx.href(&ctx.with_view(View::Explore(Explore::default())))}>{ "Rename, join or hide them in Explore" }</a>
                    { ": the link keeps your changes." }
                </p>
            }
            <div class="map-keys">
                <div class="map-legend">
                    <h2 id="map-sources">{ "Sources" }</h2>
                    <ul aria-labelledby="map-sources">{ for legend }</ul>
                </div>
                <div class="map-scale">
                    <h2 id="map-scale">{ "Colours" }</h2>
                    <ul aria-labelledby="map-scale">{ for scale }</ul>
                    <p class="help">{ "Darker (in dark mode, lighter) means a larger share; every square also gives its numbers." }</p>
                </div>
            </div>
            <figure class="map-figure">
                <HeatMap docs={docs.clone()} rows={heat_rows} summary={AttrValue::from(summary)} />
                <figcaption>{ "Columns are sources (numbered as in the list above), rows are themes." }</figcaption>
            </figure>
            <ExportButtons what={Exported::Map} label="Export these numbers" />
            // The same numbers as a table, for screen readers and for copying: folded under the
            // drawing, never dropped.
            <details class="map-table-details">
                <summary>{ "The same numbers as a table" }</summary>
                <div class="map-scroll" tabindex="0" role="region" aria-labelledby="map-table-caption">
                    <table class="map-table">
                        <caption id="map-table-caption">{ "Share of each source's passages about each theme (passages about it, of all its passages)" }</caption>
                        <thead>
                            <tr><th scope="col">{ "Theme" }</th>{ for head }</tr>
                        </thead>
                        <tbody>{ for body }</tbody>
                    </table>
                </div>
            </details>
        </section>
    }
}
