//! The corpus bundle compiled into the wasm by `build.rs`, and its one-time decoding; no network.
//! `use_data` holds the app's `Data`: the bundle with the reader's own documents, made again
//! whenever they change.

use std::rc::Rc;

use parallax_core::{Bundle, BundleError};
use yew::prelude::*;

use crate::ctx::Data;
use crate::own_docs::OwnDocs;

/// Bytes written by `build.rs` from `corpus/iran-russia` (or the bundle named by
/// `PARALLAX_BUNDLE` at build time).
static BUNDLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.plxb"));

/// Decodes the built-in bundle. `decode` is total, so a damaged bundle is an error, not a panic.
pub fn load() -> Result<Bundle, BundleError> {
    parallax_core::decode(BUNDLE)
}

/// The app's data: the built-in bundle, decoded once, with the reader's own documents read from
/// local storage at start; a new `Data` each time they are imported or removed.
#[hook]
pub fn use_data() -> Rc<Result<Rc<Data>, BundleError>> {
    let data = use_state(|| load().map(|b| Data::of(OwnDocs::open(b))));
    {
        // Once, after the first paint: the store hands each new library to this state, and
        // documents another tab imports or removes arrive as it stores them.
        let own = (*data).as_ref().ok().map(|d| d.own.clone());
        let setter = data.setter();
        use_effect_with((), move |_| {
            let listener = own.map(|own| {
                let store = own.clone();
                own.connect(Callback::from(move |()| {
                    setter.set(Ok(Data::of(store.clone())));
                }));
                web_sys::window().map(|window| {
                    gloo::events::EventListener::new(&window, "storage", move |_| {
                        own.sync();
                    })
                })
            });
            move || drop(listener)
        });
    }
    Rc::new((*data).clone())
}
