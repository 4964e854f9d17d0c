//! What changed between two stretches of shared wording: the sentences around each (the core's
//! `reuse::context`), diffed word by word by the core's `reuse::diff`, with a legend that names
//! both sides. Rendering only.

use parallax_core::reuse::{context, diff, diff_is_partial, DiffOp, Span, MAX_DIFF_WORDS};
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::passage::name;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The side shown as removed (struck through) when the other lacks its words.
    pub first: Span,
    /// The side shown as added (underlined).
    pub second: Span,
}

/// The sentences around `span` in its passage, or the span's own text if the passage is gone.
fn around(ctx: &crate::ctx::Ctx, span: &Span) -> String {
    ctx.data
        .bundle
        .corpus
        .document(&span.doc)
        .and_then(|d| d.passage(&span.passage))
        .map_or_else(
            || span.text.clone(),
            |p| context(p, span.start, span.end).to_owned(),
        )
}

#[component]
pub fn DiffText(props: &Props) -> Html {
    let ctx = use_ctx();
    let (first, second) = (&props.first, &props.second);
    let (a, b) = (around(&ctx, first), around(&ctx, second));
    let ops = diff(&a, &b);
    let partial = diff_is_partial(&a, &b);
    let changed = ops.iter().any(|op| !matches!(op, DiffOp::Same(_)));
    let words = ops.into_iter().map(|op| match op {
        DiffOp::Same(t) => html! { <span class="diff-same">{ t }{ " " }</span> },
        DiffOp::Removed(t) => html! {
            <span class="diff-removed">
                <span class="diff-tag">{ format!("−{}", first.doc) }</span>
                <del>{ t }</del>{ " " }
            </span>
        },
        DiffOp::Added(t) => html! {
            <span class="diff-added">
                <span class="diff-tag">{ format!("+{}", second.doc) }</span>
                <ins>{ t }</ins>{ " " }
            </span>
        },
    });
    html! {
        <>
            <p class="diff-legend">
                <span><span class="diff-tag">{ format!("−{}", first.doc) }</span>{ " " }<del>{ "struck through" }</del>{ format!(": only in source {}, {}", first.doc, name(&first.passage)) }</span>
                <span><span class="diff-tag">{ format!("+{}", second.doc) }</span>{ " " }<ins>{ "underlined" }</ins>{ format!(": only in source {}, {}", second.doc, name(&second.passage)) }</span>
            </p>
            if partial {
                <p class="diff-note">{ format!("These passages are long: the first {MAX_DIFF_WORDS} words where they part are compared; the rest of each is shown as only in that source, not compared.") }</p>
            }
            if !changed {
                <p class="diff-note">{ "The sentences are worded exactly alike." }</p>
            }
            <p class="diff-text">{ for words }</p>
        </>
    }
}
