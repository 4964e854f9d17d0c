//! The compare view's theme sections: per theme, a column per source with its passages, shared
//! wording marked and compared word by word ("Show what changed"), folded until opened.
//!
//! How the columns stay in step: each theme is one CSS grid (`.cmp-grid`) whose cells are the
//! sources' columns. The page scrolls as a whole, so every column of a theme moves together, and
//! a theme starts only after the tallest column of the one before it has ended. On a phone the
//! grid becomes a row that swipes sideways, one source at a time, each under its own badge.

use parallax_core::compare::ThemeRow;
use parallax_core::model::Passage;
use parallax_core::reuse::{ReusePair, Span};
use parallax_core::strings;
use std::collections::HashMap;
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::dom;
use crate::lazy_details::LazyDetails;
use crate::paged::use_paged;
use crate::word_diff::DiffText;

/// The id of a passage's element in a row; the theme keeps it unique, as a passage can sit in
/// several rows.
fn anchor(theme: &str, doc: &str, passage: &str) -> String {
    format!("cmp-{theme}-{doc}-{passage}")
}

/// Splits a passage's text at the reused spans, marking them; offsets come from the core and
/// are used through `get`, so a bad one drops a mark instead of panicking.
fn marked_text(text: &str, spans: &[(u32, u32)]) -> Html {
    let mut spans: Vec<(usize, usize)> = spans
        .iter()
        .map(|&(a, b)| (a as usize, b as usize))
        .collect();
    parallax_core::sort::sort(&mut spans);
    let mut out: Vec<Html> = Vec::new();
    let mut at = 0;
    for (a, b) in spans {
        let a = a.max(at);
        if b <= a {
            continue;
        }
        let (Some(before), Some(inside)) = (text.get(at..a), text.get(a..b)) else {
            continue;
        };
        if !before.is_empty() {
            out.push(html! { { before.to_owned() } });
        }
        out.push(html! { <mark class="cmp-shared-span">{ inside.to_owned() }</mark> });
        at = b;
    }
    out.push(html! { { text.get(at..).unwrap_or_default().to_owned() } });
    out.into_iter().collect()
}

/// A passage's side of a reuse pair, the other side, and the pair.
type Side<'a> = (&'a Span, &'a Span, &'a ReusePair);

#[derive(Properties, PartialEq)]
struct DiffProps {
    /// The reused pair, with `first` the side in the earlier column.
    first: Span,
    second: Span,
    /// Id of the region the diff opens in.
    region: AttrValue,
}

