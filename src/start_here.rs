//! "Start here" on the library: the reader's plain questions about the story, each a link to the
//! part of the story overview that answers it.

use parallax_core::state::{OverviewPart, View};
use yew::prelude::*;

use crate::ctx::use_ctx;

#[component]
pub fn StartHere() -> Html {
    let ctx = use_ctx();
    let links = OverviewPart::ALL.iter().map(|&p| {
        let href = ctx.href(&ctx.with_view(View::Overview { part: Some(p) }));
        html! { <li><a {href} data-part={p.id()}>{ p.question() }</a></li> }
    });
    let overview = ctx.href(&ctx.with_view(View::Overview { part: None }));
    html! {
        <nav class="start-here" aria-labelledby="start-here-h">
            <h2 id="start-here-h">{ "Start here" }</h2>
            <ul>{ for links }</ul>
            <p><a href={overview}>{ "All four answers on one page: the story overview" }</a></p>
        </nav>
    }
}
