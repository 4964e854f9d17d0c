//! The `use_url_state` hook: the current `State` and notices, parsed by the core from the URL
//! fragment, updated on every `hashchange`, and a callback that navigates (push or replace).

use gloo::events::EventListener;
use parallax_core::state::{parse, print, Known, Notice, State};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::ctx::Nav;
use crate::dom;

#[hook]
pub fn use_url_state(known: Option<Rc<Known>>) -> (Rc<State>, Rc<Vec<Notice>>, Callback<Nav>) {
    let parse_now = {
        let known = known.clone();
        move || -> (Rc<State>, Rc<Vec<Notice>>) {
            match &known {
                Some(k) => {
                    let (s, n) = parse(&dom::fragment(), k);
                    (Rc::new(s), Rc::new(n))
                }
                None => (Rc::new(State::default()), Rc::new(Vec::new())),
            }
        }
    };
    let current = use_state_eq({
        let parse_now = parse_now.clone();
        move || parse_now()
    });
    {
        let current = current.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| current.set(parse_now()))
            });
            move || drop(listener)
        });
    }
    let navigate = {
        let current = current.clone();
        Callback::from(move |nav: Nav| {
            let Some(k) = &known else { return };
            let url = print(&nav.state, &k.version);
            let Some(window) = web_sys::window() else {
                return;
            };
            if nav.replace {
                // replaceState fires no hashchange: update the state ourselves.
                if let Ok(history) = window.history() {
                    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
                }
                current.set((Rc::new(nav.state), Rc::new(Vec::new())));
            } else {
                let _ = window.location().set_hash(&url[1..]);
            }
        })
    };
    (current.0.clone(), current.1.clone(), navigate)
}
