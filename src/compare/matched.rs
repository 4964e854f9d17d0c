//! The compare view's "Passage by passage": each passage of the first source beside the passages of the others that say the same thing (the core's `align`, by shared words, whatever the theme), and what only one source says; folded until opened.

use parallax_core::align::{Aligned, Alignment};
use parallax_core::strings;
use std::rc::Rc;
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::lazy_details::LazyDetails;
use crate::paged::use_paged;

#[derive(Properties, PartialEq)]
pub(super) struct Props {
    /// The compared sources, in column order, each once.
    pub docs: Vec<String>,
}

/// A passage's text and its link to the reader.
#[derive(Properties, PartialEq)]
struct QuoteProps {
    doc: AttrValue,
    passage: AttrValue,
    /// Why it was matched: the words it shares with the passage of its row.
    #[prop_or_default]
    words: Vec<String>,
}

#[component]
fn Quote(props: &QuoteProps) -> Html {
    let ctx = use_ctx();
    let corpus = &ctx.data.bundle.corpus;
    let (doc, pid) = (props.doc.as_str(), props.passage.as_str());
    let text = corpus
        .document(doc)
        .and_then(|d| d.passage(pid))
        .map(|p| p.text.clone())
        .unwrap_or_default();
    let href = ctx.read_href(doc, Some(pid));
    let name = format!("{doc} · {}", strings::passage_name(pid));
    html! {
        <blockquote class="cmp-quote" data-doc={props.doc.clone()} data-passage={props.passage.clone()}>
            <p>{ text }</p>
            <footer>
                <a {href} aria-label={format!("{name}: open in the reader ({})", corpus.title_of(doc))}>{ name.clone() }</a>
                if !props.words.is_empty() {
                    <span class="cmp-quote-why">{ format!(" · both speak of: {}", props.words.join(", ")) }</span>
                }
            </footer>
        </blockquote>
    }
}

#[derive(Properties, PartialEq)]
struct RowsProps {
    aligned: Rc<Alignment>,
}

/// The first source's passages in reading order, each with the best match in every other source
/// or a line saying that source has nothing like it; a page at a time.
#[component]
fn Rows(props: &RowsProps) -> Html {
    let paged = use_paged();
    let a = &props.aligned;
    let Some(first) = a.docs.first() else {
        return Html::default();
    };
    let rows: Vec<&Aligned> = a.of(first).collect();
    let others = &a.docs[1..];
    let items = rows.iter().take(paged.shown()).map(|p| {
        let cells = others.iter().map(|doc| match p.best_in(doc) {
            Some(m) => html! {
                <div class="cmp-matched-cell" data-doc={doc.clone()}>
                    <Quote doc={m.doc.clone()} passage={m.passage.clone()} words={m.words.clone()} />
                </div>
            },
            None => html! {
                <div class="cmp-matched-cell cmp-matched-cell--none" data-doc={doc.clone()}>
                    <p>{ format!("Nothing like this in {doc}.") }</p>
                </div>
            },
        });
        html! {
            <li key={p.passage.clone()} class="cmp-matched-row" data-passage={p.passage.clone()}>
                <div class="cmp-matched-cell cmp-matched-cell--first" data-doc={first.clone()}>
                    <Quote doc={p.doc.clone()} passage={p.passage.clone()} />
                </div>
                { for cells }
            </li>
        }
    });
    let n = a.docs.len();
    html! {
        <>
            <ol class={classes!("cmp-matched-rows", format!("cmp-matched-rows--{n}"))}>{ for items }</ol>
            { paged.more(rows.len(), ("passage", "passages")) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct OnlyProps {
    aligned: Rc<Alignment>,
    doc: AttrValue,
}

/// The passages of one source that no other compared source matches.
#[component]
fn Only(props: &OnlyProps) -> Html {
    let paged = use_paged();
    let only: Vec<&Aligned> = props.aligned.only(&props.doc).collect();
    html! {
        <>
            <ol class="cmp-only-list">
                { for only.iter().take(paged.shown()).map(|p| html! {
                    <li key={p.passage.clone()}><Quote doc={p.doc.clone()} passage={p.passage.clone()} /></li>
                }) }
            </ol>
            { paged.more(only.len(), ("passage", "passages")) }
        </>
    }
}

/// "Passage by passage": a plain count per source, then the rows and each source's own passages,
/// each folded until opened.
#[component]
pub(super) fn Matched(props: &Props) -> Html {
    let ctx = use_ctx();
    let corpus = &ctx.data.bundle.corpus;
    let analysis = ctx.data.analysis(&ctx.state);
    let aligned = ctx.data.aligned(&analysis, &props.docs);
    let a = &*aligned;
    let Some(first) = a.docs.first() else {
        return Html::default();
    };
    let names = strings::and_list(&a.docs[1..]);
    let counts = a.docs.iter().map(|doc| {
        let total = a.of(doc).count();
        let only = a.only(doc).count();
        let crowded = a.crowded(doc).count();
        let matched = total - only - crowded;
        let title = corpus.title_of(doc);
        let mut said = format!(
            "{title}: {} of {} {} something another source also says",
            matched,
            strings::count(total, "passage", "passages"),
            if matched == 1 { "says" } else { "say" },
        );
        if only > 0 {
            said.push_str(&format!(
                "; {} only in {doc}",
                strings::count(only, "is", "are")
            ));
        }
        if crowded > 0 {
            said.push_str(&format!(
                "; {} only words that too many passages use to be compared",
                strings::count(crowded, "has", "have")
            ));
        }
        said.push('.');
        html! {
            <li data-doc={doc.clone()}>
                <span class="cmp-doc-id">{ doc.clone() }</span>{ " " }{ said }
            </li>
        }
    });
    let rows = {
        let aligned = aligned.clone();
        Callback::from(move |()| html! { <Rows aligned={aligned.clone()} /> })
    };
    let onlies = a.docs.iter().filter(|doc| a.only(doc).next().is_some()).map(|doc| {
        let n = a.only(doc).count();
        let content = {
            let (aligned, doc) = (aligned.clone(), AttrValue::from(doc.clone()));
            Callback::from(move |()| html! { <Only aligned={aligned.clone()} doc={doc.clone()} /> })
        };
        html! {
            <LazyDetails key={doc.clone()} class={classes!("cmp-only")} attrs={vec![("data-doc", AttrValue::from(doc.clone()))]}
                summary={html! { { format!("What only {doc} says ({})", strings::count(n, "passage", "passages")) } }}
                {content} />
        }
    });
    html! {
        <section class="cmp-matched" aria-labelledby="cmp-matched-h">
            <h2 id="cmp-matched-h">{ "Passage by passage" }</h2>
            <p class="help">{ format!(
                "Each passage of {first} beside the passage of {names} that shares most of its less common words, whatever its theme; the shared words are shown with it. “Nothing like this” means that source has no passage sharing them."
            ) }</p>
            <ul class="cmp-matched-counts">{ for counts }</ul>
            <LazyDetails class={classes!("cmp-matched-all")}
                summary={html! { { format!("{first}’s passages beside {names}") } }}
                content={rows} />
            { for onlies }
        </section>
    }
}
