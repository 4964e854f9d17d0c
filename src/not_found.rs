//! The not-found view: says, as text, what the link asked for that does not exist, and links to
//! the nearest useful places, so a bad link never gives a blank page. Shown when
//! `State::is_not_found` says the link's own target is missing.

use parallax_core::state::Notice;
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::dom;

#[component]
pub fn NotFound() -> Html {
    dom::use_title("Not found — Parallax".to_owned());
    let ctx = use_ctx();
    let corpus = &ctx.data.bundle.corpus;
    let messages = ctx
        .notices
        .iter()
        .map(|n| html! { <p class="requested">{ n.to_string() }</p> });
    // A missing passage of a real source: offer that source from its start.
    let doc_link = ctx.notices.iter().find_map(|n| match n {
        Notice::UnknownPassage { doc, .. } => corpus.document(doc),
        _ => None,
    });
    let doc_link = doc_link.map(|d| {
        let href = ctx.read_href(&d.id, None);
        html! { <p><a {href}>{ "Read “" }{ &d.title }{ "” from the start" }</a></p> }
    });
    html! {
        <section class="not-found" data-testid="not-found">
            <h1>{ "Page not found" }</h1>
            { for messages }
            { doc_link }
            <p><a href="#/">{ "Back to the list of sources" }</a></p>
        </section>
    }
}
