//! The `use_route` hook: the current `Route`, parsed from the URL fragment and updated on every
//! `hashchange`. Parsing itself lives in `parallax_core::route`.

use gloo::events::EventListener;
use parallax_core::Route;
use yew::prelude::*;

use crate::dom;

#[hook]
pub fn use_route() -> Route {
    let route = use_state_eq(|| Route::parse(&dom::fragment()));
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| {
                    route.set(Route::parse(&dom::fragment()));
                })
            });
            move || drop(listener)
        });
    }
    (*route).clone()
}
