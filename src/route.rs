//! The `use_url_state` hook: the current `State` and notices, parsed by the core from the URL
//! fragment, updated on every `hashchange`, and a callback that navigates (push or replace). A
//! link opened in another form than its canonical one is replaced by the canonical one.
//!
//! A replace (typing in the search box) shows the new state at once and writes the link just
//! after the browser has painted it: in Chromium every same-document URL change costs several
//! milliseconds on the main thread (the history update, then the favicon fetched and decoded
//! again), which would otherwise delay the results of each keystroke. A push first writes a link
//! still waiting, so history holds what was shown; a `hashchange` from elsewhere (Back pressed
//! within a frame of a key) drops it, since the entry it was for is no longer the current one.

use gloo::events::EventListener;
use parallax_core::state::{canonical_replacement, parse, print, Known, Notice, State};
use std::cell::RefCell;
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
                    let fragment = dom::fragment();
                    let (s, n) = parse(&fragment, k);
                    // The address shown becomes the one link of this state (no new history
                    // entry); a link to something missing stays as typed, to be corrected.
                    if let Some(url) = canonical_replacement(&fragment, &s, &n, &k.version) {
                        replace_url(&url);
                    }
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
    // A link shown but not yet written into the current history entry.
    let pending = use_mut_ref(|| None::<String>);
    {
        let current = current.clone();
        let pending = pending.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| {
                    // The entry changed under a waiting write (Back within a frame of a key):
                    // writing it now would overwrite the new entry.
                    pending.borrow_mut().take();
                    current.set(parse_now())
                })
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
                // replaceState fires no hashchange: update the state ourselves, now, and write
                // the link once the browser has painted it.
                let waiting = pending.borrow_mut().replace(url).is_some();
                current.set((Rc::new(nav.state), Rc::new(Vec::new())));
                if !waiting {
                    let pending = pending.clone();
                    dom::after_paint(move || write_pending(&pending));
                }
            } else {
                write_pending(&pending);
                let _ = window.location().set_hash(&url[1..]);
            }
        })
    };
    (current.0.clone(), current.1.clone(), navigate)
}

/// Writes a waiting link into the current history entry.
fn write_pending(pending: &RefCell<Option<String>>) {
    let Some(url) = pending.borrow_mut().take() else {
        return;
    };
    replace_url(&url);
}

/// Writes `url` into the current history entry (no `hashchange`, no new entry).
fn replace_url(url: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(url));
    }
}
