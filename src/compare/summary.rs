//! The compare view's summary table, first on the page under its heading (`CompareView`): per
//! theme, how many passages each source has, which sources share wording and in how many places,
//! and what the sources' sentences on that theme disagree about; a last row counts each passage,
//! place and fact once. Numbers come from
//! the core (`ThemeRow::shared`, `ThemeRow::disputes`, `Comparison::totals`).

use parallax_core::compare::{Shared, ThemeRow, Totals};
use parallax_core::state::Compare;
use parallax_core::strings;
use yew::prelude::*;

use super::with;
use crate::ctx::use_ctx;
use crate::export_buttons::{ExportButtons, Exported};

#[derive(Properties, PartialEq)]
pub(super) struct SummaryProps {
    /// The compare settings from the link: the sources are the columns.
    pub view: Compare,
    pub rows: Vec<ThemeRow>,
    pub totals: Totals,
}

/// "002 and 004: 3 places", one item per pair of sources.
fn shared_cell(shared: &[Shared]) -> Html {
    if shared.is_empty() {
        return html! { <span class="cmp-none"><span aria-hidden="true">{ "—" }</span><span class="vh">{ "none" }</span></span> };
    }
    html! {
        <ul class="cmp-cell-list">
            { for shared.iter().map(|s| html! {
                <li class="cmp-shared-with" data-docs={format!("{} {}", s.docs[0], s.docs[1])} data-places={s.places.to_string()}>
                    <span class="cmp-mark" aria-hidden="true">{ "⇄ " }</span>
                    { format!("{} and {}: {}", s.docs[0], s.docs[1], strings::count(s.places, "place", "places")) }
                </li>
            }) }
        </ul>
    }
}

fn disputes_cell<'a>(labels: impl Iterator<Item = &'a str>) -> Html {
    let labels: Vec<&str> = labels.collect();
    if labels.is_empty() {
        return html! { <span class="cmp-none"><span aria-hidden="true">{ "—" }</span><span class="vh">{ "nothing found" }</span></span> };
    }
    html! {
        <ul class="cmp-cell-list">
            { for labels.iter().map(|l| html! {
                <li class="cmp-dispute"><span class="cmp-mark" aria-hidden="true">{ "≠ " }</span>{ *l }</li>
            }) }
        </ul>
    }
}

#[component]
pub(super) fn Summary(props: &SummaryProps) -> Html {
    let ctx = use_ctx();
    let corpus = &ctx.data.bundle.corpus;
    let title = |doc| corpus.title_of(doc).to_owned();
    let head = props.view.docs.iter().map(|d| {
        html! {
            <th scope="col" class="cmp-num" data-doc={d.clone()} title={title(d)}>
                <span class="cmp-doc-id">{ d }</span><span class="vh">{ format!(" {}", title(d)) }</span>
            </th>
        }
    });
    let rows = props.rows.iter().map(|r| {
        let theme = r.theme.clone();
        let href = ctx.href(&with(&ctx, &props.view, move |s| s.theme = Some(theme)));
        let counts = r.columns.iter().map(|c| {
            let n = c.passages.len();
            html! {
                <td class={classes!("cmp-num", (n == 0).then_some("cmp-zero"))} data-doc={c.doc.clone()} data-label={c.doc.clone()}>
                    { n.to_string() }
                </td>
            }
        });
        html! {
            <tr data-theme={r.theme.clone()} data-differs={if r.differs() { "true" } else { "false" }}>
                <th scope="row"><a {href} aria-label={format!("{}: show only this theme, its passages open", r.label)}>{ &r.label }</a></th>
                { for counts }
                <td class="cmp-shared-cell" data-label="Same wording">{ shared_cell(&r.shared) }</td>
                <td class="cmp-disputes-cell" data-label="They disagree about">{ disputes_cell(r.disputes.iter().map(|d| d.label.as_str())) }</td>
            </tr>
        }
    });
    let t = &props.totals;
    let total_counts = props.view.docs.iter().zip(&t.passages).map(|(d, n)| {
        html! { <td class="cmp-num" data-doc={d.clone()} data-label={d.clone()}>{ n.to_string() }</td> }
    });
    let several = props.rows.len() > 1;
    html! {
        <>
            <table class="cmp-summary" aria-labelledby="cmp-summary-h" aria-describedby="cmp-differ-means">
                <thead>
                    <tr>
                        <th scope="col" class="cmp-col-theme">{ "Theme" }</th>
                        { for head }
                        <th scope="col" class="cmp-col-shared">{ "Same wording" }</th>
                        <th scope="col" class="cmp-col-disputes">{ "They disagree about" }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
                if several {
                    <tfoot>
                        <tr class="cmp-total">
                            <th scope="row">{ "All these themes" }<span class="cmp-total-note">{ " (each passage counted once)" }</span></th>
                            { for total_counts }
                            <td class="cmp-shared-cell" data-label="Same wording">{ shared_cell(&t.shared) }</td>
                            <td class="cmp-disputes-cell" data-label="They disagree about">{ disputes_cell(t.disputes.iter().map(|(_, l)| l.as_str())) }</td>
                        </tr>
                    </tfoot>
                }
            </table>
            // After the table: on a phone the summary itself must begin on the first screen.
            <ExportButtons what={Exported::CompareSummary(props.view.clone())} label="Export this summary" />
        </>
    }
}