/// "Show what changed" for one reuse pair: the sentences around the shared words, word by word.
#[component]
fn WordDiff(props: &DiffProps) -> Html {
    let open = use_state_eq(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let (first, second) = (&props.first, &props.second);
    let body =
        (*open).then(|| html! { <DiffText first={first.clone()} second={second.clone()} /> });
    html! {
        <div class="cmp-diff">
            <button type="button" class="cmp-diff-toggle" onclick={toggle}
                aria-expanded={if *open { "true" } else { "false" }} aria-controls={props.region.clone()}>
                { if *open { "Hide what changed" } else { "Show what changed" } }
                <span class="cmp-diff-what">{ format!(" between “{}” and {} {}", strings::first_words(&first.text, 8), second.doc, second.passage) }</span>
            </button>
            <div class="cmp-diff-body" id={props.region.clone()} hidden={!*open}>{ body }</div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct RowProps {
    pub row: ThemeRow,
    /// Open from the start: the theme the link names.
    pub open: bool,
}

/// One theme across the compared sources, folded until opened; its passages are made only
/// once it is opened.
#[component]
pub(super) fn Row(props: &RowProps) -> Html {
    let row = &props.row;
    let theme = row.theme.as_str();
    let counts: Vec<String> = row
        .columns
        .iter()
        .map(|c| format!("{}: {}", c.doc, c.passages.len()))
        .collect();
    let places: usize = row.shared.iter().map(|x| x.places).sum();
    let summary = html! {
        <>
            <h3 id={format!("cmp-h-{theme}")}>{ &row.label }</h3>
            <span class="cmp-row-counts">{ format!("Passages: {}", counts.join(" · ")) }</span>
            if places > 0 {
                <span class="cmp-row-flag cmp-row-flag--shared">
                    <span class="cmp-mark" aria-hidden="true">{ "⇄ " }</span>{ format!("same wording in {}", strings::count(places, "place", "places")) }
                </span>
            }
            if row.differs() {
                <span class="cmp-row-flag cmp-row-flag--differ">
                    <span class="cmp-mark" aria-hidden="true">{ "≠ " }</span>
                    { format!("they disagree about {}", row.disputes.iter().map(|d| d.label.as_str()).collect::<Vec<_>>().join("; ")) }
                </span>
            }
        </>
    };
    let content = {
        let row = row.clone();
        Callback::from(move |()| html! { <RowBody row={row.clone()} /> })
    };
    let attrs = vec![
        ("data-theme", AttrValue::from(row.theme.clone())),
        (
            "data-differs",
            AttrValue::from(if row.differs() { "true" } else { "false" }),
        ),
    ];
    html! {
        <LazyDetails class="cmp-row" id={AttrValue::from(format!("cmp-row-{theme}"))} open={props.open} {attrs} {summary} {content} />
    }
}

#[derive(Properties, PartialEq)]
struct BodyProps {
    row: ThemeRow,
}

/// An opened theme: a column per source with its first passages (a theme of a long document
/// can hold thousands; "Show more" adds a page to each column), shared wording marked, and a badge per shared passage that goes to the other side.
#[component]
fn RowBody(props: &BodyProps) -> Html {
    let ctx = use_ctx();
    let corpus = &ctx.data.bundle.corpus;
    let row = &props.row;
    let theme = row.theme.as_str();
    let paged = use_paged();
    let shown = paged.shown();
    // A badge's target beyond the passages shown: shown first, then revealed once made.
    let pending = use_state_eq(|| None::<String>);
    {
        let pending = pending.clone();
        use_effect_with((*pending).clone(), move |target| {
            if let Some(target) = target {
                dom::reveal(target);
                pending.set(None);
            }
        });
    }
    let column_of = |doc: &str| row.columns.iter().position(|c| c.doc == doc);
    // Where each passage stands in its column, for a badge whose target is not shown yet.
    let position: HashMap<(&str, &str), usize> = row
        .columns
        .iter()
        .flat_map(|c| {
            c.passages
                .iter()
                .enumerate()
                .map(|(i, p)| ((c.doc.as_str(), p.as_str()), i))
        })
        .collect();
    // Each passage's side and the other side of every reuse pair it takes part in, in the
    // row's order: one pass over the pairs, not one per passage shown.
    let mut sides: HashMap<(&str, &str), Vec<Side>> = HashMap::new();
    for r in &row.reuse {
        sides
            .entry((r.a.doc.as_str(), r.a.passage.as_str()))
            .or_default()
            .push((&r.a, &r.b, r));
        if (&r.b.doc, &r.b.passage) != (&r.a.doc, &r.a.passage) {
            sides
                .entry((r.b.doc.as_str(), r.b.passage.as_str()))
                .or_default()
                .push((&r.b, &r.a, r));
        }
    }
    let columns = row.columns.iter().map(|col| {
        let title = corpus.title_of(&col.doc);
        // The column's passages by id, once: not a search of the document per passage.
        let by_id: HashMap<&str, &Passage> = corpus
            .document(&col.doc)
            .map(|d| d.passages.iter().map(|p| (p.id.as_str(), p)).collect())
            .unwrap_or_default();
        let passages = col.passages.iter().take(shown).filter_map(|pid| {
            let p = *by_id.get(pid.as_str())?;
            let href = ctx.read_href(&col.doc, Some(pid));
            let pairs: &[Side] = sides
                .get(&(col.doc.as_str(), pid.as_str()))
                .map_or(&[], Vec::as_slice);
            let spans: Vec<(u32, u32)> = pairs.iter().map(|(mine, _, _)| (mine.start, mine.end)).collect();
            let mut others: Vec<(&str, &str)> = Vec::new();
            for (_, other, _) in pairs {
                let key = (other.doc.as_str(), other.passage.as_str());
                if !others.contains(&key) {
                    others.push(key);
                }
            }
            let badges = others.into_iter().map(|(doc, pid)| {
                let target = anchor(theme, doc, pid);
                let at = position.get(&(doc, pid)).copied().unwrap_or(0);
                let onclick = {
                    let (paged, pending) = (paged.clone(), pending.clone());
                    Callback::from(move |_: MouseEvent| {
                        if at < shown {
                            dom::reveal(&target);
                        } else {
                            paged.show_through(at);
                            pending.set(Some(target.clone()));
                        }
                    })
                };
                let other_title = corpus.title_of(doc);
                html! {
                    <li>
                        <button type="button" class="cmp-badge" {onclick} data-doc={doc.to_owned()} data-passage={pid.to_owned()}
                            title={format!("Go to the same wording in {other_title}, passage {pid}")}>
                            <span class="cmp-badge-mark" aria-hidden="true">{ "⇄ " }</span>
                            { format!("Shared with {doc} {pid}") }
                        </button>
                    </li>
                }
            });
            // The diff sits with the side in the earlier column, once per pair.
            let diffs = pairs.iter().filter(|(mine, other, _)| column_of(&mine.doc) < column_of(&other.doc)).map(|(mine, other, r)| {
                let region = format!("diff-{theme}-{}-{}-{}-{}-{}", mine.doc, mine.passage, other.doc, other.passage, mine.start);
                html! {
                    <div class="cmp-pair" key={region.clone()} data-words={r.words.to_string()} data-similarity={format!("{:.2}", r.similarity)}>
                        <WordDiff first={(*mine).clone()} second={(*other).clone()} region={AttrValue::from(region)} />
                    </div>
                }
            });
            let shared = !pairs.is_empty();
            Some(html! {
                <li key={pid.clone()}>
                    <article class={classes!("cmp-passage", shared.then_some("cmp-passage--shared"))}
                        id={anchor(theme, &col.doc, pid)} tabindex="-1" data-doc={col.doc.clone()} data-passage={pid.clone()}>
                        <p class="cmp-passage-text">{ marked_text(&p.text, &spans) }</p>
                        <p class="cmp-passage-meta">
                            <a {href} aria-label={format!("{} · {pid}: open in the reader ({title})", col.doc)}>{ format!("{} · {pid}", col.doc) }</a>
                        </p>
                        if shared {
                            <ul class="cmp-badges" aria-label="Shared wording">{ for badges }</ul>
                        }
                        { for diffs }
                    </article>
                </li>
            })
        });
        let count = if col.passages.len() > shown {
            format!("{} (the first {} shown)", strings::count(col.passages.len(), "passage", "passages"), strings::thousands(shown as u64))
        } else {
            strings::count(col.passages.len(), "passage", "passages")
        };
        html! {
            <div class="cmp-col" key={col.doc.clone()} data-doc={col.doc.clone()}>
                <h3 class="cmp-col-title"><span class="cmp-doc-id">{ &col.doc }</span>{ " " }{ title }</h3>
                if col.passages.is_empty() {
                    <p class="cmp-silent">{ "No passage on this theme." }</p>
                } else {
                    <p class="cmp-col-count">{ count }</p>
                    <ol class="cmp-passages">{ for passages }</ol>
                }
            </div>
        }
    });
    let n = row.columns.len();
    let most = row
        .columns
        .iter()
        .map(|c| c.passages.len())
        .max()
        .unwrap_or(0);
    html! {
        <>
            <p class="cmp-swipe-hint" aria-hidden="true">{ "Swipe sideways for the other sources →" }</p>
            <div class={classes!("cmp-grid", format!("cmp-grid--{n}"))}>{ for columns }</div>
            { paged.more(most, ("passage of each source", "passages of each source")) }
        </>
    }
}
