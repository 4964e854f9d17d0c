//! Export of exactly the current filtered view as CSV, JSON or Markdown, each passage with its
//! source title, passage id, themes and a link back; the formats themselves are the core's.

use parallax_core::export::{csv, json, markdown, rows};
use parallax_core::search::Unit;
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::dom;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The passages of the current view, in the order shown.
    pub units: Vec<Unit>,
    /// A heading for the Markdown file, e.g. the query.
    pub heading: AttrValue,
}

#[component]
pub fn ExportButtons(props: &Props) -> Html {
    let ctx = use_ctx();
    let failed = use_state_eq(|| false);
    let make = |format: &'static str| {
        let ctx = ctx.clone();
        let units = props.units.clone();
        let heading = props.heading.clone();
        let failed = failed.clone();
        Callback::from(move |_: MouseEvent| {
            let analysis = ctx.data.analysis(&ctx.state.custom);
            let base = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .map(|h| h.split('#').next().unwrap_or_default().to_owned())
                .unwrap_or_default();
            let r = rows(
                &ctx.data.bundle.corpus,
                &analysis,
                &units,
                &base,
                &ctx.data.known.version,
            );
            let ok = match format {
                "csv" => dom::download("parallax-export.csv", "text/csv;charset=utf-8", &csv(&r)),
                "json" => dom::download("parallax-export.json", "application/json", &json(&r)),
                _ => dom::download(
                    "parallax-export.md",
                    "text/markdown;charset=utf-8",
                    &markdown(&r, &heading),
                ),
            };
            failed.set(!ok);
        })
    };
    html! {
        <div class="export" role="group" aria-label="Export this view">
            <span class="export-label">{ format!("Export these {} passages:", props.units.len()) }</span>
            <button type="button" data-format="csv" onclick={make("csv")}>{ "CSV" }</button>
            <button type="button" data-format="json" onclick={make("json")}>{ "JSON" }</button>
            <button type="button" data-format="md" onclick={make("md")}>{ "Markdown" }</button>
            if *failed {
                <p class="error" role="alert">{ "The browser did not allow the download." }</p>
            }
        </div>
    }
}
