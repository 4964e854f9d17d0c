//! One block that cleaning removed, shown in place with the reason, only when the reader asks
//! (the summary of what was removed is the core's `Document::removed_summary`).

use parallax_core::RemovalKind;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub removed: parallax_core::Removed,
}

#[component]
pub fn Removed(props: &Props) -> Html {
    let r = &props.removed;
    let what = if r.kind.is_junk() {
        "Removed: "
    } else {
        "Moved to the header: "
    };
    // An import's page details are a block of `key: value` lines: shown in words.
    let text = match r.kind {
        RemovalKind::PageDetails => parallax_core::front::readable(&r.text),
        _ => r.text.clone(),
    };
    html! {
        <aside class="removed" data-kind={r.kind.id()}>
            <p class="removed-reason">{ what }{ r.kind.label() }</p>
            <p class="removed-text">{ text }</p>
        </aside>
    }
}
