//! The whole page as a drop target for the reader's files: `.txt`, `.md` and `.html` files
//! dropped anywhere import as if chosen in the library (through the page's `Importer`, with the
//! same message for each file), and an overlay says so while files are dragged over the page.
//! A drag of anything else (text, a link) is left to the browser over a field that takes text,
//! and refused elsewhere, so that a link dropped on the page never replaces the app with
//! another page.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use parallax_core::state::View;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, Element, File};
use yew::prelude::*;

use crate::ctx::use_ctx;
use crate::import_ui::{use_importer, Importer};

/// What a drop needs of the latest render: where to import, and whether the library is shown
/// (which lists the outcomes itself).
type Latest = Rc<RefCell<Option<(Importer, bool)>>>;

/// True when the drag carries files (not text or a link).
fn has_files(e: &DragEvent) -> bool {
    e.data_transfer()
        .is_some_and(|d| d.types().includes(&"Files".into(), 0))
}

/// True over a field that takes dropped text, where the browser's own drop is wanted.
fn over_field(e: &DragEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|el| {
            el.closest(
                "input:not([type]), input[type=text], input[type=search], input[type=url], \
                 input[type=email], textarea, [contenteditable]:not([contenteditable=false])",
            )
            .ok()
            .flatten()
        })
        .is_some()
}

fn files(e: &DragEvent) -> Vec<File> {
    e.data_transfer()
        .and_then(|d| d.files())
        .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

#[component]
pub fn PageDrop() -> Html {
    let ctx = use_ctx();
    let importer = use_importer();
    let over = use_state_eq(|| false);
    let latest: Latest = use_mut_ref(|| None);
    *latest.borrow_mut() = Some((
        importer,
        // A lesson step may show the library, whose own list then shows the outcomes.
        matches!(ctx.state.shown_view(), View::Library),
    ));
    // The drag enters and leaves each element under the pointer in turn: the overlay goes when
    // as many have been left as entered, or at the drop.
    let depth = use_mut_ref(|| 0i32);
    {
        let over = over.clone();
        use_effect_with((), move |_| {
            let Some(window) = web_sys::window() else {
                return Box::new(|| ()) as Box<dyn FnOnce()>;
            };
            let options = EventListenerOptions::enable_prevent_default();
            let on = |name: &'static str, f: Box<dyn Fn(&DragEvent)>| {
                EventListener::new_with_options(&window, name, options, move |e| {
                    if let Some(e) = e.dyn_ref::<DragEvent>() {
                        f(e)
                    }
                })
            };
            let listeners = [
                on("dragenter", {
                    let (over, depth) = (over.clone(), depth.clone());
                    Box::new(move |e| {
                        if has_files(e) {
                            *depth.borrow_mut() += 1;
                            over.set(true);
                        }
                    })
                }),
                on("dragover", {
                    let over = over.clone();
                    Box::new(move |e| {
                        if has_files(e) {
                            // Accepting the drag is what makes the browser fire `drop` here
                            // instead of opening the file in place of the app.
                            e.prevent_default();
                            if let Some(d) = e.data_transfer() {
                                d.set_drop_effect("copy");
                            }
                            over.set(true);
                        } else if !over_field(e) {
                            e.prevent_default();
                        }
                    })
                }),
                on("dragleave", {
                    let (over, depth) = (over.clone(), depth.clone());
                    Box::new(move |e| {
                        if has_files(e) {
                            let mut d = depth.borrow_mut();
                            *d -= 1;
                            if *d <= 0 {
                                *d = 0;
                                over.set(false);
                            }
                        }
                    })
                }),
                on("drop", {
                    let (over, depth) = (over.clone(), depth.clone());
                    Box::new(move |e| {
                        *depth.borrow_mut() = 0;
                        over.set(false);
                        if has_files(e) {
                            e.prevent_default();
                            let files = files(e);
                            if let Some((importer, on_library)) = latest.borrow().clone() {
                                importer.start(files, !on_library);
                            }
                        } else if !over_field(e) {
                            // Text or a link dropped outside a field: nothing to do, and the
                            // browser must not follow the link away from the app.
                            e.prevent_default();
                        }
                    })
                }),
            ];
            Box::new(move || drop(listeners))
        });
    }
    html! {
        if *over {
            <div class="page-drop">
                <p>{ "Drop .txt, .md or .html files to add them to your documents." }</p>
            </div>
        }
    }
}
