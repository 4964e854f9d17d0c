//! The story overview (`#/overview?part=`): who copies whom, where the sources disagree, how each
//! frames the story and what was cleaned, as the core's `overview` computes it; rendering only.

use yew::prelude::*;

use crate::dom;

#[component]
pub fn OverviewView() -> Html {
    dom::use_title("Story overview — Parallax".to_owned());
    html! {
        <section class="overview-view">
            <h1>{ "Story overview" }</h1>
        </section>
    }
}
