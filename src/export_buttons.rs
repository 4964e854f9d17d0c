//! Export of exactly the current filtered view as CSV, JSON or Markdown: each passage (or, in
//! KWIC mode, each concordance line) with its source title, passage id, themes and a link back;
//! the formats themselves are the core's.

use std::rc::Rc;

use parallax_core::analysis::KwicLine;
use parallax_core::export::{
    csv, json, kwic_csv, kwic_markdown, kwic_rows, markdown, rows, LinkBase,
};
use parallax_core::search::Unit;
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::dom;

/// What the view shows, to be exported as shown.
#[derive(Clone, PartialEq)]
pub enum Exported {
    /// Passages, in the order shown.
    Passages(Vec<Unit>),
    /// Concordance lines, in the order shown.
    Kwic(Rc<Vec<KwicLine>>),
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub what: Exported,
    /// A heading for the Markdown file, e.g. the query.
    pub heading: AttrValue,
}

#[component]
pub fn ExportButtons(props: &Props) -> Html {
    let ctx = use_ctx();
    let failed = use_state_eq(|| false);
    let make = |format: &'static str| {
        let ctx = ctx.clone();
        let what = props.what.clone();
        let heading = props.heading.clone();
        let failed = failed.clone();
        Callback::from(move |_: MouseEvent| {
            let base = dom::page_address();
            let at = LinkBase {
                base: &base,
                version: &ctx.data.known.version,
                custom: &ctx.state.custom,
            };
            let corpus = &ctx.data.bundle.corpus;
            let (text, name, mime) = match &what {
                Exported::Passages(units) => {
                    let analysis = ctx.data.analysis(&ctx.state.custom);
                    let r = rows(corpus, &analysis, units, at);
                    match format {
                        "csv" => (csv(&r), "parallax-export.csv", "text/csv;charset=utf-8"),
                        "json" => (json(&r), "parallax-export.json", "application/json"),
                        _ => (
                            markdown(&r, &heading),
                            "parallax-export.md",
                            "text/markdown;charset=utf-8",
                        ),
                    }
                }
                Exported::Kwic(lines) => {
                    let r = kwic_rows(corpus, lines, at);
                    match format {
                        "csv" => (kwic_csv(&r), "parallax-kwic.csv", "text/csv;charset=utf-8"),
                        "json" => (json(&r), "parallax-kwic.json", "application/json"),
                        _ => (
                            kwic_markdown(&r, &heading),
                            "parallax-kwic.md",
                            "text/markdown;charset=utf-8",
                        ),
                    }
                }
            };
            failed.set(!dom::download(name, mime, &text));
        })
    };
    let label = match &props.what {
        Exported::Passages(units) => format!("Export these {} passages:", units.len()),
        Exported::Kwic(lines) => format!("Export these {} lines:", lines.len()),
    };
    html! {
        <div class="export" role="group" aria-label="Export this view">
            <span class="export-label">{ label }</span>
            <button type="button" data-format="csv" onclick={make("csv")}>{ "CSV" }</button>
            <button type="button" data-format="json" onclick={make("json")}>{ "JSON" }</button>
            <button type="button" data-format="md" onclick={make("md")}>{ "Markdown" }</button>
            if *failed {
                <p class="error" role="alert">{ "The browser did not allow the download." }</p>
            }
        </div>
    }
}
