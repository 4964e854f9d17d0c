//! The compare view's tables of figures, dates and claims: what each source states, the sentence
//! that states it, and whether the sources agree. The groups and their order come from the core.

use parallax_core::facts::{Agreement, FactGroup, FactKind};
use parallax_core::overview::value_label;
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::lazy_details::LazyDetails;
use crate::paged::use_paged;
use std::rc::Rc;

#[derive(Properties, PartialEq)]
pub(super) struct FactsProps {
    pub docs: Vec<String>,
    /// Shared with the evidence each value shows when opened.
    pub groups: Vec<Rc<FactGroup>>,
    /// Claims show stance labels; figures and dates show values.
    pub claims: bool,
    pub caption: AttrValue,
}

/// A table of fact groups: what each source states, with its sentences, and whether they agree.
#[component]
pub(super) fn FactsTable(props: &FactsProps) -> Html {
    let ctx = use_ctx();
    let corpus = &ctx.data.bundle.corpus;
    let title = |doc| corpus.title_of(doc).to_owned();
    let head = props.docs.iter().map(|d| {
        html! { <th scope="col" data-doc={d.clone()}><span class="cmp-doc-id">{ d }</span>{ " " }<span class="cmp-th-title">{ title(d) }</span></th> }
    });
    let docs: Vec<&str> = props.docs.iter().map(String::as_str).collect();
    let paged = use_paged();
    let rows = props.groups.iter().take(paged.shown()).map(|g| {
        let cells = props.docs.iter().zip(g.by_source(&docs)).enumerate().map(|(k, (doc, values))| {
            let label = format!("{doc} · {}", title(doc));
            if values.is_empty() {
                return html! { <td data-doc={doc.clone()} data-label={label}><span class="cmp-not-stated">{ "not stated" }</span></td> };
            }
            html! { <td data-doc={doc.clone()} data-label={label}><Values group={g.clone()} docs={props.docs.clone()} {k} /></td> }
        });
        let (mark, word, key) = match g.agreement {
            Agreement::Agree => ("✓", "agree", "agree"),
            Agreement::Differ => ("≠", "differ", "differ"),
            Agreement::Single => ("○", "single source", "single"),
        };
        let kind = match g.kind {
            FactKind::Figure => "Figure",
            FactKind::Date => "Date",
            FactKind::Claim => "Claim",
            FactKind::Statement => "Statement",
        };
        html! {
            <tr data-key={g.key.clone()} data-kind={kind.to_lowercase()} data-agreement={key}>
                <th scope="row" data-label={kind}>
                    if !props.claims {
                        <span class="cmp-fact-kind">{ g.kind_word() }{ ": " }</span>
                    }
                    { g.shown_label() }
                </th>
                { for cells }
                <td class={classes!("cmp-agreement", format!("cmp-agreement--{key}"))} data-label="Agreement">
                    <span class="cmp-mark" aria-hidden="true">{ mark }{ " " }</span>{ word }
                    if g.mentions.len() > 1 {
                        <p class="cmp-why">{ &g.why }</p>
                    }
                </td>
            </tr>
        }
    });
    html! {
        <>
        <table class="cmp-facts">
            <caption>{ &props.caption }</caption>
            <thead>
                <tr>
                    <th scope="col">{ if props.claims { "Claim" } else { "Fact" } }</th>
                    { for head }
                    <th scope="col">{ "Agreement" }</th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
        { paged.more(props.groups.len(), ("row", "rows")) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ValuesProps {
    group: Rc<FactGroup>,
    docs: Vec<String>,
    /// The source of the cell: `docs[k]`.
    k: usize,
}

/// What one source states of one fact: its values a page at a time (a long document can give a
/// claim thousands of dates), each opening the sentences that state it.
#[component]
fn Values(props: &ValuesProps) -> Html {
    let ctx = use_ctx();
    let paged = use_paged();
    let corpus = &ctx.data.bundle.corpus;
    let g = &props.group;
    let docs: Vec<&str> = props.docs.iter().map(String::as_str).collect();
    let values = g
        .by_source(&docs)
        .into_iter()
        .nth(props.k)
        .unwrap_or_default();
    let total = values.len();
    // A stance's label, a date in words, a figure as the source prints it.
    let shown = |value: &str, text: &str| value_label(g, value, &corpus.claims, text);
    let items = values.into_iter().take(paged.shown()).map(|(v, indexes)| {
        let first = &g.mentions[indexes[0]];
        let times = indexes.len();
        let summary = html! {
            <>
                <span class="cmp-value">{ shown(v, &first.text) }</span>
                if times > 1 {
                    <span class="cmp-times">{ format!(" ({times}×)") }</span>
                }
            </>
        };
        // The sentences, made when the value is opened: a claim repeated on every line
        // of a long document has thousands.
        let content = {
            let (ctx, g) = (ctx.clone(), g.clone());
            Callback::from(move |()| {
                let corpus = &ctx.data.bundle.corpus;
                let evidence = indexes.iter().map(|&k| {
                    let m = &g.mentions[k];
                    let href = ctx.read_href(&m.doc, Some(&m.passage));
                    html! {
                        <li>
                            <q>{ &*m.sentence }</q>{ " " }
                            <a {href} aria-label={format!("{}: open in the reader ({})", m.passage, corpus.title_of(&m.doc))}>{ &m.passage }</a>
                        </li>
                    }
                });
                html! { <ul class="cmp-evidence">{ for evidence }</ul> }
            })
        };
        html! {
            <li>
                <LazyDetails class="cmp-fact-value" attrs={vec![("data-value", AttrValue::from(v.to_owned()))]} {summary} {content} />
            </li>
        }
    });
    html! {
        <>
            <ul class="cmp-values">{ for items }</ul>
            { paged.more(total, ("value", "values")) }
        </>
    }
}
