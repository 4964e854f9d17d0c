//! The `use_url_state` hook: the current `State` and notices, parsed by the core from the URL
//! fragment, updated on every `hashchange`, and a callback that navigates (push or replace). A
//! link opened in another form than its canonical one is replaced by the canonical one, and every
//! link is written under the page prerendered for its view (`dom::link_url`: a reader's own page,
//! else the library's), so that the address shown opens with its text at first paint.
//!
//! A navigation (a key typed in the search box replaces the entry, a click pushes a new one)
//! shows the new state at once and writes the link just after the browser has painted it: in
//! Chromium every same-document URL change costs several milliseconds on the main thread (the
//! history update, then the favicon fetched and decoded again), which would otherwise delay what
//! the reader asked for. Links are written with `pushState`/`replaceState`, which fire no event;
//! a `hashchange` or `popstate` from elsewhere (Back pressed within a frame of a click) drops a
//! link still waiting, since the entry it was for is no longer the current one.

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
    // A link shown but not yet written: into the current history entry, or as a new one.
    let pending = use_mut_ref(|| None::<Pending>);
    let parse_now = {
        let known = known.clone();
        let pending = pending.clone();
        move || -> (Rc<State>, Rc<Vec<Notice>>) {
            match &known {
                Some(k) => {
                    let fragment = dom::fragment();
                    let (s, n) = parse(&fragment, k);
                    // The address shown becomes the one link of this state, under its page (no
                    // new history entry), written after the first paint like any other link (at
                    // start-up it is the only history call, 10 ms or more); a link to something
                    // missing stays as typed, to be corrected.
                    let link = canonical_replacement(&fragment, &s, &n, &k.version)
                        .or_else(|| (!s.is_not_found(&n)).then(|| print(&s, &k.version)));
                    if let Some(url) = link.map(|link| dom::link_url(&s, &link)) {
                        if !dom::is_current(&url) {
                            write_later(&pending, url, false);
                        }
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
    {
        let current = current.clone();
        let pending = pending.clone();
        // Registered again when the library changes (the reader's own documents imported or
        // removed), so that links followed afterwards are checked against the new one.
        let library = known.as_ref().map(|k| Rc::as_ptr(k) as usize);
        use_effect_with(library, move |_| {
            // Back and Forward, a link followed or a fragment typed: the entry changed under any
            // waiting write (Back within a frame of a key), which would now go to the wrong
            // entry. A traversal may fire both events; the second parse changes nothing.
            let listeners = web_sys::window().map(|window| {
                ["hashchange", "popstate"].map(|event| {
                    let current = current.clone();
                    let pending = pending.clone();
                    let parse_now = parse_now.clone();
                    EventListener::new(&window, event, move |_| {
                        pending.borrow_mut().take();
                        current.set(parse_now())
                    })
                })
            });
            move || drop(listeners)
        });
    }
    let navigate = {
        let current = current.clone();
        Callback::from(move |nav: Nav| {
            let Some(k) = &known else { return };
            // What was typed or picked passes the same cleaning and limits as a link: the state
            // shown is the one its link carries (no direction overrides, no query or note past
            // its length), with a notice when something was cut.
            let typed = print(&nav.state, &k.version);
            let (state, notices) = parse(typed.strip_prefix('#').unwrap_or(&typed), k);
            let url = dom::link_url(&state, &print(&state, &k.version));
            // Shown now; written once the browser has painted it.
            write_later(&pending, url, !nav.replace);
            current.set((Rc::new(state), Rc::new(notices)));
        })
    };
    (current.0.clone(), current.1.clone(), navigate)
}

/// A link waiting to be written, as a new history entry or into the current one.
struct Pending {
    url: String,
    push: bool,
    /// The fragment of the entry when the link was shown: the link is written only while the
    /// entry still has it. A fragment set by a script or typed in the address bar changes the
    /// address at once but reports `hashchange` only a task later, so a write in between
    /// would put the old view's link over it.
    from: String,
}

/// Makes `url` the link to write after the next paint (`push`: as a new entry). A link waiting
/// when a push comes is written first, so that history keeps every step (and the entry before
/// the push its own link); a replace merges into whatever waits (a key typed just after a click
/// belongs to the click's entry).
fn write_later(pending: &Rc<RefCell<Option<Pending>>>, url: String, push: bool) {
    let mut p = pending.borrow_mut();
    match p.take() {
        Some(w) if push => {
            write(&w);
            *p = Some(Pending {
                url,
                push,
                from: dom::fragment(),
            });
        }
        Some(w) => *p = Some(Pending { url, ..w }),
        None => {
            *p = Some(Pending {
                url,
                push,
                from: dom::fragment(),
            });
            let pending = pending.clone();
            dom::after_paint(move || write_pending(&pending));
        }
    }
}

/// Writes the waiting link, if any.
fn write_pending(pending: &RefCell<Option<Pending>>) {
    let waiting = pending.borrow_mut().take();
    if let Some(w) = waiting {
        write(&w);
    }
}

/// Writes a link: `pushState` and `replaceState` fire no `hashchange`, and the state shown is
/// already the link's.
fn write(w: &Pending) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    if dom::fragment() != w.from {
        return;
    }
    let _ = if w.push {
        history.push_state_with_url(&JsValue::NULL, "", Some(&w.url))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&w.url))
    };
}
