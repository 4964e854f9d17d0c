//! The library view (`#/`): the corpus title and one card per source, in manifest order, each
//! with its number and a link to its profile. A corpus
//! of more than `FIRST` sources shows the first ones and a button for the rest, so that opening
//! the app does not wait for thousands of cards. The reader's own documents follow the sources,
//! then "Cite all sources" (`cite_ui`), "Open a Parallax link" (`open_link`), and "Add your own
//! documents" comes last.

use parallax_core::strings;
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::dom;
use crate::import_ui::ImportDocs;
use crate::source_card::SourceCard;

/// Cards shown before "Show all".
const FIRST: usize = 100;

#[component]
pub fn Library() -> Html {
    let ctx = use_ctx();
    let all = use_state_eq(|| false);
    let corpus = &ctx.data.bundle.corpus;
    dom::use_title(format!("{} — Parallax", corpus.title));
    let count = corpus.documents.len();
    let own = ctx.data.own_documents().len();
    let shown = if *all { count } else { count.min(FIRST) };
    let show_all = {
        let all = all.clone();
        Callback::from(move |_: MouseEvent| all.set(true))
    };
    html! {
        <section class="library-view">
            <h1>{ &corpus.title }</h1>
            <p class="lede">{ strings::library_lede(count, own) }</p>
            <crate::start_here::StartHere />
            <ul class="library">
                { for corpus.documents.iter().take(shown).enumerate().map(|(index, doc)| html! {
                    <SourceCard key={doc.id.clone()} {index} />
                }) }
            </ul>
            if shown < count {
                <button type="button" class="more" onclick={show_all}>
                    { format!("Show all {count} sources (showing {shown})") }
                </button>
            }
            <crate::cite_ui::CiteAll />
            <crate::open_link::OpenLink id="open-link" />
            <ImportDocs />
        </section>
    }
}
