//! One block that cleaning removed, shown in place with the reason, only when the reader asks.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub removed: parallax_core::Removed,
}

#[component]
pub fn Removed(props: &Props) -> Html {
    let r = &props.removed;
    html! {
        <aside class="removed" data-kind={r.kind.id()}>
            <p class="removed-reason">{ "Removed: " }{ r.kind.label() }</p>
            <p class="removed-text">{ &r.text }</p>
        </aside>
    }
}
