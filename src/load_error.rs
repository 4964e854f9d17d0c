//! The view shown when the built-in corpus cannot be decoded: says so plainly instead of panicking.

use yew::prelude::*;

use crate::dom;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The decoding error, already worded for readers by the core.
    pub message: AttrValue,
}

#[component]
pub fn LoadError(props: &Props) -> Html {
    dom::use_title("Error — Parallax".to_owned());
    html! {
        <section class="load-error" role="alert" data-testid="load-error">
            <h1>{ "The sources could not be loaded" }</h1>
            <p>{ "The sources inside this copy of Parallax are damaged: " }{ &props.message }{ "." }</p>
            <p>{ "A fresh copy of Parallax (built again, or downloaded again) should fix it." }</p>
        </section>
    }
}
