//! The library view (`#/`): the corpus title and one card per source, in manifest order.

use std::rc::Rc;

use parallax_core::Bundle;
use yew::prelude::*;

use crate::dom;
use crate::fmt;
use crate::source_card::SourceCard;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub bundle: Rc<Bundle>,
}

#[component]
pub fn Library(props: &Props) -> Html {
    let corpus = &props.bundle.corpus;
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
                    <SourceCard key={doc.id.clone()} bundle={props.bundle.clone()} {index} />
                }) }
            </ul>
        </section>
    }
}
