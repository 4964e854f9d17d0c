//! The not-found view: names what was asked for (a route, a document or a passage) as text and
//! links back to somewhere useful, so a bad link never gives a blank page.

use parallax_core::Route;
use yew::prelude::*;

use crate::dom;

/// What the route asked for that does not exist.
#[derive(Clone, PartialEq)]
pub enum Missing {
    /// A fragment that is not one of our routes, as the core prints it back.
    Route { fragment: AttrValue },
    /// A document id that is not in the corpus.
    Document { id: AttrValue },
    /// A passage id that is not in a known document.
    Passage {
        doc: AttrValue,
        title: AttrValue,
        passage: AttrValue,
    },
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub missing: Missing,
}

#[component]
pub fn NotFound(props: &Props) -> Html {
    dom::use_title("Not found — Parallax".to_owned());
    let explanation = match &props.missing {
        Missing::Route { fragment } => html! {
            <p>{ "There is no page at " }<code class="requested">{ fragment }</code>{ "." }</p>
        },
        Missing::Document { id } => html! {
            <p>{ "There is no source with the id " }<code class="requested">{ id }</code>{ " in this corpus." }</p>
        },
        Missing::Passage {
            doc,
            title,
            passage,
        } => html! {
            <>
                <p>
                    { "The source “" }{ title }{ "” has no passage " }
                    <code class="requested">{ passage }</code>{ "." }
                </p>
                <p><a href={Route::Read { doc: doc.to_string(), passage: None }.to_fragment()}>{ "Read “" }{ title }{ "” from the start" }</a></p>
            </>
        },
    };
    html! {
        <section class="not-found" data-testid="not-found">
            <h1>{ "Not found" }</h1>
            { explanation }
            <p><a href="#/">{ "Back to the library of sources" }</a></p>
        </section>
    }
}
