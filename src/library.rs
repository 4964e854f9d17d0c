//! The library view (`#/`): the corpus title and one card per source, in manifest order.

use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::dom;
use crate::fmt;
use crate::source_card::SourceCard;

#[component]
pub fn Library() -> Html {
    let ctx = use_ctx();
    let corpus = &ctx.data.bundle.corpus;
    dom::use_title(format!("{} — Parallax", corpus.title));
    let count = corpus.documents.len();
    html! {
        <section class="library-view">
            <h1>{ &corpus.title }</h1>
            <p class="lede">
                { fmt::count(count, "source", "sources") }{ " on one story. " }
                { "Open one to read its cleaned text; every block taken out of the page stays one switch away." }
            </p>
            <ul class="library">
                { for corpus.documents.iter().enumerate().map(|(index, doc)| html! {
                    <SourceCard key={doc.id.clone()} {index} />
                }) }
            </ul>
        </section>
    }
}
