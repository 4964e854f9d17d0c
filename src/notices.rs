//! Notices about the current link (adjusted settings, another corpus version), shown above the
//! view in a polite live region; the reader can dismiss them.

use yew::prelude::*;

use crate::ctx::use_ctx;

#[component]
pub fn Notices() -> Html {
    let ctx = use_ctx();
    let dismissed = use_state_eq(|| None::<std::rc::Rc<Vec<parallax_core::state::Notice>>>);
    let shown = !ctx.notices.is_empty()
        && dismissed
            .as_ref()
            .is_none_or(|d| !std::rc::Rc::ptr_eq(d, &ctx.notices));
    let dismiss = {
        let dismissed = dismissed.clone();
        let notices = ctx.notices.clone();
        Callback::from(move |_| dismissed.set(Some(notices.clone())))
    };
    html! {
        <div class="notices" role="status" aria-live="polite">
            if shown {
                <ul>
                    { for ctx.notices.iter().map(|n| html! { <li>{ n.to_string() }</li> }) }
                </ul>
                <button type="button" class="dismiss" onclick={dismiss}>{ "Dismiss" }</button>
            }
        </div>
    }
}
