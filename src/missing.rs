//! What a lesson step on documents this copy does not have shows in place of its view
//! (`View::Missing`): which documents, by id, and how to get them (the core's words), with the
//! way to the sources, where they are added. The lesson bar above it keeps the step's note.

use parallax_core::state::{step_needs, Missing};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub missing: Missing,
}

#[component]
pub fn MissingView(props: &Props) -> Html {
    html! {
        <section class="missing-docs" data-testid="missing-docs" aria-labelledby="missing-docs-title">
            <h1 id="missing-docs-title">{ "A document this copy does not have" }</h1>
            <p>{ step_needs(&props.missing.docs) }</p>
            <p><a href="#/">{ "Go to the sources, where documents are added" }</a></p>
        </section>
    }
}
