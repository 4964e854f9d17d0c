//! The corpus bundle compiled into the wasm by `build.rs`, and its one-time decoding; no network.
//! `use_data` holds the app's `Data`: the bundle with the reader's own documents, made again
//! whenever they change.

use std::rc::Rc;

use parallax_core::{Bundle, BundleError};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ctx::Data;
use crate::own_docs::{OwnAction, OwnDocs};

/// Bytes written by `build.rs` from `corpus/iran-russia` (or the bundle named by
/// `PARALLAX_BUNDLE` at build time).
static BUNDLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.plxb"));

/// Decodes the built-in bundle, part of the program itself (so its checksum is not computed
/// again at every start). Decoding is total: a damaged bundle is an error, not a panic.
pub fn load() -> Result<Bundle, BundleError> {
    parallax_core::decode_embedded(BUNDLE)
}

/// The id of the single file's data block that holds a collection of documents written into it
/// by "Download as one file" (`parallax_pack::COLLECTION_BLOCK_ID`).
pub const COLLECTION_BLOCK_ID: &str = "parallax-collection";

/// The collection written into this page, when it is a single file made by "Download as one
/// file": the block's text, if any.
fn embedded() -> Option<String> {
    let text = web_sys::window()?
        .document()?
        .get_element_by_id(COLLECTION_BLOCK_ID)?
        .text_content()?;
    (!text.trim().is_empty()).then_some(text)
}

/// The app's data: the built-in bundle, decoded once, with the reader's own documents read from
/// local storage at start; a new `Data` each time they are imported or removed (here or, as it
/// stores them, in another tab).
#[hook]
pub fn use_data() -> Rc<Result<Rc<Data>, BundleError>> {
    let own = use_reducer(|| OwnDocs::open(load(), embedded()));
    {
        let own = own.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window, "storage", move |e| {
                    // Another tab wrote its notes or draft (a key of their own): nothing to
                    // take in, and no copy of the library made to find that out. No key: the
                    // whole storage was cleared.
                    let key = e
                        .dyn_ref::<web_sys::StorageEvent>()
                        .and_then(web_sys::StorageEvent::key);
                    if key.is_none_or(|k| k == parallax_core::library::KEY) {
                        own.dispatch(OwnAction::Sync)
                    }
                })
            });
            move || drop(listener)
        });
    }
    let change = own.dispatcher().to_callback();
    let data = {
        let own = own.clone();
        use_memo(own.generation, move |_| {
            own.loaded
                .as_ref()
                .map(|o| Data::of(o, change))
                .map_err(Clone::clone)
        })
    };
    Rc::new((*data).clone())
}
